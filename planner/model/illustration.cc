// Names of the illustration's enums, a dose's range text, and the poses a
// ladder step's range gives.
#include "planner/model/illustration.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace rehab {

namespace {

// Takes [0-9]+ from the front of `s`.
bool TakeNumber(std::string_view* s, double* out) {
  size_t n = 0;
  while (n < s->size() && (*s)[n] >= '0' && (*s)[n] <= '9') ++n;
  if (n == 0 || n > 3) return false;
  int value = 0;
  std::from_chars(s->data(), s->data() + n, value);
  *out = value;
  s->remove_prefix(n);
  return true;
}

void SkipSpaces(std::string_view* s) {
  while (!s->empty() && s->front() == ' ') s->remove_prefix(1);
}

// Every angle of a pose, for applying one rule to each.
template <typename PoseT, typename F>
void ForEachAngle(PoseT& a, PoseT& b, F f) {
  f(a.trunk, b.trunk);
  for (auto [la, lb] : {std::pair{&a.working, &b.working}, std::pair{&a.other, &b.other}}) {
    f(la->hip, lb->hip);
    f(la->abduction, lb->abduction);
    f(la->knee, lb->knee);
    f(la->ankle, lb->ankle);
    f(la->rotation, lb->rotation);
  }
  for (auto [aa, ab] :
       {std::pair{&a.working_arm, &b.working_arm}, std::pair{&a.other_arm, &b.other_arm}}) {
    f(aa->shoulder, ab->shoulder);
    f(aa->abduction, ab->abduction);
    f(aa->elbow, ab->elbow);
  }
}

}  // namespace

std::optional<AngleRange> ParseDegreesRange(std::string_view text) {
  AngleRange r;
  SkipSpaces(&text);
  if (!TakeNumber(&text, &r.from)) return std::nullopt;
  SkipSpaces(&text);
  if (text.empty() || text.front() != '-') return std::nullopt;
  text.remove_prefix(1);
  SkipSpaces(&text);
  if (!TakeNumber(&text, &r.to)) return std::nullopt;
  SkipSpaces(&text);
  if (text != "degrees") return std::nullopt;
  return r;
}

double& JointAngle(Pose& pose, RangeJoint joint) {
  switch (joint) {
    case RangeJoint::kHip:
      return pose.working.hip;
    case RangeJoint::kAbduction:
      return pose.working.abduction;
    case RangeJoint::kKnee:
      return pose.working.knee;
    case RangeJoint::kAnkle:
      return pose.working.ankle;
    case RangeJoint::kTrunk:
      break;
  }
  return pose.trunk;
}

double JointAngle(const Pose& pose, RangeJoint joint) {
  return JointAngle(const_cast<Pose&>(pose), joint);
}

const JointLimit& TrunkLimit() {
  static constexpr JointLimit kTrunk = {"trunk", -30, 100, "a trunk tilts"};
  return kTrunk;
}

const JointLimit (&LegLimits())[5] {
  static constexpr JointLimit kLeg[5] = {
      {"hip", -30, 135, "a hip bends"},     {"abduction", -30, 60, "a hip moves out"},
      {"knee", -10, 155, "a knee bends"},   {"ankle", -50, 35, "an ankle bends"},
      {"rotation", -45, 60, "a hip turns"},
  };
  return kLeg;
}

const JointLimit (&ArmLimits())[3] {
  static constexpr JointLimit kArm[3] = {
      {"shoulder", -60, 180, "a shoulder lifts"},
      {"abduction", 0, 180, "a shoulder moves out"},
      {"elbow", 0, 150, "an elbow bends"},
  };
  return kArm;
}

const JointLimit& LimitOf(RangeJoint joint) {
  if (joint == RangeJoint::kTrunk) return TrunkLimit();
  return LegLimits()[static_cast<size_t>(joint)];
}

namespace {

void Clamp(Pose* pose) {
  auto clamp = [](double* v, const JointLimit& l) { *v = std::clamp(*v, l.min, l.max); };
  clamp(&pose->trunk, TrunkLimit());
  for (LegPose* leg : {&pose->working, &pose->other}) {
    double* angles[] = {&leg->hip, &leg->abduction, &leg->knee, &leg->ankle, &leg->rotation};
    for (size_t i = 0; i < 5; ++i) clamp(angles[i], LegLimits()[i]);
  }
  for (ArmPose* arm : {&pose->working_arm, &pose->other_arm}) {
    double* angles[] = {&arm->shoulder, &arm->abduction, &arm->elbow};
    for (size_t i = 0; i < 3; ++i) clamp(angles[i], ArmLimits()[i]);
  }
}

}  // namespace

PosePair PosesForRange(const Illustration& ill, std::string_view range) {
  PosePair out{ill.start, ill.end};
  if (!ill.range_joint) return out;
  auto r = ParseDegreesRange(range);
  if (!r) return out;
  RangeJoint j = *ill.range_joint;
  double j0 = JointAngle(ill.start, j);
  double j1 = JointAngle(ill.end, j);
  if (j0 != j1) {
    // Each angle as the line through (j0, its start) and (j1, its end).
    double at_from = (r->from - j0) / (j1 - j0), at_to = (r->to - j0) / (j1 - j0);
    ForEachAngle(out.start, out.end, [&](double& s, double& e) {
      double change = e - s;
      e = s + change * at_to;
      s = s + change * at_from;
    });
  }
  JointAngle(out.start, j) = r->from;
  JointAngle(out.end, j) = r->to;
  Clamp(&out.start);
  Clamp(&out.end);
  return out;
}

Pose Interpolate(const Pose& a, const Pose& b, double t) {
  Pose from = a, to = b;
  ForEachAngle(from, to, [&](double& x, double& y) { x += (y - x) * t; });
  return from;
}

const std::vector<std::string>& BodyPositionNames() {
  static const std::vector<std::string> names = {"supine",  "side-lying", "prone",
                                                 "sitting", "standing",   "kneeling"};
  return names;
}

const std::vector<std::string>& PropKindNames() {
  static const std::vector<std::string> names = {"mat",  "bed",     "table",      "chair",   "step",
                                                 "wall", "counter", "towel-roll", "cushion", "band",
                                                 "ball", "weight",  "bike",       "machine"};
  return names;
}

const std::vector<std::string>& RangeJointNames() {
  static const std::vector<std::string> names = {"hip", "abduction", "knee", "ankle", "trunk"};
  return names;
}

const std::vector<std::string>& BodyPartNames() {
  static const std::vector<std::string> names = {"pelvis", "head", "shoulder", "elbow", "hand",
                                                 "hip",    "knee", "ankle",    "heel",  "toe"};
  return names;
}

const char* ToString(BodyPosition p) { return BodyPositionNames()[static_cast<size_t>(p)].c_str(); }
const char* ToString(PropKind k) { return PropKindNames()[static_cast<size_t>(k)].c_str(); }
const char* ToString(RangeJoint j) { return RangeJointNames()[static_cast<size_t>(j)].c_str(); }
const char* ToString(BodyPart p) { return BodyPartNames()[static_cast<size_t>(p)].c_str(); }

bool HasSide(BodyPart part) { return part != BodyPart::kPelvis && part != BodyPart::kHead; }

std::string ToString(const BodyPoint& p) {
  if (!HasSide(p.part)) return ToString(p.part);
  return std::string(p.working ? "working-" : "other-") + ToString(p.part);
}

}  // namespace rehab
