// Tests for the message catalogue (planner/present/messages.cc): every
// message the engine emits has an English template, and a message's typed
// values are worded as the English plan says them.
#include "planner/present/messages.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "tests/generated_cases.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::Case;
using testing::CaseShape;
using testing::DescribeCase;
using testing::MakeCase;
using testing::PlanFor;

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

// Every message of a plan, the messages inside other messages' arguments
// included.
void Collect(const Message& m, std::vector<const Message*>* out) {
  if (m.empty()) return;
  out->push_back(&m);
  for (const auto& arg : m.args) {
    if (const auto* list = std::get_if<std::vector<Message>>(&arg.value)) {
      for (const auto& inner : *list) Collect(inner, out);
    }
  }
}

std::vector<const Message*> AllMessages(const Plan& plan) {
  std::vector<const Message*> out;
  for (const auto& c : plan.changes) Collect(c.reason.message, &out);
  for (const auto& day : plan.days) {
    for (const auto& m : day.milestones) Collect(m.message, &out);
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) {
        if (e.reason) Collect(e.reason->message, &out);
      }
    }
  }
  for (const auto& a : plan.alerts) {
    Collect(a.text, &out);
    Collect(a.action, &out);
    Collect(a.detail, &out);
  }
  for (const auto& n : plan.notes) Collect(n.message, &out);
  for (const auto& w : plan.ignored) Collect(w.message, &out);
  return out;
}

TEST(MessagesTest, EveryMessageTheEngineEmitsHasAnEnglishTemplate) {
  for (std::string_view id : EmittedMessageIds()) EXPECT_TRUE(HasMessage(id)) << id;
}

TEST(MessagesTest, EveryReasonRuleHasATemplateOfItsOwnOrOfItsVariants) {
  std::vector<std::string_view> ids = MessageIds();
  for (std::string_view rule : ReasonRules()) {
    bool found = std::any_of(ids.begin(), ids.end(), [&](std::string_view id) {
      return id == rule ||
             (id.size() > rule.size() && id.starts_with(rule) && id[rule.size()] == '.');
    });
    EXPECT_TRUE(found) << rule;
  }
}

TEST(MessagesTest, TheReasonRulesAreTheOnesPlanJsonDocuments) {
  std::string doc = testing::ReadFile(testing::SourcePath("docs/formats/plan-json.md"));
  std::set<std::string> documented;
  std::regex row(R"(\n\| `([a-z-]+)` \| (start|up|hold|back|resume|back, hold or stop) \|)");
  for (std::sregex_iterator it(doc.begin(), doc.end(), row), end; it != end; ++it) {
    documented.insert((*it)[1]);
  }
  std::set<std::string> engine(ReasonRules().begin(), ReasonRules().end());
  EXPECT_EQ(engine, documented);
}

TEST(MessagesTest, GeneratedPlansUseOnlyListedMessagesAndEachRendersCompletely) {
  std::set<std::string_view> listed(EmittedMessageIds().begin(), EmittedMessageIds().end());
  std::set<std::string> seen;
  CaseShape shape;
  shape.future_share = 0.3;
  shape.worsening_share = 0.3;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    Case c = MakeCase(seed, shape);
    Plan plan = PlanFor(c);
    for (const Message* m : AllMessages(plan)) {
      seen.insert(m->id);
      ASSERT_TRUE(listed.count(m->id)) << m->id << " is not in EmittedMessageIds()\n"
                                       << DescribeCase(c);
      std::string text = MessageText(*m, "en");
      // A template naming an argument the message lacks shows its braces.
      if (m->id != kVerbatimMessage) {
        ASSERT_EQ(text.find('{'), std::string::npos) << m->id << ": " << text;
      }
      ASSERT_FALSE(text.empty()) << m->id;
    }
  }
  // The cases reach the common reasons, alerts and warnings, not a few of them.
  for (const char* id : {"phase-start", "progress", "amber-pain", "red-pain", "gap",
                         "milestone.phase-start", "ignored.after-today", kVerbatimMessage}) {
    EXPECT_TRUE(seen.count(id)) << id;
  }
}

TEST(MessagesTest, ARedPainReasonReadsItsValuesInEnglish) {
  Message m("red-pain");
  m.With("worst", 7).With("dates", std::vector<Date>{D(2026, 3, 24)}).With("red_min", 6);
  m.With("to", StepOf{1, 5});
  EXPECT_EQ(MessageText(m, "en"),
            "Pain was 7/10 on 2026-03-24 (6 or more is too much): back to step 2 of 5.");
}

TEST(MessagesTest, DatesReadAsAnEnglishList) {
  Message m("progress");
  m.With("acceptable_max", 5)
      .With("dates", std::vector<Date>{D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 6)})
      .With("to", StepOf{2, 4});
  EXPECT_EQ(MessageText(m, "en"),
            "Pain stayed at 5/10 or less and settled by the next morning on 2026-03-02, "
            "2026-03-04 and 2026-03-06: move up to step 3 of 4.");
}

