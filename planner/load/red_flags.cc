// Red flags: each one's fields and the rules between urgency and what it
// stops, and how a program's own red flags meet the catalogue's defaults.
#include "planner/load/red_flags.h"

#include <algorithm>

#include <fmt/format.h>

#include "planner/load/diary.h"

namespace rehab::load_internal {

namespace {

bool IsRedFlagName(const std::string& flag) {
  return std::find(RedFlagNames().begin(), RedFlagNames().end(), flag) != RedFlagNames().end();
}

// The diary flag a red flag watches. An unknown one is reported and kept,
// so later checks see what the file says.
void ReadDiaryFlag(SchemaReader& r, const MapView& fm, RedFlag* rf) {
  const auto* f = fm.Find("flag");
  if (f == nullptr) return;
  if (r.Scalar(*f, &rf->flag) && !IsRedFlagName(rf->flag)) {
    r.Error(f->value, fmt::format("unknown diary flag '{}'{}", rf->flag,
                                  DidYouMean(rf->flag, RedFlagNames())));
  }
}

// What a raised red flag stops: 'stops', or the older boolean
// 'stops_exercise'. Without either, a routine flag (an appointment) stops
// nothing and a same-day or emergency flag stops everything.
void ReadStops(SchemaReader& r, const MapView& fm, RedFlag* rf) {
  rf->stops = rf->flag.empty() || rf->urgency == Urgency::kRoutine ? RedFlagStops::kNone
                                                                   : RedFlagStops::kAll;
  const auto* legacy = fm.Find("stops_exercise");
  if (fm.Find("stops") != nullptr && legacy != nullptr) {
    r.Error(legacy->key_node, "give 'stops' or the older 'stops_exercise', not both");
  }
  int which = 0;
  if (r.Enum(fm, "stops", {"none", "all-but-essentials", "all"}, &which)) {
    rf->stops = static_cast<RedFlagStops>(which);
  }
  bool stops_exercise = false;
  if (r.Bool(fm, "stops_exercise", &stops_exercise)) {
    rf->stops = stops_exercise ? RedFlagStops::kAll : RedFlagStops::kNone;
  }
}

// A routine flag may not stop all exercise, and a flag no diary entry can
// raise may not be given anything to stop.
void CheckStops(SchemaReader& r, const Node& item, const MapView& fm, const RedFlag& rf) {
  const auto* stops = fm.Find("stops");
  const auto* legacy = fm.Find("stops_exercise");
  if (rf.urgency == Urgency::kRoutine && rf.stops == RedFlagStops::kAll) {
    r.Error(stops != nullptr    ? stops->value
            : legacy != nullptr ? legacy->value
                                : item,
            fmt::format("red flag '{}' is routine (an appointment), so it may not stop all "
                        "exercise: use 'stops: none' or 'stops: all-but-essentials', or make it "
                        "'urgency: same-day'",
                        rf.id));
  }
  if (rf.flag.empty() && rf.stops != RedFlagStops::kNone && (stops || legacy)) {
    r.Error(item, fmt::format("red flag '{}' has no diary 'flag', so nothing can raise it to "
                              "stop exercise",
                              rf.id));
  }
}

void ParseRedFlag(SchemaReader& r, const Node& item, bool from_catalogue,
                  std::vector<RedFlag>* out) {
  MapView fm;
  if (!r.Map(item, "a red flag",
             {"id", "flag", "text", "action", "urgency", "stops", "stops_exercise"},
             {"id", "text", "action"}, &fm)) {
    return;
  }
  RedFlag rf;
  rf.loc = r.Loc(item);
  rf.from_catalogue = from_catalogue;
  r.Id(fm, "id", &rf.id);
  r.String(fm, "text", &rf.text);
  r.String(fm, "action", &rf.action);
  int urgency = 1;
  if (r.Enum(fm, "urgency", {"emergency", "same-day", "routine"}, &urgency)) {
    rf.urgency = static_cast<Urgency>(urgency);
  }
  ReadDiaryFlag(r, fm, &rf);
  ReadStops(r, fm, &rf);
  CheckStops(r, item, fm, rf);
  for (const auto& other : *out) {
    if (other.id == rf.id) r.Error(rf.loc, fmt::format("red flag '{}' is defined twice", rf.id));
  }
  out->push_back(rf);
}

int UrgencyRank(Urgency u) { return u == Urgency::kEmergency ? 0 : u == Urgency::kSameDay ? 1 : 2; }

const RedFlag* FindByFlag(const std::vector<RedFlag>& flags, const std::string& flag) {
  auto it =
      std::find_if(flags.begin(), flags.end(), [&](const RedFlag& rf) { return rf.flag == flag; });
  return it == flags.end() ? nullptr : &*it;
}

// A default the program leaves in place keeps its id: a program red flag of
// that id for another flag would be ambiguous. (A red flag with an unknown
// diary flag has been reported already.)
void CheckIdFreeForDefault(SchemaReader& r, const RedFlag& d, const std::vector<RedFlag>& own) {
  for (const auto& rf : own) {
    bool known = rf.flag.empty() || IsRedFlagName(rf.flag);
    if (rf.id == d.id && known) {
      r.Error(rf.loc, fmt::format("red flag id '{}' is the catalogue's default for diary "
                                  "flag '{}': give this one another id, or flag: {}",
                                  rf.id, d.flag, d.flag));
    }
  }
}

void CheckOnlyTightens(SchemaReader& r, const RedFlag& own, const RedFlag& d) {
  if (UrgencyRank(own.urgency) > UrgencyRank(d.urgency)) {
    r.Error(own.loc, fmt::format("red flag '{}' is {} but the catalogue's default for '{}' "
                                 "is {}: a program may only tighten it",
                                 own.id, ToString(own.urgency), d.flag, ToString(d.urgency)));
    r.Note(d.loc, fmt::format("the catalogue's default red flag '{}'", d.id));
  }
  if (static_cast<int>(own.stops) < static_cast<int>(d.stops)) {
    r.Error(own.loc, fmt::format("red flag '{}' stops {} but the catalogue's default for "
                                 "'{}' stops {}: a program may only tighten it",
                                 own.id, ToString(own.stops), d.flag, ToString(d.stops)));
    r.Note(d.loc, fmt::format("the catalogue's default red flag '{}'", d.id));
  }
}

void CheckEveryDiaryFlagCovered(SchemaReader& r, const Node& missing_at, const Program& p) {
  for (const auto& flag : RedFlagNames()) {
    if (FindByFlag(p.red_flags, flag) != nullptr) continue;
    r.Error(missing_at,
            fmt::format("no red flag for the diary flag '{}': a patient who logs it would get "
                        "no alert; add one with 'flag: {}' here or to the catalogue's "
                        "'red_flags'",
                        flag, flag));
  }
}

}  // namespace

const std::vector<std::string>& RedFlagNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& flag : KnownDiaryFlags()) {
      if (flag != "cleared" && flag != "reviewed") names.push_back(flag);
    }
    return names;
  }();
  return kNames;
}

