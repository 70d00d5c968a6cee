// Tests for the .ics export: byte-level RFC 5545 form, libical as an
// independent parser, time zones across DST changes, and re-export updates.
#include "planner/present/render_ics.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "planner/present/dose_text.h"
#include "planner/present/messages.h"
#include "support/plan_builder.h"
#include "support/test_util.h"

namespace rehab {
namespace {

using date::days;

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

// A plan of `n` consecutive days from `start`, one session per entry of
// `times`, the same two exercises at the same dose every day; today is the
// first day.
Plan MakePlan(const std::string& zone, Date start, int n,
              const std::vector<TimeOfDay>& times = {8 * 60}) {
  return testing::DailyPlan({.start = start,
                             .days = n,
                             .times = times,
                             .timezone = zone,
                             .session_minutes = 20,
                             .goals = {"Straighten the knee fully"},
                             .steps = 3});
}

// ---- libical helpers ----

struct IcalDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using IcalPtr = std::unique_ptr<icalcomponent, IcalDeleter>;

IcalPtr Parse(const std::string& text) {
  IcalPtr cal(icalparser_parse_string(text.c_str()));
  EXPECT_NE(cal, nullptr);
  if (cal) {
    EXPECT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
    EXPECT_EQ(icalcomponent_count_errors(cal.get()), 0) << icalcomponent_as_ical_string(cal.get());
  }
  return cal;
}

std::vector<icalcomponent*> Events(icalcomponent* cal) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
       e != nullptr; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    out.push_back(e);
  }
  return out;
}

icalcomponent* FindEvent(icalcomponent* cal, const std::string& uid) {
  for (icalcomponent* e : Events(cal)) {
    if (uid == icalcomponent_get_uid(e)) return e;
  }
  return nullptr;
}

// All CATEGORIES values joined by commas (libical splits a list into one
// property per value).
std::string Categories(icalcomponent* e) {
  std::string out;
  for (icalproperty* p = icalcomponent_get_first_property(e, ICAL_CATEGORIES_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(e, ICAL_CATEGORIES_PROPERTY)) {
    out += (out.empty() ? "" : ",") + std::string(icalproperty_get_categories(p));
  }
  return out;
}

std::string DtstartTzid(icalcomponent* e) {
  icalproperty* p = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
  if (p == nullptr) return "";
  icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  return tz != nullptr ? icalparameter_get_tzid(tz) : "";
}

std::string Local(const struct icaltimetype& t) {
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

// `t`, a start of event `e` as written (local to its DTSTART's TZID, or UTC),
// as UTC "YYYY-MM-DD HH:MM", converted by libical through the VTIMEZONE in
// the file itself (not libical's built-in zones).
std::string ToUtc(icalcomponent* cal, icalcomponent* e, struct icaltimetype t) {
  std::string tzid = DtstartTzid(e);
  if (!tzid.empty()) {
    icaltimezone* zone = icalcomponent_get_timezone(cal, tzid.c_str());
    EXPECT_NE(zone, nullptr) << "no VTIMEZONE for " << tzid;
    if (zone == nullptr) return "";
    t = icaltime_set_timezone(&t, zone);
  } else {
    EXPECT_TRUE(icaltime_is_utc(t));
  }
  return Local(icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone()));
}

// The event's own DTSTART in UTC.
std::string StartUtc(icalcomponent* cal, icalcomponent* e) {
  return ToUtc(cal, e,
               icalproperty_get_dtstart(icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY)));
}

std::string StartLocal(icalcomponent* e) { return Local(icalcomponent_get_dtstart(e)); }

// One occurrence of an event: the event itself, or one date of a recurring
// event as libical's own RRULE iterator expands it.
struct Occurrence {
  icalcomponent* event;
  struct icaltimetype start;  // as written: local time of the TZID, UTC or floating
  std::string local;          // "YYYY-MM-DD HH:MM" of `start`
};

bool IsCancelled(icalcomponent* e) { return icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED; }

// Every occurrence of every event that is not cancelled, in time order (file
// order among occurrences at the same time).
std::vector<Occurrence> Occurrences(icalcomponent* cal) {
  std::vector<Occurrence> out;
  for (icalcomponent* e : Events(cal)) {
    if (IsCancelled(e)) continue;
    struct icaltimetype start =
        icalproperty_get_dtstart(icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY));
    icalproperty* rrule = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY);
    if (rrule == nullptr) {
      out.push_back({e, start, Local(start)});
      continue;
    }
    icalrecur_iterator* it = icalrecur_iterator_new(icalproperty_get_rrule(rrule), start);
    EXPECT_NE(it, nullptr);
    if (it == nullptr) continue;
    for (struct icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(it)) {
      out.push_back({e, t, Local(t)});
    }
    icalrecur_iterator_free(it);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.local < b.local; });
  return out;
}

std::vector<Occurrence> SessionOccurrences(icalcomponent* cal) {
  std::vector<Occurrence> out = Occurrences(cal);
  std::erase_if(out, [](const Occurrence& o) { return Categories(o.event) != "Rehab,Exercise"; });
  return out;
}

// An occurrence's start in UTC, converted through the file's own VTIMEZONE.
std::string OccurrenceUtc(icalcomponent* cal, const Occurrence& o) {
  return ToUtc(cal, o.event, o.start);
}

// The UID of the (recurring) session event that has an occurrence on `d` in
// slot `slot`; the UID itself is opaque.
std::string Uid(const std::string& ics, Date d, int slot) {
  IcalPtr cal = Parse(ics);
  for (const Occurrence& o : SessionOccurrences(cal.get())) {
    std::string summary = icalcomponent_get_summary(o.event);
    // "Exercises 2/3 · 20 min", or "Exercises · 20 min" for a day's only session.
    bool in_slot = summary.starts_with(fmt::format("Exercises {}/", slot + 1)) ||
                   (slot == 0 && summary.starts_with("Exercises \u00b7"));
    if (o.local.substr(0, 10) == FormatDate(d) && in_slot) {
      return icalcomponent_get_uid(o.event);
    }
  }
  return "";
}

std::vector<std::string> Rrules(const std::string& ics) {
  std::vector<std::string> out;
  bool in_event = false;  // a VTIMEZONE's yearly rules are not events'
  for (const auto& line : UnfoldIcsLines(ics)) {
    if (line == "BEGIN:VEVENT" || line == "END:VEVENT") in_event = line == "BEGIN:VEVENT";
    if (in_event && line.starts_with("RRULE:")) out.push_back(line.substr(6));
  }
  return out;
}

std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\r\n", pos);
    if (end == std::string::npos) {
      lines.push_back(text.substr(pos));
      break;
    }
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

// An independent UTF-8 check: every sequence complete and well formed.
bool IsUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

const char* const kLongNames[] = {
    "Kniebeugung im Sitzen – Fersengleiten über das Handtuch, langsam; "
    "Übung für die Großzehen-Streckung und Gewöhnung an Belastung",
    "Κάμψη γόνατος σε καθιστή θέση με πετσέτα, αργά και ελεγχόμενα· "
    "σταματήστε αν ο πόνος ξεπεράσει το 5/10",
    "膝関節の屈曲運動：タオルを使ったかかとのスライド、ゆっくりと十回繰り返す。痛みが強い場合は中止"
    "してください。",
    "膝关节屈曲练习：用毛巾滑动脚跟，慢慢地重复十次，如果疼痛超过五分请停止，明天再试一次。",
};

// ---- byte level ----

