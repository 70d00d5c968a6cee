// End-to-end tests of `rehab today` on the built binary: the program named
// by the patient file, its errors, and what the day view holds. The day
// view's full text is pinned by tests/today_golden_test.cc.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "planner/present/messages.h"
#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

using rehab::LongDate;

TEST(CliTodayTest, ThePatientFileAloneNamesTheProgramByAPathRelativeToIt) {
  RunResult r = RunBinary(
      {"today", "--patient", DataPath("today/three-days-patient.yaml"), "--today", "2026-11-09"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(Contains(r.out, "Three days a week · left leg")) << r.out;
  EXPECT_TRUE(Contains(r.out, "- Wall push: 2 sets of 5 · left leg")) << r.out;
}

TEST(CliTodayTest, ThePatientFileAloneNamesABuiltInProgramById) {
  RunResult r = RunBinary({"today", "--patient", DataPath("golden/total-knee-replacement.yaml"),
                           "--today", "2026-11-23"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "After total knee replacement · right leg")) << r.out;
}

TEST(CliTodayTest, AProgramArgumentWinsOverThePatientFiles) {
  RunResult r = RunBinary({"today", "knee-osteoarthritis", "--patient",
                           DataPath("golden/knee-osteoarthritis.yaml"), "--today", "2026-11-24"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Knee osteoarthritis")) << r.out;
}

TEST(CliTodayTest, APatientFileWithoutAProgramIsAUsageError) {
  ScopedTempDir dir;
  WriteFile(dir.File("patient.yaml"), "id: p\nside: right\nsurgery:\n  date: 2026-11-02\n");
  RunResult r = RunBinary({"today", "--patient", dir.File("patient.yaml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(r.err, "patient.yaml names no program: give PROGRAM, or add 'program:'"))
      << r.err;
}

TEST(CliTodayTest, NeitherProgramNorPatientIsAUsageError) {
  RunResult r = RunBinary({"today", "--today", "2026-11-23"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "today needs a PROGRAM, or --patient FILE naming its program"))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "usage: rehab today")) << r.err;
}

TEST(CliTodayTest, ABadPatientFileGetsItsLocatedDiagnostics) {
  std::string patient = DataPath("cli/bad-patient.yaml");
  RunResult r = RunBinary({"today", "--patient", patient});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, patient + ":2:7: error: 'side' must be one of left, right, both"))
      << r.err;
}

TEST(CliTodayTest, AMissingPatientFileIsInvalidInput) {
  RunResult r = RunBinary({"today", "--patient", DataPath("today/no-such-patient.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "no-such-patient.yaml")) << r.err;
}

TEST(CliTodayTest, AnUnknownProgramInThePatientFileIsLocatedWithASuggestion) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: total-knee-replacment\nside: right\nsurgery:\n  date: 2026-11-02\n");
  RunResult r = RunBinary({"today", "--patient", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, dir.File("p.yaml") +
                       ":2:10: error: unknown program 'total-knee-replacment', did you mean "
                       "'total-knee-replacement'?\n"
                       "program: total-knee-replacment\n"
                       "         ^\n");
}

TEST(CliTodayTest, HasHelpAndIsListedInTheTopLevelHelp) {
  RunResult help = RunBinary({"today", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_TRUE(Contains(help.out, "usage: rehab today PROGRAM")) << help.out;
  EXPECT_TRUE(Contains(help.out, "--patient")) << help.out;
  RunResult top = RunBinary({"--help"});
  EXPECT_TRUE(Contains(top.out, "  today      ")) << top.out;
}

TEST(CliTodayTest, TheDayIsTodayOrTheOneTodayNames) {
  std::vector<std::string> args = {"today",      "medial-knee-pain", "--start",
                                   "2026-12-01", "--today",          "2026-12-03"};
  RunResult r = RunBinary(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("Today: Thursday 3 December 2026\n")) << r.out;
}

// "Today: Thursday 3 December 2026" for the date it is now in `zone`.
std::string TodayHeadingIn(const std::string& zone) {
  auto local = date::locate_zone(zone)->to_local(std::chrono::system_clock::now());
  Date day(std::chrono::floor<date::days>(local).time_since_epoch());
  return "Today: " + LongDate(day, "en") + "\n";
}

TEST(CliTodayTest, WithoutTodayItIsTheDateWhereThePatientIs) {
  // UTC+14 and UTC-11: never the same date, so UTC's cannot be both.
  for (const char* zone : {"Pacific/Kiritimati", "Pacific/Pago_Pago"}) {
    std::string before = TodayHeadingIn(zone);
    RunResult r = RunBinary({"today", "medial-knee-pain", "--start", "2026-01-01", "--tz", zone});
    std::string after = TodayHeadingIn(zone);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with(before) || r.out.starts_with(after))
        << zone << ": " << before << r.out.substr(0, 200);
  }
}

TEST(CliTodayTest, WithoutTodayThePatientFilesZoneCounts) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: medial-knee-pain\nside: left\ntimezone: Pacific/Kiritimati\n"
            "start: 2026-01-01\n");
  std::string before = TodayHeadingIn("Pacific/Kiritimati");
  RunResult r = RunBinary({"today", "--patient", dir.File("p.yaml")});
  std::string after = TodayHeadingIn("Pacific/Kiritimati");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(before) || r.out.starts_with(after)) << r.out.substr(0, 200);
}

TEST(CliTodayTest, SessionsAreAtThePatientsOwnTimes) {
  RunResult r = RunBinary({"today", "--patient", DataPath("golden/total-knee-replacement.yaml"),
                           "--today", "2026-11-23"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "\n  09:00  Exercises, session 1 of ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "Times are in your time zone, America/New_York.")) << r.out;
}

TEST(CliTodayTest, TheDoseIsTodaysAsExplainGivesIt) {
  // The flare steps the exercises back on 2026-11-21: the dose of that day.
  std::vector<std::string> common = {"total-knee-replacement",
                                     "--patient",
                                     DataPath("golden/total-knee-replacement.yaml"),
                                     "--diary",
                                     DataPath("golden/flare.csv"),
                                     "--today",
                                     "2026-11-21"};
  std::vector<std::string> today = {"today"}, explain = {"explain"};
  today.insert(today.end(), common.begin(), common.end());
  explain.insert(explain.end(), common.begin(), common.end());
  explain.insert(explain.end(), {"--date", "2026-11-21"});
  RunResult t = RunBinary(today), e = RunBinary(explain);
  ASSERT_EQ(t.exit_code, 0) << t.err;
  ASSERT_EQ(e.exit_code, 0) << e.err;
  // explain: "Heel slide: 2 sets of 10, hold 3 seconds, right leg (step 1 of 3)"
  size_t at = e.out.find("Heel slide: ");
  ASSERT_NE(at, std::string::npos) << e.out;
  std::string dose = e.out.substr(at + 12, e.out.find(", right leg", at) - at - 12);
  EXPECT_TRUE(Contains(Unwrapped(t.out), "- Heel slide: " + dose + " · right leg")) << dose << "\n"
                                                                                    << t.out;
}

}  // namespace
}  // namespace rehab::testing
