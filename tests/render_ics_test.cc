// Tests for the .ics export: byte-level RFC 5545 form, libical as an
// independent parser, time zones across DST changes, and re-export updates.
#include "planner/render_ics.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "planner/dose_text.h"
#include "support/test_util.h"

namespace rehab {
namespace {

using date::days;

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

ScheduledExercise Exercise(const std::string& id, const std::string& name, int sets, int reps,
                           int hold = 0) {
  ScheduledExercise ex;
  ex.exercise_id = id;
  ex.name = name;
  ex.dose.sets = sets;
  ex.dose.reps = reps;
  ex.dose.hold_seconds = hold;
  ex.steps = 3;
  ex.side = Side::kRight;
  return ex;
}

// A plan of `n` consecutive days from `start`, one session per entry of
// `times`, two exercises each; today is the first day.
Plan MakePlan(const std::string& zone, Date start, int n,
              const std::vector<TimeOfDay>& times = {8 * 60}) {
  Plan plan;
  plan.program.id = "knee-test";
  plan.program.title = "Knee rehab";
  Phase phase;
  phase.id = "early";
  phase.title = "Early motion";
  phase.goals = {"Straighten the knee fully"};
  plan.program.phases = {phase};
  plan.patient.id = "p-001";
  plan.patient.timezone = zone;
  plan.anchor = plan.start = plan.today = start;
  plan.end = start + days{n};
  plan.phases = {PhaseSpan{"early", "Early motion", start, plan.end, false, false}};
  for (int i = 0; i < n; ++i) {
    DayPlan day;
    day.date = start + days{i};
    day.day = i;
    day.phase_id = "early";
    for (size_t s = 0; s < times.size(); ++s) {
      Session session;
      session.slot = static_cast<int>(s);
      session.time = times[s];
      session.duration_minutes = 20 + i % 3;
      session.exercises = {Exercise("heel-slide", "Heel slides", 3, 10),
                           Exercise("quad-set", "Quad sets", 1, 10, 5)};
      day.sessions.push_back(session);
    }
    plan.days.push_back(day);
  }
  return plan;
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

// The event's start as UTC "YYYY-MM-DD HH:MM", converted by libical through
// the VTIMEZONE in the file itself (not libical's built-in zones).
std::string StartUtc(icalcomponent* cal, icalcomponent* e) {
  icalproperty* p = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
  struct icaltimetype t = icalproperty_get_dtstart(p);
  std::string tzid = DtstartTzid(e);
  if (!tzid.empty()) {
    icaltimezone* zone = icalcomponent_get_timezone(cal, tzid.c_str());
    EXPECT_NE(zone, nullptr) << "no VTIMEZONE for " << tzid;
    if (zone == nullptr) return "";
    t = icaltime_set_timezone(&t, zone);
  } else {
    EXPECT_TRUE(icaltime_is_utc(t));
  }
  struct icaltimetype u = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", u.year, u.month, u.day, u.hour, u.minute);
}

std::string StartLocal(icalcomponent* e) {
  struct icaltimetype t = icalcomponent_get_dtstart(e);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

std::string Uid(const std::string& ics, Date d, int slot) {
  // Find the session event for (d, slot) via libical: the UID is opaque.
  IcalPtr cal = Parse(ics);
  date::year_month_day ymd{d};
  for (icalcomponent* e : Events(cal.get())) {
    struct icaltimetype t = icalcomponent_get_dtstart(e);
    if (Categories(e) != "Rehab,Exercise") continue;
    std::string summary = icalcomponent_get_summary(e);
    if (t.year == static_cast<int>(ymd.year()) &&
        t.month == static_cast<int>(unsigned(ymd.month())) &&
        t.day == static_cast<int>(unsigned(ymd.day())) &&
        summary.ends_with(fmt::format("session {}", slot + 1))) {
      return icalcomponent_get_uid(e);
    }
  }
  return "";
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
    day.sessions[0].exercises[0].name = kLongNames[day.day % 4];
    day.sessions[0].exercises[1].dose.note = "slowly, with a towel; stop if sharp\\pain\nthen rest";
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
    ex.name = kLongNames[day.day];
    ex.dose.note = "mit Handtuch, langsam; 慢慢地\nthen rest \\ breathe";
    ex.change = StepChange::kUp;
    ex.reason = Reason{"step-up", "Pain ≤ 3/10, settled by morning; step up, carefully.", {}};
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
    std::string expected_line =
        "\u2022 " + ex.name + ": " + DescribeDose(ex.dose, "kg") + ", " + DescribeSide(ex.side);
    EXPECT_NE(description.find(expected_line), std::string::npos) << description;
    EXPECT_NE(description.find(ex.reason->text), std::string::npos) << description;
    EXPECT_EQ(std::string(icalcomponent_get_summary(events[i])),
              "Knee rehab: Early motion, session 1");
  }
}

// ---- content checked through libical ----

TEST(RenderIcsTest, LibicalReadsOneEventPerSessionMatchingThePlan) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 20), 14, {8 * 60, 17 * 60 + 30});
  plan.days[2].sessions[1].exercises[1].change = StepChange::kBack;
  plan.days[2].sessions[1].exercises[1].reason = Reason{"red", "Pain 7/10 after exercise", {}};
  std::string ics = RenderIcs(plan);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  EXPECT_STREQ(
      icalproperty_get_version(icalcomponent_get_first_property(cal.get(), ICAL_VERSION_PROPERTY)),
      "2.0");
  EXPECT_EQ(icalcomponent_get_method(cal.get()), ICAL_METHOD_PUBLISH);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 28u);
  std::set<std::string> uids;
  size_t i = 0;
  for (const auto& day : plan.days) {
    for (const auto& session : day.sessions) {
      icalcomponent* e = events[i++];
      uids.insert(icalcomponent_get_uid(e));
      EXPECT_EQ(DtstartTzid(e), "Europe/Berlin");
      EXPECT_EQ(StartLocal(e), FormatDate(day.date) + " " + FormatTime(session.time));
      EXPECT_EQ(icaldurationtype_as_int(icalcomponent_get_duration(e)),
                session.duration_minutes * 60);
      EXPECT_EQ(Categories(e), "Rehab,Exercise");
      std::string description = icalcomponent_get_description(e);
      for (const auto& ex : session.exercises) {
        std::string expected =
            "\u2022 " + ex.name + ": " + DescribeDose(ex.dose, "kg") + ", " + DescribeSide(ex.side);
        EXPECT_NE(description.find(expected), std::string::npos) << description;
      }
      bool changed = day.day == 2 && session.slot == 1;
      EXPECT_EQ(description.find("Pain 7/10 after exercise") != std::string::npos, changed);
    }
  }
  EXPECT_EQ(uids.size(), 28u);
  // The same plan always gives the same UIDs (and the same bytes).
  EXPECT_EQ(RenderIcs(plan), ics);
  EXPECT_EQ(Uid(ics, D(2026, 3, 21), 1), Uid(RenderIcs(plan), D(2026, 3, 21), 1));
}