TEST(RenderIcsTest, EveryLineEndsInCrlfAndIsAtMost75Octets) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 1), 10);
  for (auto& day : plan.days) {
    auto& ex = day.sessions[0].exercises[0];
    ex.exercise = testing::TestExercise(ex.id(), kLongNames[day.day % 4]);
    testing::EditDose(&day.sessions[0].exercises[1])->note =
        "slowly, with a towel; stop if sharp\\pain\nthen rest";
  }
  std::string ics = RenderIcs(plan);
  ASSERT_TRUE(ics.ends_with("END:VCALENDAR\r\n"));
  // No bare LF or CR anywhere: every LF is preceded by CR and every CR followed by LF.
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      ASSERT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
    }
    if (ics[i] == '\r') {
      ASSERT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  auto lines = PhysicalLines(ics);
  ASSERT_GT(lines.size(), 100u);
  bool folded = false;
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(IsUtf8(line)) << "split UTF-8 character in: " << line;
    folded = folded || line.starts_with(" ");
  }
  EXPECT_TRUE(folded);
}

TEST(RenderIcsTest, FoldsLinesWithoutSplittingUtf8Characters) {
  // Every name at every prefix length, so a fold lands on every byte offset
  // of multi-byte characters at least once.
  for (const char* name : kLongNames) {
    for (int prefix = 0; prefix < 8; ++prefix) {
      std::string line = "DESCRIPTION:" + std::string(prefix, 'x') + name + name;
      std::string folded = FoldIcsLine(line);
      ASSERT_TRUE(folded.ends_with("\r\n"));
      auto physical = PhysicalLines(folded.substr(0, folded.size() - 2));
      ASSERT_GT(physical.size(), 1u) << line;
      for (size_t i = 0; i < physical.size(); ++i) {
        EXPECT_LE(physical[i].size(), 75u);
        if (i > 0) {
          EXPECT_EQ(physical[i][0], ' ');
        }
        EXPECT_TRUE(IsUtf8(physical[i])) << prefix << ": " << physical[i];
      }
      auto unfolded = UnfoldIcsLines(folded);
      ASSERT_EQ(unfolded.size(), 1u);
      EXPECT_EQ(unfolded[0], line);
    }
  }
}

TEST(RenderIcsTest, FoldsAsLateAsPossible) {
  std::string line(200, 'a');
  std::string folded = FoldIcsLine(line);
  EXPECT_TRUE(folded.ends_with("a\r\n"));
  auto physical = PhysicalLines(folded);
  ASSERT_EQ(physical.size(), 3u);  // 75 octets, then space + 74, then space + the last 51
  EXPECT_EQ(physical[0].size(), 75u);
  EXPECT_EQ(physical[1].size(), 75u);
  EXPECT_EQ(physical[2].size(), 1u + 200 - 75 - 74);
  EXPECT_EQ(FoldIcsLine(std::string(75, 'b')), std::string(75, 'b') + "\r\n");
}

TEST(RenderIcsTest, EscapesTextAndRoundTripsThroughUnescape) {
  static const struct {
    const char* text;
    const char* escaped;
  } kCases[] = {
      {"plain", "plain"},
      {"a,b;c", "a\\,b\\;c"},
      {"back\\slash", "back\\\\slash"},
      {"line\nbreak", "line\\nbreak"},
      {"crlf\r\nbreak", "crlf\\nbreak"},
      {"tab\tkept", "tab\tkept"},
      {"Übung; Κάμψη, 膝\n", "Übung\\; Κάμψη\\, 膝\\n"},
      {"\\n is not a newline", "\\\\n is not a newline"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(EscapeIcsText(c.text), c.escaped) << c.text;
    std::string expected = c.text;
    for (size_t pos; (pos = expected.find("\r\n")) != std::string::npos;) expected.erase(pos, 1);
    EXPECT_EQ(UnescapeIcsText(EscapeIcsText(c.text)), expected) << c.text;
  }
}

TEST(RenderIcsTest, DropsControlCharactersAndReplacesInvalidUtf8) {
  EXPECT_EQ(EscapeIcsText(std::string("a\x01"
                                      "b\x7f"
                                      "c")),
            "abc");
  EXPECT_EQ(EscapeIcsText("bad \xC3 byte"), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(EscapeIcsText("overlong \xC0\xAF"), "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(RenderIcsTest, MultilingualDescriptionsRoundTripExactlyThroughUnfoldAndLibical) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 5, 4), 4);
  for (auto& day : plan.days) {
    auto& ex = day.sessions[0].exercises[0];
    ex.exercise = testing::TestExercise(ex.id(), kLongNames[day.day]);
    testing::EditDose(&ex)->note = "mit Handtuch, langsam; 慢慢地\nthen rest \\ breathe";
    ex.change = StepChange::kUp;
    ex.reason = Reason{
        "step-up", Message::Verbatim("Pain ≤ 3/10, settled by morning; step up, carefully."), {}};
  }
  std::string ics = RenderIcs(plan);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  // Our own reading: unfold, pick DESCRIPTION lines, unescape.
  std::vector<std::string> own;
  for (const auto& line : UnfoldIcsLines(ics)) {
    if (line.starts_with("DESCRIPTION:") && line.find("\\n\\n") != std::string::npos) {
      own.push_back(UnescapeIcsText(line.substr(12)));
    }
  }
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 4u);
  ASSERT_EQ(own.size(), 4u);
  for (size_t i = 0; i < events.size(); ++i) {
    std::string description = icalcomponent_get_description(events[i]);
    EXPECT_EQ(description, own[i]);
    const auto& ex = plan.days[i].sessions[0].exercises[0];
    std::string expected_line = "\u2022 " + ex.name() + ": " + DescribeDose(*ex.dose, "kg", "en") +
                                ", " + DescribeSide(ex.side, "en");
    EXPECT_NE(description.find(expected_line), std::string::npos) << description;
    EXPECT_NE(description.find(MessageText(ex.reason->message, "en")), std::string::npos) << description;
    EXPECT_TRUE(std::string(icalcomponent_get_summary(events[i])).starts_with("Exercises \u00b7 "))
        << icalcomponent_get_summary(events[i]);
    EXPECT_TRUE(description.starts_with("Knee rehab: Early motion\n")) << description;
  }
}

// ---- content checked through libical ----

TEST(RenderIcsTest, LibicalExpandsTheEventsIntoExactlyThePlansSessions) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 20), 14, {8 * 60, 17 * 60 + 30});
  for (auto& day : plan.days) {
    for (auto& session : day.sessions) session.duration_minutes = 20 + day.day % 3;
  }
  plan.days[2].sessions[1].exercises[1].change = StepChange::kBack;
  plan.days[2].sessions[1].exercises[1].reason =
      Reason{"red", Message::Verbatim("Pain 7/10 after exercise"), {}};
  std::string ics = RenderIcs(plan);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  EXPECT_STREQ(
      icalproperty_get_version(icalcomponent_get_first_property(cal.get(), ICAL_VERSION_PROPERTY)),
      "2.0");
  EXPECT_EQ(icalcomponent_get_method(cal.get()), ICAL_METHOD_PUBLISH);
  auto occurrences = Occurrences(cal.get());
  ASSERT_EQ(occurrences.size(), 28u);
  size_t i = 0;
  for (const auto& day : plan.days) {
    for (const auto& session : day.sessions) {
      icalcomponent* e = occurrences[i++].event;
      EXPECT_EQ(DtstartTzid(e), "Europe/Berlin");
      EXPECT_EQ(occurrences[i - 1].local, FormatDate(day.date) + " " + FormatTime(session.time));
      EXPECT_EQ(icaldurationtype_as_int(icalcomponent_get_duration(e)),
                session.duration_minutes * 60);
      EXPECT_EQ(Categories(e), "Rehab,Exercise");
      std::string description = icalcomponent_get_description(e);
      for (const auto& ex : session.exercises) {
        std::string expected = "\u2022 " + ex.name() + ": " + DescribeDose(*ex.dose, "kg", "en") +
                               ", " + DescribeSide(ex.side, "en");
        EXPECT_NE(description.find(expected), std::string::npos) << description;
      }
      // The reason stays with the dose it explains, in every later session.
      bool after_change = day.day > 2 || (day.day == 2 && session.slot == 1);
      std::string why = "Stepped back on 2026-03-22 (" + session.exercises[1].name() +
                        "): Pain 7/10 after exercise";
      EXPECT_EQ(description.find(why) != std::string::npos, after_change)
          << occurrences[i - 1].local;
    }
  }
  std::set<std::string> uids;
  for (icalcomponent* e : Events(cal.get())) uids.insert(icalcomponent_get_uid(e));
  EXPECT_EQ(uids.size(), Events(cal.get()).size());
  EXPECT_LT(uids.size(), 28u);
  // The same plan always gives the same UIDs (and the same bytes).
  EXPECT_EQ(RenderIcs(plan), ics);
}

