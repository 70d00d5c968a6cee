// The pain chart: the diary's three pain scores over time against the
// acceptable band, the dates the plan changed, and what changed on each.
#include <algorithm>
#include <map>

#include "planner/present/html_handout.h"

namespace rehab::html {

// The word for a dose change ("made easier"); kStart and kSame read "started".
StringId ChangeWord(StepChange c) {
  switch (c) {
    case StepChange::kUp:
      return StringId::kChangeUp;
    case StepChange::kHold:
      return StringId::kChangeHold;
    case StepChange::kBack:
      return StringId::kChangeBack;
    case StepChange::kStop:
      return StringId::kChangeStop;
    case StepChange::kResume:
      return StringId::kChangeResume;
    case StepChange::kStart:
    case StepChange::kSame:
      break;
  }
  return StringId::kChangeStart;
}

namespace {


std::string LineStyle(int series) {
  switch (series) {
    case 0:
      return "stroke-width=\"5\"";
    case 1:
      return "stroke-width=\"4\" stroke-dasharray=\"16 10\"";
    default:
      return "stroke-width=\"4\" stroke-dasharray=\"4 8\" stroke-linecap=\"round\"";
  }
}

// A point marker in one of three shapes, so the series differ without colour.
std::string Marker(int series, double x, double y) {
  switch (series) {
    case 0:
      return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"8\" fill=\"#000\"/>", x, y);
    case 1:
      return fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"14\" fill=\"#fff\" "
          "stroke=\"#000\" stroke-width=\"3\"/>",
          x - 7, y - 7);
    default:
      return fmt::format("<path d=\"M{:.1f} {:.1f} l9 15 h-18 z\" fill=\"#000\"/>", x, y - 9);
  }
}

// Where dates and pain scores land in the chart's SVG coordinates: the
// diary's days from `first` to `last` across, 0-10 up.
struct ChartScale {
  static constexpr double kLeft = 70, kRight = 985, kTop = 20, kBottom = 330;
  Date first;
  Date last;
  double span = 1;  // days from first to last, at least 6
  double X(Date d) const { return kLeft + (kRight - kLeft) * (d - first).count() / span; }
  double Y(double pain) const { return kBottom - (kBottom - kTop) * pain / 10.0; }
};

using ChangesByDate = std::map<Date, std::vector<const DoseChange*>>;

// The acceptable band, grid lines, the 0-10 axis and at most 7 date labels
// (so they never run into each other).
void WriteAxes(Writer& w, const ChartScale& c, int acceptable) {
  constexpr double kLeft = ChartScale::kLeft, kRight = ChartScale::kRight;
  constexpr double kTop = ChartScale::kTop, kBottom = ChartScale::kBottom;
  w.Addf(
      "<rect class=\"band\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
      "fill=\"#dcdcdc\"/>\n",
      kLeft, c.Y(acceptable), kRight - kLeft, c.Y(0) - c.Y(acceptable));
  for (int p = 0; p <= 10; ++p) {
    double y = c.Y(p);
    w.Addf(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#000\" "
        "stroke-width=\"{}\"/>\n",
        kLeft, y, kRight, y, p % 5 == 0 ? "2" : "0.6");
    w.Addf("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"26\" text-anchor=\"end\">{}</text>\n",
           kLeft - 10, y + 9, p);
  }
  w.Addf(
      "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" "
      "stroke-width=\"2\"/>\n",
      kLeft, kTop, kBottom);
  int tick_days = std::max(1, static_cast<int>((c.span + 5) / 6));
  for (Date d = c.first; d <= c.last; d += date::days{tick_days}) {
    double x = c.X(d);
    w.Addf(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" "
        "stroke-width=\"2\"/>\n",
        x, kBottom, kBottom + 8);
    const char* anchor = x > kRight - 40 ? "end" : x < kLeft + 40 ? "start" : "middle";
    w.Addf("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"26\" text-anchor=\"{}\">{}</text>\n", x,
           kBottom + 36, anchor, w.Short(d));
  }
}

// The handout lists the plan's last changes only; the calendar and the
// text plan have them all.
constexpr size_t kShownChangeDates = 3;

