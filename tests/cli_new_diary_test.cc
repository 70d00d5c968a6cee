// End-to-end tests on the built binary: a patient file's `diary:` naming a
// file not written yet is an empty diary (with a note), so a new patient can
// be planned; `rehab log` then creates it. --diary FILE must exist.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

// A new patient whose diary (diary.csv beside the file) is not written yet.
std::string NewPatient(const ScopedTempDir& dir) {
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: medial-knee-pain\ndiary: diary.csv\n"
            "side: right\nstart: 2026-11-23\n");
  return dir.File("p.yaml");
}

TEST(CliNewDiaryTest, ADiaryNotWrittenYetPlansAsAnEmptyDiaryWithANote) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"plan", "--patient", NewPatient(dir), "--today", "2026-11-30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Inner knee pain in runners")) << r.out;
  EXPECT_TRUE(Contains(r.err, "rehab: note: the diary '" + dir.File("diary.csv") +
                                  "' does not exist yet: planning with an empty diary"))
      << r.err;
  EXPECT_FALSE(fs::exists(dir.File("diary.csv")));
}

TEST(CliNewDiaryTest, TodayPlansANewPatientToo) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"today", "--patient", NewPatient(dir), "--today", "2026-11-30"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.err, "does not exist yet")) << r.err;
}

TEST(CliNewDiaryTest, LogCreatesTheDiaryAndThePlanReadsIt) {
  ScopedTempDir dir;
  std::string patient = NewPatient(dir);
  RunResult log = RunBinary({"log", dir.File("diary.csv"), "--date", "2026-11-30", "--today",
                             "2026-11-30", "--during", "3"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  RunResult r = RunBinary({"plan", "--patient", patient, "--today", "2026-11-30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(CliNewDiaryTest, AMissingDiaryFlagFileIsStillAnError) {
  ScopedTempDir dir;
  RunResult r = RunBinary({"plan", "--patient", NewPatient(dir), "--diary", dir.File("nope.csv"),
                           "--today", "2026-11-30"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "nope.csv")) << r.err;
}

TEST(CliNewDiaryTest, ADiaryThatIsADanglingLinkIsStillAnError) {
  ScopedTempDir dir;
  std::string patient = NewPatient(dir);
  fs::create_symlink(dir.File("gone.csv"), dir.File("diary.csv"));
  RunResult r = RunBinary({"plan", "--patient", patient, "--today", "2026-11-30"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(Contains(r.err, "does not exist yet")) << r.err;
}

}  // namespace
}  // namespace rehab::testing