TEST(RenderIcsTest, IdenticalDailySessionsBecomeOneDailyRecurringEvent) {
  Plan plan = MakePlan("America/New_York", D(2026, 3, 2), 14);
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(Rrules(ics), (std::vector<std::string>{"FREQ=DAILY;COUNT=14"}));
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  EXPECT_EQ(Events(cal.get()).size(), 1u);
  auto occurrences = Occurrences(cal.get());
  ASSERT_EQ(occurrences.size(), 14u);
  for (size_t i = 0; i < occurrences.size(); ++i) {
    EXPECT_EQ(occurrences[i].local, FormatDate(D(2026, 3, 2) + days(i)) + " 08:00");
  }
}

TEST(RenderIcsTest, SessionsOnSomeWeekdaysRecurWeeklyOnThoseDays) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 2), 28);  // Monday 2 March
  for (auto& day : plan.days) {
    auto wd = date::weekday(day.date);
    if (wd != date::Monday && wd != date::Wednesday && wd != date::Friday) day.sessions.clear();
  }
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(Rrules(ics), (std::vector<std::string>{"FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12"}));
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  std::vector<std::string> got;
  for (const auto& o : Occurrences(cal.get())) got.push_back(o.local);
  std::vector<std::string> want;
  for (const auto& day : plan.days) {
    if (!day.sessions.empty()) want.push_back(FormatDate(day.date) + " 08:00");
  }
  EXPECT_EQ(got, want);
}

TEST(RenderIcsTest, ADoseChangeEndsOneEventAndStartsTheNextWithItsReason) {
  Plan plan = MakePlan("UTC", D(2026, 3, 2), 14);
  for (size_t i = 7; i < plan.days.size(); ++i) {
    testing::EditDose(&plan.days[i].sessions[0].exercises[0])->reps = 12;
    plan.days[i].sessions[0].exercises[0].step = 1;
  }
  plan.days[7].sessions[0].exercises[0].change = StepChange::kUp;
  plan.days[7].sessions[0].exercises[0].reason =
      Reason{"step-up", Message::Verbatim("Pain stayed at or below 3/10 all week"), {}};
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(Rrules(ics),
            (std::vector<std::string>{"FREQ=DAILY;COUNT=7", "FREQ=DAILY;COUNT=7"}));
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(StartLocal(events[1]), "2026-03-09 08:00");
  std::string before = icalcomponent_get_description(events[0]);
  std::string after = icalcomponent_get_description(events[1]);
  EXPECT_NE(before.find("3 sets of 10"), std::string::npos) << before;
  EXPECT_EQ(before.find("Stepped up"), std::string::npos) << before;
  EXPECT_NE(after.find("3 sets of 12"), std::string::npos) << after;
  EXPECT_NE(after.find(
                "Stepped up on 2026-03-09 (Heel slides): Pain stayed at or below 3/10 all week"),
            std::string::npos)
      << after;
}

// What an event says: its summary, description, categories and duration.
std::string Content(icalcomponent* e) {
  auto text = [](const char* s) { return std::string(s != nullptr ? s : ""); };
  return fmt::format("{}|{}|{}|{}", text(icalcomponent_get_summary(e)),
                     text(icalcomponent_get_description(e)), Categories(e),
                     icaldurationtype_as_int(icalcomponent_get_duration(e)));
}

// A 14-day plan whose days 1-7 and 8-14 differ: one event per half, each
// recurring daily, whose texts differ.
void ExpectTwoWeeklyHalvesThatReadDifferently(const Plan& plan, const std::string& field) {
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(Rrules(ics), (std::vector<std::string>{"FREQ=DAILY;COUNT=7", "FREQ=DAILY;COUNT=7"}))
      << field;
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal) << field;
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 2u) << field;
  EXPECT_NE(Content(events[0]), Content(events[1])) << field;
}

// Every field that shows in a session's event: sessions that differ in it
// alone, from day 8 on, must be two events that read differently, never one.
TEST(RenderIcsTest, SessionsThatDifferInAnyFieldOfTheirTextAreNeverOneEvent) {
  static const struct {
    const char* field;
    std::function<void(DayPlan*)> change;
  } kCases[] = {
      {"rest", [](DayPlan* d) { testing::EditDose(&d->sessions[0].exercises[0])->rest_seconds = 30; }},
      {"tempo", [](DayPlan* d) { testing::EditDose(&d->sessions[0].exercises[0])->tempo = "3-1-3"; }},
      {"hold", [](DayPlan* d) { testing::EditDose(&d->sessions[0].exercises[0])->hold_seconds = 5; }},
      {"range", [](DayPlan* d) { testing::EditDose(&d->sessions[0].exercises[0])->range = "0-90"; }},
      {"note", [](DayPlan* d) { testing::EditDose(&d->sessions[0].exercises[0])->note = "slowly"; }},
      {"minutes", [](DayPlan* d) { testing::EditDose(&d->sessions[0].exercises[0])->minutes = 5; }},
      {"load kg",
       [](DayPlan* d) {
         Dose* dose = testing::EditDose(&d->sessions[0].exercises[0]);
         dose->load = Load{LoadKind::kKg, 2, ""};
       }},
      {"band",
       [](DayPlan* d) {
         testing::EditDose(&d->sessions[0].exercises[0])->load = Load{LoadKind::kBand, 0, "red"};
       }},
      {"side", [](DayPlan* d) { d->sessions[0].exercises[0].side = Side::kLeft; }},
      {"exercise name",
       [](DayPlan* d) {
         d->sessions[0].exercises[0].exercise =
             testing::TestExercise("heel-slide", "Seated heel slides");
       }},
      {"exercise order",
       [](DayPlan* d) {
         std::swap(d->sessions[0].exercises[0], d->sessions[0].exercises[1]);
       }},
      {"duration", [](DayPlan* d) { d->sessions[0].duration_minutes = 25; }},
      {"phase", [](DayPlan* d) { d->phase_id = "late"; }},
  };
  for (const auto& c : kCases) {
    Plan plan = MakePlan("UTC", D(2026, 3, 2), 14);
    for (size_t i = 7; i < plan.days.size(); ++i) c.change(&plan.days[i]);
    ExpectTwoWeeklyHalvesThatReadDifferently(plan, c.field);
  }
}

