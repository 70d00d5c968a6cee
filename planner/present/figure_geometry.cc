// Forward kinematics of an exercise figure: each segment's direction is its
// parent's turned by the joint's angle, so a measured angle between two
// drawn segments is the angle in the pose.
#include "planner/present/figure_geometry.h"

#include <cmath>
#include <numbers>

namespace rehab {

Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 operator*(double k, Vec3 a) { return {k * a.x, k * a.y, k * a.z}; }
double Dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 Cross(Vec3 a, Vec3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double Length(Vec3 a) { return std::sqrt(Dot(a, a)); }

namespace {

using P = BodyProportions;

double Rad(double degrees) { return degrees * std::numbers::pi / 180; }

// The trunk's axes at rest in `position`, tilted by `trunk` degrees: upright
// figures lean forward, lying ones raise the trunk off the surface (toward
// the ceiling; a side-lying one props up on its lower side).
void TrunkAxes(BodyPosition position, double trunk, Vec3* up, Vec3* anterior) {
  double c = std::cos(Rad(trunk));
  double s = std::sin(Rad(trunk));
  switch (position) {
    case BodyPosition::kSupine:
      *up = {-c, s, 0};
      *anterior = {s, c, 0};
      return;
    case BodyPosition::kProne:
      *up = {c, s, 0};
      *anterior = {s, -c, 0};
      return;
    case BodyPosition::kSideLying:
      *up = {c, s, 0};
      *anterior = {0, 0, 1};
      return;
    default:
      *up = {s, c, 0};
      *anterior = {c, -s, 0};
      return;
  }
}

// A limb's first segment: down the trunk, turned forward by `flexion` and
// out by `abduction` (toward `out`). `front` gets the segment's own front.
Vec3 LimbDirection(const BodyPoints& b, Vec3 out, double flexion, double abduction, Vec3* front) {
  double cf = std::cos(Rad(flexion)), sf = std::sin(Rad(flexion));
  double ca = std::cos(Rad(abduction)), sa = std::sin(Rad(abduction));
  *front = cf * b.anterior + sf * b.up;
  return ca * (-cf * b.up + sf * b.anterior) + sa * out;
}

LegPoints PoseLeg(const BodyPoints& b, const LegPose& leg, double side) {
  LegPoints out;
  Vec3 lateral = side * b.lateral;
  out.hip = b.pelvis + P::kHipHalfWidth * lateral;
  Vec3 thigh_front;
  Vec3 thigh = LimbDirection(b, lateral, leg.hip, leg.abduction, &thigh_front);
  out.knee = out.hip + P::kThigh * thigh;
  // External rotation turns the knee's front about the thigh, outward.
  Vec3 outward = side * Cross(thigh, thigh_front);
  double cr = std::cos(Rad(leg.rotation)), sr = std::sin(Rad(leg.rotation));
  thigh_front = cr * thigh_front + sr * outward;
  // The knee bends the shank backward, in the plane of the thigh and its front.
  double ck = std::cos(Rad(leg.knee)), sk = std::sin(Rad(leg.knee));
  Vec3 shank = ck * thigh - sk * thigh_front;
  Vec3 shank_front = sk * thigh + ck * thigh_front;
  out.ankle = out.knee + P::kShank * shank;
  // Dorsiflexion turns the foot (its front and its sole) toward the shin.
  double ca = std::cos(Rad(leg.ankle)), sa = std::sin(Rad(leg.ankle));
  Vec3 foot = ca * shank_front - sa * shank;
  Vec3 sole = ca * shank + sa * shank_front;
  out.heel = out.ankle + P::kAnkleHeight * sole - P::kHeelBack * foot;
  out.toe = out.ankle + P::kAnkleHeight * sole + P::kToeForward * foot;
  return out;
}

ArmPoints PoseArm(const BodyPoints& b, const ArmPose& arm, double side) {
  ArmPoints out;
  Vec3 lateral = side * b.lateral;
  out.shoulder = b.neck + P::kShoulderHalfWidth * lateral;
  Vec3 front;
  Vec3 upper = LimbDirection(b, lateral, arm.shoulder, arm.abduction, &front);
  out.elbow = out.shoulder + P::kUpperArm * upper;
  double ce = std::cos(Rad(arm.elbow)), se = std::sin(Rad(arm.elbow));
  out.hand = out.elbow + P::kForearm * (ce * upper + se * front);
  return out;
}

void Move(LegPoints* l, Vec3 d) {
  for (Vec3* p : {&l->hip, &l->knee, &l->ankle, &l->heel, &l->toe}) *p = *p + d;
}
void Move(ArmPoints* a, Vec3 d) {
  for (Vec3* p : {&a->shoulder, &a->elbow, &a->hand}) *p = *p + d;
}

}  // namespace

BodyPoints PoseBody(BodyPosition position, const Pose& pose) {
  BodyPoints b;
  TrunkAxes(position, pose.trunk, &b.up, &b.anterior);
  b.lateral = Cross(b.anterior, b.up);
  b.neck = P::kTrunk * b.up;
  b.head = b.neck + P::kNeck * b.up;
  b.working = PoseLeg(b, pose.working, 1);
  b.other = PoseLeg(b, pose.other, -1);
  b.working_arm = PoseArm(b, pose.working_arm, 1);
  b.other_arm = PoseArm(b, pose.other_arm, -1);
  return b;
}

Vec3 PointOf(const BodyPoints& body, const BodyPoint& p) {
  const LegPoints& leg = p.working ? body.working : body.other;
  const ArmPoints& arm = p.working ? body.working_arm : body.other_arm;
  switch (p.part) {
    case BodyPart::kPelvis:
      return body.pelvis;
    case BodyPart::kHead:
      return body.head;
    case BodyPart::kShoulder:
      return arm.shoulder;
    case BodyPart::kElbow:
      return arm.elbow;
    case BodyPart::kHand:
      return arm.hand;
    case BodyPart::kHip:
      return leg.hip;
    case BodyPart::kKnee:
      return leg.knee;
    case BodyPart::kAnkle:
      return leg.ankle;
    case BodyPart::kHeel:
      return leg.heel;
    case BodyPart::kToe:
      break;
  }
  return leg.toe;
}

void Translate(BodyPoints* body, Vec3 d) {
  for (Vec3* p : {&body->pelvis, &body->neck, &body->head}) *p = *p + d;
  Move(&body->working, d);
  Move(&body->other, d);
  Move(&body->working_arm, d);
  Move(&body->other_arm, d);
}

BodyPoint AnchorOf(const Illustration& ill) {
  if (ill.anchor) return *ill.anchor;
  switch (ill.position) {
    case BodyPosition::kStanding:
      return {BodyPart::kToe, false};
    case BodyPosition::kKneeling:
      return {BodyPart::kKnee, false};
    default:
      return {BodyPart::kPelvis, true};
  }
}

Point2 Project(BodyPosition position, FigureView view, Vec3 p) {
  if (position == BodyPosition::kSideLying) {
    constexpr double kTilt = 35 * std::numbers::pi / 180;
    return {p.x, p.y * std::cos(kTilt) - p.z * std::sin(kTilt)};
  }
  if (view == FigureView::kFront) return {-p.z, p.y};
  // The far side (negative z) shifts back: a leg behind the other shows.
  constexpr double kDepthShift = 0.35;
  return {p.x + kDepthShift * p.z, p.y};
}

}  // namespace rehab
