// End-to-end tests of the text plan's window on the built binary: by default
// from the Monday of today's week, --from DATE and --show-weeks N, --all,
// and --weeks keeping its meaning (the plan's length).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

// The week headings of a text plan: "Week 3 · Mon 2026-11-30 to Sun 2026-12-06".
std::vector<std::string> WeekHeadings(const std::string& text) {
  std::vector<std::string> headings;
  size_t at = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', at)) {
    std::string line = text.substr(at, end - at);
    if (line.starts_with("Week")) headings.push_back(line.substr(0, line.rfind(" · ")));
    at = end + 1;
  }
  return headings;
}

// Total knee replacement on Monday 2026-11-16, four weeks; today a Wednesday.
std::vector<std::string> Tkr(std::vector<std::string> extra) {
  std::vector<std::string> args = {"plan",      "total-knee-replacement",
                                   "--surgery", "2026-11-16",
                                   "--today",   "2026-12-02",
                                   "--weeks",   "4"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(CliWindowTest, ByDefaultTheTextPlanShowsFromTheMondayOfTodaysWeek) {
  RunResult r = RunBinary(Tkr({}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(WeekHeadings(r.out),
            (std::vector<std::string>{"Week 3 · Mon 2026-11-30 to Sun 2026-12-06",
                                      "Week 4 · Mon 2026-12-07 to Sun 2026-12-13"}))
      << r.out;
  EXPECT_TRUE(Contains(Unwrapped(r.out),
                       "Shown: Mon 2026-11-30 to Sun 2026-12-13 (plan "
                       "2026-11-16 to 2026-12-13; --all shows every week)."))
      << r.out;
}

TEST(CliWindowTest, AllShowsEveryWeekAndNoWindowLine) {
  RunResult r = RunBinary(Tkr({"--all"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(WeekHeadings(r.out).size(), 4u) << r.out;
  EXPECT_EQ(WeekHeadings(r.out).front(), "Week 1 · Mon 2026-11-16 to Sun 2026-11-22");
  EXPECT_FALSE(Contains(r.out, "Shown: ")) << r.out;
}

TEST(CliWindowTest, FromAndShowWeeksShowThatManyWeeksFromThatDay) {
  RunResult r = RunBinary(Tkr({"--from", "2026-11-18", "--show-weeks", "1"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Seven days from a Wednesday: the end of week 1 and the start of week 2.
  EXPECT_EQ(WeekHeadings(r.out),
            (std::vector<std::string>{"Weeks 1-2 · Wed 2026-11-18 to Tue 2026-11-24"}))
      << r.out;
}

TEST(CliWindowTest, ShowWeeksAloneCountsFromThisWeek) {
  RunResult r = RunBinary(Tkr({"--show-weeks", "1"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(WeekHeadings(r.out),
            (std::vector<std::string>{"Week 3 · Mon 2026-11-30 to Sun 2026-12-06"}))
      << r.out;
}

TEST(CliWindowTest, AFromBeforeThePlansStartShowsFromItsStartWithANote) {
  RunResult r = RunBinary(Tkr({"--from", "2026-11-01", "--show-weeks", "1"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "rehab: note: the plan starts on 2026-11-16, after --from 2026-11-01: shown from its "
            "start\n");
  EXPECT_EQ(WeekHeadings(r.out),
            (std::vector<std::string>{"Week 1 · Mon 2026-11-16 to Sun 2026-11-22"}))
      << r.out;
}

TEST(CliWindowTest, AFromAfterThePlansLastDayIsAUsageError) {
  RunResult r = RunBinary(Tkr({"--from", "2026-12-14"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "rehab: --from 2026-12-14 is after the plan's last day, 2026-12-13 (the plan runs "
            "2026-11-16 to 2026-12-13)\n");
}

TEST(CliWindowTest, WeeksKeepsMeaningThePlansLengthBesideTheWindow) {
  RunResult r = RunBinary({"plan", "total-knee-replacement", "--surgery", "2026-11-16", "--today",
                           "2026-12-02", "--weeks", "6", "--from", "2026-12-21"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Six weeks from the surgery, to 2026-12-27; the window is its last week.
  EXPECT_TRUE(Contains(r.out, "plan 2026-11-16 to 2026-12-27")) << r.out;
  EXPECT_EQ(WeekHeadings(r.out),
            (std::vector<std::string>{"Week 6 · Mon 2026-12-21 to Sun 2026-12-27"}))
      << r.out;
}

TEST(CliWindowTest, ATodayAfterThePlansEndShowsTheWholePlan) {
  RunResult r = RunBinary({"plan", "total-knee-replacement", "--surgery", "2026-11-16", "--today",
                           "2027-03-01", "--weeks", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(WeekHeadings(r.out).size(), 2u) << r.out;
  EXPECT_FALSE(Contains(r.out, "Shown: ")) << r.out;
}

TEST(CliWindowTest, ATodayBeforeThePlansStartShowsFromItsStart) {
  RunResult r = RunBinary({"plan", "total-knee-replacement", "--surgery", "2026-11-18", "--today",
                           "2026-11-10", "--weeks", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(WeekHeadings(r.out).front(), "Week 1 · Wed 2026-11-18 to Tue 2026-11-24") << r.out;
  EXPECT_FALSE(Contains(r.out, "Shown: ")) << r.out;
}

TEST(CliWindowTest, TheOtherFormatsAreAlwaysTheWholePlan) {
  RunResult json = RunBinary(Tkr({"--format", "json"}));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"date\": \"2026-11-16\"")) << json.out.substr(0, 2000);
  RunResult csv = RunBinary(Tkr({"--format", "csv"}));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(Contains(csv.out, "2026-11-16")) << csv.out.substr(0, 2000);
}

TEST(CliWindowTest, TheWindowAppliesToTheTextWrittenToAFileToo) {
  ScopedTempDir dir;
  RunResult r = RunBinary(Tkr({"-o", dir.File("plan.txt")}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(WeekHeadings(ReadFile(dir.File("plan.txt"))).size(), 2u);
}

TEST(CliWindowTest, WindowMistakesAreUsageErrors) {
  static const struct {
    std::vector<std::string> extra;
    const char* message;
  } kCases[] = {
      {{"--from", "2026-12-32"},
       "rehab: --from 2026-12-32: that day does not exist (December 2026 has 31 days)"},
      {{"--show-weeks", "0"}, "rehab: --show-weeks must be from 1 to 104, got 0"},
      {{"--show-weeks", "105"}, "rehab: --show-weeks must be from 1 to 104, got 105"},
      {{"--all", "--from", "2026-11-30"}, "rehab: --all shows every week: give it without --from"},
      {{"--all", "--show-weeks", "2"},
       "rehab: --all shows every week: give it without --show-weeks"},
      {{"--format", "json", "--from", "2026-11-30"},
       "rehab: --from applies to --format text only (the json plan is always whole)"},
      {{"--format", "ics", "--all"},
       "rehab: --all applies to --format text only (the ics plan is always whole)"},
  };
  for (const auto& c : kCases) {
    RunResult r = RunBinary(Tkr(c.extra));
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_EQ(r.out, "") << c.message;
    EXPECT_EQ(r.err, std::string(c.message) + "\n");
  }
}

}  // namespace
}  // namespace rehab::testing