TEST(MessagesTest, ATemplateMayJoinAListWithItsOwnSeparator) {
  Message m("rising-pain");
  m.With("rises", 2)
      .With("values", std::vector<int>{2, 3, 4})
      .With("dates", std::vector<Date>{D(2026, 3, 3), D(2026, 3, 4), D(2026, 3, 5)})
      .With("to", StepOf{0, 3});
  EXPECT_EQ(MessageText(m, "en"),
            "Pain during exercise rose 2 times in a row (2, 3, 4 on 2026-03-03, 2026-03-04 and "
            "2026-03-05): back to step 1 of 3.");
}

TEST(MessagesTest, MeansReadWithOneDecimal) {
  Message m("rising-week");
  m.With("from_mean", 5.0 / 3)
      .With("to_mean", 11.0 / 3)
      .With("dates", std::vector<Date>{D(2026, 3, 1)})
      .With("to", StepOf{0, 2});
  EXPECT_EQ(MessageText(m, "en"),
            "Average pain during exercise rose from 1.7 to 3.7 out of 10 over the last week "
            "(2026-03-01): back to step 1 of 2.");
}

TEST(MessagesTest, MessagesInsideAMessageAreWordedByTheirOwnTemplates) {
  Message m("amber-pain");
  m.With("findings",
         std::vector<Message>{Message("finding.pain").With("pain", 6).With("date", D(2026, 3, 3)),
                              Message("finding.morning-above-baseline")
                                  .With("pain", 4)
                                  .With("date", D(2026, 3, 4))
                                  .With("baseline", 2)})
      .With("acceptable_max", 5)
      .With("step", StepOf{1, 3});
  EXPECT_EQ(MessageText(m, "en"),
            "Not yet: pain 6/10 on 2026-03-03; morning pain 4/10 on 2026-03-04, above your "
            "baseline of 2/10 (the aim is 5/10 or less during exercise, and morning pain back to "
            "your baseline). Stay at step 2 of 3 until a week goes well.");
}

TEST(MessagesTest, TheFormFollowsTheNumberOfExercises) {
  auto alert = [](std::vector<std::string> names) {
    return MessageText(Message("alert.repeated-red")
                           .With("red_min", 6)
                           .With("dates", std::vector<Date>{D(2026, 3, 3)})
                           .With("exercises", std::move(names)), "en");
  };
  EXPECT_EQ(alert({"Bridge"}),
            "Pain reached 6 or more out of 10 on 2026-03-03: Bridge was sent back to its easiest "
            "step until your therapist has reviewed it.");
  EXPECT_EQ(alert({"Bridge", "Squat"}),
            "Pain reached 6 or more out of 10 on 2026-03-03: Bridge and Squat were sent back to "
            "their easiest step until your therapist has reviewed them.");
}

TEST(MessagesTest, AnEmptyListPicksTheFormWithoutIt) {
  Message m("ignored.after-today");
  m.With("date", D(2026, 3, 9)).With("today", D(2026, 3, 8)).With("held", std::vector<Message>{});
  EXPECT_EQ(MessageText(m, "en"),
            "diary entry dated 2026-03-09 is after today (2026-03-08) and is ignored: check the "
            "date, or plan with a later --today");
}

TEST(MessagesTest, ALongListOfExercisesIsShortenedToTheFirstAndACount) {
  Message m("note.extra-days");
  m.With("exercises", std::vector<std::string>{"A", "B", "C", "D"})
      .With("days", std::vector<Weekday>{Weekday::kMon, Weekday::kFri})
      .With("from", ClockTime{9 * 60});
  EXPECT_EQ(MessageText(m, "en"),
            "The program prescribes A and 3 other exercises on more days a week than your session "
            "days (Mon, Fri): they are scheduled as often as prescribed, on the other days from "
            "09:00.");
}

TEST(MessagesTest, VerbatimTextIsShownAsItIsBracesIncluded) {
  EXPECT_EQ(MessageText(Message::Verbatim("Fever {over} 38 C"), "en"), "Fever {over} 38 C");
}

TEST(MessagesTest, AMessageLackingAnArgumentOfItsTemplateShowsTheTemplateAsItIs) {
  Message m("red-pain");
  m.With("worst", 7).With("red_min", 6);  // no "dates", no "to"
  EXPECT_EQ(MessageText(m, "en"), "Pain was {worst}/10 on {dates} ({red_min} or more is too much): back "
                            "to {to}.");
}

TEST(MessagesTest, AnUnknownMessageIdWordsAsNothing) {
  EXPECT_EQ(MessageText(Message("no-such-message"), "en"), "");
}

TEST(MessagesTest, ALanguageWithoutTheTemplateFallsBackToEnglish) {
  Message m("milestone.phase-start");
  m.With("phase", "Early motion");
  EXPECT_EQ(MessageText(m, "es"), "Phase starts: Early motion");
}

