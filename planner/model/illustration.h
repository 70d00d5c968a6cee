// An exercise's illustration as data: the body position, a start and an end
// pose as joint angles, the props and the moving point (the arrow). The
// present layer draws it (planner/present/figure_svg.h); the loader reads it
// (planner/load/illustration_reader.cc). docs/formats/program.md documents
// every field.
#ifndef REHAB_PLANNER_MODEL_ILLUSTRATION_H_
#define REHAB_PLANNER_MODEL_ILLUSTRATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/base/diagnostics.h"

namespace rehab {

// How the body rests. The view follows from it: side-lying figures are seen
// from the front and a little above, the others from the side of the
// working leg unless the illustration says `view: front`.
enum class BodyPosition { kSupine, kSideLying, kProne, kSitting, kStanding, kKneeling };
enum class FigureView { kSide, kFront };

// Angles in degrees, each measured from the anatomical zero of its joint.
// Hip: flexion positive, extension negative, the thigh against the trunk.
// Abduction: the leg out to the side, positive. Knee: flexion, 0 straight.
// Ankle: dorsiflexion (toes up) positive, plantarflexion negative.
// Rotation: the hip's external rotation (the knee's front turned outward),
// positive; it turns a bent knee's shank (a clamshell keeps its heels
// together while the knee opens).
struct LegPose {
  double hip = 0;
  double abduction = 0;
  double knee = 0;
  double ankle = 0;
  double rotation = 0;
  bool operator==(const LegPose&) const = default;
};

// Shoulder: flexion (the arm forward and up), 0 hanging by the trunk.
// Abduction: out to the side. Elbow: flexion, 0 straight.
struct ArmPose {
  double shoulder = 0;
  double abduction = 0;
  double elbow = 0;
  bool operator==(const ArmPose&) const = default;
};

// One pose. `trunk` tilts the trunk from the position's rest: forward lean
// when upright, the trunk raised off the surface when lying (propped on the
// elbows, a side bridge). The working leg is the side the exercise works (the
// patient's affected side); the other leg the opposite one.
struct Pose {
  double trunk = 0;
  LegPose working;
  LegPose other;
  ArmPose working_arm;
  ArmPose other_arm;
  bool operator==(const Pose&) const = default;
};

// A point of the body, for the arrow and for placing props.
enum class BodyPart { kPelvis, kHead, kShoulder, kElbow, kHand, kHip, kKnee, kAnkle, kHeel, kToe };
struct BodyPoint {
  BodyPart part = BodyPart::kPelvis;
  bool working = true;  // which side, for the parts that have one
  bool operator==(const BodyPoint&) const = default;
};

enum class PropKind {
  kMat,
  kBed,
  kTable,
  kChair,
  kStep,
  kWall,
  kCounter,
  kTowelRoll,
  kCushion,
  kBand,
  kBall,
  kWeight,
  kBike,
  kMachine,
};

// A prop drawn beside the body, placed at `at` (a seat under it, a wall or a
// counter beside it, a step or a roll under it, a band tied from it).
struct Prop {
  PropKind kind = PropKind::kMat;
  BodyPoint at;
  // A band tied to a post in front of the figure or behind it; empty: a
  // loop around both legs at `at`.
  std::string to;
  SourceLoc loc;
};

// The joint whose angle a ladder step's `range: A-B degrees` sets.
enum class RangeJoint { kHip, kAbduction, kKnee, kAnkle, kTrunk };

struct Illustration {
  BodyPosition position = BodyPosition::kStanding;
  FigureView view = FigureView::kSide;
  Pose start;
  Pose end;
  std::vector<Prop> props;
  // The point that stays put between the poses (a planted foot, the pelvis
  // on the bed). Unset: the pelvis, or for standing the other leg's toe,
  // for kneeling the other leg's knee.
  std::optional<BodyPoint> anchor;
  std::optional<BodyPoint> moving;  // the arrow follows this point
  // For a pose held without movement: the direction of the press at
  // `moving` ("down" toward the surface, "up", "forward" where a side view
  // faces, "back", "out" away from the body's middle). With `moving` the
  // pelvis and "forward" or "back", the whole body travels that way
  // (walking, running).
  std::string push;
  // Set: a step's range moves this joint of the working leg (or the trunk).
  std::optional<RangeJoint> range_joint;
  SourceLoc loc;
};

// A dose's `range` text: "0-40 degrees", "90-45 degrees" (from A to B).
struct AngleRange {
  double from = 0;
  double to = 0;
};
std::optional<AngleRange> ParseDegreesRange(std::string_view text);

// The angle of `joint` in `pose` (the working leg's, or the trunk).
double& JointAngle(Pose& pose, RangeJoint joint);
double JointAngle(const Pose& pose, RangeJoint joint);

// What a joint reaches, in degrees from its anatomical zero (standard
// goniometry, generous at both ends so that a figure of a stretch fits).
// The loader rejects angles outside; drawn poses are kept inside.
struct JointLimit {
  const char* key;  // as the file names the angle: "knee"
  double min;
  double max;
  const char* what;  // "a knee bends"
};
const JointLimit& TrunkLimit();
// Hip, abduction, knee, ankle, rotation (LegPose order).
const JointLimit (&LegLimits())[5];
// Shoulder, abduction, elbow (ArmPose order).
const JointLimit (&ArmLimits())[3];
// The limit of the joint a range names.
const JointLimit& LimitOf(RangeJoint joint);

// The start and end poses for a ladder step whose range text is `range`
// (empty: none). With a range_joint and a range that parses, that joint goes
// from the range's A to its B, and every other angle follows it as the
// straight line through its data start and end does: a squat drawn to 30
// degrees bends its hips and ankles in step, and a foot flat in both of the
// data's poses stays flat. Angles stay within their JointLimit. Without a
// range, the poses are the data's.
struct PosePair {
  Pose start;
  Pose end;
};
PosePair PosesForRange(const Illustration& ill, std::string_view range);

// The pose `t` of the way from `a` to `b` (0: a, 1: b), angle by angle.
Pose Interpolate(const Pose& a, const Pose& b, double t);

const char* ToString(BodyPosition p);
const char* ToString(PropKind k);
const char* ToString(RangeJoint j);
const char* ToString(BodyPart p);
// "working-knee", "other-ankle", "pelvis".
std::string ToString(const BodyPoint& p);

// Names in the order of their enums, as the file format spells them.
const std::vector<std::string>& BodyPositionNames();
const std::vector<std::string>& PropKindNames();
const std::vector<std::string>& RangeJointNames();
const std::vector<std::string>& BodyPartNames();
// True when `part` has a side (everything but the pelvis and the head).
bool HasSide(BodyPart part);

}  // namespace rehab

#endif  // REHAB_PLANNER_MODEL_ILLUSTRATION_H_
