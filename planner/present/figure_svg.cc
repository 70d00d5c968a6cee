// The exercise figure: both poses posed and placed, drawn back to front
// (props, the faded start, the solid end, the arrow), the viewBox fitted to
// what was drawn.
#include "planner/present/figure_svg.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "planner/present/figure_internal.h"
#include "planner/present/render_html.h"

namespace rehab {

namespace figure_internal {

std::string Num(double v) {
  double r = std::round(v * 10) / 10;
  if (r == 0) r = 0;  // no "-0.0"
  return fmt::format("{:.1f}", r);
}

SvgPoint Scene::At(Vec3 p) const {
  Point2 q = Project(ill->position, ill->view, p);
  return {mirror ? -q.x : q.x, -q.y};
}

const BodyPoints& Scene::LowestFor(const BodyPoint& p) const {
  return At(PointOf(end, p)).y > At(PointOf(start, p)).y ? end : start;
}

double Scene::CentreX() const {
  const BodyPoints& b = end;
  double sum = 0;
  int n = 0;
  for (Vec3 p :
       {b.pelvis, b.neck, b.head, b.working.knee, b.working.ankle, b.other.knee, b.other.ankle}) {
    sum += At(p).x;
    ++n;
  }
  return sum / n;
}

void SvgWriter::Extend(SvgPoint p, double margin) {
  min_x_ = std::min(min_x_, p.x - margin);
  max_x_ = std::max(max_x_, p.x + margin);
  min_y_ = std::min(min_y_, p.y - margin);
  max_y_ = std::max(max_y_, p.y + margin);
}

void SvgWriter::Polyline(const std::vector<SvgPoint>& points, double width, std::string_view colour,
                         std::string_view cls) {
  out_ += "<polyline";
  if (!cls.empty()) out_ += fmt::format(" class=\"{}\"", cls);
  out_ += " points=\"";
  for (size_t i = 0; i < points.size(); ++i) {
    out_ += fmt::format("{}{},{}", i ? " " : "", Num(points[i].x), Num(points[i].y));
    Extend(points[i], width / 2);
  }
  out_ += fmt::format(
      "\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\" "
      "stroke-linejoin=\"round\"/>\n",
      colour, Num(width));
}

void SvgWriter::Circle(SvgPoint c, double r, std::string_view fill, std::string_view stroke,
                       double stroke_width, std::string_view cls) {
  out_ += "<circle";
  if (!cls.empty()) out_ += fmt::format(" class=\"{}\"", cls);
  out_ +=
      fmt::format(" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
                  Num(c.x), Num(c.y), Num(r), fill, stroke, Num(stroke_width));
  Extend(c, r + stroke_width / 2);
}

void SvgWriter::Rect(double x, double y, double w, double h, std::string_view fill,
                     std::string_view stroke, double stroke_width) {
  out_ += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" "
      "stroke-width=\"{}\"/>\n",
      Num(x), Num(y), Num(w), Num(h), fill, stroke, Num(stroke_width));
  Extend({x, y}, stroke_width / 2);
  Extend({x + w, y + h}, stroke_width / 2);
}

void SvgWriter::Polygon(const std::vector<SvgPoint>& points, std::string_view fill) {
  out_ += "<polygon points=\"";
  for (size_t i = 0; i < points.size(); ++i) {
    out_ += fmt::format("{}{},{}", i ? " " : "", Num(points[i].x), Num(points[i].y));
    Extend(points[i], 0);
  }
  out_ += fmt::format("\" fill=\"{}\"/>\n", fill);
}

void SvgWriter::Path(const std::string& d, const std::vector<SvgPoint>& extent, double width,
                     std::string_view colour, std::string_view dash) {
  out_ += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"", d, colour,
                      Num(width));
  if (!dash.empty()) out_ += fmt::format(" stroke-dasharray=\"{}\"", dash);
  out_ += " stroke-linecap=\"round\"/>\n";
  for (SvgPoint p : extent) Extend(p, width / 2);
}

}  // namespace figure_internal