void ParseRedFlagList(SchemaReader& r, const Node& list, bool from_catalogue,
                      std::vector<RedFlag>* out) {
  for (const auto& item : list) ParseRedFlag(r, item, from_catalogue, out);
}

void CheckCatalogueRedFlags(SchemaReader& r, const std::vector<RedFlag>& defaults) {
  for (size_t i = 0; i < defaults.size(); ++i) {
    const RedFlag& rf = defaults[i];
    if (rf.flag.empty()) {
      r.Error(rf.loc, fmt::format("the catalogue's red flag '{}' needs a diary 'flag': "
                                  "its defaults are per flag",
                                  rf.id));
      continue;
    }
    for (size_t j = 0; j < i; ++j) {
      if (defaults[j].flag == rf.flag) {
        r.Error(rf.loc, fmt::format("the catalogue has two default red flags for '{}'", rf.flag));
      }
    }
  }
}

void ApplyRedFlagDefaults(SchemaReader& r, const std::vector<RedFlag>& defaults,
                          const Node& missing_at, Program* p) {
  std::vector<RedFlag> added;
  for (const auto& d : defaults) {
    if (d.flag.empty()) continue;
    const RedFlag* own = FindByFlag(p->red_flags, d.flag);
    if (own == nullptr) {
      CheckIdFreeForDefault(r, d, p->red_flags);
      added.push_back(d);
    } else {
      CheckOnlyTightens(r, *own, d);
    }
  }
  p->red_flags.insert(p->red_flags.end(), added.begin(), added.end());
  CheckEveryDiaryFlagCovered(r, missing_at, *p);
}

}  // namespace rehab::load_internal