// The same for ice/heat slots.
TEST(RenderIcsTest, IceOrHeatSlotsThatDifferInAnyFieldOfTheirTextAreNeverOneEvent) {
  static const struct {
    const char* field;
    std::function<void(ModalitySlot*)> change;
  } kCases[] = {
      {"name", [](ModalitySlot* m) { m->name = "Cold pack"; }},
      {"kind", [](ModalitySlot* m) { m->kind = ModalityKind::kHeat; }},
      {"minutes", [](ModalitySlot* m) { m->minutes = 20; }},
      {"timing", [](ModalitySlot* m) { m->when = ModalityTiming::kBeforeExercise; }},
      {"modality", [](ModalitySlot* m) { m->modality_id = "ice-2"; }},
  };
  for (const auto& c : kCases) {
    Plan plan = MakePlan("UTC", D(2026, 3, 2), 14);
    Modality ice;
    ice.id = "ice";
    ice.name = "Ice pack";
    Modality ice2 = ice;
    ice2.id = "ice-2";
    ice2.instructions = "Never on bare skin.";
    auto with_ice = std::make_shared<Program>(*plan.program);
    with_ice->modalities = {ice, ice2};
    plan.program = with_ice;
    for (size_t i = 0; i < plan.days.size(); ++i) {
      plan.days[i].sessions.clear();
      ModalitySlot slot{"ice", "Ice pack", ModalityKind::kIce, 9 * 60, 15, ModalityTiming::kAny};
      if (i >= 7) c.change(&slot);
      plan.days[i].modalities = {slot};
    }
    ExpectTwoWeeklyHalvesThatReadDifferently(plan, c.field);
  }
}

TEST(RenderIcsTest, OneEventPerSessionGivesEverySessionItsOwnEventAndUid) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 2), 14, {8 * 60, 18 * 60});
  std::string repeating = RenderIcs(plan);
  std::string single = RenderIcs(plan, {.remind_minutes = 10, .repeat = false});
  EXPECT_TRUE(Rrules(single).empty());
  IcalPtr cal = Parse(single);
  ASSERT_TRUE(cal);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 28u);
  std::set<std::string> uids;
  for (icalcomponent* e : events) uids.insert(icalcomponent_get_uid(e));
  EXPECT_EQ(uids.size(), 28u);
  // The same sessions either way; the first day's events keep the UIDs of
  // the repeating events that start on it.
  IcalPtr repeating_cal = Parse(repeating);
  ASSERT_TRUE(repeating_cal);
  std::vector<std::string> a, b;
  for (const auto& o : Occurrences(cal.get())) a.push_back(o.local);
  for (const auto& o : Occurrences(repeating_cal.get())) b.push_back(o.local);
  EXPECT_EQ(a, b);
  EXPECT_EQ(Uid(single, D(2026, 3, 2), 1), Uid(repeating, D(2026, 3, 2), 1));
  EXPECT_NE(Uid(single, D(2026, 3, 3), 1), Uid(repeating, D(2026, 3, 3), 1));
}

// Property: whatever the pattern of days, times and doses, expanding the
// recurring events gives back exactly the plan's sessions, each with its own
// content.
TEST(RenderIcsTest, RecurringEventsExpandToExactlyTheSessionsOfManyRandomPlans) {
  std::mt19937 rng(20261125);
  const char* kZones[] = {"UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney"};
  int recurring = 0;
  for (int round = 0; round < 150; ++round) {
    int n = 1 + static_cast<int>(rng() % 90);
    Date start = D(2026, 1, 1) + days(rng() % 365);
    Plan plan = MakePlan(kZones[rng() % 4], start, n, {7 * 60 + 30, 12 * 60, 18 * 60});
    int keep_percent = static_cast<int>(rng() % 101);
    int variants = 1 + static_cast<int>(rng() % 3);
    int variant = 0;
    std::vector<std::string> want;
    for (auto& day : plan.days) {
      if (rng() % 10 == 0) variant = static_cast<int>(rng() % variants);  // a dose change
      std::vector<Session> kept;
      for (auto& session : day.sessions) {
        if (static_cast<int>(rng() % 100) >= keep_percent) continue;
        testing::EditDose(&session.exercises[0])->reps = 8 + variant;
        session.duration_minutes = 15 + variant;
        kept.push_back(session);
        want.push_back(fmt::format("{} {} {}", FormatDate(day.date), FormatTime(session.time),
                                   session.duration_minutes));
      }
      day.sessions = kept;
    }
    std::string ics = RenderIcs(plan);
    IcalPtr cal = Parse(ics);
    ASSERT_TRUE(cal);
    std::vector<std::string> got;
    for (const auto& o : Occurrences(cal.get())) {
      int minutes = icaldurationtype_as_int(icalcomponent_get_duration(o.event)) / 60;
      got.push_back(fmt::format("{} {}", o.local, minutes));
      std::string description = icalcomponent_get_description(o.event);
      EXPECT_NE(description.find(fmt::format("3 sets of {}", minutes - 7)), std::string::npos)
          << description;
    }
    ASSERT_EQ(got, want) << "round " << round;
    recurring += static_cast<int>(Rrules(ics).size());
  }
  EXPECT_GT(recurring, 150);  // the rounds did exercise recurrence
}

TEST(RenderIcsTest, UidDependsOnPatientProgramFirstDateAndSlot) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 2, {8 * 60, 18 * 60});
  std::string base = RenderIcs(plan);
  std::string uid = Uid(base, D(2026, 3, 1), 0);
  ASSERT_FALSE(uid.empty());
  EXPECT_TRUE(uid.ends_with("@rehab"));
  EXPECT_NE(uid, Uid(base, D(2026, 3, 1), 1));
  EXPECT_EQ(uid, Uid(base, D(2026, 3, 2), 0));  // one recurring event
  // A run starting on another date is another event.
  Plan later = MakePlan("UTC", D(2026, 3, 2), 1, {8 * 60, 18 * 60});
  EXPECT_NE(Uid(RenderIcs(later), D(2026, 3, 2), 0), uid);
  // Content changes keep the UID of the run that still starts on 1 March.
  Plan changed = plan;
  testing::EditDose(&changed.days[1].sessions[0].exercises[0])->reps = 15;
  changed.days[0].sessions[0].time = 9 * 60;
  EXPECT_EQ(Uid(RenderIcs(changed), D(2026, 3, 1), 0), uid);
  Plan other_patient = plan;
  other_patient.patient.id = "p-002";
  EXPECT_NE(Uid(RenderIcs(other_patient), D(2026, 3, 1), 0), uid);
  Plan other_program = plan;
  auto hip = std::make_shared<Program>(*plan.program);
  hip->id = "hip-test";
  other_program.program = hip;
  EXPECT_NE(Uid(RenderIcs(other_program), D(2026, 3, 1), 0), uid);
}

TEST(RenderIcsTest, RenderingIntoAUsedBufferReplacesWhatItHeld) {
  Plan longer = MakePlan("Europe/Berlin", D(2026, 3, 1), 20, {8 * 60, 18 * 60});
  Plan shorter = MakePlan("UTC", D(2026, 3, 1), 2);
  std::string buffer;
  RenderIcs(longer, {}, {}, &buffer);
  EXPECT_EQ(buffer, RenderIcs(longer));
  RenderIcs(shorter, {}, {}, &buffer);
  EXPECT_EQ(buffer, RenderIcs(shorter));
}

TEST(RenderIcsTest, WritesCalendarHeaderAndDeterministicDtstamp) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 3);
  plan.today = D(2026, 3, 2);
  auto lines = UnfoldIcsLines(RenderIcs(plan));
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[0], "BEGIN:VCALENDAR");
  EXPECT_EQ(lines[1], "VERSION:2.0");
  EXPECT_TRUE(lines[2].starts_with("PRODID:"));
  EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
  EXPECT_EQ(lines[4], "METHOD:PUBLISH");
  int stamps = 0;
  for (const auto& line : lines) {
    if (line.starts_with("DTSTAMP:")) {
      EXPECT_EQ(line, "DTSTAMP:20260302T000000Z");
      ++stamps;
    }
  }
  EXPECT_EQ(stamps, 1);  // one (recurring) event
}

// ---- time zones ----

struct ZoneCase {
  const char* zone;
  Date first;
  Date second;
  const char* first_utc;   // 08:00 local on `first`, in UTC
  const char* second_utc;  // 08:00 local on `second`, in UTC
};

