// An exercise's illustration: its keys, the poses as joint angles within a
// human joint's reach, props placed at body points, and the checks that tie
// it to the exercise's ladder.
#include "planner/load/illustration_reader.h"

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace rehab::load_internal {

namespace {

const std::vector<std::string> kPoseKeys = {"trunk", "working", "other",
                                            "arms",  "arm",     "other_arm"};
const std::vector<std::string> kIllustrationKeys = {"position", "view",   "start", "end",  "props",
                                                    "anchor",   "moving", "push",  "range"};
const std::vector<std::string> kViewNames = {"side", "front"};
const std::vector<std::string> kPushNames = {"down", "up", "forward", "back", "out"};

// An angle at `key` of `m`, within `limit`; unchanged when absent or invalid.
void ReadAngle(SchemaReader& r, const MapView& m, const JointLimit& limit, double* out) {
  const auto* e = m.Find(limit.key);
  double value = 0;
  if (e == nullptr || !r.Number(*e, &value)) return;
  if (value < limit.min || value > limit.max) {
    r.Error(e->value, fmt::format("'{}' is {} degrees, beyond what {} ({} to {})", limit.key, value,
                                  limit.what, limit.min, limit.max));
    return;
  }
  *out = value;
}

void ReadLeg(SchemaReader& r, const MapView& pose, const char* key, LegPose* leg) {
  const auto* e = pose.Find(key);
  MapView m;
  if (e == nullptr || !r.Map(e->value, "a leg's angles",
                             {"hip", "abduction", "knee", "ankle", "rotation"}, {}, &m)) {
    return;
  }
  double* angles[] = {&leg->hip, &leg->abduction, &leg->knee, &leg->ankle, &leg->rotation};
  for (size_t i = 0; i < 5; ++i) ReadAngle(r, m, LegLimits()[i], angles[i]);
}

void ReadArm(SchemaReader& r, const MapView& pose, const char* key, ArmPose* arm) {
  const auto* e = pose.Find(key);
  MapView m;
  if (e == nullptr ||
      !r.Map(e->value, "an arm's angles", {"shoulder", "abduction", "elbow"}, {}, &m)) {
    return;
  }
  double* angles[] = {&arm->shoulder, &arm->abduction, &arm->elbow};
  for (size_t i = 0; i < 3; ++i) ReadAngle(r, m, ArmLimits()[i], angles[i]);
}

// A pose over `pose` (the start's angles for an end pose): only the keys
// given change. `arms` sets both arms; `arm` and `other_arm` one each.
void ReadPose(SchemaReader& r, const Node& node, Pose* pose) {
  MapView m;
  if (!r.Map(node, "a pose", kPoseKeys, {}, &m)) return;
  ReadAngle(r, m, TrunkLimit(), &pose->trunk);
  ReadLeg(r, m, "working", &pose->working);
  ReadLeg(r, m, "other", &pose->other);
  ReadArm(r, m, "arms", &pose->working_arm);
  ReadArm(r, m, "arms", &pose->other_arm);
  ReadArm(r, m, "arm", &pose->working_arm);
  ReadArm(r, m, "other_arm", &pose->other_arm);
}

// "working-knee", "other-ankle", "pelvis", "head".
bool ParseBodyPoint(std::string_view text, BodyPoint* out) {
  BodyPoint p;
  std::string_view part = text;
  if (part.starts_with("working-")) {
    part.remove_prefix(8);
  } else if (part.starts_with("other-")) {
    part.remove_prefix(6);
    p.working = false;
  }
  const auto& names = BodyPartNames();
  auto it = std::find(names.begin(), names.end(), part);
  if (it == names.end()) return false;
  p.part = static_cast<BodyPart>(it - names.begin());
  if (HasSide(p.part) == (part.size() == text.size())) return false;
  *out = p;
  return true;
}

// All the body points, for the suggestion of a misspelt one.
std::vector<std::string> BodyPointNames() {
  std::vector<std::string> out;
  for (const auto& name : BodyPartNames()) {
    BodyPart part = static_cast<BodyPart>(&name - BodyPartNames().data());
    if (!HasSide(part)) {
      out.push_back(name);
      continue;
    }
    out.push_back("working-" + name);
    out.push_back("other-" + name);
  }
  return out;
}

bool ReadBodyPoint(SchemaReader& r, const Node& value, BodyPoint* out) {
  if (!value.IsScalar()) {
    r.Error(value, "a body point must be a name such as 'working-knee' or 'pelvis'");
    return false;
  }
  if (ParseBodyPoint(value.Scalar(), out)) return true;
  r.Error(value, fmt::format("unknown body point '{}'{}", value.Scalar(),
                             DidYouMean(value.Scalar(), BodyPointNames())));
  return false;
}

// Where a prop goes when the file does not say.
BodyPoint DefaultPlace(PropKind kind) {
  switch (kind) {
    case PropKind::kStep:
    case PropKind::kMachine:
      return {BodyPart::kHeel, true};
    case PropKind::kCounter:
      return {BodyPart::kHand, true};
    case PropKind::kTowelRoll:
    case PropKind::kBall:
      return {BodyPart::kKnee, true};
    case PropKind::kCushion:
      return {BodyPart::kKnee, false};
    case PropKind::kBand:
    case PropKind::kWeight:
      return {BodyPart::kAnkle, true};
    default:
      return {BodyPart::kPelvis, true};
  }
}

bool ReadPropKind(SchemaReader& r, const Node& value, PropKind* out) {
  const auto& names = PropKindNames();
  auto it = std::find(names.begin(), names.end(), value.Scalar());
  if (value.IsScalar() && it != names.end()) {
    *out = static_cast<PropKind>(it - names.begin());
    return true;
  }
  r.Error(value,
          fmt::format("unknown prop '{}'{}", value.Scalar(), DidYouMean(value.Scalar(), names)));
  return false;
}

// A prop: a name ("chair") or {prop: NAME, at: BODY-POINT}.
void ReadProp(SchemaReader& r, const Node& item, std::vector<Prop>* out) {
  Prop prop;
  prop.loc = r.Loc(item);
  if (item.IsMap()) {
    MapView m;
    if (!r.Map(item, "a prop", {"prop", "at", "to"}, {"prop"}, &m)) return;
    if (!ReadPropKind(r, m.Find("prop")->value, &prop.kind)) return;
    prop.at = DefaultPlace(prop.kind);
    if (const auto* at = m.Find("at"); at != nullptr && !ReadBodyPoint(r, at->value, &prop.at)) {
      return;
    }
    int to = 0;
    static const std::vector<std::string> kTo = {"front", "back"};
    if (r.Enum(m, "to", kTo, &to)) prop.to = kTo[to];
  } else {
    if (!ReadPropKind(r, item, &prop.kind)) return;
    prop.at = DefaultPlace(prop.kind);
  }
  out->push_back(prop);
}

// Sitting needs something to sit on.
void CheckSeat(SchemaReader& r, const MapView& m, const Illustration& ill) {
  if (ill.position != BodyPosition::kSitting) return;
  static constexpr PropKind kSeats[] = {PropKind::kChair, PropKind::kTable, PropKind::kBed,
                                        PropKind::kBike, PropKind::kMachine};
  bool seated = std::any_of(ill.props.begin(), ill.props.end(), [](const Prop& p) {
    return std::find(std::begin(kSeats), std::end(kSeats), p.kind) != std::end(kSeats);
  });
  if (!seated) {
    r.Error(m.Find("position")->value,
            "position 'sitting' needs a seat among the props: chair, table, bed, bike or machine");
  }
}

}  // namespace

bool ParseIllustration(SchemaReader& r, const Node& node, Illustration* out) {
  MapView m;
  if (!r.Map(node, "an illustration", kIllustrationKeys, {"position", "start"}, &m)) return false;
  Illustration ill;
  ill.loc = r.Loc(node);
  int index = 0;
  if (!r.Enum(m, "position", BodyPositionNames(), &index)) return false;
  ill.position = static_cast<BodyPosition>(index);
  ill.view = ill.position == BodyPosition::kSideLying ? FigureView::kFront : FigureView::kSide;
  if (r.Enum(m, "view", kViewNames, &index)) ill.view = static_cast<FigureView>(index);
  ReadPose(r, m.Find("start")->value, &ill.start);
  ill.end = ill.start;
  if (const auto* end = m.Find("end")) ReadPose(r, end->value, &ill.end);
  if (const Node* props = r.List(m, "props")) {
    for (const auto& item : *props) ReadProp(r, item, &ill.props);
  }
  for (auto [key, point] : {std::pair{"anchor", &ill.anchor}, std::pair{"moving", &ill.moving}}) {
    BodyPoint p;
    if (const auto* e = m.Find(key); e != nullptr && ReadBodyPoint(r, e->value, &p)) *point = p;
  }
  if (r.Enum(m, "push", kPushNames, &index)) ill.push = kPushNames[index];
  if (r.Enum(m, "range", RangeJointNames(), &index)) {
    ill.range_joint = static_cast<RangeJoint>(index);
  }
  CheckSeat(r, m, ill);
  *out = std::move(ill);
  return true;
}

void CheckIllustrationRanges(SchemaReader& r, const Node& at, const Illustration& ill,
                             const std::vector<Dose>& ladder) {
  if (!ill.range_joint) return;
  const JointLimit& limit = LimitOf(*ill.range_joint);
  for (size_t i = 0; i < ladder.size(); ++i) {
    const std::string& text = ladder[i].range;
    if (text.empty()) continue;
    auto range = ParseDegreesRange(text);
    if (!range) {
      r.Error(at, fmt::format("ladder step {} has range \"{}\"; the illustration's 'range: {}' "
                              "needs it as \"A-B degrees\"",
                              i + 1, text, ToString(*ill.range_joint)));
      continue;
    }
    for (double angle : {range->from, range->to}) {
      if (angle < limit.min || angle > limit.max) {
        r.Error(at, fmt::format("ladder step {} has range \"{}\": {} degrees is beyond what {} "
                                "({} to {})",
                                i + 1, text, angle, limit.what, limit.min, limit.max));
        break;
      }
    }
  }
}

}  // namespace rehab::load_internal
