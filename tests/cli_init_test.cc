// End-to-end tests of `rehab init` on the built binary: each starter file
// validates (and a patient's plans), an existing file is never overwritten,
// and health data is created private.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

// The permission bits of `path`.
unsigned Mode(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 0777;
}

TEST(CliInitTest, AStarterPatientFileForAPostOperativeProgramValidates) {
  ScopedTempDir dir;
  RunResult init = RunBinary({"init", "patient", "total-knee-replacement", "-o", dir.File("p.yaml"),
                              "--surgery", "2026-11-02"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  RunResult r = RunBinary({"validate", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "ok (patient)")) << r.out;
}

TEST(CliInitTest, AStarterPatientFilePlansWithTheProgramItNames) {
  ScopedTempDir dir;
  ASSERT_EQ(RunBinary({"init", "patient", "total-knee-replacement", "-o", dir.File("p.yaml"),
                       "--surgery", "2026-11-02"})
                .exit_code,
            0);
  RunResult r = RunBinary({"plan", "--patient", dir.File("p.yaml"), "--today", "2026-11-10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Surgery 2026-11-02")) << r.out;
}

TEST(CliInitTest, APostOperativeStarterAsksForTheSurgeryDateAndAConservativeOneForTheStart) {
  ScopedTempDir dir;
  ASSERT_EQ(RunBinary({"init", "patient", "total-knee-replacement", "-o", dir.File("tkr.yaml"),
                       "--today", "2026-11-30"})
                .exit_code,
            0);
  ASSERT_EQ(RunBinary({"init", "patient", "medial-knee-pain", "-o", dir.File("mkp.yaml"), "--today",
                       "2026-11-30"})
                .exit_code,
            0);
  EXPECT_TRUE(Contains(ReadFile(dir.File("tkr.yaml")), "surgery:"))
      << ReadFile(dir.File("tkr.yaml"));
  EXPECT_TRUE(Contains(ReadFile(dir.File("tkr.yaml")), "  date: 2026-11-30"));
  EXPECT_FALSE(Contains(ReadFile(dir.File("mkp.yaml")), "surgery:"));
  EXPECT_TRUE(Contains(ReadFile(dir.File("mkp.yaml")), "start: 2026-11-30"));
}

TEST(CliInitTest, AStarterPatientFileNamesAProgramFileByAPathFromItsFolder) {
  ScopedTempDir dir;
  fs::create_directory(dir.path() / "patients");
  ASSERT_EQ(RunBinary({"init", "program", "-o", dir.File("my-program.yaml")}).exit_code, 0);
  RunResult init = RunBinary({"init", "patient", dir.File("my-program.yaml"), "-o",
                              dir.File("patients/p.yaml"), "--start", "2026-11-02"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(Contains(ReadFile(dir.File("patients/p.yaml")), "program: ../my-program.yaml"));
  RunResult r =
      RunBinary({"plan", "--patient", dir.File("patients/p.yaml"), "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliInitTest, AStarterDiaryValidates) {
  ScopedTempDir dir;
  ASSERT_EQ(RunBinary({"init", "diary", "-o", dir.File("d.csv")}).exit_code, 0);
  RunResult r = RunBinary({"validate", dir.File("d.csv")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "ok (diary)")) << r.out;
}

TEST(CliInitTest, AStarterDiaryTakesAnEntryFromLog) {
  ScopedTempDir dir;
  ASSERT_EQ(RunBinary({"init", "diary", "-o", dir.File("d.csv")}).exit_code, 0);
  RunResult r = RunBinary(
      {"log", dir.File("d.csv"), "--date", "2026-11-30", "--today", "2026-11-30", "--during", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(ReadFile(dir.File("d.csv")), "2026-11-30,3")) << ReadFile(dir.File("d.csv"));
}

TEST(CliInitTest, AStarterProgramValidatesWithItsFileNameAsItsId) {
  ScopedTempDir dir;
  ASSERT_EQ(RunBinary({"init", "program", "-o", dir.File("my-knee.yaml")}).exit_code, 0);
  EXPECT_TRUE(Contains(ReadFile(dir.File("my-knee.yaml")), "id: my-knee "));
  RunResult r = RunBinary({"validate", dir.File("my-knee.yaml")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "ok (program)")) << r.out;
}

TEST(CliInitTest, AProgramFileNameThatIsNotAnIdIsAUsageError) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"init", "program", "-o", dir.File("My Program.yaml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "'My Program' is not an id")) << r.err;
  EXPECT_FALSE(fs::exists(dir.File("My Program.yaml")));
}

TEST(CliInitTest, AnExistingFileIsNeverOverwritten) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"), "mine\n");
  RunResult r = RunBinary({"init", "patient", "medial-knee-pain", "-o", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "p.yaml' already exists; init never overwrites a file")) << r.err;
  EXPECT_EQ(ReadFile(dir.File("p.yaml")), "mine\n");
}

TEST(CliInitTest, ASymbolicLinkAtTheOutputIsNotFollowed) {
  ScopedTempDir dir;
  WriteFile(dir.File("target.csv"), "mine\n");
  fs::create_symlink(dir.File("target.csv"), dir.File("d.csv"));
  RunResult r = RunBinary({"init", "diary", "-o", dir.File("d.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadFile(dir.File("target.csv")), "mine\n");
}

TEST(CliInitTest, PatientFilesAndDiariesAreReadableByTheOwnerOnly) {
  ScopedTempDir dir;
  ASSERT_EQ(RunBinary({"init", "patient", "medial-knee-pain", "-o", dir.File("p.yaml")}).exit_code,
            0);
  ASSERT_EQ(RunBinary({"init", "diary", "-o", dir.File("d.csv")}).exit_code, 0);
  EXPECT_EQ(Mode(dir.File("p.yaml")), 0600u);
  EXPECT_EQ(Mode(dir.File("d.csv")), 0600u);
}

TEST(CliInitTest, AnUnknownProgramIsAUsageErrorAndWritesNothing) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"init", "patient", "total-knee-replacment", "-o", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "total-knee-replacment")) << r.err;
  EXPECT_FALSE(fs::exists(dir.File("p.yaml")));
}

TEST(CliInitTest, AStartDateForAPostOperativeProgramIsRefused) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"init", "patient", "total-knee-replacement", "-o", dir.File("p.yaml"),
                           "--start", "2026-11-02"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "give --surgery DATE, not --start")) << r.err;
  EXPECT_FALSE(fs::exists(dir.File("p.yaml")));
}

TEST(CliInitTest, AnUnknownKindIsAUsageError) {
  RunResult r = RunBinary({"init", "patients", "-o", "-"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "init writes a patient, diary or program, not 'patients'")) << r.err;
}

TEST(CliInitTest, WithoutOutputFileItIsAUsageError) {
  RunResult r = RunBinary({"init", "diary"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "init needs -o FILE")) << r.err;
}

TEST(CliInitTest, TheTopLevelHelpListsInit) {
  RunResult r = RunBinary({"--help"});
  EXPECT_TRUE(Contains(r.out, "  init       write a starter patient, diary or program file"))
      << r.out;
}

}  // namespace
}  // namespace rehab::testing
