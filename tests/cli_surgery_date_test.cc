// End-to-end tests on the built binary: a post-operative program counts from
// the surgery date alone; a start date is never taken for it.
#include <gtest/gtest.h>

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

TEST(CliSurgeryDateTest, APatientFileWithOnlyAStartForAPostOperativeProgramNamesTheKey) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: total-knee-replacement\nside: right\nstart: 2026-11-02\n");
  RunResult r = RunBinary({"plan", "--patient", dir.File("p.yaml"), "--today", "2026-11-10"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(r.err, "p.yaml has none: set 'surgery.date:' in it")) << r.err;
  EXPECT_TRUE(Contains(r.err, "or give --surgery DATE")) << r.err;
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
