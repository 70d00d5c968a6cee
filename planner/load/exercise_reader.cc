// An exercise's fields, its dose ladder and the load of each step, with the
// clinical checks that belong to one exercise (stretch holds, strength
// ladders).
#include "planner/load/exercise_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "planner/base/limits.h"
#include "planner/load/illustration_reader.h"

namespace rehab::load_internal {

namespace {

// The C locale's space class: space, \t, \n, \v, \f, \r.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Removes leading \s*; returns how many were removed.
size_t SkipSpaces(std::string_view* s) {
  size_t n = 0;
  while (n < s->size() && IsSpace((*s)[n])) ++n;
  s->remove_prefix(n);
  return n;
}

// Takes [0-9]+(\.[0-9]+)? from the front of `s`.
bool TakeDecimal(std::string_view* s, std::string_view* number) {
  size_t n = 0;
  while (n < s->size() && IsDigit((*s)[n])) ++n;
  if (n == 0) return false;
  if (n + 1 < s->size() && (*s)[n] == '.' && IsDigit((*s)[n + 1])) {
    n += 2;
    while (n < s->size() && IsDigit((*s)[n])) ++n;
  }
  *number = s->substr(0, n);
  s->remove_prefix(n);
  return true;
}

// \s*([0-9]+(\.[0-9]+)?)\s*(kg|lb)\s*
bool MatchWeight(std::string_view s, std::string_view* number, bool* kg) {
  SkipSpaces(&s);
  if (!TakeDecimal(&s, number)) return false;
  SkipSpaces(&s);
  if (!s.starts_with("kg") && !s.starts_with("lb")) return false;
  *kg = s[0] == 'k';
  s.remove_prefix(2);
  SkipSpaces(&s);
  return s.empty();
}

// \s*([a-z]+(-[a-z]+)*)\s+band\s*
bool MatchBand(std::string_view s, std::string_view* band) {
  SkipSpaces(&s);
  size_t n = 0;
  while (n < s.size() && !IsSpace(s[n])) ++n;
  std::string_view name = s.substr(0, n);
  // Letters in dash-separated runs: no leading, trailing or doubled dash.
  if (name.empty() || name.front() == '-' || name.back() == '-' ||
      name.find("--") != std::string_view::npos ||
      !std::all_of(name.begin(), name.end(), [](char c) { return IsLower(c) || c == '-'; })) {
    return false;
  }
  s.remove_prefix(n);
  if (SkipSpaces(&s) == 0 || !s.starts_with("band")) return false;
  s.remove_prefix(4);
  SkipSpaces(&s);
  if (!s.empty()) return false;
  *band = name;
  return true;
}

// \s*rpe\s+([0-9]+(\.[0-9]+)?)\s* with "rpe" in any case.
bool MatchRpe(std::string_view s, std::string_view* number) {
  SkipSpaces(&s);
  if (s.size() < 3 || (s[0] | 0x20) != 'r' || (s[1] | 0x20) != 'p' || (s[2] | 0x20) != 'e') {
    return false;
  }
  s.remove_prefix(3);
  if (SkipSpaces(&s) == 0 || !TakeDecimal(&s, number)) return false;
  SkipSpaces(&s);
  return s.empty();
}

// `number` as matched by TakeDecimal; false when it does not fit a double.
bool DecimalValue(std::string_view number, double* value) {
  auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), *value);
  return ec == std::errc() && p == number.data() + number.size() && std::isfinite(*value);
}

// A dose's load: "2 kg", "5 lb", "bodyweight", "red band" or "rpe 6", the
// whole text matching one of
//   weight  \s*([0-9]+(\.[0-9]+)?)\s*(kg|lb)\s*
//   band    \s*([a-z]+(-[a-z]+)*)\s+band\s*
//   rpe     \s*rpe\s+([0-9]+(\.[0-9]+)?)\s*      (case-insensitive)
// The numbers are read with from_chars, which throws nothing and reports a
// number too large, or too small, for a double.
enum class LoadResult { kOk, kBadFormat, kWeightOutOfRange, kRpeOutOfRange };

LoadResult ParseLoad(const std::string& text, Load* out) {
  std::string_view number, band;
  bool kg = false;
  if (text == "bodyweight") {
    out->kind = LoadKind::kBodyweight;
  } else if (MatchWeight(text, &number, &kg)) {
    out->kind = kg ? LoadKind::kKg : LoadKind::kLb;
    if (!DecimalValue(number, &out->value)) return LoadResult::kWeightOutOfRange;
    if (out->value <= 0 || out->value > 500) return LoadResult::kBadFormat;
  } else if (MatchBand(text, &band)) {
    out->kind = LoadKind::kBand;
    out->band = std::string(band);
  } else if (MatchRpe(text, &number)) {
    out->kind = LoadKind::kRpe;
    if (!DecimalValue(number, &out->value)) return LoadResult::kRpeOutOfRange;
    if (out->value < 1 || out->value > 10) return LoadResult::kBadFormat;
  } else {
    return LoadResult::kBadFormat;
  }
  return LoadResult::kOk;
}

