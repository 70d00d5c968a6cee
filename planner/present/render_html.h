// The printable patient handout: one self-contained, large-print HTML5 page
// (inline CSS and SVG, no scripts, nothing fetched from anywhere) that prints
// on A4 and US Letter. docs/handout.md describes what it contains.
#ifndef REHAB_PLANNER_PRESENT_RENDER_HTML_H_
#define REHAB_PLANNER_PRESENT_RENDER_HTML_H_

#include <string>
#include <string_view>

#include "planner/model/plan.h"

namespace rehab {

// Renders the handout for `plan`, in the patient's language and units. Pure
// and deterministic: the same plan gives the same bytes. Every text taken from
// the program, patient or diary is HTML-escaped. The handout shows, in order:
// active alerts, header, the "call your doctor if" box, a phase timeline,
// this week's tick-box grid, one card per exercise of the current phase,
// ice/heat, the pain chart, education, the next phase, sources. "This week"
// is the 7 days from plan.today when today is inside the plan, else from the
// plan's start; the current phase is the one holding that first day.
enum class Paper { kAuto, kA4, kLetter };

struct HtmlOptions {
  // The printed page size (@page size); kAuto leaves it to the browser or printer.
  Paper paper = Paper::kAuto;
  // Each exercise card's figure (RenderFigureSvg); false leaves them out,
  // for a handout printed in black and white on a slow printer.
  bool figures = true;
  // The patient's own page of `rehab serve`, printed under the header with
  // `phone_link_svg` (a QR code of it, trusted markup made by the caller);
  // "" leaves the box out.
  std::string phone_link;
  std::string phone_link_svg;
};

std::string RenderHtml(const Plan& plan, const HtmlOptions& options = {});

// The handout's pain chart section alone (the diary's pain scores against the
// acceptable band, the change marks, legend and change list), for a page that
// shows it beside other things (`rehab serve`'s plan page).
std::string RenderPainChartHtml(const Plan& plan);

// `text` with &, <, >, " and ' replaced by character references, safe inside
// element content and quoted attribute values; control characters other than
// tab, newline and carriage return (and bytes that are not UTF-8) become U+FFFD.
std::string EscapeHtml(std::string_view text);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_HTML_H_
