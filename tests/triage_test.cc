// The caseload triage ranking (planner/engine/triage.cc) over hand-built plans, and its
// table (planner/present/render_triage.cc).
#include "planner/engine/triage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/present/messages.h"
#include "planner/present/render_triage.h"
#include "tests/support/plan_builder.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

const Date kAnchor = date::sys_days{date::year{2026} / 11 / 1};
const Date kToday = date::sys_days{date::year{2026} / 11 / 15};

Date Day(int d) { return kAnchor + date::days{d}; }

// A patient `id` on day 14 of a 6-week plan of one phase, with a diary entry yesterday: a
// patient with nothing to do until a test adds something.
Plan QuietPlan(const std::string& id) {
  Program program;
  program.id = "knee-test";
  program.title = "Knee rehab";
  Phase phase;
  phase.id = "early";
  phase.title = "Early motion";
  phase.start_day = 0;
  phase.end_day = 42;
  program.phases = {phase};
  Patient patient;
  patient.id = id;
  Plan plan = testing::PlanSkeleton(std::move(program), std::move(patient), kAnchor, 42, kToday);
  DiaryEntry entry;
  entry.date = kToday - date::days{1};
  plan.diary.entries.push_back(entry);
  return plan;
}

Alert RedFlag(const std::string& id, Urgency urgency, Date raised) {
  Alert a;
  a.kind = AlertKind::kRedFlag;
  a.id = id;
  a.date = raised;
  a.text = Message::Verbatim(id + " text");
  a.urgency = urgency;
  a.diary_dates = {raised};
  a.active = true;
  a.stops = RedFlagStops::kAll;
  return a;
}

std::vector<std::string> Order(std::vector<TriageEntry> entries) {
  SortTriage(&entries);
  std::vector<std::string> ids;
  for (const auto& e : entries) ids.push_back(e.patient_id);
  return ids;
}

TEST(TriageTest, ACalfPainPatientSortsFirst) {
  Plan silent = QuietPlan("a-silent");
  silent.diary.entries.clear();
  Plan calf = QuietPlan("z-calf");
  calf.alerts.push_back(RedFlag("calf-pain", Urgency::kSameDay, kToday - date::days{1}));
  std::vector<TriageEntry> entries = {Triage(QuietPlan("a-quiet")), Triage(silent), Triage(calf)};
  EXPECT_EQ(Order(entries), (std::vector<std::string>{"z-calf", "a-silent", "a-quiet"}));
}

TEST(TriageTest, ACalfPainRedFlagIsCalledTheSameDaySinceItsDiaryDate) {
  Plan calf = QuietPlan("p-calf");
  calf.alerts.push_back(RedFlag("calf-pain", Urgency::kSameDay, kToday - date::days{1}));
  TriageEntry e = Triage(calf);
  ASSERT_EQ(e.category, TriageCategory::kSameDay);
  EXPECT_EQ(e.reasons.front().rule, "calf-pain");
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"), "calf-pain text");
  EXPECT_EQ(MessageText(e.reasons.front().todo, "en"), "Call today");
  EXPECT_EQ(e.reasons.front().since, kToday - date::days{1});
}

TEST(TriageTest, AnEmergencySortsAboveASameDayRedFlag) {
  Plan same_day = QuietPlan("a-fever");
  same_day.alerts.push_back(RedFlag("fever", Urgency::kSameDay, kToday));
  Plan emergency = QuietPlan("b-chest");
  emergency.alerts.push_back(RedFlag("chest-pain", Urgency::kEmergency, kToday));
  TriageEntry e = Triage(emergency);
  EXPECT_EQ(e.category, TriageCategory::kEmergency);
  EXPECT_EQ(MessageText(e.reasons.front().todo, "en"), "Call now");
  EXPECT_EQ(Order({Triage(same_day), e}), (std::vector<std::string>{"b-chest", "a-fever"}));
}

TEST(TriageTest, APatientsMostUrgentReasonComesFirst) {
  Plan plan = QuietPlan("p-both");
  plan.alerts.push_back(RedFlag("fever", Urgency::kSameDay, kToday - date::days{3}));
  plan.alerts.push_back(RedFlag("chest-pain", Urgency::kEmergency, kToday));
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.reasons.size(), 2u);
  EXPECT_EQ(e.reasons[0].rule, "chest-pain");
  EXPECT_EQ(e.reasons[1].rule, "fever");
}

