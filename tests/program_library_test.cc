// The program library (cli/program_library.h): built-in ids, names resolved
// as the verbs resolve them, and each file loaded once however many ask.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/program_library.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using cli::LoadedProgram;
using cli::ProgramLibrary;
using testing::ReadFile;
using testing::ScopedTempDir;
using testing::SourcePath;
using testing::WriteFile;

std::atomic<int> digests_taken{0};

uint64_t CountingDigest(std::string_view bytes) {
  ++digests_taken;
  return bytes.size();
}

// A programs folder with the shipped catalogue and two of the shipped programs.
class ProgramLibraryTest : public ::testing::Test {
 protected:
  ProgramLibraryTest() {
    for (const char* name : {"exercises", "medial-knee-pain", "patellofemoral-pain"}) {
      std::string file = std::string(name) + ".yaml";
      WriteFile(dir_.File(file), ReadFile(SourcePath("programs/" + file)));
    }
    WriteFile(dir_.File("notes.txt"), "not a program\n");
  }
  ScopedTempDir dir_;
};

TEST_F(ProgramLibraryTest, BuiltinIdsAreTheYamlFilesButTheCatalogueSorted) {
  ProgramLibrary library(dir_.path().string());
  EXPECT_EQ(library.BuiltinIds(),
            (std::vector<std::string>{"medial-knee-pain", "patellofemoral-pain"}));
}

TEST_F(ProgramLibraryTest, ResolvesIdsAndPathsAsTheVerbsDo) {
  ProgramLibrary library(dir_.path().string());
  EXPECT_EQ(library.FileOf("medial-knee-pain"), dir_.File("medial-knee-pain.yaml"));
  EXPECT_EQ(library.FileOf("./mine.yaml"), "./mine.yaml");  // a path, as given
  const fs::path base = "patients/today";
  EXPECT_EQ(library.FileOf("../programs/mine.yml", &base), "patients/programs/mine.yml");
  EXPECT_EQ(library.FileOf("medial-knee-pian"), std::nullopt);
  EXPECT_EQ(library.UnknownProgramMessage("medial-knee-pian"),
            "unknown program 'medial-knee-pian', did you mean 'medial-knee-pain'?");
}

TEST_F(ProgramLibraryTest, LoadsAProgramOnceForABatchOfManyPatients) {
  ProgramLibrary library(dir_.path().string());
  library.LoadCatalogue();
  const std::string path = *library.FileOf("medial-knee-pain");
  constexpr int kThreads = 4, kPatientsEach = 250;
  std::vector<std::vector<std::shared_ptr<const LoadedProgram>>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPatientsEach; ++i) seen[t].push_back(library.LoadProgram(path));
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(library.program_loads(), 1u);
  std::set<const LoadedProgram*> distinct;
  for (const auto& list : seen) {
    for (const auto& loaded : list) distinct.insert(loaded.get());
  }
  ASSERT_EQ(distinct.size(), 1u);
  const LoadedProgram& loaded = **distinct.begin();
  ASSERT_NE(loaded.program, nullptr) << loaded.diags.ToString();
  EXPECT_EQ(loaded.program->id, "medial-knee-pain");
}

TEST_F(ProgramLibraryTest, LoadsEachOfManyPathsOnceInTheOrderAsked) {
  ProgramLibrary library(dir_.path().string());
  std::vector<std::string> paths = {library.BuiltinFile("patellofemoral-pain"),
                                    library.BuiltinFile("medial-knee-pain"),
                                    library.BuiltinFile("patellofemoral-pain")};
  auto loaded = library.LoadPrograms(paths);
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0]->program->id, "patellofemoral-pain");
  EXPECT_EQ(loaded[1]->program->id, "medial-knee-pain");
  EXPECT_EQ(loaded[2], loaded[0]);
  EXPECT_EQ(library.LoadProgram(paths[1]), loaded[1]);
  EXPECT_EQ(library.program_loads(), 2u);
}

TEST_F(ProgramLibraryTest, AFileThatCannotBeReadKeepsItsReadErrorAndNoProgram) {
  ProgramLibrary library(dir_.path().string());
  auto loaded = library.LoadProgram(dir_.File("missing.yaml"));
  EXPECT_EQ(loaded->program, nullptr);
  EXPECT_EQ(loaded->read_error.rfind("cannot read '" + dir_.File("missing.yaml") + "'", 0), 0u)
      << loaded->read_error;
  EXPECT_FALSE(loaded->diags.HasErrors());
}

TEST_F(ProgramLibraryTest, ABrokenCatalogueLeavesEveryProgramUnloaded) {
  WriteFile(dir_.File("exercises.yaml"), "exercises: [\n");
  ProgramLibrary library(dir_.path().string());
  EXPECT_FALSE(library.LoadCatalogue().catalogue.has_value());
  EXPECT_TRUE(library.LoadCatalogue().diags.HasErrors());
  auto loaded = library.LoadProgram(library.BuiltinFile("medial-knee-pain"));
  EXPECT_EQ(loaded->program, nullptr);
  EXPECT_EQ(loaded->read_error, "");
}

TEST_F(ProgramLibraryTest, DigestsTheCatalogueAndEachProgramOnceFromTheBytesRead) {
  digests_taken = 0;
  ProgramLibrary library(dir_.path().string(), CountingDigest);
  const std::string program = library.BuiltinFile("medial-knee-pain");
  EXPECT_EQ(library.LoadCatalogue().digest, ReadFile(dir_.File("exercises.yaml")).size());
  EXPECT_EQ(library.LoadProgram(program)->digest, ReadFile(program).size());
  library.LoadProgram(program);
  library.LoadCatalogue();
  EXPECT_EQ(digests_taken, 2);
}

}  // namespace
}  // namespace rehab