void ExpectLocalEightAcrossOffsets(const ZoneCase& c) {
  Plan plan = MakePlan(c.zone, c.first, static_cast<int>((c.second - c.first).count()) + 1);
  std::string ics = RenderIcs(plan);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  auto occurrences = Occurrences(cal.get());
  ASSERT_EQ(occurrences.size(), plan.days.size());
  for (const auto& o : occurrences) {
    EXPECT_EQ(DtstartTzid(o.event), c.zone);
    EXPECT_EQ(o.local.substr(11), "08:00");
  }
  EXPECT_EQ(OccurrenceUtc(cal.get(), occurrences.front()), c.first_utc) << c.zone;
  EXPECT_EQ(OccurrenceUtc(cal.get(), occurrences.back()), c.second_utc) << c.zone;
}

TEST(RenderIcsTest, NewYorkSessionsStayAtEightLocalAcrossTheMarchChange) {
  // DST began 2026-03-08: EST (-05:00) before, EDT (-04:00) after.
  ExpectLocalEightAcrossOffsets(
      {"America/New_York", D(2026, 3, 6), D(2026, 3, 10), "2026-03-06 13:00", "2026-03-10 12:00"});
}

TEST(RenderIcsTest, NewYorkSessionsStayAtEightLocalAcrossTheNovemberChange) {
  // DST ended 2026-11-01.
  ExpectLocalEightAcrossOffsets({"America/New_York", D(2026, 10, 30), D(2026, 11, 3),
                                 "2026-10-30 12:00", "2026-11-03 13:00"});
}

TEST(RenderIcsTest, NewYorkOffsetsChangeOnTheTransitionDays) {
  Plan plan = MakePlan("America/New_York", D(2026, 3, 7), 2);
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  auto occurrences = Occurrences(cal.get());
  ASSERT_EQ(occurrences.size(), 2u);
  EXPECT_EQ(OccurrenceUtc(cal.get(), occurrences[0]), "2026-03-07 13:00");  // -05:00
  EXPECT_EQ(OccurrenceUtc(cal.get(), occurrences[1]), "2026-03-08 12:00");  // -04:00 from 02:00
}

TEST(RenderIcsTest, BerlinSessionsFollowCentralEuropeanSummerTime) {
  ExpectLocalEightAcrossOffsets(
      {"Europe/Berlin", D(2026, 3, 27), D(2026, 10, 27), "2026-03-27 07:00", "2026-10-27 07:00"});
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 28), 2);
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  auto occurrences = Occurrences(cal.get());
  ASSERT_EQ(occurrences.size(), 2u);
  EXPECT_EQ(OccurrenceUtc(cal.get(), occurrences[1]), "2026-03-29 06:00");  // +02:00
}

TEST(RenderIcsTest, SydneySessionsFollowTheSouthernHemisphereChanges) {
  // AEDT (+11:00) ended 2026-04-05; AEST (+10:00) after; AEDT again from 2026-10-04.
  ExpectLocalEightAcrossOffsets(
      {"Australia/Sydney", D(2026, 4, 3), D(2026, 4, 7), "2026-04-02 21:00", "2026-04-06 22:00"});
  ExpectLocalEightAcrossOffsets(
      {"Australia/Sydney", D(2026, 10, 2), D(2026, 10, 6), "2026-10-01 22:00", "2026-10-05 21:00"});
}

TEST(RenderIcsTest, KolkataHasOneStandardObservanceAndAHalfHourOffset) {
  ExpectLocalEightAcrossOffsets(
      {"Asia/Kolkata", D(2026, 3, 1), D(2026, 11, 30), "2026-03-01 02:30", "2026-11-30 02:30"});
  std::string ics = RenderIcs(MakePlan("Asia/Kolkata", D(2026, 3, 1), 30));
  auto lines = UnfoldIcsLines(ics);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:STANDARD"), 1);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:DAYLIGHT"), 0);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "TZOFFSETTO:+0530"), 1);
}

TEST(RenderIcsTest, UtcPlansUseZuluTimesAndNoTimezone) {
  Plan plan = MakePlan("UTC", D(2026, 3, 6), 5);
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(ics.find("VTIMEZONE"), std::string::npos);
  EXPECT_EQ(ics.find("TZID"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20260306T080000Z\r\n"), std::string::npos);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  auto occurrences = Occurrences(cal.get());
  EXPECT_EQ(occurrences.size(), 5u);
  for (const auto& o : occurrences) {
    EXPECT_TRUE(icaltime_is_utc(o.start));
    EXPECT_EQ(OccurrenceUtc(cal.get(), o), o.local);
    EXPECT_EQ(o.local.substr(11), "08:00");
  }
}

// The observances of the calendar's VTIMEZONE: kind, then their next three lines.
std::vector<std::string> Observances(const std::string& ics) {
  auto lines = UnfoldIcsLines(ics);
  std::vector<std::string> starts;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i] == "BEGIN:STANDARD" || lines[i] == "BEGIN:DAYLIGHT") {
      starts.push_back(lines[i].substr(6) + " " + lines[i + 1] + " " + lines[i + 2] + " " +
                       lines[i + 3]);
    }
  }
  return starts;
}

TEST(RenderIcsTest, ADaylightZoneHasYearlyStandardAndDaylightRulesOverTheWholeSpan) {
  // 2026-01-05 .. 2027-04-04 in New York: the rules from their first change
  // in the year before the plan.
  Plan plan = MakePlan("America/New_York", D(2026, 1, 5), 455);
  EXPECT_EQ(Observances(RenderIcs(plan)),
            (std::vector<std::string>{
                "DAYLIGHT DTSTART:20250309T020000 RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU "
                "TZOFFSETFROM:-0500",
                "STANDARD DTSTART:20251102T020000 RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU "
                "TZOFFSETFROM:-0400",
            }));
}

TEST(RenderIcsTest, APlanInOneSeasonStillHasBothObservancesWithYearlyRules) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 6, 1), 7);
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(Observances(ics), (std::vector<std::string>{
                                  "STANDARD DTSTART:20251026T030000 "
                                  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU TZOFFSETFROM:+0200",
                                  "DAYLIGHT DTSTART:20260329T020000 "
                                  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU TZOFFSETFROM:+0100",
                              }));
  // libical reads the rules: 08:00 in June is 06:00 UTC, and a time in
  // January (outside the plan) would be 07:00 UTC.
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  auto occurrences = Occurrences(cal.get());
  ASSERT_EQ(occurrences.size(), 7u);
  EXPECT_EQ(OccurrenceUtc(cal.get(), occurrences[0]), "2026-06-01 06:00");
  icaltimezone* zone = icalcomponent_get_timezone(cal.get(), "Europe/Berlin");
  ASSERT_NE(zone, nullptr);
  struct icaltimetype winter = icaltime_from_string("20270115T080000");
  winter = icaltime_set_timezone(&winter, zone);
  EXPECT_EQ(Local(icaltime_convert_to_zone(winter, icaltimezone_get_utc_timezone())),
            "2027-01-15 07:00");
}

TEST(RenderIcsTest, AZoneWhoseRulesChangeGetsEachTransition) {
  // Europe/Moscow left daylight time in 2011 (and its permanent +04 in 2014):
  // no yearly rules around a 2011 plan.
  Plan plan = MakePlan("Europe/Moscow", D(2011, 1, 3), 7);
  std::vector<std::string> observances = Observances(RenderIcs(plan));
  ASSERT_FALSE(observances.empty());
  for (const auto& o : observances) EXPECT_EQ(o.find("RRULE"), std::string::npos) << o;
}