TEST(TriageTest, AClearedRedFlagIsNotListed) {
  Plan plan = QuietPlan("p-cleared");
  Alert a = RedFlag("calf-pain", Urgency::kSameDay, kToday - date::days{5});
  a.active = false;
  a.cleared = kToday - date::days{2};
  plan.alerts.push_back(a);
  EXPECT_EQ(Triage(plan).category, TriageCategory::kNothing);
}

TEST(TriageTest, StoppedExercisesAreATherapistAlertNamingThem) {
  Plan plan = QuietPlan("p-stopped");
  Alert a;
  a.kind = AlertKind::kTherapistReview;
  a.id = "exercise-stopped";
  a.date = kToday - date::days{2};
  a.urgency = Urgency::kRoutine;
  a.active = true;
  a.text = Message("alert.exercise-stopped")
               .With("red_min", 7)
               .With("dates", std::vector<Date>{a.date})
               .With("exercises", std::vector<std::string>{"Heel slides", "Quad sets"});
  plan.alerts.push_back(a);
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.category, TriageCategory::kTherapist);
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"),
            "Stopped after red pain: Heel slides and Quad sets");
  EXPECT_TRUE(NeedsAttention(e.category));
}

TEST(TriageTest, AnOverduePhaseIsATherapistAlertNamingThePhase) {
  Plan plan = QuietPlan("p-overdue");
  Alert a;
  a.kind = AlertKind::kTherapistReview;
  a.id = "phase-overdue:early";
  a.date = kToday - date::days{1};
  a.urgency = Urgency::kRoutine;
  a.active = true;
  a.text = Message("alert.phase-overdue");
  plan.alerts.push_back(a);
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.category, TriageCategory::kTherapist);
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"),
            "Phase 'Early motion' past its maximum, exit criteria not met");
  EXPECT_EQ(MessageText(e.reasons.front().todo, "en"), "Review progress; book a visit");
}

TEST(TriageTest, APhaseHeldPastItsPlannedEndIsATherapistAlertSinceThatEnd) {
  Plan plan = QuietPlan("p-held");
  Phase phase = plan.program->phases.front();
  phase.end_day = 10;
  Program program = *plan.program;
  program.phases = {phase};
  plan.program = std::make_shared<const Program>(program);
  plan.phases.front().extended = true;  // criteria unmet on day 10: held to its maximum
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.category, TriageCategory::kTherapist);
  EXPECT_EQ(e.reasons.front().rule, "criteria-not-met:early");
  EXPECT_EQ(e.reasons.front().since, Day(10));
}

TEST(TriageTest, AnOutcomeMeasureDueWithinSixDaysIsListed) {
  Plan plan = QuietPlan("p-measure");
  plan.days[20].milestones.push_back(
      {MilestoneKind::kOutcomeMeasure, "koos",
       Message("milestone.outcome-measure").With("measure", std::string("KOOS"))});
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.category, TriageCategory::kMeasureDue);
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"), "Due: KOOS");
  EXPECT_EQ(e.reasons.front().since, Day(20));
  EXPECT_FALSE(NeedsAttention(e.category));
}

TEST(TriageTest, AnOutcomeMeasureDueInSevenDaysIsNotYetListed) {
  Plan plan = QuietPlan("p-measure");
  plan.days[21].milestones.push_back(
      {MilestoneKind::kOutcomeMeasure, "koos",
       Message("milestone.outcome-measure").With("measure", std::string("KOOS"))});
  EXPECT_EQ(Triage(plan).category, TriageCategory::kNothing);
}

TEST(TriageTest, APatientWithNoDiaryEntryForTheProgramsGapDaysIsListed) {
  Plan plan = QuietPlan("p-silent");
  plan.diary.entries.front().date = kToday - date::days{7};  // gap_days defaults to 7
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.category, TriageCategory::kNoDiary);
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"), "No diary entry for 7 days");
  EXPECT_EQ(e.reasons.front().since, kToday - date::days{7});
}

TEST(TriageTest, ATriageRecountedToALaterDayCountsTheSilentDaysToIt) {
  Plan plan = QuietPlan("p-silent");
  plan.diary.entries.front().date = kToday - date::days{7};
  TriageEntry e = Triage(plan);
  RecountTriageDays(&e, kToday + date::days{2});
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"), "No diary entry for 9 days");
  plan.today = kToday + date::days{2};
  EXPECT_EQ(e, Triage(plan));
}