// The plan's dose changes (not starts) inside the chart's dates: the last
// kShownChangeDates dates with any, and how many dates had one.
ChangesByDate ChangesInChart(const Plan& plan, const ChartScale& scale, int* dates_total) {
  ChangesByDate changes;
  for (const auto& c : plan.changes) {
    // A hold keeps the dose: not a change to list (the alert box says when
    // one needs the therapist).
    if (c.change == StepChange::kStart || c.change == StepChange::kSame ||
        c.change == StepChange::kHold) {
      continue;
    }
    if (c.date < scale.first || c.date > scale.last) continue;
    changes[c.date].push_back(&c);
  }
  *dates_total = static_cast<int>(changes.size());
  while (changes.size() > kShownChangeDates) changes.erase(changes.begin());
  return changes;
}

// The numbered circle that marks a change, centred on (x, y).
std::string ChangeCircle(double x, double y, int number) {
  return fmt::format(
      "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"15\" fill=\"#fff\" stroke=\"#000\" "
      "stroke-width=\"2\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"22\" "
      "font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
      x, y, x, y + 8, number);
}

// Where the plan changed: one numbered dashed line per date.
void WriteChangeMarks(Writer& w, const ChartScale& scale, const ChangesByDate& changes) {
  constexpr double kTop = ChartScale::kTop, kBottom = ChartScale::kBottom;
  int mark = 0;
  for (const auto& [date, list] : changes) {
    ++mark;
    double x = scale.X(date);
    w.Addf(
        "<line class=\"change\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
        "stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 6\"/>\n",
        x, kTop + 28, kBottom);
    w.Add(ChangeCircle(x, kTop + 14, mark));
    w.Add("\n");
  }
}

// The three series (during, after, next morning): a line and a marker per
// entry that has the score.
void WriteSeries(Writer& w, const ChartScale& scale,
                 const std::vector<const DiaryEntry*>& entries) {
  for (int series = 0; series < 3; ++series) {
    std::vector<std::pair<double, double>> points;
    for (const DiaryEntry* e : entries) {
      const std::optional<int>& value = series == 0   ? e->during
                                        : series == 1 ? e->after
                                                      : e->morning;
      if (value) points.emplace_back(scale.X(e->date), scale.Y(std::clamp(*value, 0, 10)));
    }
    if (points.empty()) continue;
    if (points.size() > 1) {
      w.Add("<polyline fill=\"none\" stroke=\"#000\" ");
      w.Add(LineStyle(series));
      w.Add(" points=\"");
      for (size_t i = 0; i < points.size(); ++i) {
        w.Addf("{}{:.1f},{:.1f}", i ? " " : "", points[i].first, points[i].second);
      }
      w.Add("\"/>\n");
    }
    for (const auto& [x, y] : points) w.Add(Marker(series, x, y) + "\n");
  }
}

// Legend: the same line and marker as in the chart, then the change mark when
// there is one. The intro above the chart says what the axis and the shaded
// band mean.
void WriteLegend(Writer& w, bool changes) {
  w.Add("<ul class=\"legend\">\n");
  const StringId names[] = {StringId::kPainDuring, StringId::kPainAfter, StringId::kPainMorning};
  for (int series = 0; series < 3; ++series) {
    w.Addf(
        "<li><svg viewBox=\"0 0 60 20\" aria-hidden=\"true\"><line x1=\"2\" y1=\"10\" "
        "x2=\"58\" y2=\"10\" stroke=\"#000\" {}/>{}</svg> {}</li>\n",
        LineStyle(series), Marker(series, 30, 10), w.T(names[series]));
  }
  if (changes) {
    w.Addf("<li><svg class=\"mark\" viewBox=\"0 0 36 36\" aria-hidden=\"true\">{}</svg> {}</li>\n",
           ChangeCircle(18, 18, 1), w.T(StringId::kPainChangeMark));
  }
  w.Add("</ul></div>\n");
}

