// Doses in plain words, from the message catalogue ("dose.*", "load.*",
// "side.*" in planner/present/messages_en.cc).
#include "planner/present/dose_text.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "planner/model/illustration.h"
#include "planner/present/messages.h"

namespace rehab {

// A weight converted from the other unit, rounded to an amount the patient
// can buy or load: 0.5 steps below 10 (ankle weights and small dumbbells come
// in half pounds and half kilos), from 10 up 2.5 lb (the smallest plate) or
// 1 kg steps; never rounded to nothing. 1 kg is 2 lb, 2 kg 4.5 lb, 5 lb 2.5 kg.
static double PracticalWeight(double value, bool lb) {
  double step = value < 10 ? 0.5 : (lb ? 2.5 : 1.0);
  return std::max(step, std::round(value / step) * step);
}

// The catalogue's wording of `m` in `language`.
static std::string Say(const Message& m, const std::string& language) {
  return MessageText(m, language);
}

std::string DescribeLoad(const Load& load, const std::string& units, const std::string& language) {
  constexpr double kLbPerKg = 2.20462;
  auto weight = [&](const char* unit, double value) {
    return Say(Message(unit).With("value", FormatDecimal(value, language)), language);
  };
  switch (load.kind) {
    case LoadKind::kNone: return "";
    case LoadKind::kBodyweight: return Say(Message("load.bodyweight"), language);
    case LoadKind::kBand: {
      // The colours of the usual band series are words of the catalogue (with their
      // grammar: "banda amarilla"); another colour is said as the program names it.
      const std::string colour = "load.band." + load.band;
      return HasMessage(colour) ? Say(Message(colour), language)
                                : Say(Message("load.band").With("band", load.band), language);
    }
    case LoadKind::kRpe:
      return Say(Message("load.rpe").With("value", FormatDecimal(load.value, language)), language);
    case LoadKind::kKg:
      return units == "lb" ? weight("load.lb", PracticalWeight(load.value * kLbPerKg, true))
                           : weight("load.kg", load.value);
    case LoadKind::kLb:
      return units == "kg" ? weight("load.kg", PracticalWeight(load.value / kLbPerKg, false))
                           : weight("load.lb", load.value);
  }
  return "";
}

std::string DescribeDose(const Dose& dose, const std::string& units, const std::string& language) {
  std::vector<std::string> parts;
  if (dose.sets > 0 && dose.reps > 0) {
    parts.push_back(
        Say(Message("dose.sets").With("sets", dose.sets).With("reps", dose.reps), language));
  } else if (dose.reps > 0) {
    parts.push_back(Say(Message("dose.times").With("n", dose.reps), language));
  } else if (dose.sets > 0) {
    parts.push_back(Say(Message("dose.times").With("n", dose.sets), language));
  }
  if (dose.hold_seconds > 0) {
    parts.push_back(Say(Message("dose.hold").With("n", dose.hold_seconds), language));
  }
  if (dose.minutes > 0) {
    parts.push_back(Say(Message("dose.minutes").With("n", dose.minutes), language));
  }
  std::string load = DescribeLoad(dose.load, units, language);
  if (!load.empty()) parts.push_back(load);
  if (!dose.range.empty()) {
    // "0-60 degrees" in the patient's words and numbers; a range in other words (none
    // shipped) as the program gives it.
    std::optional<AngleRange> degrees = ParseDegreesRange(dose.range);
    parts.push_back(degrees ? Say(Message("dose.range")
                                      .With("from", FormatDecimal(degrees->from, language))
                                      .With("to", FormatDecimal(degrees->to, language)),
                                  language)
                            : dose.range);
  }
  if (!dose.tempo.empty()) {
    parts.push_back(Say(Message("dose.tempo").With("tempo", dose.tempo), language));
  }
  if (dose.rest_seconds > 0) {
    parts.push_back(Say(Message("dose.rest").With("n", dose.rest_seconds), language));
  }
  if (!dose.note.empty()) parts.push_back(dose.note);
  return Say(Message("dose.parts").With("parts", parts), language);
}

std::string DescribeSide(Side side, const std::string& language) {
  switch (side) {
    case Side::kLeft: return Say(Message("side.left"), language);
    case Side::kRight: return Say(Message("side.right"), language);
    case Side::kBoth: return Say(Message("side.both"), language);
    case Side::kAffected: return Say(Message("side.affected"), language);
    case Side::kUnaffected: return Say(Message("side.unaffected"), language);
  }
  return "";
}

std::string DescribeSide(const Exercise& exercise, Side side, const std::string& language) {
  bool side_lying =
      exercise.illustration && exercise.illustration->position == BodyPosition::kSideLying;
  if (!side_lying) return DescribeSide(side, language);
  switch (side) {
    case Side::kLeft: return Say(Message("side.lying.left"), language);
    case Side::kRight: return Say(Message("side.lying.right"), language);
    case Side::kBoth: return Say(Message("side.lying.both"), language);
    case Side::kAffected:
    case Side::kUnaffected: break;  // not resolved: say which leg
  }
  return DescribeSide(side, language);
}

std::string DescribeSide(const ScheduledExercise& scheduled, const std::string& language) {
  return DescribeSide(*scheduled.exercise, scheduled.side, language);
}

}  // namespace rehab