TEST(TriageTest, ATriageHoldsUntilTheDayASilentDiaryReachesTheThreshold) {
  Plan plan = QuietPlan("p-recent");
  plan.diary.entries.front().date = kToday - date::days{4};  // listed from 3 days on
  plan.valid_through = kToday + date::days{10};
  EXPECT_EQ(TriageValidThrough(plan), kToday + date::days{2});
}

TEST(TriageTest, ADiarySilentOneDayLessThanGapDaysIsNotListed) {
  Plan plan = QuietPlan("p-recent");
  plan.diary.entries.front().date = kToday - date::days{6};
  EXPECT_EQ(Triage(plan).category, TriageCategory::kNothing);
}

TEST(TriageTest, TheNoDiaryDaysOptionOverridesTheProgramsGapDays) {
  Plan plan = QuietPlan("p-recent");
  plan.diary.entries.front().date = kToday - date::days{3};
  TriageOptions options;
  options.no_diary_days = 3;
  EXPECT_EQ(Triage(plan, options).category, TriageCategory::kNoDiary);
}

TEST(TriageTest, APlanThatHasEndedIsNotListedForASilentDiary) {
  Plan plan = QuietPlan("p-done");
  plan.today = plan.end + date::days{10};  // the last entry was on day 13
  EXPECT_EQ(Triage(plan).category, TriageCategory::kNothing);
}

TEST(TriageTest, AnEmptyDiaryCountsFromThePlansStart) {
  Plan plan = QuietPlan("p-never");
  plan.diary.entries.clear();
  TriageEntry e = Triage(plan);
  ASSERT_EQ(e.category, TriageCategory::kNoDiary);
  EXPECT_EQ(MessageText(e.reasons.front().what, "en"), "No diary entry since the start, 14 days ago");
  EXPECT_EQ(e.reasons.front().since, kAnchor);
}

TEST(TriageTest, AQuietPatientIsOnlyCounted) {
  Plan calf = QuietPlan("p-calf");
  calf.alerts.push_back(RedFlag("calf-pain", Urgency::kSameDay, kToday));
  TriageReport report;
  report.today = kToday;
  report.entries = {Triage(calf), Triage(QuietPlan("p-quiet"))};
  SortTriage(&report.entries);
  ASSERT_EQ(report.entries.back().category, TriageCategory::kNothing);
  std::string text = RenderTriageText(report, "en");
  EXPECT_TRUE(testing::Contains(text, "1 patient: nothing to do\n")) << text;
  EXPECT_FALSE(testing::Contains(text, "p-quiet")) << text;
  EXPECT_TRUE(testing::Contains(text, "p-calf")) << text;
}

TEST(TriageTest, TheTableShowsControlCharactersInIdsAndProgramTextsAsEscapes) {
  Plan plan = QuietPlan("p-\x1b[2J");
  Alert a = RedFlag("calf-pain", Urgency::kSameDay, kToday);
  a.text = Message::Verbatim("Calf pain\x1b]0;owned\x07");
  plan.alerts.push_back(a);
  TriageReport report;
  report.today = kToday;
  report.entries = {Triage(plan)};
  std::string text = RenderTriageText(report, "en");
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
}

TEST(TriageTest, AnEmptyCaseloadSaysSoAndListsNothing) {
  TriageReport report;
  report.today = kToday;
  EXPECT_EQ(RenderTriageText(report, "en"), "Triage for 2026-11-15: no patients\n");
}

TEST(TriageTest, OnlyRedFlagsAndTherapistAlertsNeedAttention) {
  EXPECT_TRUE(NeedsAttention(TriageCategory::kEmergency));
  EXPECT_TRUE(NeedsAttention(TriageCategory::kSameDay));
  EXPECT_TRUE(NeedsAttention(TriageCategory::kTherapist));
  EXPECT_FALSE(NeedsAttention(TriageCategory::kMeasureDue));
  EXPECT_FALSE(NeedsAttention(TriageCategory::kNoDiary));
  EXPECT_FALSE(NeedsAttention(TriageCategory::kNothing));
}

TEST(TriageTest, EveryMessageTriageEmitsHasAnEnglishTemplate) {
  for (std::string_view id : TriageMessageIds()) EXPECT_TRUE(HasMessage(id)) << id;
}

}  // namespace
}  // namespace rehab