TEST(RenderIcsTest, UnknownZoneFallsBackToFloatingLocalTimes) {
  Plan plan = MakePlan("Mars/Olympus_Mons", D(2026, 3, 6), 1);
  std::string ics = RenderIcs(plan);
  EXPECT_EQ(ics.find("TZID"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20260306T080000\r\n"), std::string::npos);
  Parse(ics);
}

// ---- other events ----

TEST(RenderIcsTest, IceAndHeatAreShortEventsOfTheirOwn) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 6, 1), 1);
  Modality ice;
  ice.id = "ice";
  ice.name = "Ice pack";
  ice.instructions = "Wrap the pack in a towel; never on bare skin.";
  auto with_ice = std::make_shared<Program>(*plan.program);
  with_ice->modalities = {ice};
  plan.program = with_ice;
  plan.days[0].modalities = {
      {"ice", "Ice pack", ModalityKind::kIce, 9 * 60, 15, ModalityTiming::kAfterExercise},
      {"ice", "Ice pack", ModalityKind::kIce, 19 * 60, 15, ModalityTiming::kAny},
  };
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(Categories(events[0]), "Rehab,Exercise");
  for (int i : {1, 2}) {
    EXPECT_EQ(Categories(events[i]), "Rehab,Ice");
    EXPECT_EQ(icaldurationtype_as_int(icalcomponent_get_duration(events[i])), 15 * 60);
    EXPECT_EQ(DtstartTzid(events[i]), "Europe/Berlin");
    EXPECT_NE(std::string(icalcomponent_get_description(events[i])).find("never on bare skin"),
              std::string::npos);
  }
  EXPECT_EQ(StartLocal(events[1]), "2026-06-01 09:00");
  EXPECT_EQ(StartLocal(events[2]), "2026-06-01 19:00");
  EXPECT_STRNE(icalcomponent_get_uid(events[1]), icalcomponent_get_uid(events[2]));
}

TEST(RenderIcsTest, MilestonesAreAllDayEvents) {
  Plan plan = MakePlan("America/New_York", D(2026, 6, 1), 3);
  plan.days[0].milestones = {
      {MilestoneKind::kPhaseStart, "early", Message::Verbatim("Phase starts: Early motion")}};
  plan.days[2].milestones = {
      {MilestoneKind::kOutcomeMeasure, "koos", Message::Verbatim("Fill in the KOOS")}};
  std::string ics = RenderIcs(plan);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260601\r\n"), std::string::npos);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  std::vector<std::string> all_day;
  for (icalcomponent* e : Events(cal.get())) {
    struct icaltimetype t = icalcomponent_get_dtstart(e);
    if (!icaltime_is_date(t)) continue;
    EXPECT_EQ(Categories(e), "Rehab,Milestone");
    all_day.push_back(StartLocal(e).substr(0, 10) + " " + icalcomponent_get_summary(e) + " / " +
                      icalcomponent_get_description(e));
  }
  // A short title; the milestone's own words in the description.
  EXPECT_EQ(all_day, (std::vector<std::string>{
                         "2026-06-01 Phase 1 of 1 starts / Phase starts: Early motion\nGoals:\n"
                         "\u2022 Straighten the knee fully",
                         "2026-06-03 Measure due: koos / Fill in the KOOS"}));
}

TEST(RenderIcsTest, ActiveAlertsComeFirstAsAnAllDayEventFromTheDayRaised) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 6, 1), 5);
  plan.today = D(2026, 6, 3);
  Alert fever;
  fever.kind = AlertKind::kRedFlag;
  fever.id = "fever";
  fever.date = D(2026, 6, 2);
  fever.text = Message::Verbatim("Fever over 38.0 C");
  fever.action = Message::Verbatim("Call your surgeon today");
  fever.active = true;
  Alert old = fever;
  old.id = "fall";
  old.action = Message::Verbatim("Old, cleared");
  old.active = false;
  plan.alerts = {old, fever};
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 2u);  // the alert, then the five days' sessions as one event
  EXPECT_TRUE(icaltime_is_date(icalcomponent_get_dtstart(events[0])));
  EXPECT_EQ(StartLocal(events[0]).substr(0, 10), "2026-06-02");
  // The summary is the headline the urgency decides (issue 14); the red flag's
  // own text and action follow in the description.
  EXPECT_EQ(std::string(icalcomponent_get_summary(events[0])), "\u26A0 See a doctor today");
  EXPECT_EQ(Categories(events[0]), "Rehab,Alert");
  EXPECT_NE(std::string(icalcomponent_get_description(events[0])).find("Fever over 38.0 C"),
            std::string::npos);
  EXPECT_NE(std::string(icalcomponent_get_description(events[0])).find("Call your surgeon today"),
            std::string::npos);
}

// The lines of the events in `ics` whose CATEGORIES is "Rehab,Alert", less DTSTAMP.
std::vector<std::string> AlertLines(const std::string& ics) {
  std::vector<std::string> out, event;
  std::istringstream in(ics);
  std::string line;
  bool alert = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "BEGIN:VEVENT") event.clear(), alert = false;
    if (line == "CATEGORIES:Rehab,Alert") alert = true;
    if (!line.starts_with("DTSTAMP:")) event.push_back(line);
    if (line == "END:VEVENT" && alert) out.insert(out.end(), event.begin(), event.end());
  }
  return out;
}

TEST(RenderIcsTest, AWarningInForceIsOnEveryDayFromItsDateWhateverToday) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 6, 1), 5);
  Alert pain;
  pain.kind = AlertKind::kTherapistReview;
  pain.id = "persistent-pain";
  pain.date = D(2026, 6, 2);
  pain.text = Message::Verbatim("Pain has not settled");
  pain.active = true;
  plan.alerts = {pain};
  plan.today = D(2026, 6, 3);
  const std::string on_3 = RenderIcs(plan);
  plan.today = D(2026, 6, 4);
  const std::string on_4 = RenderIcs(plan);
  ASSERT_FALSE(AlertLines(on_3).empty());
  EXPECT_EQ(AlertLines(on_3), AlertLines(on_4));
  IcalPtr cal = Parse(on_4);
  ASSERT_TRUE(cal);
  EXPECT_EQ(StartLocal(Events(cal.get())[0]).substr(0, 10), "2026-06-02");
  EXPECT_EQ(Rrules(on_4).front(), "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR;COUNT=4");  // 2 to 5 June
}

TEST(RenderIcsTest, ARedFlagThatStopsExerciseWarnsOnEveryStoppedDay) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 6, 1), 6);
  plan.today = D(2026, 6, 4);
  Alert calf;
  calf.kind = AlertKind::kRedFlag;
  calf.id = "calf-pain";
  calf.date = D(2026, 6, 2);
  calf.text = Message::Verbatim("Calf pain");
  calf.active = true;
  calf.stops = RedFlagStops::kAll;
  plan.alerts = {calf};
  for (int i = 1; i < 6; ++i) plan.days[i].stopped = true;
  for (bool repeat : {true, false}) {
    IcsOptions options;
    options.repeat = repeat;
    IcalPtr cal = Parse(RenderIcs(plan, options));
    ASSERT_TRUE(cal);
    std::vector<std::string> warned;
    for (const auto& o : Occurrences(cal.get())) {
      if (Categories(o.event) == "Rehab,Alert") warned.push_back(o.local.substr(0, 10));
    }
    EXPECT_EQ(warned, (std::vector<std::string>{"2026-06-02", "2026-06-03", "2026-06-04",
                                                "2026-06-05", "2026-06-06"}))
        << "repeat " << repeat;
  }
}

TEST(RenderIcsTest, StoppedDaysHaveNoSessionEvents) {
  Plan plan = MakePlan("UTC", D(2026, 6, 1), 3);
  plan.days[1].stopped = true;
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  std::vector<std::string> starts;
  for (const auto& o : Occurrences(cal.get())) starts.push_back(o.local);
  EXPECT_EQ(starts, (std::vector<std::string>{"2026-06-01 08:00", "2026-06-03 08:00"}));
}