void ReadLoad(SchemaReader& r, const MapView::Entry& e, Load* load) {
  std::string text;
  if (!r.Scalar(e, &text)) return;
  switch (ParseLoad(text, load)) {
    case LoadResult::kOk:
      break;
    case LoadResult::kBadFormat:
      r.Error(e.value, fmt::format("'load' must be like \"2 kg\", \"5 lb\", "
                                   "\"bodyweight\", \"red band\" or \"rpe 6\", got \"{}\"",
                                   text));
      break;
    case LoadResult::kWeightOutOfRange:
      r.Error(e.value, fmt::format("'load' is out of range: a weight must be more than 0 and "
                                   "at most 500, got \"{}\"",
                                   text));
      break;
    case LoadResult::kRpeOutOfRange:
      r.Error(e.value, fmt::format("'load' is out of range: an rpe must be from 1 to 10, "
                                   "got \"{}\"",
                                   text));
      break;
  }
}

// In Side's order: an exercise's `side` and a ladder step's.
const std::vector<std::string> kSideNames = {"affected", "unaffected", "left", "right", "both"};

bool ParseDose(SchemaReader& r, const Node& node, Dose* dose) {
  MapView m;
  if (!r.Map(node, "a ladder step",
             {"sets", "reps", "hold", "rest", "minutes", "load", "tempo", "range", "note", "side"},
             {}, &m)) {
    return false;
  }
  int side = 0;
  if (r.Enum(m, "side", kSideNames, &side)) dose->side = static_cast<Side>(side);
  r.Int(m, "sets", 1, 20, &dose->sets);
  r.Int(m, "reps", 1, 100, &dose->reps);
  r.Int(m, "hold", 1, 600, &dose->hold_seconds);
  r.Int(m, "rest", 0, 600, &dose->rest_seconds);
  r.Int(m, "minutes", 1, 120, &dose->minutes);
  if (const auto* e = m.Find("load")) ReadLoad(r, *e, &dose->load);
  r.String(m, "tempo", &dose->tempo);
  r.String(m, "range", &dose->range);
  r.String(m, "note", &dose->note);
  if (m.Find("reps") == nullptr && m.Find("hold") == nullptr && m.Find("minutes") == nullptr) {
    r.Error(node, "a ladder step needs at least one of 'reps', 'hold' or 'minutes'");
    return false;
  }
  return true;
}

// Stretches hold 15 to 60 seconds (clinical reference, section 2): every
// ladder step of a stretch needs a 'hold' in that range.
constexpr int kMinStretchHold = 15;
constexpr int kMaxStretchHold = 60;

bool IsStretchHold(int seconds) { return seconds >= kMinStretchHold && seconds <= kMaxStretchHold; }

// An override that makes a catalogue exercise a stretch keeps its ladder:
// that ladder's holds are reported at the override's 'kind'.
void CheckInheritedStretchHolds(SchemaReader& r, const MapView& m, const Exercise& ex) {
  const auto* kind = m.Find("kind");
  bool all_held = std::all_of(ex.ladder.begin(), ex.ladder.end(),
                              [](const Dose& d) { return IsStretchHold(d.hold_seconds); });
  if (kind != nullptr && !all_held) {
    r.Error(kind->value, fmt::format("stretch '{}' needs a 'hold' of {} to {} seconds on every "
                                     "ladder step",
                                     ex.id, kMinStretchHold, kMaxStretchHold));
  }
}

// One ladder step of a stretch, as written. A step that is no mapping, or
// whose hold is no number from 1 to 600, ParseDose has reported already.
void CheckStretchStep(SchemaReader& r, const Node& step, const Exercise& ex) {
  if (!step.IsMap()) return;
  MapView sm(step);
  const auto* hold = sm.Find("hold");
  if (hold == nullptr) {
    r.Error(step, fmt::format("a ladder step of stretch '{}' needs a 'hold' of {} to {} seconds",
                              ex.id, kMinStretchHold, kMaxStretchHold));
    return;
  }
  const std::string& text = hold->value.Scalar();
  int seconds = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || p != text.data() + text.size() || seconds < 1 || seconds > 600) {
    return;
  }
  if (!IsStretchHold(seconds)) {
    r.Error(hold->value, fmt::format("stretch '{}' holds {} seconds; a stretch holds {} to {} "
                                     "seconds",
                                     ex.id, seconds, kMinStretchHold, kMaxStretchHold));
  }
}

