// Tests for the words of calendar events (planner/present/ics_text.h): titles
// a phone shows in full, checked over every golden calendar, and the
// description lines that carry the rest.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "planner/base/utf8.h"
#include "planner/present/ics_lines.h"
#include "planner/present/ics_text.h"
#include "planner/present/render_ics.h"
#include "tests/support/plan_builder.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::DataPath;
using testing::ReadFile;

// Every golden calendar: tests/data/golden/expected/<program>/<diary>.ics.expected.
std::vector<std::string> GoldenCalendars() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(DataPath("golden/expected"))) {
    std::string path = entry.path().string();
    if (path.ends_with(".ics.expected")) paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// The unescaped values of the properties called `name` ("SUMMARY") of `ics`.
std::vector<std::string> Values(const std::string& ics, std::string_view name) {
  std::vector<std::string> values;
  for (const std::string& line : UnfoldIcsLines(ics)) {
    ics::ContentLineParts parts = ics::SplitParts(line);
    if (parts.name == name) values.push_back(UnescapeIcsText(parts.value));
  }
  return values;
}

TEST(CalendarTextTest, EveryEventTitleOfEveryGoldenCalendarHasAtMost40Characters) {
  std::vector<std::string> calendars = GoldenCalendars();
  ASSERT_EQ(calendars.size(), 27u);  // 8 programs x 3 diaries, the care team's red flag, 2 in Spanish
  for (const auto& path : calendars) {
    std::vector<std::string> titles = Values(ReadFile(path), "SUMMARY");
    ASSERT_FALSE(titles.empty()) << path;
    for (const auto& title : titles) {
      EXPECT_LE(CountCharacters(title), ics::kMaxTitleCharacters) << path << ": " << title;
    }
  }
}

TEST(CalendarTextTest, SessionTitlesSayWhatAndHowLongFirst) {
  std::string ics = ReadFile(DataPath("golden/expected/total-knee-replacement/none.ics.expected"));
  std::vector<std::string> titles = Values(ics, "SUMMARY");
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Exercises 1/6 \u00b7 19 min"), titles.end());
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Ice pack \u00b7 15 min"), titles.end());
}

TEST(CalendarTextTest, TheProgramAndPhaseMoveToTheDescription) {
  std::string ics = ReadFile(DataPath("golden/expected/total-knee-replacement/none.ics.expected"));
  bool found = false;
  for (const auto& d : Values(ics, "DESCRIPTION")) {
    found = found || d.starts_with(
                         "After total knee replacement: First two weeks - move, "
                         "straighten, walk\n");
  }
  EXPECT_TRUE(found);
}

TEST(CalendarTextTest, FollowUpCriteriaMoveToTheDescription) {
  std::string ics = ReadFile(DataPath("golden/expected/total-knee-replacement/none.ics.expected"));
  std::vector<std::string> titles = Values(ics, "SUMMARY");
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Therapist check before the next phase"),
            titles.end());
  bool found = false;
  for (const auto& d : Values(ics, "DESCRIPTION")) {
    found = found || d.starts_with("Check with your therapist before the next phase: ");
  }
  EXPECT_TRUE(found);
}

// Occurrences of `needle` in `haystack`.
size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// A one-day plan whose session's exercises were all stepped back by one
// decision, each to the first step of its own ladder.
Plan SteppedBackPlan() {
  Plan plan = testing::DailyPlan({.days = 1, .steps = 3});
  int steps = 3;
  for (auto& ex : plan.days[0].sessions[0].exercises) {
    ex.change = StepChange::kBack;
    ex.steps = steps++;
    Message m("red-pain");
    m.With("worst", 7).With("dates", std::vector<Date>{plan.days[0].date}).With("red_min", 6);
    m.With("to", StepOf{0, ex.steps});
    ex.reason = Reason{"red-pain", m, {plan.days[0].date}};
  }
  return plan;
}

TEST(CalendarTextTest, AReasonSharedByASessionsExercisesIsShownOncePerEvent) {
  Plan plan = SteppedBackPlan();
  ASSERT_GE(plan.days[0].sessions[0].exercises.size(), 2u);
  std::vector<std::string> descriptions = Values(RenderIcs(plan), "DESCRIPTION");
  ASSERT_FALSE(descriptions.empty());
  const std::string& d = descriptions[0];
  EXPECT_EQ(Count(d, "Stepped back on 2026-03-01"), 1u) << d;
  // Worded without the ladders' lengths, which differ, and naming no
  // exercise: it concerns them all.
  EXPECT_NE(d.find("\n\nStepped back on 2026-03-01: Pain was 7/10 on 2026-03-01 (6 or more is "
                   "too much): back to step 1."),
            std::string::npos)
      << d;
}