TEST(RenderIcsTest, UidDependsOnPatientProgramDateAndSlot) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 2, {8 * 60, 18 * 60});
  std::string base = RenderIcs(plan);
  std::string uid = Uid(base, D(2026, 3, 2), 0);
  ASSERT_FALSE(uid.empty());
  EXPECT_TRUE(uid.ends_with("@rehab"));
  EXPECT_NE(uid, Uid(base, D(2026, 3, 2), 1));
  EXPECT_NE(uid, Uid(base, D(2026, 3, 1), 0));
  // Content changes keep the UID.
  Plan changed = plan;
  changed.days[1].sessions[0].exercises[0].dose.reps = 15;
  changed.days[1].sessions[0].time = 9 * 60;
  EXPECT_EQ(Uid(RenderIcs(changed), D(2026, 3, 2), 0), uid);
  Plan other_patient = plan;
  other_patient.patient.id = "p-002";
  EXPECT_NE(Uid(RenderIcs(other_patient), D(2026, 3, 2), 0), uid);
  Plan other_program = plan;
  other_program.program.id = "hip-test";
  EXPECT_NE(Uid(RenderIcs(other_program), D(2026, 3, 2), 0), uid);
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
  EXPECT_EQ(stamps, 3);
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
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), plan.days.size());
  for (icalcomponent* e : events) {
    EXPECT_EQ(DtstartTzid(e), c.zone);
    EXPECT_EQ(StartLocal(e).substr(11), "08:00");
  }
  EXPECT_EQ(StartUtc(cal.get(), events.front()), c.first_utc) << c.zone;
  EXPECT_EQ(StartUtc(cal.get(), events.back()), c.second_utc) << c.zone;
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
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(StartUtc(cal.get(), events[0]), "2026-03-07 13:00");  // -05:00
  EXPECT_EQ(StartUtc(cal.get(), events[1]), "2026-03-08 12:00");  // -04:00 from 02:00 that day
}

