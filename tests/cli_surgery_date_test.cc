// End-to-end tests on the built binary: a post-operative program counts from
// the surgery date alone; a start date is never taken for it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

TEST(CliSurgeryDateTest, APostOperativeProgramWithOnlyAStartFlagIsAUsageErrorNamingSurgery) {
  RunResult r = RunBinary(
      {"plan", "total-knee-replacement", "--start", "2026-11-02", "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(r.err,
                       "counts from the surgery date: give --surgery DATE (--start is not "
                       "used for a post-operative program)"))
      << r.err;
}

TEST(CliSurgeryDateTest, APostOperativeProgramWithNoDateAtAllNamesTheFlagAndTheKey) {
  RunResult r = RunBinary({"plan", "total-knee-replacement", "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "give --surgery DATE, or --patient FILE with 'surgery.date:'"))
      << r.err;
}

// A TKR patient file with only a start date, and the error every verb gives
// for it, located at its `start:`.
struct StartOnlyPatient {
  ScopedTempDir dir;
  std::string file = dir.File("p.yaml");
  StartOnlyPatient() {
    WriteFile(file, "id: p\nprogram: total-knee-replacement\nside: right\nstart: 2026-11-02\n");
  }
  std::string Error() const {
    return file +
           ":4:8: error: program 'total-knee-replacement' counts from the surgery date, and the "
           "patient has none: set 'surgery.date:' in the patient file ('start:' is not used for a "
           "post-operative program)\n"
           "start: 2026-11-02\n"
           "       ^\n";
  }
};

TEST(CliSurgeryDateTest, APatientFileWithOnlyAStartForAPostOperativeProgramNamesTheKey) {
  StartOnlyPatient p;
  RunResult r = RunBinary({"plan", "--patient", p.file, "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, p.Error() + "rehab: or give --surgery DATE on the command line\n");
}

TEST(CliSurgeryDateTest, EveryVerbThatPlansGivesTheSameLocatedError) {
  StartOnlyPatient p;
  for (const char* verb : {"plan", "today", "explain"}) {
    RunResult r = RunBinary({verb, "--patient", p.file, "--today", "2026-11-10"});
    EXPECT_EQ(r.exit_code, 1) << verb;
    EXPECT_EQ(r.out, "") << verb;
    EXPECT_EQ(r.err, p.Error() + "rehab: or give --surgery DATE on the command line\n") << verb;
  }
}

TEST(CliSurgeryDateTest, ValidateGivesTheSameLocatedError) {
  StartOnlyPatient p;
  RunResult r = RunBinary({"validate", p.file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, p.Error());
}

TEST(CliSurgeryDateTest, BatchAndTriageGiveTheSameLocatedErrorAndPlanNoOne) {
  StartOnlyPatient p;
  ScopedTempDir out;
  RunResult batch = RunBinary(
      {"batch", p.dir.path().string(), "--today", "2026-11-10", "-o", out.File("plans")});
  EXPECT_EQ(batch.exit_code, 1);
  EXPECT_TRUE(Contains(batch.err, p.Error())) << batch.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("plans/p.ics")));
  RunResult triage = RunBinary({"triage", p.dir.path().string(), "--today", "2026-11-10"});
  EXPECT_EQ(triage.exit_code, 1);
  EXPECT_TRUE(Contains(triage.err, p.Error())) << triage.err;
}

TEST(CliSurgeryDateTest, ABatchPatientWithASurgeryDateIsPlannedFromIt) {
  ScopedTempDir dir, out;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: total-knee-replacement\nside: right\nstart: 2026-11-04\n"
            "surgery:\n  date: 2026-11-02\n");
  RunResult r = RunBinary({"batch", dir.path().string(), "--today", "2026-11-10", "--format",
                           "json", "-o", out.File("plans")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(ReadFile(out.File("plans/p.json")), "\"first_day\": \"2026-11-02\""));
}

TEST(CliSurgeryDateTest, TheSurgeryFlagCompletesAPatientFileWithOnlyAStart) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: total-knee-replacement\nside: right\nstart: 2026-11-02\n");
  RunResult r = RunBinary({"plan", "--patient", dir.File("p.yaml"), "--surgery", "2026-11-03",
                           "--today", "2026-11-10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Surgery 2026-11-03")) << r.out;
}

TEST(CliSurgeryDateTest, TodayRefusesAPostOperativeProgramWithoutSurgeryDate) {
  RunResult r = RunBinary(
      {"today", "total-knee-replacement", "--start", "2026-11-02", "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "give --surgery DATE")) << r.err;
}

TEST(CliSurgeryDateTest, AConservativeProgramStillCountsFromTheStartDate) {
  RunResult r =
      RunBinary({"plan", "medial-knee-pain", "--start", "2026-11-16", "--today", "2026-11-30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Start 2026-11-16")) << r.out;
}

}  // namespace
}  // namespace rehab::testing
