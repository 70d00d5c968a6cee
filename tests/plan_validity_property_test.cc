// Property tests of the days a plan holds through (Plan::valid_through,
// TriageValidThrough, TriageSchedule): over thousands of generated patients and diaries, a
// plan and its triage made again on any later day up to those days, from
// the same inputs, are the same, apart from `today` and each day's `past`.
// That is what lets a nightly batch keep yesterday's calendar and triage.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/triage.h"
#include "planner/present/render_json.h"
#include "tests/generated_cases.h"

namespace rehab {
namespace {

using namespace rehab::testing;  // the generated cases

constexpr int kValidityDays = 14;

// The plan as JSON (every part of it: days, sessions, doses, changes,
// alerts, notes), with `today` and the days' `past` (which do change from day
// to day) set alike.
std::string Comparable(Plan plan) {
  plan.today = plan.start;
  plan.valid_through = plan.start;
  for (auto& day : plan.days) day.past = false;
  return RenderJson(plan);
}

Plan PlanOn(const Case& c, Date today) {
  PlanOptions options = c.options;
  options.validity_days = 0;
  return Generate(*c.program, c.patient, c.diary, date::year_month_day(today), options);
}

Case MakeValidityCase(uint32_t seed) {
  CaseShape shape;
  shape.future_share = 0.1;  // rows after today, which end the days a plan holds
  Case c = MakeCase(seed, shape);
  c.options.validity_days = kValidityDays;
  return c;
}

TEST(PlanValidityPropertyTest, APlanMadeAgainOnAnyDayItHoldsThroughIsTheSame) {
  long held = 0, changed = 0, cases = 0;
  ForEachCaseOf(MakeValidityCase, ShippedPrograms().size(), 31'000'000, 0.3,
                [&](const Case& c, const Plan& plan, long* witnessed) -> std::string {
                  ++cases;
                  const Date last = plan.valid_through;
                  if (last < c.today || last > c.today + date::days(kValidityDays)) {
                    return fmt::format("valid_through {} is outside [today, today + {}]",
                                       FormatDate(last), kValidityDays);
                  }
                  const std::string first = Comparable(plan);
                  if (last > c.today) {
                    ++held;
                    ++*witnessed;
                    // The far end, and for some cases a day between.
                    std::vector<Date> days = {last};
                    if (c.seed % 4 == 0) days.push_back(c.today + (last - c.today) / 2 + date::days(1));
                    for (Date d : days) {
                      if (std::string again = Comparable(PlanOn(c, d)); again != first) {
                        if (std::getenv("REHAB_VALIDITY_DUMP")) {
                          WriteFile("/tmp/validity-a.txt", first);
                          WriteFile("/tmp/validity-b.txt", again);
                        }
                        return fmt::format("the plan made on {} differs, though it was to hold "
                                           "through {}",
                                           FormatDate(d), FormatDate(last));
                      }
                    }
                  }
                  // The day after: a plan that does change then shows the bound is not slack.
                  if (c.seed % 2 == 0 && last < c.today + date::days(kValidityDays) &&
                      Comparable(PlanOn(c, last + date::days(1))) != first) {
                    ++changed;
                  }
                  return "";
                },
                /*share=*/0.1);  // up to four plans a case
  std::cout << "  " << held << " of " << cases << " plans hold past today; " << changed
            << " change on the day after the last they hold through\n";
  EXPECT_GT(changed, cases / 20) << "the generated cases rarely reach a plan that changes";
}

TEST(PlanValidityPropertyTest, ATriageMadeAgainOnAnyDayItHoldsThroughIsTheSame) {
  ForEachCaseOf(MakeValidityCase, ShippedPrograms().size(), 32'000'000, 0.2,
                [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
                  const Date last = TriageValidThrough(plan);
                  if (last < c.today || last > plan.valid_through) {
                    return fmt::format("TriageValidThrough {} is outside [today, {}]",
                                       FormatDate(last), FormatDate(plan.valid_through));
                  }
                  if (last == c.today) return "";
                  ++*witnessed;
                  for (Date d : {last, c.today + date::days(1)}) {
                    TriageEntry moved = Triage(plan);
                    RecountTriageDays(&moved, d);
                    if (!(Triage(PlanOn(c, d)) == moved)) {
                      return fmt::format("the triage on {} differs, though it was to hold "
                                         "through {}",
                                         FormatDate(d), FormatDate(last));
                    }
                  }
                  return "";
                },
                /*share=*/0.25);
}

TEST(PlanValidityPropertyTest, ATriageScheduleGivesTheTriageOfEveryDayThePlanHoldsThrough) {
  ForEachCaseOf(MakeValidityCase, ShippedPrograms().size(), 33'000'000, 0.1,
                [](const Case& c, const Plan& plan, long* witnessed) -> std::string {
                  const std::vector<ScheduledTriage> schedule = TriageSchedule(plan);
                  if (schedule.empty() || schedule.front().from != c.today ||
                      !(schedule.front().entry == Triage(plan))) {
                    return "the schedule does not start with today's triage";
                  }
                  if (schedule.size() == 1) return "";
                  ++*witnessed;  // a triage that changes before the plan does
                  // Each later entry's first day, and the day before it (the last of the
                  // entry before, recounted).
                  for (size_t i = 1; i < schedule.size(); ++i) {
                    const Date from = schedule[i].from;
                    if (from <= schedule[i - 1].from || from > plan.valid_through) {
                      return fmt::format("entry {} starts on {}, out of order", i,
                                         FormatDate(from));
                    }
                    for (auto [entry, day] : {std::pair{i, from}, {i - 1, from - date::days(1)}}) {
                      TriageEntry moved = schedule[entry].entry;
                      RecountTriageDays(&moved, day);
                      if (!(Triage(PlanOn(c, day)) == moved)) {
                        return fmt::format("the triage on {} is not the schedule's",
                                           FormatDate(day));
                      }
                    }
                  }
                  return "";
                },
                /*share=*/0.2);
}

}  // namespace
}  // namespace rehab