namespace {

using figure_internal::Scene;
using figure_internal::SvgPoint;
using figure_internal::SvgWriter;
using P = BodyProportions;

constexpr char kInk[] = "#000";
constexpr char kFaded[] = "#b3b3b3";
constexpr char kPaper[] = "#fff";
// An outlined limb is its colour at full width with paper inside it.
constexpr double kOutline = 1.6;

Scene PlaceScene(const Illustration& ill, const PosePair& poses, bool mirror, bool both) {
  Scene s;
  s.ill = &ill;
  s.mirror = mirror;
  s.both_working = both;
  s.start = PoseBody(ill.position, poses.start);
  s.end = PoseBody(ill.position, poses.end);
  BodyPoint anchor = AnchorOf(ill);
  Translate(&s.end, PointOf(s.start, anchor) - PointOf(s.end, anchor));
  // The floor touches the lowest edge of any limb, trunk or head.
  double lowest = -1e9;
  auto low = [&](Vec3 p, double radius) { lowest = std::max(lowest, s.At(p).y + radius); };
  for (const BodyPoints* b : {&s.start, &s.end}) {
    for (const LegPoints* l : {&b->working, &b->other}) {
      for (Vec3 p : {l->knee, l->ankle}) low(p, P::kLegWidth / 2);
      for (Vec3 p : {l->heel, l->toe}) low(p, P::kLegWidth * 0.375);
    }
    for (const ArmPoints* a : {&b->working_arm, &b->other_arm}) {
      for (Vec3 p : {a->elbow, a->hand}) low(p, P::kArmWidth / 2);
    }
    for (Vec3 p : {b->pelvis, b->neck}) low(p, P::kTrunkWidth / 2);
    low(b->head, P::kHeadRadius);
  }
  s.floor = lowest;
  return s;
}

void Limb(SvgWriter* svg, const std::vector<SvgPoint>& pts, double width, bool solid,
          const char* colour, std::string_view cls) {
  svg->Polyline(pts, width, colour, cls);
  if (!solid) svg->Polyline(pts, width - 2 * kOutline, kPaper);
}

// One pose, far side first: the other arm and leg, the trunk and head, the
// working leg and arm.
void DrawPose(const Scene& s, const BodyPoints& b, bool faded, SvgWriter* svg) {
  const char* colour = faded ? kFaded : kInk;
  std::string phase = faded ? "start" : "end";
  auto leg = [&](const LegPoints& l, bool working) {
    bool solid = working || s.both_working;
    std::string side = working ? "working" : "other";
    Limb(svg, {s.At(l.hip), s.At(l.knee), s.At(l.ankle)}, P::kLegWidth, solid, colour,
         fmt::format("leg {} {}", side, phase));
    Limb(svg, {s.At(l.heel), s.At(l.toe)}, P::kLegWidth * 0.75, solid, colour,
         fmt::format("foot {} {}", side, phase));
  };
  auto arm = [&](const ArmPoints& a, bool working) {
    std::string side = working ? "working" : "other";
    Limb(svg, {s.At(a.shoulder), s.At(a.elbow), s.At(a.hand)}, P::kArmWidth, working, colour,
         fmt::format("arm {} {}", side, phase));
  };
  arm(b.other_arm, false);
  leg(b.other, false);
  Limb(svg, {s.At(b.pelvis), s.At(b.neck)}, P::kTrunkWidth, true, colour,
       fmt::format("trunk {}", phase));
  svg->Circle(s.At(b.head), P::kHeadRadius, colour, colour, 0, fmt::format("head {}", phase));
  leg(b.working, true);
  arm(b.working_arm, true);
}

SvgPoint Sub(SvgPoint a, SvgPoint b) { return {a.x - b.x, a.y - b.y}; }
SvgPoint Add(SvgPoint a, SvgPoint b) { return {a.x + b.x, a.y + b.y}; }
SvgPoint Scale(double k, SvgPoint a) { return {k * a.x, k * a.y}; }
double Norm(SvgPoint a) { return std::hypot(a.x, a.y); }

void ArrowHead(SvgPoint tip, SvgPoint dir, SvgWriter* svg) {
  double n = Norm(dir);
  if (n == 0) return;
  SvgPoint u = Scale(1 / n, dir);
  SvgPoint side = {-u.y, u.x};
  constexpr double kLength = 7, kHalf = 4;
  SvgPoint base = Sub(tip, Scale(kLength, u));
  svg->Polygon({tip, Add(base, Scale(kHalf, side)), Sub(base, Scale(kHalf, side))}, kInk);
}

// A straight arrow for a pose held without movement: ending just short of
// `to` for a press, or above the figure, pointing the way it travels, when
// the moving point is the pelvis.
void PushArrow(const Scene& s, SvgPoint to, SvgWriter* svg) {
  const std::string& push = s.ill->push;
  SvgPoint dir = push == "down"   ? SvgPoint{0, 1}
                 : push == "up"   ? SvgPoint{0, -1}
                 : push == "back" ? SvgPoint{-1, 0}
                                  : SvgPoint{1, 0};
  if (s.mirror) dir.x = -dir.x;
  if (push == "out") dir = {to.x >= s.CentreX() ? 1.0 : -1.0, 0};
  SvgPoint tip = Sub(to, Scale(P::kLegWidth / 2 + 2, dir));
  if (s.ill->moving->part == BodyPart::kPelvis && (push == "forward" || push == "back")) {
    SvgPoint head = s.At(s.end.head);
    tip = {head.x + dir.x * 14, head.y - P::kHeadRadius - 6};
  }
  SvgPoint tail = Sub(tip, Scale(16, dir));
  using figure_internal::Num;
  svg->Path(fmt::format("M{} {}L{} {}", Num(tail.x), Num(tail.y), Num(tip.x), Num(tip.y)),
            {tail, tip}, 2.5, kInk);
  ArrowHead(tip, dir, svg);
}

// How much an arrow through `points` would hide: body joints (and the
// middles of the limbs) of the end pose near it, and any part of it below
// the floor.
double Clutter(const Scene& s, const std::vector<SvgPoint>& points) {
  std::vector<SvgPoint> body;
  const BodyPoints& b = s.end;
  auto add = [&](Vec3 p, Vec3 q) {
    body.push_back(s.At(p));
    body.push_back(s.At(0.5 * (p + q)));
  };
  add(b.pelvis, b.neck);
  add(b.head, b.neck);
  for (const LegPoints* l : {&b.working, &b.other}) {
    add(l->knee, l->hip);
    add(l->ankle, l->knee);
    add(l->toe, l->heel);
  }
  for (const ArmPoints* a : {&b.working_arm, &b.other_arm}) {
    add(a->elbow, a->shoulder);
    add(a->hand, a->elbow);
  }
  double score = 0;
  for (SvgPoint p : points) {
    for (SvgPoint q : body) score += Norm(Sub(p, q)) < 9 ? 1 : 0;
    if (p.y > s.floor - 2) score += 5;
  }
  return score;
}

// The moving point's path from start to end, through its place halfway
// (the pose with every angle halfway), held 10 units off the body: away
// from the body's middle, or to either side of the path, whichever hides
// least. Worked out unmirrored so that a left side mirrors it exactly.
void DrawArrow(const Scene& mirrored, const PosePair& poses, SvgWriter* svg) {
  if (!mirrored.ill->moving) return;
  Scene s = mirrored;
  s.mirror = false;
  const BodyPoint& m = *s.ill->moving;
  SvgPoint p0 = s.At(PointOf(s.start, m));
  SvgPoint p2 = s.At(PointOf(s.end, m));
  if (Norm(Sub(p2, p0)) < 4) {
    if (!s.ill->push.empty()) PushArrow(mirrored, mirrored.At(PointOf(s.end, m)), svg);
    return;
  }
  BodyPoints mid_body = PoseBody(s.ill->position, Interpolate(poses.start, poses.end, 0.5));
  BodyPoint anchor = AnchorOf(*s.ill);
  Translate(&mid_body, PointOf(s.start, anchor) - PointOf(mid_body, anchor));
  SvgPoint p1 = s.At(PointOf(mid_body, m));
  SvgPoint chord = Sub(p2, p0);
  SvgPoint radial = Sub(p1, SvgPoint{s.CentreX(), s.At(s.end.pelvis).y});
  std::vector<SvgPoint> offsets;
  for (SvgPoint d : {radial, SvgPoint{-chord.y, chord.x}, SvgPoint{chord.y, -chord.x}}) {
    double n = Norm(d);
    if (n > 0) offsets.push_back(Scale(10 / n, d));
  }
  SvgPoint best = offsets.front();
  double best_score = 1e9;
  for (SvgPoint d : offsets) {
    SvgPoint a = Add(p0, d), mid = Add(p1, d), z = Add(p2, d);
    double score = Clutter(s, {a, Scale(0.5, Add(a, mid)), mid, Scale(0.5, Add(mid, z)), z});
    if (score < best_score) {
      best = d;
      best_score = score;
    }
  }
  std::vector<SvgPoint> pts = {Add(p0, best), Add(p1, best), Add(p2, best)};
  if (mirrored.mirror) {
    for (SvgPoint& p : pts) p.x = -p.x;
  }
  // The quadratic curve through the three points (the middle one at t = 1/2).
  SvgPoint c = Sub(Scale(2, pts[1]), Scale(0.5, Add(pts[0], pts[2])));
  using figure_internal::Num;
  svg->Path(fmt::format("M{} {}Q{} {} {} {}", Num(pts[0].x), Num(pts[0].y), Num(c.x), Num(c.y),
                        Num(pts[2].x), Num(pts[2].y)),
            pts, 2.5, kInk);
  ArrowHead(pts[2], Sub(pts[2], c), svg);
}

PosePair PosesFor(const Illustration& ill, const Dose* dose) {
  return PosesForRange(ill, dose != nullptr ? std::string_view(dose->range) : std::string_view());
}

}  // namespace