TEST(CalendarTextTest, AReasonOfSomeExercisesNamesThem) {
  Plan plan = SteppedBackPlan();
  auto& exercises = plan.days[0].sessions[0].exercises;
  exercises.back().change = StepChange::kSame;
  exercises.back().reason.reset();
  std::string d = Values(RenderIcs(plan), "DESCRIPTION")[0];
  EXPECT_NE(d.find("Stepped back on 2026-03-01 (" + exercises.front().name() + "): Pain was"),
            std::string::npos)
      << d;
}

// The unescaped SUMMARY of every event with STATUS:CANCELLED in `ics`.
std::vector<std::string> CancelledTitles(const std::string& ics) {
  std::vector<std::string> titles;
  std::string summary;
  for (const std::string& line : UnfoldIcsLines(ics)) {
    ics::ContentLineParts parts = ics::SplitParts(line);
    if (parts.name == "SUMMARY") summary = UnescapeIcsText(parts.value);
    if (parts.name == "STATUS" && parts.value == "CANCELLED") titles.push_back(summary);
  }
  return titles;
}

// A week of one session a day, one event each, exported again after the
// last four days were stopped: four events vanish.
struct StoppedWeek {
  IcsOptions options;
  std::string before;
  Plan after = testing::DailyPlan({.days = 7});
  StoppedWeek() {
    options.repeat = false;
    before = RenderIcs(testing::DailyPlan({.days = 7}), options);
    for (int i = 3; i < 7; ++i) after.days[i].stopped = true;
  }
};

TEST(CalendarTextTest, ACancelledCopyIsTitledSoThatACalendarIgnoringStatusShowsIt) {
  StoppedWeek week;
  std::string after = RenderIcs(week.after, week.options, week.before);
  EXPECT_EQ(CancelledTitles(after),
            std::vector<std::string>(4, "Cancelled \u2014 do not exercise"));
}

TEST(CalendarTextTest, WithoutCancelledCopiesARemovedEventIsLeftOut) {
  StoppedWeek week;
  week.options.keep_cancelled = false;
  std::string after = RenderIcs(week.after, week.options, week.before);
  EXPECT_TRUE(CancelledTitles(after).empty()) << after;
  EXPECT_EQ(Values(after, "SUMMARY").size(), 3u) << after;
}

TEST(CalendarTextTest, PlanAndBatchOfferNoCancelled) {
  testing::ScopedTempDir dir;
  std::string out = dir.File("plan.ics");
  std::vector<std::string> plan = {"plan",      "total-knee-replacement",
                                   "--patient", DataPath("golden/total-knee-replacement.yaml"),
                                   "--today",   "2026-11-23",
                                   "--weeks",   "5",
                                   "--format",  "ics",
                                   "-o",        out};
  ASSERT_EQ(testing::RunBinary(plan).exit_code, 0);
  std::vector<std::string> red_flag = plan;
  red_flag.insert(red_flag.end(), {"--diary", DataPath("golden/red-flag.csv")});
  std::vector<std::string> clean = red_flag;
  clean.push_back("--no-cancelled");
  std::string first = ReadFile(out);
  testing::RunResult run = testing::RunBinary(clean);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(CancelledTitles(ReadFile(out)).empty());
  testing::WriteFile(out, first);
  run = testing::RunBinary(red_flag);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(CancelledTitles(ReadFile(out)).empty());
  testing::RunResult help = testing::RunBinary({"batch", "--help"});
  EXPECT_NE(help.out.find("--no-cancelled"), std::string::npos) << help.out;
}

TEST(CalendarTextTest, AShortTitleIsKeptAsItIs) {
  EXPECT_EQ(ics::ShortTitle("Ice pack \u00b7 15 min"), "Ice pack \u00b7 15 min");
}

TEST(CalendarTextTest, ALongTitleIsCutAfterAWholeWordWithAnEllipsis) {
  std::string title = ics::ShortTitle("Measure due: KOOS Knee injury and Osteoarthritis Outcome");
  EXPECT_EQ(title, "Measure due: KOOS Knee injury and\u2026");
  EXPECT_LE(CountCharacters(title), ics::kMaxTitleCharacters);
}

TEST(CalendarTextTest, ALongTitleCountsCharactersNotBytes) {
  std::string title = ics::ShortTitle(std::string(30, 'a') + " \u00e9\u00e9\u00e9\u00e9\u00e9 " +
                                      "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9");
  EXPECT_EQ(title, std::string(30, 'a') + " \u00e9\u00e9\u00e9\u00e9\u00e9\u2026");
}

TEST(CalendarTextTest, AWordLongerThanTheTitleIsCutInside) {
  std::string title = ics::ShortTitle(std::string(50, 'x'));
  EXPECT_EQ(title, std::string(39, 'x') + "\u2026");
}

}  // namespace
}  // namespace rehab
