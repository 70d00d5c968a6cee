// Tests for the step decision's rising-pain rules (planner/engine/pain_rules.cc),
// called directly: the consecutive-rise rule and the week-over-week rule.
#include "planner/engine/pain_rules.h"

#include <gtest/gtest.h>

#include <vector>

namespace rehab {
namespace {

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

DiaryEntry Entry(Date d, std::optional<int> during) {
  DiaryEntry e;
  e.date = d;
  e.during = during;
  e.after = during;
  e.morning = 0;
  return e;
}

class RisingPainTest : public ::testing::Test {
 protected:
  RisingPainTest() {
    rules_.rising_sessions = 2;  // two rises in a row: three entries
    rules_.red_min = 9;          // keep the red rule out of the way
    state_.step = 2;
    state_.steps = 4;
    state_.last_change = D(2026, 3, 1);
    state_.last_decision = D(2026, 3, 1);
  }

  StepDecision Decide(Date day) {
    StepContext ctx;
    ctx.rules = &rules_;
    ctx.entries = &entries_;
    ctx.day = day;
    ctx.today = day;
    ctx.interval_days = 7;
    return DecideStep(state_, ctx);
  }

  PainRules rules_;
  StepState state_;
  std::vector<DiaryEntry> entries_;
};

TEST_F(RisingPainTest, ThreeRisingEntriesStepBackAndNameTheirDatesAndValues) {
  entries_ = {Entry(D(2026, 3, 2), 1), Entry(D(2026, 3, 3), 2), Entry(D(2026, 3, 4), 3),
              Entry(D(2026, 3, 5), 4)};
  StepDecision d = Decide(D(2026, 3, 6));
  EXPECT_EQ(d.change, StepChange::kBack);
  EXPECT_EQ(d.step, 1);
  EXPECT_EQ(d.reason.rule, "rising-pain");
  const MessageValue* values = d.reason.message.Find("values");
  ASSERT_NE(values, nullptr);
  EXPECT_EQ(*values, MessageValue(std::vector<int>{2, 3, 4}));
  EXPECT_EQ(d.reason.diary_dates,
            (std::vector<Date>{D(2026, 3, 3), D(2026, 3, 4), D(2026, 3, 5)}));
}

TEST_F(RisingPainTest, EqualPainIsNotARise) {
  entries_ = {Entry(D(2026, 3, 3), 2), Entry(D(2026, 3, 4), 3), Entry(D(2026, 3, 5), 3)};
  EXPECT_NE(Decide(D(2026, 3, 6)).reason.rule, "rising-pain");
}

TEST_F(RisingPainTest, EntriesWithoutPainDuringExerciseAreSkippedNotCountedAsBreaks) {
  entries_ = {Entry(D(2026, 3, 2), 2), Entry(D(2026, 3, 3), std::nullopt),
              Entry(D(2026, 3, 4), 3), Entry(D(2026, 3, 5), 4)};
  StepDecision d = Decide(D(2026, 3, 6));
  EXPECT_EQ(d.reason.rule, "rising-pain");
  EXPECT_EQ(d.reason.diary_dates,
            (std::vector<Date>{D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 5)}));
}

TEST_F(RisingPainTest, ARiseThatBeganBeforeTheLastChangeIsAlreadyAnswered) {
  entries_ = {Entry(D(2026, 3, 3), 2), Entry(D(2026, 3, 4), 3), Entry(D(2026, 3, 5), 4)};
  state_.last_change = D(2026, 3, 3);  // the step already went back that day
  EXPECT_NE(Decide(D(2026, 3, 6)).reason.rule, "rising-pain");
}

TEST_F(RisingPainTest, OnlyTheLatestEntriesCountNotAnOlderRise) {
  entries_ = {Entry(D(2026, 3, 2), 1), Entry(D(2026, 3, 3), 2), Entry(D(2026, 3, 4), 3),
              Entry(D(2026, 3, 5), 1)};
  EXPECT_NE(Decide(D(2026, 3, 6)).reason.rule, "rising-pain");
}

TEST_F(RisingPainTest, AWeekWhoseMeanIsAPointAboveTheWeekBeforeStepsBack) {
  rules_.rising_sessions = 5;  // the consecutive rule cannot fire on these entries
  state_.last_change = D(2026, 2, 20);
  state_.last_decision = D(2026, 3, 1);
  // Week 1 (22-28 Feb): 2, 1, 2; week 2 (1-7 Mar): 4, 3, 4 - means 1.7 and 3.7.
  entries_ = {Entry(D(2026, 2, 22), 2), Entry(D(2026, 2, 24), 1), Entry(D(2026, 2, 26), 2),
              Entry(D(2026, 3, 1), 4),  Entry(D(2026, 3, 3), 3), Entry(D(2026, 3, 5), 4)};
  StepDecision d = Decide(D(2026, 3, 8));
  EXPECT_EQ(d.change, StepChange::kBack);
  EXPECT_EQ(d.reason.rule, "rising-week");
  const MessageValue* from = d.reason.message.Find("from_mean");
  const MessageValue* to = d.reason.message.Find("to_mean");
  ASSERT_NE(from, nullptr);
  ASSERT_NE(to, nullptr);
  EXPECT_NEAR(std::get<double>(*from), 5.0 / 3, 1e-9);
  EXPECT_NEAR(std::get<double>(*to), 11.0 / 3, 1e-9);
  EXPECT_EQ(d.reason.diary_dates.size(), 6u);
}

TEST_F(RisingPainTest, AWeekLessThanAPointAboveTheWeekBeforeDoesNotStepBack) {
  rules_.rising_sessions = 5;
  state_.last_change = D(2026, 2, 20);
  state_.last_decision = D(2026, 3, 1);
  entries_ = {Entry(D(2026, 2, 22), 2), Entry(D(2026, 2, 24), 2), Entry(D(2026, 3, 1), 3),
              Entry(D(2026, 3, 3), 2)};
  EXPECT_NE(Decide(D(2026, 3, 8)).reason.rule, "rising-week");
}

}  // namespace
}  // namespace rehab
