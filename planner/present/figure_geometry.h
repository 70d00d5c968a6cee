// The body of an exercise figure as points: forward kinematics of a pose
// over standard body proportions (a body 100 units tall), and the projection
// of the figure's view onto the drawing. The SVG renderer
// (planner/present/figure_svg.h) draws these points; tests measure them.
#ifndef REHAB_PLANNER_PRESENT_FIGURE_GEOMETRY_H_
#define REHAB_PLANNER_PRESENT_FIGURE_GEOMETRY_H_

#include "planner/model/illustration.h"

namespace rehab {

struct Vec3 {
  double x = 0;
  double y = 0;
  double z = 0;
};
Vec3 operator+(Vec3 a, Vec3 b);
Vec3 operator-(Vec3 a, Vec3 b);
Vec3 operator*(double k, Vec3 a);
double Dot(Vec3 a, Vec3 b);
Vec3 Cross(Vec3 a, Vec3 b);
double Length(Vec3 a);

// Segment lengths and limb widths, in units of a body 100 tall (after
// Winter's anthropometric table: thigh 0.245 H, shank 0.246 H ...).
struct BodyProportions {
  static constexpr double kTrunk = 30;  // hip joints to the shoulder line
  static constexpr double kNeck = 11;   // shoulder line to the centre of the head
  static constexpr double kHeadRadius = 6.5;
  static constexpr double kHipHalfWidth = 8;
  static constexpr double kShoulderHalfWidth = 10;
  static constexpr double kThigh = 24.5;
  static constexpr double kShank = 24.6;
  static constexpr double kAnkleHeight = 4;  // ankle joint above the sole
  static constexpr double kHeelBack = 3;
  static constexpr double kToeForward = 12;
  static constexpr double kUpperArm = 18.6;
  static constexpr double kForearm = 19;  // elbow to the middle of the hand
  static constexpr double kLegWidth = 8;
  static constexpr double kArmWidth = 6;
  static constexpr double kTrunkWidth = 13;
};

struct LegPoints {
  Vec3 hip, knee, ankle, heel, toe;
};
struct ArmPoints {
  Vec3 shoulder, elbow, hand;
};

// A posed body in the figure's world: x toward where a standing figure
// faces, y up, z toward the viewer of a side view; the working side is the
// right one (a left side is drawn mirrored). `up`, `anterior` and `lateral`
// are the trunk's axes (pelvis to neck, front, toward the working side).
struct BodyPoints {
  Vec3 pelvis, neck, head;
  Vec3 up, anterior, lateral;
  LegPoints working, other;
  ArmPoints working_arm, other_arm;
};

// The body in `pose`, its pelvis at the origin.
BodyPoints PoseBody(BodyPosition position, const Pose& pose);

// The point `p` of `body`.
Vec3 PointOf(const BodyPoints& body, const BodyPoint& p);

// Moves every point of `body` by `d`.
void Translate(BodyPoints* body, Vec3 d);

// The anchor of an illustration: its own, or its position's default.
BodyPoint AnchorOf(const Illustration& ill);

// A point of the drawing, x to the right, y up (SVG's y is its negation).
struct Point2 {
  double x = 0;
  double y = 0;
};

// The drawing of a world point in `view` of `position`: the side view keeps
// x and y and shifts the far side back a little, so that the two legs both
// show; the front view of a standing figure looks at its front; the
// side-lying view looks at its front from 35 degrees above.
Point2 Project(BodyPosition position, FigureView view, Vec3 p);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_FIGURE_GEOMETRY_H_