// The changes of one date: exercises changed the same way for the same
// reason share one line (the step worded without its ladder's length, "back
// to step 1", so that ladders of different lengths read alike).
void WriteChangesOfADate(Writer& w, const std::vector<const DoseChange*>& list) {
  const Plan& plan = *w.view().plan;
  struct Group {
    StepChange change;
    std::string reason;  // worded once: a date has one reason per exercise
    std::vector<std::string> names;
  };
  std::vector<Group> groups;
  for (const DoseChange* c : list) {
    const Exercise* ex = plan.program->FindExercise(c->exercise_id);
    std::string name = ex != nullptr ? ex->name : c->exercise_id;
    std::string reason = c->reason.message.empty()
                             ? std::string()
                             : MessageTextWithoutLadderLength(c->reason.message,
                                                              w.view().language, DateStyle::kShort);
    auto same = [&](const Group& g) { return g.change == c->change && g.reason == reason; };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) {
      groups.push_back({c->change, std::move(reason), {std::move(name)}});
    } else {
      it->names.push_back(std::move(name));
    }
  }
  for (const Group& g : groups) {
    w.Addf("<p><strong>{} {}</strong>", EscapeHtml(Join(g.names, ", ")), w.T(ChangeWord(g.change)));
    if (!g.reason.empty()) w.Addf(": {}", EscapeHtml(g.reason));
    w.Add("</p>");
  }
}

// The table under the chart, one row per change mark.
void WriteChangeList(Writer& w, const ChangesByDate& changes, int dates_total) {
  if (changes.empty()) return;
  w.Addf("<h3>{}</h3>\n", w.T(StringId::kPainChangesHeading));
  if (dates_total > static_cast<int>(changes.size())) {
    w.Addf("<p>{}</p>\n", w.F(StringId::kPainChangesLast, fmt::arg("n", changes.size()),
                              fmt::arg("total", dates_total)));
  }
  w.Addf("<table class=\"changes\"><thead><tr><th class=\"mark\"></th><th class=\"date\">{}</th>"
         "<th>{}</th></tr></thead><tbody>\n",
         w.T(StringId::kPainChangeDate), w.T(StringId::kPainChangeWhat));
  int mark = 0;
  for (const auto& [date, list] : changes) {
    w.Addf("<tr><td class=\"mark\"><svg viewBox=\"0 0 36 36\" aria-hidden=\"true\">{}</svg></td>"
           "<td class=\"date\">{}<br>{}</td><td>",
           ChangeCircle(18, 18, ++mark), EscapeHtml(WeekdayName(date, w.view().language)),
           w.Short(date));
    WriteChangesOfADate(w, list);
    w.Add("</td></tr>\n");
  }
  w.Add("</tbody></table>\n");
}

}  // namespace

void WritePainChart(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  w.Addf("<section class=\"pain\" id=\"pain-chart\"><div class=\"keep\"><h2>{}</h2>\n",
         w.T(StringId::kPainHeading));
  std::vector<const DiaryEntry*> entries;
  for (const auto& e : plan.diary.entries) {
    if (e.during || e.after || e.morning) entries.push_back(&e);
  }
  if (entries.empty()) {
    w.Addf("<p class=\"empty\">{}</p>\n</div></section>\n", w.T(StringId::kPainNoEntries));
    return;
  }
  int acceptable = std::clamp(plan.program->pain_rules.acceptable_max, 0, 10);
  w.Addf("<p>{}</p>\n", w.F(StringId::kPainIntro, fmt::arg("max", acceptable)));

  ChartScale scale;
  scale.first = entries.front()->date;
  scale.last = std::max(entries.back()->date, scale.first + date::days{6});
  scale.span = static_cast<double>((scale.last - scale.first).count());
  w.Addf("<svg viewBox=\"0 0 1000 380\" role=\"img\" aria-label=\"{}\">\n",
         w.T(StringId::kPainHeading));
  WriteAxes(w, scale, acceptable);
  int dates_total = 0;
  ChangesByDate changes = ChangesInChart(plan, scale, &dates_total);
  WriteChangeMarks(w, scale, changes);
  WriteSeries(w, scale, entries);
  w.Add("</svg>\n");
  WriteLegend(w, !changes.empty());
  WriteChangeList(w, changes, dates_total);
  w.Add("</section>\n");
}

}  // namespace rehab::html