Side FigureSide(const Exercise& exercise, Side patient_side) {
  Side affected = patient_side == Side::kLeft ? Side::kLeft : Side::kRight;
  switch (exercise.side) {
    case Side::kLeft:
    case Side::kRight:
      return exercise.side;
    case Side::kUnaffected:
      if (patient_side == Side::kBoth) return Side::kRight;
      return affected == Side::kLeft ? Side::kRight : Side::kLeft;
    case Side::kAffected:
    case Side::kBoth:
      break;
  }
  return affected;
}

std::string FigureDescription(const Exercise& exercise, const Dose* dose, Side side,
                              const std::string& language) {
  if (!exercise.illustration) return "";
  PosePair poses = PosesFor(*exercise.illustration, dose);
  return figure_internal::Describe(*exercise.illustration, poses.start, poses.end,
                                   side == Side::kLeft, exercise.side == Side::kBoth, language);
}

std::string RenderFigureSvg(const Exercise& exercise, const Dose* dose, Side side,
                            const FigureOptions& options) {
  if (!exercise.illustration) return "";
  const Illustration& ill = *exercise.illustration;
  PosePair poses = PosesFor(ill, dose);
  Scene scene = PlaceScene(ill, poses, side == Side::kLeft, exercise.side == Side::kBoth);
  SvgWriter body;
  figure_internal::DrawFloor(scene, &body);
  figure_internal::DrawProps(scene, &body);
  if (!(poses.start == poses.end)) DrawPose(scene, scene.start, true, &body);
  DrawPose(scene, scene.end, false, &body);
  DrawArrow(scene, poses, &body);
  constexpr double kMargin = 2;
  double x = std::floor(body.min_x() - kMargin), y = std::floor(body.min_y() - kMargin);
  double w = std::ceil(body.max_x() + kMargin) - x, h = std::ceil(body.max_y() + kMargin) - y;
  std::string text = EscapeHtml(FigureDescription(exercise, dose, side, options.language));
  using figure_internal::Num;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}mm\" "
      "height=\"{}mm\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
      Num(x), Num(y), Num(w), Num(h), Num(options.width_mm), Num(options.width_mm * h / w), text,
      text);
  out += body.text();
  out += "</svg>\n";
  return out;
}

}  // namespace rehab
