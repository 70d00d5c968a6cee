// The figure's surroundings: the floor, and each prop placed at its body
// point (a seat under the pelvis, a wall or counter beyond a hand, a step or
// roll under a foot or knee), in grey outline so the body stays in front.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "planner/present/figure_internal.h"

namespace rehab::figure_internal {

namespace {

using P = BodyProportions;

constexpr char kLine[] = "#555";
constexpr char kFill[] = "#e6e6e6";
constexpr char kPaper[] = "#fff";
constexpr double kStroke = 1.8;
constexpr double kStepHeight = 16;
constexpr double kBedHeight = 26;

bool Has(const Scene& s, PropKind kind) {
  return std::any_of(s.ill->props.begin(), s.ill->props.end(),
                     [&](const Prop& p) { return p.kind == kind; });
}

// +1 when `x` lies right of the body's middle (in the drawing), else -1.
double Outward(const Scene& s, double x) { return x >= s.CentreX() ? 1 : -1; }

// The extent in x of every joint of both poses.
void BodyExtent(const Scene& s, double* lo, double* hi) {
  *lo = 1e9;
  *hi = -1e9;
  for (const BodyPoints* b : {&s.start, &s.end}) {
    for (Vec3 p :
         {b->pelvis, b->neck, b->head, b->working.knee, b->working.toe, b->working.heel,
          b->other.knee, b->other.toe, b->other.heel, b->working_arm.hand, b->other_arm.hand}) {
      *lo = std::min(*lo, s.At(p).x);
      *hi = std::max(*hi, s.At(p).x);
    }
  }
}

// The ground under the props: below a bed or table, at the feet otherwise,
// and one step lower when a step holds the lowest foot.
double Ground(const Scene& s) {
  if (Has(s, PropKind::kBed) || Has(s, PropKind::kTable)) return s.floor + kBedHeight;
  for (const Prop& p : s.ill->props) {
    if (p.kind != PropKind::kStep) continue;
    double foot = s.At(PointOf(s.LowestFor(p.at), p.at)).y + P::kLegWidth * 0.375;
    if (foot >= s.floor - 1) return s.floor + kStepHeight;
  }
  return s.floor;
}

void Seat(const Scene& s, const Prop& prop, SvgWriter* svg) {
  const BodyPoints& b = s.LowestFor(prop.at);
  SvgPoint at = s.At(PointOf(b, prop.at));
  double fwd = s.mirror ? -1 : 1;
  double top = at.y + P::kTrunkWidth / 2;
  double ground = Ground(s);
  double back = at.x - fwd * 9, front = at.x + fwd * 15;
  svg->Rect(std::min(back, front), top, std::abs(front - back), 3, kFill, kLine, kStroke);
  svg->Polyline({{back, top}, {back, ground}}, kStroke * 1.5, kLine);
  svg->Polyline({{front, top + 3}, {front, ground}}, kStroke * 1.5, kLine);
  if (prop.kind == PropKind::kChair) svg->Polyline({{back, top}, {back, top - 30}}, 3, kLine);
}

void Surface(const Scene& s, const Prop& prop, SvgWriter* svg) {
  double lo = 0, hi = 0;
  BodyExtent(s, &lo, &hi);
  double top = s.floor;
  if (prop.kind == PropKind::kMat) {
    svg->Rect(lo - 4, top, hi - lo + 8, 2.5, kFill, kLine, 1);
    return;
  }
  // A bed or table reaches as far as the body lies on it, or from the head
  // to `at` (the knees at its edge).
  SvgPoint at = s.At(PointOf(s.end, prop.at));
  lo = at.x;
  hi = at.x;
  if (prop.at.part != BodyPart::kPelvis) {
    SvgPoint head = s.At(s.end.head);
    lo = std::min(lo, head.x - P::kHeadRadius);
    hi = std::max(hi, head.x + P::kHeadRadius);
  } else {
    for (const BodyPoints* b : {&s.start, &s.end}) {
      for (Vec3 p : {b->pelvis, b->neck, b->head, b->working.knee, b->other.knee, b->working.heel,
                     b->other.heel}) {
        SvgPoint q = s.At(p);
        if (q.y >= top - P::kTrunkWidth) {
          lo = std::min(lo, q.x);
          hi = std::max(hi, q.x);
        }
      }
    }
  }
  lo -= 5;
  hi += 5;
  svg->Rect(lo, top, hi - lo, 5, kFill, kLine, kStroke);
  svg->Polyline({{lo + 3, top + 5}, {lo + 3, top + kBedHeight}}, kStroke * 1.5, kLine);
  svg->Polyline({{hi - 3, top + 5}, {hi - 3, top + kBedHeight}}, kStroke * 1.5, kLine);
}

void Step(const Scene& s, const Prop& prop, SvgWriter* svg) {
  SvgPoint at = s.At(PointOf(s.LowestFor(prop.at), prop.at));
  double top = at.y + P::kLegWidth * 0.375;
  double fwd = s.mirror ? -1 : 1;
  // The step reaches 22 in front of `at`, but stops short of a foot that
  // goes below its top in front (lowered past the edge, as in a step-down):
  // the edge is behind that foot, never the step around it.
  double reach = 22;
  for (const BodyPoints* pose : {&s.start, &s.end}) {
    for (const LegPoints* leg : {&pose->working, &pose->other}) {
      for (Vec3 p : {leg->heel, leg->toe}) {
        SvgPoint q = s.At(p);
        double ahead = fwd * (q.x - at.x);
        if (ahead > 0 && q.y + P::kLegWidth * 0.375 > top + 0.5) {
          reach = std::min(reach, ahead - P::kLegWidth * 0.375 - 1);
        }
      }
    }
  }
  double a = at.x - fwd * 8, b = at.x + fwd * reach;
  svg->Rect(std::min(a, b), top, std::abs(b - a), Ground(s) - top, kFill, kLine, kStroke);
}

// A wall or counter just beyond `at`, on the side away from the body.
void Upright(const Scene& s, const Prop& prop, SvgWriter* svg) {
  SvgPoint at = s.At(PointOf(s.end, prop.at));
  double out = Outward(s, at.x);
  double ground = Ground(s);
  double face = at.x + out * (prop.at.part == BodyPart::kPelvis ? P::kTrunkWidth / 2 + 1
                                                                : P::kArmWidth / 2 + 1);
  if (prop.kind == PropKind::kWall) {
    double top = std::min(s.At(s.end.head).y, s.At(s.start.head).y) - 12;
    svg->Rect(out > 0 ? face : face - 4, top, 4, ground - top, kFill, kLine, kStroke);
    return;
  }
  double top = at.y + P::kArmWidth / 2;
  svg->Rect(out > 0 ? face : face - 24, top, 24, ground - top, kFill, kLine, kStroke);
}

// A roll or cushion under `at`, filling the gap down to the surface.
void Under(const Scene& s, const Prop& prop, SvgWriter* svg) {
  SvgPoint at = s.At(PointOf(s.LowestFor(prop.at), prop.at));
  double top = at.y + P::kLegWidth / 2;
  double gap = std::max(s.floor - top, 4.0);
  if (prop.kind == PropKind::kTowelRoll) {
    double r = std::min(gap / 2, 8.0);
    svg->Circle({at.x, s.floor - r}, r, kFill, kLine, kStroke);
    return;
  }
  svg->Rect(at.x - 10, top, 20, gap, kFill, kLine, kStroke);
}

void Band(const Scene& s, const Prop& prop, SvgWriter* svg) {
  SvgPoint at = s.At(PointOf(s.end, prop.at));
  if (prop.to.empty()) {
    BodyPoint other = prop.at;
    other.working = !other.working;
    SvgPoint to = s.At(PointOf(s.end, other));
    svg->Path(fmt::format("M{} {}L{} {}", Num(at.x), Num(at.y), Num(to.x), Num(to.y)), {at, to}, 3,
              "#000", "3 2");
    return;
  }
  double fwd = (prop.to == "front" ? 1 : -1) * (s.mirror ? -1 : 1);
  double post = at.x + fwd * 30;
  svg->Path(fmt::format("M{} {}L{} {}", Num(at.x), Num(at.y), Num(post), Num(at.y)),
            {at, {post, at.y}}, 3, "#000", "3 2");
  svg->Rect(post - 2, at.y - 10, 4, Ground(s) - at.y + 10, kFill, kLine, kStroke);
}

void Bike(const Scene& s, SvgWriter* svg) {
  const BodyPoints& b = s.end;
  SvgPoint seat = s.At(b.pelvis);
  SvgPoint a = s.At(b.working.ankle), c = s.At(b.other.ankle);
  SvgPoint crank = {(a.x + c.x) / 2, (a.y + c.y) / 2};
  double fwd = s.mirror ? -1 : 1;
  SvgPoint wheel = {crank.x + fwd * 22, crank.y};
  double ground = Ground(s);
  seat.y += P::kTrunkWidth / 2;
  svg->Polyline({{seat.x - 6, seat.y}, {seat.x + 6, seat.y}}, 4, kLine);
  svg->Polyline({seat, crank, wheel}, 3, kLine);
  svg->Circle(wheel, 12, "none", kLine, 3);
  svg->Circle(crank, std::hypot(a.x - c.x, a.y - c.y) / 2, "none", kLine, 1.2);
  SvgPoint hand = s.At(b.working_arm.hand);
  svg->Polyline({wheel, hand}, 3, kLine);
  double lo = std::min(crank.x, wheel.x) - 14, hi = std::max(crank.x, wheel.x) + 14;
  svg->Polyline({{lo, ground}, {hi, ground}}, 4, kLine);
}

void Machine(const Scene& s, const Prop& prop, SvgWriter* svg) {
  const BodyPoints& b = s.end;
  SvgPoint heel = s.At(PointOf(b, prop.at));
  SvgPoint toe = s.At(prop.at.working ? b.working.toe : b.other.toe);
  SvgPoint d = {toe.x - heel.x, toe.y - heel.y};
  double n = std::hypot(d.x, d.y);
  if (n > 0) d = {d.x / n, d.y / n};
  SvgPoint n_out = {d.y, -d.x};
  if ((n_out.x > 0) != !s.mirror) n_out = {-n_out.x, -n_out.y};
  SvgPoint mid = {(heel.x + toe.x) / 2 + n_out.x * 5, (heel.y + toe.y) / 2 + n_out.y * 5};
  svg->Polyline({{mid.x - d.x * 14, mid.y - d.y * 14}, {mid.x + d.x * 14, mid.y + d.y * 14}}, 4,
                kLine);
  // The backrest along the trunk, behind it.
  Vec3 behind = -(P::kTrunkWidth / 2 + 2) * b.anterior;
  svg->Polyline({s.At(b.pelvis + behind), s.At(b.neck + behind)}, 4, kLine);
}

void Prop1(const Scene& s, const Prop& prop, SvgWriter* svg) {
  switch (prop.kind) {
    case PropKind::kMat:
    case PropKind::kBed:
    case PropKind::kTable:
      if (s.ill->position == BodyPosition::kSitting) return Seat(s, prop, svg);
      return Surface(s, prop, svg);
    case PropKind::kChair:
      return Seat(s, prop, svg);
    case PropKind::kStep:
      return Step(s, prop, svg);
    case PropKind::kWall:
    case PropKind::kCounter:
      return Upright(s, prop, svg);
    case PropKind::kTowelRoll:
    case PropKind::kCushion:
      return Under(s, prop, svg);
    case PropKind::kBand:
      return Band(s, prop, svg);
    case PropKind::kBall:
      return svg->Circle(s.At(PointOf(s.end, prop.at)), 7, kPaper, kLine, kStroke);
    case PropKind::kWeight: {
      SvgPoint at = s.At(PointOf(s.end, prop.at));
      return svg->Rect(at.x - 4, at.y - 4, 8, 8, "#444", "#000", 1);
    }
    case PropKind::kBike:
      return Bike(s, svg);
    case PropKind::kMachine:
      return Machine(s, prop, svg);
  }
}

}  // namespace

void DrawFloor(const Scene& s, SvgWriter* svg) {
  double lo = 0, hi = 0;
  BodyExtent(s, &lo, &hi);
  double ground = Ground(s);
  svg->Polyline({{lo - 8, ground}, {hi + 8, ground}}, 2, kLine);
}

void DrawProps(const Scene& s, SvgWriter* svg) {
  for (const Prop& prop : s.ill->props) Prop1(s, prop, svg);
}

}  // namespace rehab::figure_internal