TEST(MessagesTest, MeasureValuesReadWithTheirUnitOrScale) {
  EXPECT_EQ(DescribeMeasureValue("flexion", 80, "en"), "80°");
  EXPECT_EQ(DescribeMeasureValue("pain", 3, "en"), "3/10");
  EXPECT_EQ(DescribeMeasureValue("swelling", 1, "en"), "mild");
  EXPECT_EQ(DescribeMeasureValue("walk-distance", 35.5, "en"), "35.5 m");
}

// ---- Alert headlines with the patient's care team -------------------------

Patient WithCareTeam() {
  Patient p;
  p.timezone = "America/Chicago";
  CareTeam team;
  team.clinic = "Lakeside Physical Therapy";
  team.clinic_phone = "(312) 555-0199";
  team.surgeon_team_phone = "(312) 555-0100";
  p.care_team = team;
  return p;
}

TEST(MessagesTest, ASameDayHeadlineAfterSurgeryGivesTheSurgeonsTeamsNumber) {
  EXPECT_EQ(AlertHeadline(WithCareTeam(), Anchor::kSurgery, Urgency::kSameDay,
                          RedFlagStops::kAllButEssentials, AlertKind::kRedFlag),
            "Call your surgeon's team today: (312) 555-0100");
}

TEST(MessagesTest, AHeadlineThatStopsEverythingKeepsItsFallbackAfterTheNumber) {
  EXPECT_EQ(AlertHeadline(WithCareTeam(), Anchor::kSurgery, Urgency::kSameDay, RedFlagStops::kAll,
                          AlertKind::kRedFlag),
            "Call your surgeon's team today: (312) 555-0100. If you cannot reach them today, go "
            "to urgent care or the emergency department");
}

TEST(MessagesTest, TheSurgeonsTeamsAfterHoursNumberFollowsItsDaytimeOne) {
  Patient p = WithCareTeam();
  p.care_team->surgeon_team_after_hours_phone = "(312) 555-0111";
  EXPECT_EQ(AlertHeadline(p, Anchor::kSurgery, Urgency::kSameDay, RedFlagStops::kNone,
                          AlertKind::kSeeDoctor),
            "Call your surgeon's team today: (312) 555-0100 (after hours: (312) 555-0111)");
}

TEST(MessagesTest, AnAppointmentGivesTheSurgeonsTeamsDaytimeNumberOnly) {
  Patient p = WithCareTeam();
  p.care_team->surgeon_team_after_hours_phone = "(312) 555-0111";
  EXPECT_EQ(AlertHeadline(p, Anchor::kSurgery, Urgency::kRoutine, RedFlagStops::kNone,
                          AlertKind::kSeeDoctor),
            "Make an appointment with your surgeon's team or doctor (surgeon's team: (312) "
            "555-0100)");
}

TEST(MessagesTest, TheTherapistReviewHeadlineGivesTheClinicsNumber) {
  EXPECT_EQ(AlertHeadline(WithCareTeam(), Anchor::kStart, Urgency::kRoutine, RedFlagStops::kNone,
                          AlertKind::kTherapistReview),
            "Show this plan to your therapist (clinic: (312) 555-0199)");
}

TEST(MessagesTest, AnEmergencyHeadlineGivesTheEmergencyNumberAlone) {
  EXPECT_EQ(AlertHeadline(WithCareTeam(), Anchor::kSurgery, Urgency::kEmergency, RedFlagStops::kAll,
                          AlertKind::kRedFlag),
            "Call 911 now");
}

TEST(MessagesTest, WithoutSurgeryASameDayHeadlineNamesNoCareTeamNumber) {
  EXPECT_EQ(AlertHeadline(WithCareTeam(), Anchor::kStart, Urgency::kSameDay, RedFlagStops::kNone,
                          AlertKind::kSeeDoctor),
            "See a doctor today");
}

TEST(MessagesTest, ACalendarTitleHasNoRoomForTheNumber) {
  EXPECT_EQ(AlertHeadline(WithCareTeam(), Anchor::kSurgery, Urgency::kSameDay, RedFlagStops::kAll,
                          AlertKind::kRedFlag, HeadlineForm::kTitle),
            "\u26a0 No exercise: call surgeon's team");
}

TEST(MessagesTest, WithoutACareTeamTheHeadlineIsAsBefore) {
  EXPECT_EQ(AlertHeadline(Patient{}, Anchor::kSurgery, Urgency::kSameDay, RedFlagStops::kNone,
                          AlertKind::kRedFlag),
            "Call your surgeon's team today");
}

TEST(MessagesTest, ACareTeamWithoutTheSurgeonsNumberLeavesTheSurgeryHeadlineAlone) {
  Patient p = WithCareTeam();
  p.care_team->surgeon_team_phone.clear();
  EXPECT_EQ(AlertHeadline(p, Anchor::kSurgery, Urgency::kSameDay, RedFlagStops::kNone,
                          AlertKind::kRedFlag),
            "Call your surgeon's team today");
}

}  // namespace
}  // namespace rehab