TEST(RenderIcsTest, BerlinSessionsFollowCentralEuropeanSummerTime) {
  ExpectLocalEightAcrossOffsets(
      {"Europe/Berlin", D(2026, 3, 27), D(2026, 10, 27), "2026-03-27 07:00", "2026-10-27 07:00"});
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 28), 2);
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(StartUtc(cal.get(), events[1]), "2026-03-29 06:00");  // +02:00
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
  for (icalcomponent* e : Events(cal.get())) {
    EXPECT_TRUE(icaltime_is_utc(icalcomponent_get_dtstart(e)));
    EXPECT_EQ(StartUtc(cal.get(), e).substr(11), "08:00");
  }
}

TEST(RenderIcsTest, TimezoneCoversTheWholeSpanWithOneObservancePerTransition) {
  // 2026-01-05 .. 2027-04-04 in New York: the EST observance in force at the
  // start, then the changes of 2026-03-08, 2026-11-01 and 2027-03-14.
  Plan plan = MakePlan("America/New_York", D(2026, 1, 5), 455);
  auto lines = UnfoldIcsLines(RenderIcs(plan));
  std::vector<std::string> starts;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i] == "BEGIN:STANDARD" || lines[i] == "BEGIN:DAYLIGHT") {
      starts.push_back(lines[i].substr(6) + " " + lines[i + 1] + " " + lines[i + 2] + " " +
                       lines[i + 3]);
    }
  }
  EXPECT_EQ(starts, (std::vector<std::string>{
                        "STANDARD DTSTART:20251102T020000 TZOFFSETFROM:-0400 TZOFFSETTO:-0500",
                        "DAYLIGHT DTSTART:20260308T020000 TZOFFSETFROM:-0500 TZOFFSETTO:-0400",
                        "STANDARD DTSTART:20261101T020000 TZOFFSETFROM:-0400 TZOFFSETTO:-0500",
                        "DAYLIGHT DTSTART:20270314T020000 TZOFFSETFROM:-0500 TZOFFSETTO:-0400",
                    }));
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
  plan.program.modalities = {ice};
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
  plan.days[0].milestones = {{MilestoneKind::kPhaseStart, "early", "Phase starts: Early motion"}};
  plan.days[2].milestones = {{MilestoneKind::kOutcomeMeasure, "koos", "Fill in the KOOS"}};
  std::string ics = RenderIcs(plan);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260601\r\n"), std::string::npos);
  IcalPtr cal = Parse(ics);
  ASSERT_TRUE(cal);
  std::vector<std::string> all_day;
  for (icalcomponent* e : Events(cal.get())) {
    struct icaltimetype t = icalcomponent_get_dtstart(e);
    if (!icaltime_is_date(t)) continue;
    EXPECT_EQ(Categories(e), "Rehab,Milestone");
    all_day.push_back(StartLocal(e).substr(0, 10) + " " + icalcomponent_get_summary(e));
  }
  EXPECT_EQ(all_day, (std::vector<std::string>{"2026-06-01 Phase starts: Early motion",
                                               "2026-06-03 Fill in the KOOS"}));
}

TEST(RenderIcsTest, ActiveAlertsComeFirstAsAnAllDayEventOnToday) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 6, 1), 5);
  plan.today = D(2026, 6, 3);
  Alert fever;
  fever.kind = AlertKind::kRedFlag;
  fever.id = "fever";
  fever.date = D(2026, 6, 2);
  fever.text = "Fever over 38.0 C";
  fever.action = "Call your surgeon today";
  fever.active = true;
  Alert old = fever;
  old.id = "fall";
  old.action = "Old, cleared";
  old.active = false;
  plan.alerts = {old, fever};
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  auto events = Events(cal.get());
  ASSERT_EQ(events.size(), 6u);
  EXPECT_TRUE(icaltime_is_date(icalcomponent_get_dtstart(events[0])));
  EXPECT_EQ(StartLocal(events[0]).substr(0, 10), "2026-06-03");
  EXPECT_EQ(std::string(icalcomponent_get_summary(events[0])), "\u26A0 Call your surgeon today");
  EXPECT_EQ(Categories(events[0]), "Rehab,Alert");
  EXPECT_NE(std::string(icalcomponent_get_description(events[0])).find("Fever over 38.0 C"),
            std::string::npos);
}