// ---- reminders ----

std::vector<int> TriggerMinutes(const std::string& ics) {
  IcalPtr cal = Parse(ics);
  std::vector<int> out;
  for (icalcomponent* e : Events(cal.get())) {
    icalcomponent* alarm = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT);
    if (alarm == nullptr) continue;
    EXPECT_EQ(
        icalproperty_get_action(icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY)),
        ICAL_ACTION_DISPLAY);
    struct icaltriggertype trigger =
        icalproperty_get_trigger(icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
    out.push_back(icaldurationtype_as_int(trigger.duration) / 60);
  }
  return out;
}

TEST(RenderIcsTest, RemindsTenMinutesBeforeByDefault) {
  Plan plan = MakePlan("UTC", D(2026, 6, 1), 2, {8 * 60, 18 * 60});
  EXPECT_EQ(TriggerMinutes(RenderIcs(plan)), (std::vector<int>{-10, -10}));
}

TEST(RenderIcsTest, RemindMinutesSetsTheAlarmAndZeroRemovesIt) {
  Plan plan = MakePlan("UTC", D(2026, 6, 1), 2, {8 * 60, 18 * 60});
  EXPECT_EQ(TriggerMinutes(RenderIcs(plan, {.remind_minutes = 45})),
            (std::vector<int>{-45, -45}));
  std::string none = RenderIcs(plan, {.remind_minutes = 0});
  EXPECT_EQ(none.find("VALARM"), std::string::npos);
  EXPECT_TRUE(TriggerMinutes(none).empty());
}

// ---- regeneration ----

struct EventState {
  int sequence;
  bool cancelled;
};

std::map<std::string, EventState> States(const std::string& ics) {
  IcalPtr cal = Parse(ics);
  std::map<std::string, EventState> out;
  for (icalcomponent* e : Events(cal.get())) {
    out[icalcomponent_get_uid(e)] = {icalcomponent_get_sequence(e),
                                     icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED};
  }
  return out;
}

// Fourteen identical days with a step up from day 8 (index 7): two events.
Plan TwoRunPlan() {
  Plan plan = MakePlan("America/New_York", D(2026, 3, 1), 14);
  for (size_t i = 7; i < plan.days.size(); ++i) {
    testing::EditDose(&plan.days[i].sessions[0].exercises[0])->reps = 12;
  }
  plan.days[7].sessions[0].exercises[0].change = StepChange::kUp;
  plan.days[7].sessions[0].exercises[0].reason =
      Reason{"step-up", Message::Verbatim("A green week"), {}};
  return plan;
}

// Rendering into a caller's buffer reads the previous export as the
// returning overload does.
TEST(RenderIcsTest, APreviousExportRenderedIntoABufferUpdatesAsTheReturnedTextDoes) {
  std::string first = RenderIcs(MakePlan("America/New_York", D(2026, 3, 1), 14));
  Plan next = TwoRunPlan();
  std::string returned = RenderIcs(next, {}, first);
  ASSERT_NE(returned, RenderIcs(next));  // the previous file makes a difference
  std::string buffer = "left over from an earlier render";
  RenderIcs(next, {}, first, &buffer);
  EXPECT_EQ(buffer, returned);
}

TEST(RenderIcsTest, RegeneratingKeepsUnchangedBumpsShortenedAndAddsNewRuns) {
  Plan plan = MakePlan("America/New_York", D(2026, 3, 1), 14);
  std::string first = RenderIcs(plan);
  auto before = States(first);
  ASSERT_EQ(before.size(), 1u);
  std::string uid = before.begin()->first;

  // A diary entry: a step up from day 5, and a red flag stops day 11.
  Plan next = plan;
  for (size_t i = 4; i < next.days.size(); ++i) {
    testing::EditDose(&next.days[i].sessions[0].exercises[0])->reps = 12;
  }
  next.days[4].sessions[0].exercises[0].change = StepChange::kUp;
  next.days[4].sessions[0].exercises[0].reason =
      Reason{"step-up", Message::Verbatim("A green week"), {}};
  next.days[10].stopped = true;
  std::string second = RenderIcs(next, {}, first);
  auto after = States(second);
  // Days 1-4, then days 5-14 but 11: one weekly rule on the six other weekdays.
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[uid].sequence, 1);  // the run that starts on day 1 is shorter now
  EXPECT_FALSE(after[uid].cancelled);
  for (const auto& [id, state] : after) {
    if (id == uid) continue;
    EXPECT_EQ(before.count(id), 0u);
    EXPECT_EQ(state.sequence, 0);
    EXPECT_FALSE(state.cancelled);
  }
  IcalPtr cal = Parse(second);
  ASSERT_TRUE(cal);
  EXPECT_EQ(Occurrences(cal.get()).size(), 13u);

  // Exporting the same plan again over the second file changes nothing.
  std::string third = RenderIcs(next, {}, second);
  EXPECT_EQ(third, second);

  // Back to the first plan: the first run grows again, the later one is cancelled.
  auto reverted = States(RenderIcs(plan, {}, third));
  ASSERT_EQ(reverted.size(), 2u);
  for (const auto& [id, state] : reverted) {
    EXPECT_EQ(state.sequence, id == uid ? 2 : 1) << id;
    EXPECT_EQ(state.cancelled, id != uid) << id;
  }
}

TEST(RenderIcsTest, ARunThatVanishesIsCancelledAndKeepsItsTimeAndRule) {
  Plan plan = TwoRunPlan();
  std::string first = RenderIcs(plan);
  ASSERT_EQ(States(first).size(), 2u);
  std::string stepped_up = Uid(first, D(2026, 3, 8), 0);
  std::string kept = Uid(first, D(2026, 3, 1), 0);
  ASSERT_NE(stepped_up, kept);

  Plan stopped = plan;
  for (size_t i = 7; i < stopped.days.size(); ++i) stopped.days[i].stopped = true;
  std::string second = RenderIcs(stopped, {}, first);
  auto states = States(second);
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[kept].sequence, 0);
  EXPECT_FALSE(states[kept].cancelled);
  EXPECT_EQ(states[stepped_up].sequence, 1);
  EXPECT_TRUE(states[stepped_up].cancelled);
  // The cancelled event keeps its start and rule so calendars remove every occurrence.
  IcalPtr cal = Parse(second);
  ASSERT_TRUE(cal);
  icalcomponent* removed = FindEvent(cal.get(), stepped_up);
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(StartLocal(removed), "2026-03-08 08:00");
  EXPECT_EQ(StartUtc(cal.get(), removed), "2026-03-08 12:00");
  EXPECT_NE(icalcomponent_get_first_property(removed, ICAL_RRULE_PROPERTY), nullptr);
  EXPECT_EQ(Occurrences(cal.get()).size(), 7u);

  // The sessions come back: the run is revived with a higher SEQUENCE.
  auto revived = States(RenderIcs(plan, {}, second));
  EXPECT_EQ(revived[stepped_up].sequence, 2);
  EXPECT_FALSE(revived[stepped_up].cancelled);
  EXPECT_EQ(revived[kept].sequence, 0);
}

