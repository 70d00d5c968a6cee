// The malformed-input corpus (tests/data/bad/, see its README.md): the built
// binary's `rehab validate FILE`, run in that folder, must print exactly
// FILE.expected on stderr and exit 1; FILE named *.ok.* must be accepted.
// REHAB_UPDATE_GOLDEN=1 rewrites the .expected files from the actual output.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "planner/base/limits.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::DataPath;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunResult;
using testing::ScopedTempDir;
using testing::TestNameOf;
using testing::UpdateGolden;
using testing::WriteFile;

// Generous: the sanitizer build is slow; a hang would take far longer.
constexpr double kMaxSecondsPerFile = 20.0;

std::string BadDir() { return DataPath("bad"); }

bool IsAcceptedInput(const std::string& name) { return name.find(".ok.") != std::string::npos; }

bool IsCorpusInput(const std::string& name) {
  return !name.ends_with(".expected") && name != "README.md";
}

// The corpus inputs, sorted by name.
std::vector<std::string> CorpusInputs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(BadDir())) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && IsCorpusInput(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> RejectedInputs() {
  std::vector<std::string> names;
  for (const auto& name : CorpusInputs()) {
    if (!IsAcceptedInput(name)) names.push_back(name);
  }
  return names;
}

std::vector<std::string> AcceptedInputs() {
  std::vector<std::string> names;
  for (const auto& name : CorpusInputs()) {
    if (IsAcceptedInput(name)) names.push_back(name);
  }
  return names;
}

// Runs the binary's `validate NAME` with the working directory set to the
// corpus folder, so diagnostics name the file as the .expected files do.
struct TimedRun {
  RunResult result;
  double seconds = 0;
};

TimedRun ValidateInCorpusDir(const std::string& name) {
  fs::path previous = fs::current_path();
  fs::current_path(BadDir());
  auto start = std::chrono::steady_clock::now();
  TimedRun run{RunBinary({"validate", name}), 0};
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::current_path(previous);
  return run;
}

// A gtest parameter name: letters, digits and '_' only.
std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  return TestNameOf(info.param);
}

class RejectedInputTest : public ::testing::TestWithParam<std::string> {};
class AcceptedInputTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RejectedInputTest, GetsExactlyTheExpectedDiagnostics) {
  const std::string& name = GetParam();
  std::string expected_path = BadDir() + "/" + name + ".expected";
  TimedRun run = ValidateInCorpusDir(name);
  UpdateGolden(expected_path, run.result.err);
  ASSERT_TRUE(fs::exists(expected_path))
      << name << " has no " << name << ".expected (run with REHAB_UPDATE_GOLDEN=1 to write it, "
      << "then read it)";
  EXPECT_EQ(run.result.err, ReadFile(expected_path));
  EXPECT_EQ(run.result.exit_code, 1) << run.result.err;
  EXPECT_EQ(run.result.out, "");
  EXPECT_LT(run.seconds, kMaxSecondsPerFile);
}

TEST_P(AcceptedInputTest, IsValidated) {
  const std::string& name = GetParam();
  EXPECT_FALSE(fs::exists(BadDir() + "/" + name + ".expected"))
      << "an accepted input has no .expected file";
  TimedRun run = ValidateInCorpusDir(name);
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_EQ(run.result.err, "");
  EXPECT_TRUE(run.result.out.starts_with(name + ": ok (")) << run.result.out;
  EXPECT_LT(run.seconds, kMaxSecondsPerFile);
}

INSTANTIATE_TEST_SUITE_P(Corpus, RejectedInputTest, ::testing::ValuesIn(RejectedInputs()),
                         TestName);
INSTANTIATE_TEST_SUITE_P(Corpus, AcceptedInputTest, ::testing::ValuesIn(AcceptedInputs()),
                         TestName);

TEST(BadInputCorpusTest, HoldsAtLeastFortyMalformedInputs) {
  EXPECT_GE(RejectedInputs().size(), 40u);
}

TEST(BadInputCorpusTest, EveryExpectedFileBelongsToAnInput) {
  for (const auto& entry : fs::directory_iterator(BadDir())) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".expected")) continue;
    std::string input = name.substr(0, name.size() - std::string(".expected").size());
    EXPECT_TRUE(fs::exists(BadDir() + "/" + input)) << name << " has no input file " << input;
  }
}

TEST(BadInputCorpusTest, ExpectedFilesNameTheInputByItsBareFileName) {
  for (const auto& name : CorpusInputs()) {
    std::string expected_path = BadDir() + "/" + name + ".expected";
    if (!fs::exists(expected_path)) continue;
    std::string text = ReadFile(expected_path);
    EXPECT_EQ(text.find(BadDir()), std::string::npos) << name << ".expected holds an absolute path";
    EXPECT_TRUE(text.starts_with(name + ":") || text.starts_with("rehab: "))
        << name << ".expected does not start with the file name: " << text.substr(0, 80);
  }
}

// Inputs too big to keep in the repository are made here.

TEST(BadInputGeneratedTest, RejectsAFileOverFourMebibytesQuickly) {
  ScopedTempDir dir;
  std::string path = dir.File("huge.yaml");
  std::string text = "phases:\n  - id: one\n    title: '";
  text += std::string(kMaxInputBytes, 'x');
  text += "'\n";
  WriteFile(path, text);
  auto start = std::chrono::steady_clock::now();
  RunResult r = RunBinary({"validate", path});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 1);
  // Refused by its size before it is read (cli/io.cc), so by the CLI's reader.
  EXPECT_EQ(r.err, fmt::format("rehab: cannot read '{}': the file is {} bytes, over the limit of "
                               "4 MiB\n",
                               path, text.size()));
  EXPECT_LT(seconds, kMaxSecondsPerFile);
}

TEST(BadInputGeneratedTest, RejectsADiaryWithMoreRowsThanTheLimit) {
  ScopedTempDir dir;
  std::string path = dir.File("long.csv");
  std::string text = "date,during\n";
  for (int i = 0; i <= kMaxDiaryRows; ++i) text += "2026-03-01,1\n";
  WriteFile(path, text);
  RunResult r = RunBinary({"validate", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("{}: error: {} rows, more than the limit of {}\n", path,
                               kMaxDiaryRows + 1, kMaxDiaryRows));
}

TEST(BadInputGeneratedTest, AcceptsADiaryAtTheRowLimit) {
  ScopedTempDir dir;
  std::string path = dir.File("full.csv");
  std::string text = "date,during\n";
  for (int i = 0; i < kMaxDiaryRows; ++i) text += "2026-03-01,1\n";
  WriteFile(path, text);
  RunResult r = RunBinary({"validate", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(BadInputGeneratedTest, ReportsAMissingFile) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"validate", dir.File("absent.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("absent.yaml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rehab