TEST(RenderIcsTest, StoppedDaysHaveNoSessionEvents) {
  Plan plan = MakePlan("UTC", D(2026, 6, 1), 3);
  plan.days[1].stopped = true;
  IcalPtr cal = Parse(RenderIcs(plan));
  ASSERT_TRUE(cal);
  EXPECT_EQ(Events(cal.get()).size(), 2u);
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
  Plan plan = MakePlan("UTC", D(2026, 6, 1), 2);
  EXPECT_EQ(TriggerMinutes(RenderIcs(plan)), (std::vector<int>{-10, -10}));
}

TEST(RenderIcsTest, RemindMinutesSetsTheAlarmAndZeroRemovesIt) {
  Plan plan = MakePlan("UTC", D(2026, 6, 1), 2);
  EXPECT_EQ(TriggerMinutes(RenderIcs(plan, {.remind_minutes = 45, .previous = ""})),
            (std::vector<int>{-45, -45}));
  std::string none = RenderIcs(plan, {.remind_minutes = 0, .previous = ""});
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

TEST(RenderIcsTest, RegeneratingKeepsUnchangedBumpsChangedAndCancelsRemoved) {
  Plan plan = MakePlan("America/New_York", D(2026, 3, 1), 10);
  std::string first = RenderIcs(plan);
  auto before = States(first);
  ASSERT_EQ(before.size(), 10u);
  std::string changed_uid = Uid(first, D(2026, 3, 4), 0);
  std::string removed_uid = Uid(first, D(2026, 3, 6), 0);

  // A diary entry after day 3: a step up on day 4, a red flag stops day 6.
  Plan next = plan;
  auto& ex = next.days[3].sessions[0].exercises[0];
  ex.dose.reps = 12;
  ex.change = StepChange::kUp;
  ex.reason = Reason{"step-up", "Pain settled by morning for a week", {}};
  next.days[5].stopped = true;
  std::string second = RenderIcs(next, {.previous = first});
  auto after = States(second);
  ASSERT_EQ(after.size(), 10u);
  for (const auto& [uid, state] : after) {
    ASSERT_EQ(before.count(uid), 1u) << "new UID " << uid;
    if (uid == changed_uid) {
      EXPECT_EQ(state.sequence, 1);
      EXPECT_FALSE(state.cancelled);
    } else if (uid == removed_uid) {
      EXPECT_EQ(state.sequence, 1);
      EXPECT_TRUE(state.cancelled);
    } else {
      EXPECT_EQ(state.sequence, 0) << uid;
      EXPECT_FALSE(state.cancelled);
    }
  }
  // The cancelled event keeps its time so calendars can match it.
  IcalPtr cal = Parse(second);
  icalcomponent* removed = FindEvent(cal.get(), removed_uid);
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(StartLocal(removed), "2026-03-06 08:00");
  EXPECT_EQ(StartUtc(cal.get(), removed), "2026-03-06 13:00");

  // Exporting the same plan again over the second file changes nothing.
  std::string third = RenderIcs(next, {.previous = second});
  EXPECT_EQ(third, second);

  // The session comes back: it is revived with a higher SEQUENCE.
  std::string fourth = RenderIcs(plan, {.previous = third});
  auto revived = States(fourth);
  EXPECT_EQ(revived[removed_uid].sequence, 2);
  EXPECT_FALSE(revived[removed_uid].cancelled);
  EXPECT_EQ(revived[changed_uid].sequence, 2);  // changed back
}

TEST(RenderIcsTest, CancelledEventsStayCancelledOnLaterExports) {
  Plan plan = MakePlan("Europe/Berlin", D(2026, 3, 1), 6);
  std::string first = RenderIcs(plan);
  Plan shorter = plan;
  shorter.days.resize(3);
  shorter.end = D(2026, 3, 4);
  std::string second = RenderIcs(shorter, {.previous = first});
  Plan shorter_changed = shorter;
  shorter_changed.days[0].sessions[0].duration_minutes = 40;
  std::string third = RenderIcs(shorter_changed, {.previous = second});
  auto states = States(third);
  ASSERT_EQ(states.size(), 6u);
  int cancelled = 0;
  for (const auto& [uid, state] : states) {
    if (state.cancelled) {
      EXPECT_EQ(state.sequence, 1);
      ++cancelled;
    }
  }
  EXPECT_EQ(cancelled, 3);
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
       States(RenderIcs(plan, {.remind_minutes = 30, .previous = first}))) {
    EXPECT_EQ(state.sequence, 1) << uid;
  }
}

