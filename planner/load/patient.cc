// Loading a patient file: who, which side, when (a start or surgery date),
// the week's session days and times, preferences, per-exercise overrides and
// the care team to call; and checking those overrides against the program
// they are planned with.
#include "planner/load/yaml_loader.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>
#include <fmt/format.h>

#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/engine/time_zones.h"
#include "planner/load/schema_reader.h"
#include "planner/load/translation.h"
#include "planner/load/yaml_tree.h"

namespace rehab {

using load_internal::MapView;
using load_internal::Node;
using load_internal::SchemaReader;

namespace {

const std::vector<std::string> kWeekdayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

void ReadSide(SchemaReader& r, const MapView& m, Patient* p) {
  int side = 0;
  if (r.Enum(m, "side", {"left", "right", "both"}, &side)) {
    p->side = side == 0 ? Side::kLeft : side == 1 ? Side::kRight : Side::kBoth;
  }
}

void ReadTimeZone(SchemaReader& r, const MapView& m, Patient* p) {
  const auto* e = m.Find("timezone");
  if (e == nullptr) return;
  if (r.Scalar(*e, &p->timezone) && !IsKnownTimeZone(p->timezone)) {
    r.Error(e->value, UnknownTimeZoneMessage(p->timezone));
  }
}

void ReadCountry(SchemaReader& r, const MapView& m, Patient* p) {
  const auto* e = m.Find("country");
  std::string country;
  if (e == nullptr || !r.Scalar(*e, &country)) return;
  bool code = country.size() == 2 && std::isupper(static_cast<unsigned char>(country[0])) &&
              std::isupper(static_cast<unsigned char>(country[1]));
  if (code) {
    p->country = country;
    return;
  }
  r.Error(e->value, fmt::format("'country' must be an ISO 3166 two-letter code in capitals "
                                "such as US, GB, DE or AU, got \"{}\"",
                                country));
}

void ReadDate(SchemaReader& r, const MapView::Entry& e, std::optional<Date>* out) {
  std::string text;
  if (!r.Scalar(e, &text)) return;
  *out = ParseDate(text);
  if (!*out) {
    r.Error(e.value,
            fmt::format("'{}' must be a real date as YYYY-MM-DD, got \"{}\"", e.key, text));
  }
}

// `surgery: {procedure: ..., date: YYYY-MM-DD}`.
void ReadSurgery(SchemaReader& r, const MapView& m, Patient* p) {
  const auto* e = m.Find("surgery");
  MapView sm;
  if (e == nullptr || !r.Map(e->value, "surgery", {"procedure", "date"}, {"date"}, &sm)) return;
  r.String(sm, "procedure", &p->procedure);
  if (const auto* d = sm.Find("date")) ReadDate(r, *d, &p->surgery);
}

// The weekday a session day names ("mon", "monday", ...), or nullopt after
// reporting it unknown.
std::optional<Weekday> ReadWeekday(SchemaReader& r, const Node& node, const std::string& name) {
  auto it = std::find(kWeekdayNames.begin(), kWeekdayNames.end(), name.substr(0, 3));
  if (name.size() < 3 || it == kWeekdayNames.end()) {
    r.Error(node, fmt::format("unknown day '{}' (use mon, tue, wed, thu, fri, sat, sun "
                              "or daily){}",
                              name, DidYouMean(name, kWeekdayNames)));
    return std::nullopt;
  }
  return static_cast<Weekday>(it - kWeekdayNames.begin());
}

// `days`: weekdays, each once and sorted; `daily` (or `every-day`) anywhere
// in the list means every day, an empty list.
void ReadSessionDays(SchemaReader& r, const MapView& sm, Patient* p) {
  const auto* days = sm.Find("days");
  std::vector<std::string> names;
  if (days == nullptr || !r.StringList(sm, "days", &names)) return;
  size_t i = 0;
  for (const auto& node : days->value) {
    if (i >= names.size()) break;
    std::string name = names[i++];
    if (name == "daily" || name == "every-day") {
      p->session_days.clear();
      break;
    }
    std::optional<Weekday> day = ReadWeekday(r, node, name);
    if (day &&
        std::find(p->session_days.begin(), p->session_days.end(), *day) == p->session_days.end()) {
      p->session_days.push_back(*day);
    }
  }
  std::sort(p->session_days.begin(), p->session_days.end());
}

// `times`: HH:MM, sorted and each once, one to six of them.
void ReadSessionTimes(SchemaReader& r, const MapView& sm, Patient* p) {
  const auto* times = sm.Find("times");
  std::vector<std::string> names;
  if (times == nullptr || !r.StringList(sm, "times", &names)) return;
  p->session_times.clear();
  size_t i = 0;
  for (const auto& node : times->value) {
    if (i >= names.size()) break;
    const std::string& name = names[i++];
    auto t = ParseTime(name);
    if (!t) {
      // "9:00": a one-digit hour, which HH:MM writes "09:00".
      const bool short_hour = name.size() == 4 && name[1] == ':' && ParseTime("0" + name);
      r.Error(node, fmt::format("session time must be HH:MM (24-hour), got \"{}\"{}", name,
                                short_hour ? fmt::format(": write \"0{}\"", name) : ""));
      continue;
    }
    p->session_times.push_back(*t);
  }
  std::sort(p->session_times.begin(), p->session_times.end());
  p->session_times.erase(std::unique(p->session_times.begin(), p->session_times.end()),
                         p->session_times.end());
  if (p->session_times.empty()) r.Error(times->value, "'times' needs at least one time");
  if (p->session_times.size() > 6) r.Error(times->value, "at most 6 session times a day");
}

void ReadSessions(SchemaReader& r, const MapView& m, Patient* p) {
  const auto* e = m.Find("sessions");
  MapView sm;
  if (e == nullptr || !r.Map(e->value, "sessions", {"days", "times"}, {}, &sm)) return;
  ReadSessionDays(r, sm, p);
  ReadSessionTimes(r, sm, p);
}

void ReadPreferences(SchemaReader& r, const MapView& m, Patient* p) {
  int units = 0;
  if (r.Enum(m, "units", {"kg", "lb"}, &units)) p->units = units == 0 ? "kg" : "lb";
  // Any language tag: which languages have a catalogue is the caller's to
  // say (the library reads none itself).
  if (const auto* e = m.Find("language"); e && r.Scalar(*e, &p->language) &&
                                          !IsLanguageTag(p->language)) {
    r.Error(e->value, fmt::format("'{}' is not a language tag: two or three lowercase letters, "
                                  "as 'en' or 'es', optionally a region, as 'es-MX'",
                                  p->language));
    p->language = "en";
  }
}

// `care_team`: the numbers a patient calls and the names they know. Every
// value is one line; names and hours at most kMaxCareText characters, phones
// at most kMaxPhoneChars of digits, spaces and + - ( ) . with 3 to 20 digits.
constexpr size_t kMaxCareText = 80;
constexpr size_t kMaxPhoneChars = 30;
constexpr int kMinPhoneDigits = 3;
constexpr int kMaxPhoneDigits = 20;  // E.164 allows 15; the rest for an extension

const std::vector<std::string> kCareTeamKeys = {
    "clinic",       "therapist",          "clinic_phone",
    "clinic_hours", "surgeon_team_phone", "surgeon_team_after_hours_phone"};

// One line of text of at most `max` characters.
bool ReadCareText(SchemaReader& r, const MapView& cm, const char* key, size_t max,
                  std::string* out) {
  std::string text;
  if (!r.String(cm, key, &text)) return false;
  const Node& value = cm.Find(key)->value;
  if (text.find_first_of("\t\n") != std::string::npos) {
    r.Error(value, fmt::format("'{}' must be one line of text, without tabs or line breaks", key));
    return false;
  }
  size_t length = CountCharacters(text);
  if (length > max) {
    r.Error(value, fmt::format("'{}' is {} characters long; at most {}", key, length, max));
    return false;
  }
  *out = std::move(text);
  return true;
}

bool IsPhoneCharacter(char c) {
  return load_internal::IsDigit(c) || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' ||
         c == '.';
}

// A phone number as people write it: "+1 (312) 555-0100", "0161 496 0000".
bool ReadPhone(SchemaReader& r, const MapView& cm, const char* key, std::string* out) {
  std::string phone;
  if (!r.String(cm, key, &phone)) return false;
  const Node& value = cm.Find(key)->value;
  for (size_t i = 0; i < phone.size(); ++i) {
    bool misplaced_plus = phone[i] == '+' && i > 0;
    if (IsPhoneCharacter(phone[i]) && !misplaced_plus) continue;
    r.Error(r.LocInside(value, phone, 0, i),
            fmt::format("'{}' must be a phone number of digits, spaces and + - ( ) . (a + only "
                        "at the start), got \"{}\"",
                        key, ForTerminal(phone, "")));
    return false;
  }
  if (phone.size() > kMaxPhoneChars) {
    r.Error(value, fmt::format("'{}' is {} characters long; at most {}", key, phone.size(),
                               kMaxPhoneChars));
    return false;
  }
  int digits = static_cast<int>(std::count_if(phone.begin(), phone.end(), load_internal::IsDigit));
  if (digits < kMinPhoneDigits || digits > kMaxPhoneDigits) {
    r.Error(value, fmt::format("'{}' must have {} to {} digits, got {} in \"{}\"", key,
                               kMinPhoneDigits, kMaxPhoneDigits, digits, phone));
    return false;
  }
  *out = std::move(phone);
  return true;
}

// A value that only makes sense with another: hours without the phone they
// are the hours of, an after-hours number without the daytime one.
void RequireWith(SchemaReader& r, const MapView& cm, const char* key, const char* needed,
                 const char* why) {
  const auto* e = cm.Find(key);
  if (e != nullptr && cm.Find(needed) == nullptr) {
    r.Error(e->key_node, fmt::format("'{}' needs '{}' too: {}", key, needed, why));
  }
}

void ReadCareTeam(SchemaReader& r, const MapView& m, Patient* p) {
  const auto* e = m.Find("care_team");
  MapView cm;
  if (e == nullptr || !r.Map(e->value, "care_team", kCareTeamKeys, {}, &cm)) return;
  if (cm.entries().empty()) {
    r.Error(e->value,
            "'care_team' is empty: give at least one of clinic, therapist, "
            "clinic_phone or surgeon_team_phone, or leave it out");
    return;
  }
  CareTeam team;
  ReadCareText(r, cm, "clinic", kMaxCareText, &team.clinic);
  ReadCareText(r, cm, "therapist", kMaxCareText, &team.therapist);
  ReadPhone(r, cm, "clinic_phone", &team.clinic_phone);
  ReadCareText(r, cm, "clinic_hours", kMaxCareText, &team.clinic_hours);
  ReadPhone(r, cm, "surgeon_team_phone", &team.surgeon_team_phone);
  ReadPhone(r, cm, "surgeon_team_after_hours_phone", &team.surgeon_team_after_hours_phone);
  RequireWith(r, cm, "clinic_hours", "clinic_phone", "the hours say when to call it");
  RequireWith(r, cm, "surgeon_team_after_hours_phone", "surgeon_team_phone",
              "the plan gives the after-hours number beside the daytime one");
  p->care_team = std::move(team);
}

void ReadOverride(SchemaReader& r, const Node& item, Patient* p) {
  MapView om;
  if (!r.Map(item, "an override", {"exercise", "start_step", "skip", "note"}, {"exercise"}, &om)) {
    return;
  }
  ExerciseOverride o;
  o.loc = r.Loc(item);
  r.String(om, "exercise", &o.exercise_id);
  if (const auto* ex = om.Find("exercise")) o.loc = r.Loc(ex->value);
  int step = 0;
  if (r.Int(om, "start_step", 1, 50, &step)) o.start_step = step - 1;
  r.Bool(om, "skip", &o.skip);
  r.String(om, "note", &o.note);
  p->overrides.push_back(o);
}

void ReadPatient(SchemaReader& r, const Node& root, Patient* p) {
  MapView m;
  if (!r.Map(root, "a patient file",
             {"id", "program", "diary", "side", "timezone", "country", "start", "surgery",
              "sessions", "units", "language", "overrides", "care_team"},
             {"id", "side"}, &m)) {
    return;
  }
  r.String(m, "id", &p->id);
  r.String(m, "program", &p->program);
  r.String(m, "diary", &p->diary);
  ReadSide(r, m, p);
  ReadTimeZone(r, m, p);
  ReadCountry(r, m, p);
  p->start_loc = {p->file, 0, 0};
  if (const auto* e = m.Find("start")) {
    ReadDate(r, *e, &p->start);
    p->start_loc = r.Loc(e->value);
  }
  ReadSurgery(r, m, p);
  ReadSessions(r, m, p);
  ReadPreferences(r, m, p);
  if (const Node* list = r.List(m, "overrides")) {
    for (const auto& item : *list) ReadOverride(r, item, p);
  }
  ReadCareTeam(r, m, p);
  if (m.Find("start") == nullptr && m.Find("surgery") == nullptr) {
    r.Error(root, "a patient file needs a 'start' date or a 'surgery' date");
  }
}

}  // namespace

bool IsKnownTimeZone(const std::string& zone) {
  try {
    return date::locate_zone(zone) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string UnknownTimeZoneMessage(const std::string& zone) {
  std::string suggestion = DidYouMean(zone, TimeZoneNames());
  if (!suggestion.empty()) return fmt::format("unknown time zone '{}'{}", zone, suggestion);
  return fmt::format("unknown time zone '{}' (use an IANA name such as Europe/Berlin or "
                     "America/New_York)",
                     zone);
}

std::optional<Patient> LoadPatient(std::string_view text, const std::string& file,
                                   Diagnostics* diags) {
  Patient p;
  p.file = file;
  auto read = [&](SchemaReader& r, const Node& root) { ReadPatient(r, root, &p); };
  if (!load_internal::ReadYamlFile(text, file, diags, read)) return std::nullopt;
  return p;
}

bool CheckPatientAgainstProgram(const Patient& patient, const Program& program,
                                Diagnostics* diags) {
  bool ok = true;
  if (!AnchorDate(program, patient)) {
    // The loader requires a start or a surgery date, so this is a start date
    // alone for a post-operative program: counting from it would put the
    // operation on the wrong day.
    diags->Error(patient.start_loc,
                 fmt::format("program '{}' counts from the surgery date, and the patient has "
                             "none: set 'surgery.date:' in the patient file ('start:' is not used "
                             "for a post-operative program)",
                             program.id));
    ok = false;
  }
  std::vector<std::string> ids;
  for (const auto& e : program.exercises) ids.push_back(e.id);
  for (const auto& o : patient.overrides) {
    const Exercise* ex = program.FindExercise(o.exercise_id);
    if (ex == nullptr) {
      diags->Error(o.loc, fmt::format("override names exercise '{}' that program '{}' does not "
                                      "use{}",
                                      o.exercise_id, program.id, DidYouMean(o.exercise_id, ids)));
      ok = false;
    } else if (o.start_step && *o.start_step >= static_cast<int>(ex->ladder.size())) {
      diags->Error(o.loc, fmt::format("'start_step' {} is beyond the {} steps of '{}'",
                                      *o.start_step + 1, ex->ladder.size(), ex->id));
      ok = false;
    }
  }
  return ok;
}

}  // namespace rehab
