// End-to-end tests on the built binary of the patient file's `program:`:
// used when PROGRAM is left out, and an error when PROGRAM names another
// program, unless --program-override.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

// A golden patient after a total knee replacement whose line 3 is
// "program: total-knee-replacement".
std::string TkrPatient() { return DataPath("golden/total-knee-replacement.yaml"); }

TEST(CliPatientProgramTest, PlanWithoutProgramUsesThePatientFilesProgram) {
  RunResult r = RunBinary({"plan", "--patient", TkrPatient(), "--today", "2026-11-23"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "After total knee replacement (total-knee-replacement v")) << r.out;
}

TEST(CliPatientProgramTest, PlanWithoutProgramGivesTheSameBytesAsWithTheFilesProgram) {
  RunResult without =
      RunBinary({"plan", "--patient", TkrPatient(), "--today", "2026-11-23", "--format", "json"});
  RunResult with = RunBinary({"plan", "total-knee-replacement", "--patient", TkrPatient(),
                              "--today", "2026-11-23", "--format", "json"});
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(without.out, with.out);
}

TEST(CliPatientProgramTest, PlanWithNeitherProgramNorPatientIsAUsageError) {
  RunResult r = RunBinary({"plan", "--today", "2026-11-23"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "plan needs a PROGRAM, or --patient FILE naming its program"))
      << r.err;
}

TEST(CliPatientProgramTest, AProgramOtherThanThePatientFilesIsAnErrorAtItsProgramKey) {
  RunResult r =
      RunBinary({"plan", "medial-knee-pain", "--patient", TkrPatient(), "--today", "2026-11-23"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(r.err, TkrPatient() + ":3:10: error: the patient file names program "
                                             "'total-knee-replacement', and the command line "
                                             "'medial-knee-pain'"))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "--program-override")) << r.err;
}

TEST(CliPatientProgramTest, ProgramOverridePlansWithTheProgramGiven) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--patient", TkrPatient(), "--today",
                           "2026-11-23", "--program-override"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Inner knee pain in runners (medial-knee-pain v")) << r.out;
}

TEST(CliPatientProgramTest, TheFilesProgramGivenByPathIsTheSameProgram) {
  RunResult r = RunBinary({"plan", SourcePath("programs/total-knee-replacement.yaml"), "--patient",
                           TkrPatient(), "--today", "2026-11-23"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliPatientProgramTest, TodayRefusesAProgramOtherThanThePatientFilesToo) {
  RunResult r =
      RunBinary({"today", "medial-knee-pain", "--patient", TkrPatient(), "--today", "2026-11-23"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "the patient file names program 'total-knee-replacement'")) << r.err;
}

TEST(CliPatientProgramTest, ExplainRefusesAProgramOtherThanThePatientFilesToo) {
  RunResult r = RunBinary({"explain", "medial-knee-pain", "--patient", TkrPatient(), "--today",
                           "2026-11-23", "--date", "2026-11-23"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "the patient file names program 'total-knee-replacement'")) << r.err;
}

TEST(CliPatientProgramTest, APatientFileWithoutProgramTakesAnyProgram) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"), "id: p\nside: right\nstart: 2026-11-02\n");
  RunResult r = RunBinary(
      {"plan", "medial-knee-pain", "--patient", dir.File("p.yaml"), "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliPatientProgramTest, AnUnknownProgramInThePatientFileIsLocatedEvenWithAProgramGiven) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: medial-knee-pian\nside: right\nstart: 2026-11-02\n");
  RunResult r = RunBinary(
      {"plan", "medial-knee-pain", "--patient", dir.File("p.yaml"), "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, dir.File("p.yaml") + ":2:10: error: unknown program")) << r.err;
  EXPECT_TRUE(Contains(r.err, "medial-knee-pian")) << r.err;
}

}  // namespace
}  // namespace rehab::testing