TEST(RenderIcsTest, IgnoresEventsInThePreviousFileThatRehabDidNotWrite) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 1);
  std::string foreign =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
      "UID:dentist@example.com\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:4\r\n"
      "DTSTART:20260302T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  std::string ics = RenderIcs(plan, {.previous = foreign});
  EXPECT_EQ(ics.find("dentist"), std::string::npos);
  EXPECT_EQ(States(ics).size(), 1u);
}

TEST(RenderIcsTest, ReadsAPreviousFileWithLfLineEndingsAndFolds) {
  Plan plan = MakePlan("UTC", D(2026, 3, 1), 3);
  plan.days[0].sessions[0].exercises[0].name = kLongNames[2];
  std::string first = RenderIcs(plan);
  std::string lf;
  for (char c : first) {
    if (c != '\r') lf += c;
  }
  Plan next = plan;
  next.days.resize(2);
  auto states = States(RenderIcs(next, {.previous = lf}));
  ASSERT_EQ(states.size(), 3u);
  int unchanged = 0;
  for (const auto& [uid, state] : states) unchanged += state.sequence == 0 && !state.cancelled;
  EXPECT_EQ(unchanged, 2);
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
  std::vector<icalcomponent*> sessions;
  for (icalcomponent* e : Events(cal.get())) {
    if (Categories(e) == "Rehab,Exercise") sessions.push_back(e);
  }
  size_t i = 0;
  for (const auto& day : plan["days"]) {
    if (day["stopped"].get<bool>()) continue;
    for (const auto& session : day["sessions"]) {
      ASSERT_LT(i, sessions.size());
      icalcomponent* e = sessions[i++];
      EXPECT_EQ(DtstartTzid(e), "America/New_York");
      EXPECT_EQ(StartLocal(e),
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
                     "2026-03-05,4,,,,,fever,\n");
  args.insert(args.end(), {"--diary", dir.File("diary.csv")});
  auto run = testing::RunCli(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string second = testing::ReadFile(dir.File("plan.ics"));

  auto before = States(first);
  auto after = States(second);
  IcalPtr cal = Parse(second);
  ASSERT_TRUE(cal);
  int kept = 0, cancelled = 0, alerts = 0;
  for (icalcomponent* e : Events(cal.get())) {
    std::string uid = icalcomponent_get_uid(e);
    std::string categories = Categories(e);
    if (categories == "Rehab,Alert") {
      ++alerts;
      EXPECT_EQ(before.count(uid), 0u);
      EXPECT_EQ(StartLocal(e).substr(0, 10), "2026-03-05");
      continue;
    }
    if (categories != "Rehab,Exercise") continue;
    ASSERT_EQ(before.count(uid), 1u) << "a session UID changed: " << uid;
    bool from_today = StartLocal(e) >= "2026-03-05";
    EXPECT_EQ(after[uid].cancelled, from_today) << StartLocal(e);
    EXPECT_EQ(after[uid].sequence, from_today ? 1 : 0) << StartLocal(e);
    (from_today ? cancelled : kept) += 1;
  }
  EXPECT_EQ(alerts, 1);
  EXPECT_GT(kept, 0);
  EXPECT_GT(cancelled, 0);
  // Every session of the first export is still there (kept or cancelled).
  for (const auto& [uid, state] : before) EXPECT_EQ(after.count(uid), 1u) << uid;
}

}  // namespace
}  // namespace rehab
