// Tests for the day view (planner/present/render_today.cc) on plans built by
// hand, and over generated plans of every shipped program: what it shows of
// a day, and that every line fits. Its full text on the shipped programs is
// pinned by tests/today_golden_test.cc.
#include "planner/present/render_today.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/base/utf8.h"
#include "tests/generated_cases.h"
#include "tests/support/plan_builder.h"
#include "tests/support/test_util.h"

namespace rehab {

void PrintTo(const StyledLine& line, std::ostream* out) {
  *out << "{\"" << line.text << "\", style " << static_cast<int>(line.style) << "}";
}

namespace {

using testing::Contains;

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

using testing::Lines;

using testing::Unwrapped;

// Two sessions a day (08:00 and 17:00) from Monday 2026-03-02 for 14 days.
Plan TwoSessionsADay() {
  return testing::DailyPlan(
      {.start = D(2026, 3, 2), .days = 14, .times = {8 * 60, 17 * 60}, .session_minutes = 12});
}

TEST(RenderTodayTest, ASessionLikeAnEarlierOneThatDaySaysSoInsteadOfRepeatingIt) {
  std::string text = RenderToday(TwoSessionsADay(), D(2026, 3, 2));
  EXPECT_TRUE(Contains(text, "  08:00  Exercises, session 1 of 2, about 12 minutes\n")) << text;
  EXPECT_TRUE(Contains(text, "         - Heel slides: 3 sets of 10 · right leg\n")) << text;
  EXPECT_TRUE(Contains(text,
                       "  17:00  Exercises, session 2 of 2, about 12 minutes\n"
                       "         The same exercises as at 08:00.\n"))
      << text;
}

TEST(RenderTodayTest, ADayWithoutSessionsIsARestDayThatNamesTheNextExercises) {
  Plan plan = TwoSessionsADay();
  plan.days[1].sessions.clear();
  plan.days[2].sessions.clear();
  std::string text = RenderToday(plan, D(2026, 3, 3));
  EXPECT_TRUE(Contains(text,
                       "  No exercises today: this is a rest day.\n"
                       "  Next exercises: Thursday 5 March 2026, first at 08:00.\n"))
      << text;
  EXPECT_FALSE(Contains(text, "After your exercises")) << text;
  // Yesterday had sessions: its morning pain is still to write.
  EXPECT_TRUE(Contains(Unwrapped(text), "for yesterday's entry (Monday 2 March 2026).")) << text;
}

TEST(RenderTodayTest, TheLastExerciseDaySaysNoMoreFollow) {
  Plan plan = TwoSessionsADay();
  for (size_t i = 10; i < plan.days.size(); ++i) plan.days[i].sessions.clear();
  EXPECT_TRUE(Contains(RenderToday(plan, D(2026, 3, 13)),
                       "  There are no more exercise days in this plan.\n"));
}

TEST(RenderTodayTest, IceAndHeatStandAtTheirTimesBetweenTheSessions) {
  Plan plan = TwoSessionsADay();
  plan.days[0].modalities = {
      {.modality_id = "ice", .name = "Ice pack", .time = 9 * 60, .minutes = 15},
      {.modality_id = "heat",
       .name = "Warm pack",
       .kind = ModalityKind::kHeat,
       .time = 7 * 60 + 40,
       .minutes = 20,
       .when = ModalityTiming::kBeforeExercise}};
  std::vector<std::string> lines = Lines(RenderToday(plan, D(2026, 3, 2)));
  std::vector<std::string> times;
  for (const auto& line : lines) {
    if (line.size() > 9 && line.starts_with("  ") && line[4] == ':') times.push_back(line);
  }
  EXPECT_EQ(times,
            (std::vector<std::string>{"  07:40  Warm pack, 20 minutes",
                                      "  08:00  Exercises, session 1 of 2, about 12 minutes",
                                      "  09:00  Ice pack, 15 minutes",
                                      "  17:00  Exercises, session 2 of 2, about 12 minutes"}));
}

TEST(RenderTodayTest, ADoseThatChangesTodaySaysHow) {
  Plan plan = TwoSessionsADay();
  ScheduledExercise& e = plan.days[5].sessions[0].exercises[0];
  e.change = StepChange::kUp;
  ScheduledExercise& f = plan.days[5].sessions[0].exercises[1];
  f.change = StepChange::kBack;
  std::string text = RenderToday(plan, D(2026, 3, 7));
  EXPECT_TRUE(Contains(text, "- Heel slides: 3 sets of 10 · right leg · harder from today\n"))
      << text;
  EXPECT_TRUE(Contains(Unwrapped(text), "· right leg · easier from today\n")) << text;
}

TEST(RenderTodayTest, OnTheFirstDayNothingIsMarkedNew) {
  std::string text = RenderToday(TwoSessionsADay(), D(2026, 3, 2));
  EXPECT_FALSE(Contains(text, "new from today")) << text;
}

TEST(RenderTodayTest, AnAlertComesBeforeTheDayAndAStoppedDayHasNoSessions) {
  Plan plan = TwoSessionsADay();
  Alert alert;
  alert.kind = AlertKind::kRedFlag;
  alert.date = plan.today;
  alert.active = true;
  alert.urgency = Urgency::kEmergency;
  alert.stops = RedFlagStops::kAll;
  alert.text = Message::Verbatim("Chest pain");
  alert.action = Message::Verbatim("Sit down and wait for help");
  plan.alerts.push_back(alert);
  plan.patient.country = "US";
  plan.days[0].stopped = true;
  plan.days[0].sessions.clear();
  StyledText lines = RenderTodayLines(plan, plan.today);
  ASSERT_GE(lines.size(), 8u);
  EXPECT_EQ(lines[0].text, "Today: Monday 2 March 2026");
  EXPECT_EQ(lines[2], (StyledLine{"!! Important: act now", LineStyle::kAlertHeadline}));
  EXPECT_EQ(lines[3], (StyledLine{"!! Call 911 now.", LineStyle::kAlertHeadline}));
  EXPECT_EQ(lines[4], (StyledLine{"   Chest pain", LineStyle::kAlert}));
  EXPECT_EQ(lines[5], (StyledLine{"   Since Monday 2 March 2026.", LineStyle::kAlert}));
  EXPECT_EQ(lines[6], (StyledLine{"   Sit down and wait for help", LineStyle::kAlert}));
  EXPECT_EQ(lines[7], (StyledLine{"   Stop your exercises until a doctor has checked you.",
                                  LineStyle::kAlert}));
  std::string text = PlainText(lines);
  EXPECT_TRUE(Contains(text, "  No exercises today: see the warning at the top.\n")) << text;
  EXPECT_TRUE(Contains(Unwrapped(text), "write the flag “cleared”.")) << text;
}

TEST(RenderTodayTest, DaysOutsideThePlanSayWhenItStartsOrEnded) {
  Plan plan = TwoSessionsADay();
  EXPECT_TRUE(Contains(RenderToday(plan, D(2026, 3, 1)),
                       "Your plan starts tomorrow, Monday 2 March 2026.\n"
                       "Next exercises: Monday 2 March 2026, first at 08:00.\n"));
  EXPECT_TRUE(Contains(RenderToday(plan, D(2026, 2, 20)),
                       "Your plan starts on Monday 2 March 2026, in 10 days.\n"));
  EXPECT_TRUE(Contains(RenderToday(plan, D(2026, 4, 1)),
                       "\nYour plan ended on Sunday 15 March 2026. Ask your therapist"));
}

TEST(RenderTodayTest, TheStyledLinesAreThePlainText) {
  Plan plan = TwoSessionsADay();
  EXPECT_EQ(PlainText(RenderTodayLines(plan, plan.today)), RenderToday(plan, plan.today));
}

// A line wider than the view is one word that cannot be broken.
bool FitsOrIsOneWord(const std::string& line) {
  if (CountCharacters(line) <= kTodayColumns) return true;
  size_t text = line.find_first_not_of(' ');
  return text == std::string::npos || line.find(' ', text) == std::string::npos;
}

TEST(RenderTodayTest, EveryDayOfGeneratedPlansFitsTheViewAndIsWordedCompletely) {
  testing::CaseShape shape;
  shape.worsening_share = 0.3;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    testing::Case c = testing::MakeCase(seed, shape);
    Plan plan = testing::PlanFor(c);
    std::vector<Date> days = {plan.today, plan.start - date::days(1), plan.end};
    for (size_t i = 0; i < plan.days.size(); i += 5) days.push_back(plan.days[i].date);
    for (Date day : days) {
      std::string text = RenderToday(plan, day);
      for (const auto& line : Lines(text)) {
        ASSERT_TRUE(FitsOrIsOneWord(line)) << line << "\n" << testing::DescribeCase(c);
      }
      // A template naming an argument it was not given shows its braces.
      ASSERT_EQ(text.find('{'), std::string::npos) << text << "\n" << testing::DescribeCase(c);
    }
  }
}

}  // namespace
}  // namespace rehab