void CheckStretchHolds(SchemaReader& r, const MapView& m, const Exercise& ex) {
  if (ex.kind != ExerciseKind::kStretch) return;
  const auto* ladder = m.Find("ladder");
  if (ladder == nullptr || !ladder->value.IsSequence()) {
    CheckInheritedStretchHolds(r, m, ex);
    return;
  }
  for (const auto& step : ladder->value) CheckStretchStep(r, step, ex);
}

// A strength exercise progresses along its ladder, so it needs a few steps.
void CheckStrengthLadder(SchemaReader& r, const Node& node, const MapView& m, const Exercise& ex) {
  if (ex.kind != ExerciseKind::kStrength || ex.ladder.empty() ||
      ex.ladder.size() >= static_cast<size_t>(kMinStrengthSteps)) {
    return;
  }
  r.Error(m.Find("ladder") ? m.Find("ladder")->key_node : node,
          fmt::format("strength exercise '{}' needs a ladder of at least {} steps to progress "
                      "along, got {}",
                      ex.id, kMinStrengthSteps, ex.ladder.size()));
}

// False when the ladder is over kMaxLadderSteps (the exercise is dropped).
bool ReadLadder(SchemaReader& r, const Node& ladder, std::vector<Dose>* out) {
  out->clear();
  if (ladder.size() == 0) r.Error(ladder, "'ladder' needs at least one step");
  if (ladder.size() > static_cast<size_t>(kMaxLadderSteps)) {
    r.Error(ladder, fmt::format("'ladder' has {} steps, more than the limit of {}", ladder.size(),
                                kMaxLadderSteps));
    return false;
  }
  for (const auto& step : ladder) {
    Dose dose;
    if (ParseDose(r, step, &dose)) out->push_back(dose);
  }
  return true;
}

const std::vector<std::string> kExerciseKeys = {
    "id",   "name",          "kind",         "targets", "equipment", "tags",
    "side", "interval_days", "instructions", "stop_if", "ladder",    "illustration"};
const std::vector<std::string> kKindNames = {"stretch", "strength", "mobility",
                                             "balance", "cardio",   "modality"};

}  // namespace

const Exercise* FindExercise(const std::vector<Exercise>& list, const std::string& id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const Exercise& e) { return e.id == id; });
  return it == list.end() ? nullptr : &*it;
}

bool ParseExercise(SchemaReader& r, const Node& node, const Exercise* base, Exercise* ex) {
  MapView m;
  std::vector<std::string> required;
  if (base == nullptr) required = {"id", "name", "kind", "instructions", "ladder"};
  if (!r.Map(node, "an exercise", kExerciseKeys, required, &m)) return false;
  if (base != nullptr) *ex = *base;
  r.Id(m, "id", &ex->id);
  r.String(m, "name", &ex->name);
  int kind = 0;
  if (r.Enum(m, "kind", kKindNames, &kind)) ex->kind = static_cast<ExerciseKind>(kind);
  r.StringList(m, "targets", &ex->targets);
  r.StringList(m, "equipment", &ex->equipment);
  r.StringList(m, "tags", &ex->tags);
  int side = 0;
  if (r.Enum(m, "side", kSideNames, &side)) ex->side = static_cast<Side>(side);
  r.Int(m, "interval_days", 1, 56, &ex->interval_days);
  r.String(m, "instructions", &ex->instructions);
  r.String(m, "stop_if", &ex->stop_if);
  if (const Node* ladder = r.List(m, "ladder")) {
    if (!ReadLadder(r, *ladder, &ex->ladder)) return false;
  }
  if (const auto* e = m.Find("illustration")) {
    Illustration ill;
    if (ParseIllustration(r, e->value, &ill)) ex->illustration = std::move(ill);
  }
  if (ex->illustration) {
    const auto* at = m.Find("ladder") ? m.Find("ladder") : m.Find("illustration");
    CheckIllustrationRanges(r, at != nullptr ? at->key_node : node, *ex->illustration, ex->ladder);
  }
  ex->loc = r.Loc(node);
  CheckStretchHolds(r, m, *ex);
  CheckStrengthLadder(r, node, m, *ex);
  return true;
}

bool ParseExerciseList(SchemaReader& r, const Node& list, std::vector<Exercise>* out) {
  if (list.size() > static_cast<size_t>(kMaxExercises)) {
    r.Error(list,
            fmt::format("{} exercises, more than the limit of {}", list.size(), kMaxExercises));
    return false;
  }
  std::map<std::string, SourceLoc> seen;
  for (const auto& item : list) {
    Exercise ex;
    if (!ParseExercise(r, item, nullptr, &ex)) continue;
    if (ex.id.empty()) continue;
    auto [it, inserted] = seen.emplace(ex.id, ex.loc);
    if (!inserted) {
      r.Error(ex.loc, fmt::format("exercise '{}' is defined twice", ex.id));
      r.Note(it->second, "first defined here");
      continue;
    }
    out->push_back(std::move(ex));
  }
  return true;
}

}  // namespace rehab::load_internal
