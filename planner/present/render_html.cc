// The patient handout as one HTML page: the page head and style, then the
// sections (html_sections.cc, html_pain_chart.cc) in order. Texts a patient
// reads come from planner/present/messages.h, doses from
// planner/present/dose_text.h; anything from an input file goes through
// EscapeHtml.
#include "planner/present/render_html.h"

#include <fmt/format.h>

#include "planner/base/utf8.h"
#include "planner/present/html_handout.h"
#include "planner/present/messages.h"

namespace rehab {

std::string EscapeHtml(std::string_view raw) {
  // Control characters are not allowed in HTML text; a page shows U+FFFD
  // instead of passing them to the browser (or to a terminal that cats it).
  std::string text = ReplaceControlCharacters(raw, "\t\n\r", "\xEF\xBF\xBD");
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// Sizes are in points and millimetres so print and screen agree; no text is
// below 14pt. Colour never carries meaning alone: lines differ by dash and
// marker, phases by fill and number, so a black-and-white print keeps it all.
constexpr char kStyle[] = R"css(
@page { size: auto; margin: 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; font-size: 14pt;
  line-height: 1.25; color: #000; background: #fff; margin: 0 auto; padding: 15mm;
  max-width: 210mm; overflow-wrap: anywhere; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 6pt; }
h2 { font-size: 19pt; line-height: 1.2; margin: 8pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 16pt; line-height: 1.25; margin: 0 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; }
ul, ol { margin: 0 0 6pt; padding-left: 8mm; }
li { margin-bottom: 3pt; }
section { margin: 0 0 8pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.new-page { break-before: page; page-break-before: always; }
.meta { margin: 0; }
.kicker { margin: 0; font-weight: bold; }
.label { font-weight: bold; }
.alert { border: 4pt solid #000; padding: 0 0 6pt; margin: 0 0 12pt; break-inside: avoid; }
.alert h2 { background: #000; color: #fff; margin: 0 0 6pt; padding: 4pt 10pt; font-size: 20pt; }
.alert .item { padding: 0 10pt; margin-bottom: 6pt; }
.alert .head { font-size: 18pt; font-weight: bold; margin-bottom: 3pt; }
.alert .what { font-size: 15pt; font-weight: bold; }
.alert .act { font-size: 14pt; font-weight: bold; }
.redflags { border: 3pt solid #000; padding: 8pt 12pt; margin: 12pt 0; }
.redflags h2 { margin-top: 0; }
.redflags li, .redflags .lead, .stick { break-inside: avoid; page-break-inside: avoid; }
.redflags .tier { margin: 4pt 0 3pt; border-top: 1.5pt solid #000; padding-top: 4pt;
  break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
/* Signs are short lines: under each urgency's line (after the first group, which
   stays with the heading) its groups run in two columns, about half the height. */
.redflags .groups { columns: 2; column-gap: 8mm; }
.redflags .group { margin-bottom: 5pt;
  break-inside: avoid; page-break-inside: avoid; }
.redflags .group ul { margin: 0 0 2pt; }
.redflags .group li { margin-bottom: 1pt; }
.redflags .group p { margin: 0 0 2pt; }
.stick { break-after: avoid; page-break-after: avoid; }
.urgency { font-weight: bold; border: 1.5pt solid #000; padding: 0 4pt; white-space: nowrap; }
svg { display: block; width: 100%; height: auto; }
.timeline ol { list-style: none; padding-left: 0; }
.timeline .now { font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
.week { table-layout: fixed; }
.week tr { break-inside: avoid; page-break-inside: avoid; }
.week thead { display: table-header-group; }
.week th, .week td { border: 1.5pt solid #000; padding: 3pt 2pt; text-align: center;
  vertical-align: middle; font-size: 14pt; line-height: 1.2; }
.week th.name, .week td.name { text-align: left; padding-left: 5pt; width: 30%; }
.week td.stop { font-weight: bold; }
.week .today { border-width: 3.5pt; }
.week th.today { background: #000; color: #fff; }
header { break-inside: avoid; page-break-inside: avoid; }
.plan-note { margin: 6pt 0 0; break-inside: avoid; page-break-inside: avoid; }
.week td.off { background: #e0e0e0; }
.tick { display: inline-block; width: 6.5mm; height: 6.5mm; border: 2pt solid #000;
  background: #fff; margin: 1pt; vertical-align: middle; }
.card { border: 2pt solid #000; padding: 5pt 8pt; margin: 0 0 6pt; break-inside: avoid;
  page-break-inside: avoid; display: flow-root; line-height: 1.25; }
.card-head { display: flex; justify-content: space-between; align-items: baseline; column-gap: 6mm;
  flex-wrap: wrap; }
.card h3 { font-size: 18pt; margin: 0 0 3pt; }
.card .num { margin: 0; white-space: nowrap; }
.card .figure { float: right; margin: 2pt 0 4pt 6mm; }
.card .figure svg { width: auto; height: auto; max-width: 34mm; max-height: 42mm; }
.card p { margin: 0 0 3pt; }
.card .how p.label { display: inline; }
.card .how p.label + p { display: inline; }
.card .how p.label + p::before { content: " "; }
.card .how { margin: 0 0 3pt; }
.card .stop-if { margin: 0; }
.card .end { float: right; margin-left: 6mm; }
.mod { table-layout: fixed; }
.mod tbody { break-inside: avoid; page-break-inside: avoid; }
.mod td.how p { margin: 0 0 3pt; }
.mod th, .mod td { border: 1.5pt solid #000; padding: 4pt 6pt; text-align: left; vertical-align: top; }
.pain svg { max-height: 80mm; }
.legend { list-style: none; padding-left: 0; }
.legend li { display: inline-block; margin-right: 6mm; }
.legend svg { display: inline-block; width: 16mm; height: 5mm; vertical-align: middle; }
.changes { table-layout: fixed; }
.changes th, .changes td { border: 1.5pt solid #000; padding: 3pt 5pt; text-align: left;
  vertical-align: top; }
.changes tr { break-inside: avoid; page-break-inside: avoid; }
.changes .mark { width: 12mm; }
.changes .date { width: 24mm; }
.changes td p { margin: 0 0 3pt; }
.changes svg, .legend svg.mark { width: 8mm; height: 8mm; }
/* The next phase's exercises: short names, a list in two columns. */
.next-phase ul.names { columns: 2; column-gap: 8mm; }
.next-phase ul.names li { break-inside: avoid; page-break-inside: avoid; }
/* A phone's narrow screen keeps one column: two would leave a few words a line. */
@media screen and (max-width: 160mm) {
  .redflags .groups, .next-phase ul.names { columns: 1; }
}
.refs { list-style: none; padding-left: 0; }
.refs li { display: inline; }
.refs li + li::before { content: "\2002"; }
.refs .ref { font-weight: bold; }
.url { overflow-wrap: anywhere; word-break: break-all; }
footer { margin-top: 6pt; border-top: 1.5pt solid #000; padding-top: 4pt;
  break-before: avoid; page-break-before: avoid; }
)css";

}  // namespace

std::string RenderHtml(const Plan& plan, const HtmlOptions& options) {
  html::View view = html::MakeView(plan);
  html::Writer w(view);
  std::vector<html::Card> cards = html::BuildCards(view);
  std::string lang_attr = plan.patient.language.empty() ? "en" : plan.patient.language;
  w.Addf("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
         EscapeHtml(lang_attr));
  w.Add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  w.Addf("<title>{}: {}</title>\n", EscapeHtml(plan.program->title),
         w.T(StringId::kDocumentKicker));
  w.Addf("<style>{}</style>\n", kStyle);
  if (!options.phone_link.empty()) {  // only then: every other handout keeps its bytes
    w.Add("<style>.phone-link { border: 2px solid #0b4f9c; padding: 0.4em 0.8em; overflow: hidden; }\n"
          ".phone-link .qr { float: right; margin-left: 1em; }\n"
          ".phone-link .link { font-family: \"DejaVu Sans Mono\", monospace; "
          "overflow-wrap: anywhere; }</style>\n");
  }
  if (options.paper != Paper::kAuto) {
    w.Addf("<style>@page {{ size: {}; }}</style>\n", options.paper == Paper::kA4 ? "A4" : "letter");
  }
  w.Add("</head>\n<body>\n");
  html::WriteAlerts(w);
  html::WriteHeader(w);
  html::WritePlanNotes(w);
  if (!options.phone_link.empty()) {
    w.Addf("<section class=\"phone-link keep\" id=\"phone-link\"><h2>{}</h2>\n"
           "<div class=\"qr\">{}</div><p>{}</p>\n<p class=\"link\">{}</p></section>\n",
           w.T(StringId::kPhoneLinkHeading), options.phone_link_svg,
           w.T(StringId::kPhoneLinkText), EscapeHtml(options.phone_link));
  }
  html::WriteRedFlags(w);
  html::WriteTimeline(w);
  html::WriteWeekGrid(w, cards);
  html::WriteWhatToLog(w);
  html::WriteCards(w, cards, options.figures);
  html::WriteModalities(w);
  html::WritePainChart(w);
  html::WriteEducation(w);
  html::WriteNextPhase(w);
  html::WriteSources(w);
  w.Addf("<footer><p>{}</p></footer>\n",
         w.F(StringId::kFooter, fmt::arg("patient", plan.patient.id)));
  w.Add("</body>\n</html>\n");
  return w.Take();
}

std::string RenderPainChartHtml(const Plan& plan) {
  html::View view = html::MakeView(plan);
  html::Writer w(view);
  html::WritePainChart(w);
  return w.Take();
}

}  // namespace rehab