TEST(RenderIcsTest, CancelledEventsStayCancelledOnLaterExports) {
  Plan plan = TwoRunPlan();
  plan.patient.timezone = "Europe/Berlin";
  std::string first = RenderIcs(plan);
  Plan shorter = plan;
  shorter.days.resize(7);
  shorter.end = D(2026, 3, 8);
  std::string second = RenderIcs(shorter, {}, first);
  Plan shorter_changed = shorter;
  shorter_changed.days[0].sessions[0].duration_minutes = 40;
  std::string third = RenderIcs(shorter_changed, {}, second);
  auto states = States(third);
  ASSERT_EQ(states.size(), 3u);  // day 1, days 2-7, and the cancelled days 8-14
  int cancelled = 0;
  for (const auto& [uid, state] : states) {
    if (state.cancelled) {
      EXPECT_EQ(state.sequence, 1);
      ++cancelled;
    }
  }
  EXPECT_EQ(cancelled, 1);
  // Their start times still resolve through a VTIMEZONE covering them.
  IcalPtr cal = Parse(third);
  for (icalcomponent* e : Events(cal.get())) {
    EXPECT_EQ(StartUtc(cal.get(), e).substr(11), "07:00");
  }
}

TEST(RenderIcsTest, ChangingTheReminderUpdatesEvents) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 2);
  std::string first = RenderIcs(plan);
  for (const auto& [uid, state] :
       States(RenderIcs(plan, {.remind_minutes = 30}, first))) {
    EXPECT_EQ(state.sequence, 1) << uid;
  }
}

TEST(RenderIcsTest, IgnoresEventsInThePreviousFileThatRehabDidNotWrite) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 1);
  std::string foreign =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
      "UID:dentist@example.com\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:4\r\n"
      "DTSTART:20260302T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  std::string ics = RenderIcs(plan, {}, foreign);
  EXPECT_EQ(ics.find("dentist"), std::string::npos);
  EXPECT_EQ(States(ics).size(), 1u);
}

TEST(RenderIcsTest, ReadsAPreviousFileWithLfLineEndingsAndFolds) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 3);
  auto& ex = plan.days[0].sessions[0].exercises[0];
  ex.exercise = testing::TestExercise(ex.id(), kLongNames[2]);  // folded over several lines
  std::string first = RenderIcs(plan);
  std::string lf;
  for (char c : first) {
    if (c != '\r') lf += c;
  }
  Plan next = plan;
  next.days.resize(2);
  auto states = States(RenderIcs(next, {}, lf));
  ASSERT_EQ(states.size(), 2u);  // day 1 alone, then days 2-3 (now day 2 only)
  EXPECT_EQ(states[Uid(first, D(2026, 3, 1), 0)].sequence, 0);  // read back unchanged
  EXPECT_EQ(states[Uid(first, D(2026, 3, 2), 0)].sequence, 1);
  for (const auto& [uid, state] : states) EXPECT_FALSE(state.cancelled);
}

// ---- end to end: a built-in program through the CLI ----

std::vector<std::string> PlanArgs(const std::string& format) {
  return {"plan",      "total-knee-replacement",
          "--surgery", "2026-03-02",
          "--tz",      "America/New_York",
          "--today",   "2026-03-05",
          "--weeks",   "4",
          "--format",  format};
}

TEST(RenderIcsTest, BuiltInProgramExportMatchesTheJsonPlanEventForEvent) {
  testing::ScopedTempDir dir;
  auto args = PlanArgs("ics");
  args.insert(args.end(), {"-o", dir.File("plan.ics")});
  auto run = testing::RunCli(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto json_run = testing::RunCli(PlanArgs("json"));
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  auto plan = nlohmann::json::parse(json_run.out);

  std::string ics = testing::ReadFile(dir.File("plan.ics"));
  for (const auto& line : PhysicalLines(ics)) ASSERT_LE(line.size(), 75u);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  auto sessions = SessionOccurrences(cal.get());
  size_t i = 0;
  for (const auto& day : plan["days"]) {
    if (day["stopped"].get<bool>()) continue;
    for (const auto& session : day["sessions"]) {
      ASSERT_LT(i, sessions.size());
      icalcomponent* e = sessions[i].event;
      EXPECT_EQ(DtstartTzid(e), "America/New_York");
      EXPECT_EQ(sessions[i++].local,
                day["date"].get<std::string>() + " " + session["time"].get<std::string>());
      EXPECT_EQ(icaldurationtype_as_int(icalcomponent_get_duration(e)),
                session["duration_minutes"].get<int>() * 60);
      std::string description = icalcomponent_get_description(e);
      for (const auto& ex : session["exercises"]) {
        std::string expected = "\u2022 " + ex["name"].get<std::string>() + ": " +
                               ex["dose"]["text"].get<std::string>();
        EXPECT_NE(description.find(expected), std::string::npos) << expected << "\n" << description;
      }
    }
  }
  EXPECT_EQ(i, sessions.size());
  EXPECT_GT(i, 28u);
  EXPECT_LT(Events(cal.get()).size(), i / 2);  // recurring events keep the file small
}

TEST(RenderIcsTest, CliOneEventPerSessionWritesNoRepeatingEvents) {
  auto args = PlanArgs("ics");
  args.push_back("--one-event-per-session");
  auto run = testing::RunCli(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Rrules(run.out).empty());
  IcalPtr cal = Parse(run.out);
  ASSERT_TRUE(cal);
  auto sessions = SessionOccurrences(cal.get());
  size_t session_events = 0;
  for (icalcomponent* e : Events(cal.get())) session_events += Categories(e) == "Rehab,Exercise";
  EXPECT_GT(sessions.size(), 28u);
  EXPECT_EQ(session_events, sessions.size());
}

TEST(RenderIcsTest, ReexportOverThePreviousFileAfterARedFlagCancelsTheStoppedSessions) {
  testing::ScopedTempDir dir;
  auto args = PlanArgs("ics");
  args.insert(args.end(), {"-o", dir.File("plan.ics")});
  ASSERT_EQ(testing::RunCli(args).exit_code, 0);
  std::string first = testing::ReadFile(dir.File("plan.ics"));

  testing::WriteFile(dir.File("diary.csv"),
                     "date,during,after,morning,swelling,measures,flags,note\n"
                     "2026-03-04,3,2,1,mild,,,\n"
                     "2026-03-05,4,,,,,calf-pain,\n");  // stops all, the essentials too
  args.insert(args.end(), {"--diary", dir.File("diary.csv")});
  auto run = testing::RunCli(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string second = testing::ReadFile(dir.File("plan.ics"));

  auto before = States(first);
  auto after = States(second);
  IcalPtr first_cal = Parse(first);
  IcalPtr cal = Parse(second);
  ASSERT_TRUE(first_cal);
  ASSERT_TRUE(cal);
  // Every event of the first export is still there: kept, shortened or cancelled.
  for (const auto& [uid, state] : before) EXPECT_EQ(after.count(uid), 1u) << uid;
  int alerts = 0, cancelled = 0;
  for (icalcomponent* e : Events(cal.get())) {
    std::string uid = icalcomponent_get_uid(e);
    if (Categories(e) == "Rehab,Alert") {
      ++alerts;
      EXPECT_EQ(before.count(uid), 0u);
      EXPECT_EQ(StartLocal(e).substr(0, 10), "2026-03-05");
    }
    if (Categories(e) == "Rehab,Exercise" && IsCancelled(e)) {
      ++cancelled;
      EXPECT_GE(StartLocal(e), "2026-03-05");  // only runs that start once the flag is in force
      EXPECT_EQ(after[uid].sequence, 1);
    }
  }
  EXPECT_EQ(alerts, 1);
  EXPECT_GT(cancelled, 0);
  // The sessions before the calf pain are exported as before; none from that day on.
  std::vector<std::string> old_sessions, new_sessions;
  for (const auto& o : SessionOccurrences(first_cal.get())) {
    if (o.local < "2026-03-05") old_sessions.push_back(o.local);
  }
  for (const auto& o : SessionOccurrences(cal.get())) new_sessions.push_back(o.local);
  EXPECT_FALSE(old_sessions.empty());
  EXPECT_EQ(new_sessions, old_sessions);
}

}  // namespace
}  // namespace rehab
