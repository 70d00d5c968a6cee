// Small helpers of the domain model: names of enums, dates and times.
#include "planner/model/model.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace rehab {

std::string FormatDate(Date d) {
  date::year_month_day ymd(d);
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}", year, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
  }
  // Hot in the renderers: written by hand rather than through fmt.
  auto month = static_cast<unsigned>(ymd.month());
  auto day = static_cast<unsigned>(ymd.day());
  char text[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                   static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10),
                   '-', static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10),
                   '-', static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
  return std::string(text, sizeof text);
}

static bool ParseDigits(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseDigits(text.substr(0, 4), &y) || !ParseDigits(text.substr(5, 2), &m) ||
      !ParseDigits(text.substr(8, 2), &d)) {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

std::string FormatTime(TimeOfDay t) { return fmt::format("{:02}:{:02}", t / 60, t % 60); }

std::optional<TimeOfDay> ParseTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (!ParseDigits(text.substr(0, 2), &h) || !ParseDigits(text.substr(3, 2), &m)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

const char* ToString(ExerciseKind k) {
  switch (k) {
    case ExerciseKind::kStretch: return "stretch";
    case ExerciseKind::kStrength: return "strength";
    case ExerciseKind::kMobility: return "mobility";
    case ExerciseKind::kBalance: return "balance";
    case ExerciseKind::kCardio: return "cardio";
    case ExerciseKind::kModality: return "modality";
  }
  return "?";
}

const char* ToString(Side s) {
  switch (s) {
    case Side::kAffected: return "affected";
    case Side::kUnaffected: return "unaffected";
    case Side::kLeft: return "left";
    case Side::kRight: return "right";
    case Side::kBoth: return "both";
  }
  return "?";
}

const char* ToString(LoadKind k) {
  switch (k) {
    case LoadKind::kNone: return "none";
    case LoadKind::kBodyweight: return "bodyweight";
    case LoadKind::kKg: return "kg";
    case LoadKind::kLb: return "lb";
    case LoadKind::kBand: return "band";
    case LoadKind::kRpe: return "rpe";
  }
  return "?";
}

const std::vector<std::string>& SwellingNames() {
  static const std::vector<std::string> kNames = {"none", "mild", "moderate", "severe"};
  return kNames;
}

const char* ToString(Swelling s) {
  const auto& names = SwellingNames();
  auto i = static_cast<size_t>(s);
  return i < names.size() ? names[i].c_str() : "?";
}

const char* ToString(ModalityKind k) { return k == ModalityKind::kIce ? "ice" : "heat"; }

const char* ToString(ModalityTiming t) {
  switch (t) {
    case ModalityTiming::kAny: return "any";
    case ModalityTiming::kBeforeExercise: return "before-exercise";
    case ModalityTiming::kAfterExercise: return "after-exercise";
  }
  return "?";
}

const char* ToString(RedFlagStops s) {
  switch (s) {
    case RedFlagStops::kNone: return "none";
    case RedFlagStops::kAllButEssentials: return "all-but-essentials";
    case RedFlagStops::kAll: return "all";
  }
  return "?";
}

const char* ToString(RepeatedRed r) {
  switch (r) {
    case RepeatedRed::kLowestStep: return "lowest-step";
    case RepeatedRed::kStop: return "stop";
  }
  return "?";
}

const char* ToString(Urgency u) {
  switch (u) {
    case Urgency::kEmergency: return "emergency";
    case Urgency::kSameDay: return "same-day";
    case Urgency::kRoutine: return "routine";
  }
  return "?";
}

template <typename T>
static const T* FindById(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

const Exercise* Program::FindExercise(const std::string& wanted) const {
  return FindById(exercises, wanted);
}
const Modality* Program::FindModality(const std::string& wanted) const {
  return FindById(modalities, wanted);
}
const Education* Program::FindEducation(const std::string& wanted) const {
  return FindById(education, wanted);
}


// ---- Emergency numbers (docs/formats/patient.md) ----
// The one place that maps a country to its emergency number and a time zone
// to its country, for the "Call 911 now" line of emergency alerts. Sources:
// clinical reference section 7 [63].

namespace {

struct CountryNumber {
  std::string_view country;
  std::string_view number;
};

// ISO 3166 alpha-2 -> emergency number. The EU's 27 members use 112.
constexpr CountryNumber kEmergencyNumbers[] = {
    {"US", "911"}, {"CA", "911"}, {"GB", "999"}, {"AU", "000"}, {"NZ", "111"},
    {"AT", "112"}, {"BE", "112"}, {"BG", "112"}, {"HR", "112"}, {"CY", "112"},
    {"CZ", "112"}, {"DK", "112"}, {"EE", "112"}, {"FI", "112"}, {"FR", "112"},
    {"DE", "112"}, {"GR", "112"}, {"HU", "112"}, {"IE", "112"}, {"IT", "112"},
    {"LV", "112"}, {"LT", "112"}, {"LU", "112"}, {"MT", "112"}, {"NL", "112"},
    {"PL", "112"}, {"PT", "112"}, {"RO", "112"}, {"SK", "112"}, {"SI", "112"},
    {"ES", "112"}, {"SE", "112"},
};

struct ZoneCountry {
  std::string_view zone;
  std::string_view country;
};

// IANA zone -> country, for the zones of the countries above (a zone not
// listed, e.g. "UTC", has no country).
constexpr ZoneCountry kZoneCountries[] = {
    {"America/New_York", "US"}, {"America/Chicago", "US"}, {"America/Denver", "US"},
    {"America/Los_Angeles", "US"}, {"America/Phoenix", "US"}, {"America/Anchorage", "US"},
    {"America/Adak", "US"}, {"America/Boise", "US"}, {"America/Detroit", "US"},
    {"America/Indiana/Indianapolis", "US"}, {"America/Kentucky/Louisville", "US"},
    {"America/Juneau", "US"}, {"America/Sitka", "US"}, {"America/Nome", "US"},
    {"America/Menominee", "US"}, {"America/North_Dakota/Center", "US"},
    {"Pacific/Honolulu", "US"}, {"US/Eastern", "US"}, {"US/Central", "US"},
    {"US/Mountain", "US"}, {"US/Pacific", "US"}, {"US/Alaska", "US"}, {"US/Hawaii", "US"},
    {"America/Toronto", "CA"}, {"America/Vancouver", "CA"}, {"America/Edmonton", "CA"},
    {"America/Winnipeg", "CA"}, {"America/Regina", "CA"}, {"America/Halifax", "CA"},
    {"America/St_Johns", "CA"}, {"America/Moncton", "CA"}, {"America/Whitehorse", "CA"},
    {"America/Yellowknife", "CA"}, {"America/Iqaluit", "CA"}, {"America/Montreal", "CA"},
    {"Canada/Eastern", "CA"}, {"Canada/Pacific", "CA"},
    {"Europe/London", "GB"}, {"Europe/Belfast", "GB"}, {"GB", "GB"},
    {"Australia/Sydney", "AU"}, {"Australia/Melbourne", "AU"}, {"Australia/Brisbane", "AU"},
    {"Australia/Perth", "AU"}, {"Australia/Adelaide", "AU"}, {"Australia/Hobart", "AU"},
    {"Australia/Darwin", "AU"}, {"Australia/Canberra", "AU"},
    {"Pacific/Auckland", "NZ"}, {"NZ", "NZ"},
    {"Europe/Vienna", "AT"}, {"Europe/Brussels", "BE"}, {"Europe/Sofia", "BG"},
    {"Europe/Zagreb", "HR"}, {"Asia/Nicosia", "CY"}, {"Europe/Nicosia", "CY"},
    {"Europe/Prague", "CZ"}, {"Europe/Copenhagen", "DK"}, {"Europe/Tallinn", "EE"},
    {"Europe/Helsinki", "FI"}, {"Europe/Paris", "FR"}, {"Europe/Berlin", "DE"},
    {"Europe/Athens", "GR"}, {"Europe/Budapest", "HU"}, {"Europe/Dublin", "IE"},
    {"Europe/Rome", "IT"}, {"Europe/Riga", "LV"}, {"Europe/Vilnius", "LT"},
    {"Europe/Luxembourg", "LU"}, {"Europe/Malta", "MT"}, {"Europe/Amsterdam", "NL"},
    {"Europe/Warsaw", "PL"}, {"Europe/Lisbon", "PT"}, {"Atlantic/Madeira", "PT"},
    {"Atlantic/Azores", "PT"}, {"Europe/Bucharest", "RO"}, {"Europe/Bratislava", "SK"},
    {"Europe/Ljubljana", "SI"}, {"Europe/Madrid", "ES"}, {"Atlantic/Canary", "ES"},
    {"Europe/Stockholm", "SE"},
};

}  // namespace

std::string CountryForTimeZone(std::string_view zone) {
  for (const auto& z : kZoneCountries) {
    if (z.zone == zone) return std::string(z.country);
  }
  return "";
}

EmergencyNumber EmergencyNumberFor(const Patient& patient) {
  std::string country = patient.country.empty() ? CountryForTimeZone(patient.timezone)
                                                : patient.country;
  for (const auto& c : kEmergencyNumbers) {
    if (c.country == country) return {std::string(c.number), country, false};
  }
  return {"112", country, true};
}

int EstimateSeconds(const Dose& dose) {
  constexpr int kSecondsPerRep = 3;
  int sets = std::max(dose.sets, 1);
  int per_rep = dose.hold_seconds > 0 ? dose.hold_seconds + 2 : kSecondsPerRep;
  int reps = std::max(dose.reps, 1);
  int work = dose.minutes > 0 ? dose.minutes * 60 : sets * reps * per_rep;
  int rest = (sets - 1) * (dose.rest_seconds > 0 ? dose.rest_seconds : 30);
  if (dose.minutes > 0) rest = 0;
  return work + rest;
}

}  // namespace rehab
