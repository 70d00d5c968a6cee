// An exercise's illustration as a deterministic SVG figure: the start pose
// faded, the end pose solid, the working leg solid and the other outlined,
// an arrow along the movement, the floor, chair, wall or step it needs, and
// a text alternative (<title>, aria-label) in the patient's words.
#ifndef REHAB_PLANNER_PRESENT_FIGURE_SVG_H_
#define REHAB_PLANNER_PRESENT_FIGURE_SVG_H_

#include <string>

#include "planner/model/model.h"

namespace rehab {

struct FigureOptions {
  double width_mm = 40;         // the figure's printed width; its height follows
  std::string language = "en";  // of the text alternative
};

// The figure of `exercise` at ladder step `dose` (null: the illustration's
// own angles; a step's `range` sets the angle of the illustration's range
// joint), for the patient's `side`: kLeft draws the left leg working, the
// figure mirrored; any other side draws the right. Same arguments, same
// bytes. "" when the exercise has no illustration.
std::string RenderFigureSvg(const Exercise& exercise, const Dose* dose, Side side,
                            const FigureOptions& options = {});

// The side whose leg works in `exercise` for a patient whose affected side
// is `patient_side` (the argument RenderFigureSvg wants): the affected side,
// the other one for an exercise of the unaffected leg, the exercise's own
// for one fixed to a side; right when neither says (both sides).
Side FigureSide(const Exercise& exercise, Side patient_side);

// The figure's text alternative on its own: "Lying on your back: your right
// hip bends from 0° to 45°." "" when the exercise has no illustration.
std::string FigureDescription(const Exercise& exercise, const Dose* dose, Side side,
                              const std::string& language);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_FIGURE_SVG_H_
