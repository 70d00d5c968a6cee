// OutcomeDigest (planner/present/plan_digest.h): plans with the same digest
// render the calendar they replace to the same bytes, which lets a nightly
// batch keep a calendar when a new diary row changed nothing it shows; and the
// digest reads what the calendar shows, not the day the plan was made on.
#include "planner/present/plan_digest.h"

#include <gtest/gtest.h>

#include <string>

#include "planner/engine/engine.h"
#include "planner/present/render_ics.h"
#include "tests/generated_cases.h"

namespace rehab {
namespace {

using namespace rehab::testing;  // the generated cases

Plan PlanWith(const Case& c, const Diary& diary, Date today) {
  return Generate(*c.program, c.patient, diary, date::year_month_day(today), c.options);
}

// The diary with the rows dated after `last` left out.
Diary Through(const Diary& diary, Date last) {
  Diary d = diary;
  std::erase_if(d.entries, [last](const DiaryEntry& e) { return e.date > last; });
  return d;
}

// The nightly run's new row: the diary's last row again, logged for `date`, now and then
// with more pain (which may change the plan, or only the reasons' and alerts' dates).
Diary WithRowOn(const Diary& diary, Date date, uint32_t seed) {
  Diary d = diary;
  DiaryEntry row;
  if (!d.entries.empty()) row = d.entries.back();
  row.date = date;
  row.flags.clear();
  row.note.clear();
  if (seed % 3 == 0) row.during = std::min(10, row.during.value_or(0) + static_cast<int>(seed % 5));
  d.entries.push_back(row);
  return d;
}

TEST(PlanDigestTest, APlanWithTheSameDigestRendersTheCalendarItReplacesToTheSameBytes) {
  long differing = 0;
  ForEachCaseOf(
      [](uint32_t seed) { return MakeCase(seed); }, ShippedPrograms().size(), 41'000'000, 0.2,
      [&](const Case& c, const Plan&, long* witnessed) -> std::string {
        IcsOptions options;
        options.repeat = c.seed % 2 == 0;
        options.remind_minutes = c.seed % 3 == 0 ? 0 : 10;
        // Three nights: an older calendar, yesterday's over it, and tonight's plan with
        // yesterday's new row.
        const Date yesterday = c.today - date::days(1);
        const std::string older = RenderIcs(
            PlanWith(c, Through(c.diary, yesterday - date::days(3)), yesterday - date::days(2)),
            options, "");
        const Diary diary = Through(c.diary, yesterday - date::days(1));
        const Plan last = PlanWith(c, diary, yesterday);
        const std::string kept = RenderIcs(last, options, older);
        const Plan tonight = PlanWith(c, WithRowOn(diary, yesterday, c.seed), c.today);
        if (OutcomeDigest(tonight) != OutcomeDigest(last)) {
          ++differing;
          return "";
        }
        ++*witnessed;
        if (RenderIcs(tonight, options, kept) != kept) {
          return "the plans have the same digest, but the calendar is not the one kept";
        }
        return "";
      },
      /*share=*/0.2);
  EXPECT_GT(differing, 0) << "no new row ever changed the plan";
}

TEST(PlanDigestTest, TheDigestLeavesOutTodayAndEachDaysPast) {
  const Case c = MakeCase(42'000'000);
  Plan plan = PlanFor(c);
  const uint64_t digest = OutcomeDigest(plan);
  plan.today += date::days(3);
  plan.valid_through += date::days(3);
  for (DayPlan& day : plan.days) day.past = !day.past;
  EXPECT_EQ(OutcomeDigest(plan), digest);
}

TEST(PlanDigestTest, TheDigestLeavesOutTheTherapistsDetailOfAnAlert) {
  Plan plan;
  plan.alerts.push_back(Alert{});
  const uint64_t digest = OutcomeDigest(plan);
  plan.alerts[0].detail = Message::Verbatim("pain 2/10 on 2026-11-16");
  EXPECT_EQ(OutcomeDigest(plan), digest);
}

TEST(PlanDigestTest, TheDigestChangesWithADosesValueAtTheSameStep) {
  Exercise squat;
  squat.id = "squat";
  Dose ten, twelve;
  ten.sets = twelve.sets = 3;
  ten.reps = 10;
  twelve.reps = 12;
  ScheduledExercise scheduled;
  scheduled.exercise = &squat;
  scheduled.dose = &ten;
  Plan plan;
  plan.days.push_back(DayPlan{});
  plan.days[0].sessions.push_back(Session{});
  plan.days[0].sessions[0].exercises.push_back(scheduled);
  const uint64_t digest = OutcomeDigest(plan);
  plan.days[0].sessions[0].exercises[0].dose = &twelve;
  EXPECT_NE(OutcomeDigest(plan), digest);
}

TEST(PlanDigestTest, TheDigestChangesWithTheDiaryDatesBehindAReason) {
  Plan plan;
  plan.changes.push_back(DoseChange{});
  plan.changes[0].reason.diary_dates = {MakeDate(2026, 11, 15)};
  const uint64_t digest = OutcomeDigest(plan);
  plan.changes[0].reason.diary_dates = {MakeDate(2026, 11, 16)};
  EXPECT_NE(OutcomeDigest(plan), digest);
}

TEST(PlanDigestTest, TheDigestTellsAStringArgumentFromTheSameTextSplitInTwo) {
  Plan plan;
  plan.notes.push_back(
      PlanNote{"n", Message("m").With("a", std::string("ab")).With("b", std::string("c"))});
  const uint64_t digest = OutcomeDigest(plan);
  plan.notes[0].message = Message("m").With("a", std::string("a")).With("b", std::string("bc"));
  EXPECT_NE(OutcomeDigest(plan), digest);
}

}  // namespace
}  // namespace rehab
