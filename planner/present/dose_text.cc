// Doses in plain words and their estimated duration.
#include "planner/present/dose_text.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace rehab {

static std::string Number(double v) {
  double rounded = std::round(v * 10) / 10;
  if (rounded == std::floor(rounded)) return fmt::format("{}", static_cast<long long>(rounded));
  return fmt::format("{:.1f}", rounded);
}

// A weight converted from the other unit, rounded to an amount the patient
// can buy or load: 0.5 steps below 10 (ankle weights and small dumbbells come
// in half pounds and half kilos), from 10 up 2.5 lb (the smallest plate) or
// 1 kg steps; never rounded to nothing. 1 kg is 2 lb, 2 kg 4.5 lb, 5 lb 2.5 kg.
static double PracticalWeight(double value, bool lb) {
  double step = value < 10 ? 0.5 : (lb ? 2.5 : 1.0);
  return std::max(step, std::round(value / step) * step);
}

std::string DescribeLoad(const Load& load, const std::string& units) {
  constexpr double kLbPerKg = 2.20462;
  switch (load.kind) {
    case LoadKind::kNone: return "";
    case LoadKind::kBodyweight: return "bodyweight";
    case LoadKind::kBand: return load.band + " band";
    case LoadKind::kRpe: return fmt::format("effort {}/10", Number(load.value));
    case LoadKind::kKg:
      return units == "lb" ? Number(PracticalWeight(load.value * kLbPerKg, true)) + " lb"
                           : Number(load.value) + " kg";
    case LoadKind::kLb:
      return units == "kg" ? Number(PracticalWeight(load.value / kLbPerKg, false)) + " kg"
                           : Number(load.value) + " lb";
  }
  return "";
}

static std::string Plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string DescribeDose(const Dose& dose, const std::string& units) {
  std::vector<std::string> parts;
  if (dose.sets > 0 && dose.reps > 0) {
    parts.push_back(fmt::format("{} of {}", Plural(dose.sets, "set", "sets"), dose.reps));
  } else if (dose.reps > 0) {
    parts.push_back(Plural(dose.reps, "time", "times"));
  } else if (dose.sets > 0) {
    parts.push_back(Plural(dose.sets, "time", "times"));
  }
  if (dose.hold_seconds > 0) {
    parts.push_back(fmt::format("hold {}", Plural(dose.hold_seconds, "second", "seconds")));
  }
  if (dose.minutes > 0) parts.push_back(Plural(dose.minutes, "minute", "minutes"));
  std::string load = DescribeLoad(dose.load, units);
  if (!load.empty()) parts.push_back(load);
  if (!dose.range.empty()) parts.push_back(dose.range);
  if (!dose.tempo.empty()) parts.push_back("tempo " + dose.tempo);
  if (dose.rest_seconds > 0) {
    parts.push_back(fmt::format("rest {} between sets", Plural(dose.rest_seconds, "second", "seconds")));
  }
  if (!dose.note.empty()) parts.push_back(dose.note);
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

std::string DescribeSide(Side side) {
  switch (side) {
    case Side::kLeft: return "left leg";
    case Side::kRight: return "right leg";
    case Side::kBoth: return "both legs";
    case Side::kAffected: return "affected leg";
    case Side::kUnaffected: return "other leg";
  }
  return "";
}

std::string DescribeSide(const Exercise& exercise, Side side) {
  bool side_lying =
      exercise.illustration && exercise.illustration->position == BodyPosition::kSideLying;
  if (!side_lying) return DescribeSide(side);
  switch (side) {
    case Side::kLeft: return "lying on your right side";
    case Side::kRight: return "lying on your left side";
    case Side::kBoth: return "lying on each side in turn";
    case Side::kAffected:
    case Side::kUnaffected: break;  // not resolved: say which leg
  }
  return DescribeSide(side);
}

std::string DescribeSide(const ScheduledExercise& scheduled) {
  return DescribeSide(*scheduled.exercise, scheduled.side);
}

}  // namespace rehab
