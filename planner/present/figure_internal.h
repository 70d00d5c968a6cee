// The parts of the figure renderer (internal to planner/present/figure_*.cc):
// the posed scene, the SVG writer that tracks the drawing's bounds, the
// props and the words.
#ifndef REHAB_PLANNER_PRESENT_FIGURE_INTERNAL_H_
#define REHAB_PLANNER_PRESENT_FIGURE_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.h"
#include "planner/present/figure_geometry.h"

namespace rehab::figure_internal {

// A point of the SVG: x right, y down.
struct SvgPoint {
  double x = 0;
  double y = 0;
};

// The two poses, placed: the end pose moved so that the anchor stays put.
struct Scene {
  const Illustration* ill = nullptr;
  bool mirror = false;        // a left side: x is negated
  bool both_working = false;  // the exercise works both legs: both drawn solid
  BodyPoints start;
  BodyPoints end;
  double floor = 0;  // SVG y of the floor (or of the bed's or mat's top)

  SvgPoint At(Vec3 p) const;
  // The pose of the two in which `p` is lowest (a seat under the deeper squat).
  const BodyPoints& LowestFor(const BodyPoint& p) const;
  // The mean SVG x of the end pose's joints: props go on the far side of a point.
  double CentreX() const;
};

// Writes SVG elements, keeping the extent of everything drawn.
class SvgWriter {
 public:
  // A polyline of `width`, round caps and joins.
  void Polyline(const std::vector<SvgPoint>& points, double width, std::string_view colour,
                std::string_view cls = {});
  void Circle(SvgPoint c, double r, std::string_view fill, std::string_view stroke,
              double stroke_width, std::string_view cls = {});
  void Rect(double x, double y, double w, double h, std::string_view fill, std::string_view stroke,
            double stroke_width);
  void Polygon(const std::vector<SvgPoint>& points, std::string_view fill);
  void Path(const std::string& d, const std::vector<SvgPoint>& extent, double width,
            std::string_view colour, std::string_view dash = {});
  void Raw(std::string_view text) { out_ += text; }

  const std::string& text() const { return out_; }
  double min_x() const { return min_x_; }
  double min_y() const { return min_y_; }
  double max_x() const { return max_x_; }
  double max_y() const { return max_y_; }

 private:
  void Extend(SvgPoint p, double margin);
  std::string out_;
  double min_x_ = 1e9, min_y_ = 1e9, max_x_ = -1e9, max_y_ = -1e9;
};

// "12.3": one decimal, never "-0.0".
std::string Num(double v);

// Draws the illustration's props behind the body.
void DrawProps(const Scene& scene, SvgWriter* svg);

// The floor line (when no bed, table or mat stands for it).
void DrawFloor(const Scene& scene, SvgWriter* svg);

// The text alternative for the two poses.
std::string Describe(const Illustration& ill, const Pose& start, const Pose& end, bool left,
                     bool both, const std::string& language);

}  // namespace rehab::figure_internal

#endif  // REHAB_PLANNER_PRESENT_FIGURE_INTERNAL_H_
