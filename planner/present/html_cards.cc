// The handout's exercise cards (with each exercise's figure) and its ice and
// heat table.
#include <algorithm>

#include "planner/present/figure_svg.h"
#include "planner/present/html_handout.h"

namespace rehab::html {

namespace {

std::string HowOften(const Writer& w, const PhaseExercise& pe) {
  const std::string& lang = w.view().language;
  std::string per_day = pe.times_per_day <= 1
                            ? Text(StringId::kTimesPerDayOnce, lang)
                            : fmt::format(fmt::runtime(Text(StringId::kTimesPerDay, lang)),
                                          fmt::arg("n", pe.times_per_day));
  std::string per_week = pe.days_per_week >= 7
                             ? Text(StringId::kEveryDay, lang)
                             : fmt::format(fmt::runtime(Text(StringId::kDaysPerWeek, lang)),
                                           fmt::arg("n", pe.days_per_week));
  return EscapeHtml(per_day + ", " + per_week);
}

}  // namespace

void WriteCards(Writer& w, const std::vector<Card>& cards, bool figures) {
  const View& v = w.view();
  if (v.span == nullptr) return;
  Date last_day = v.span->end > v.span->start ? v.span->end - date::days{1} : v.span->start;
  // The heading, the dates and the goals on one page: never the heading at the foot of
  // a page and what it heads on the next.
  w.Addf("<section class=\"exercises\" id=\"exercises\"><div class=\"keep\"><h2>{}</h2>\n",
         w.F(StringId::kPhaseHeading, fmt::arg("phase", v.span->title)));
  w.Addf("<p>{}</p>\n", w.F(StringId::kPhaseDates, fmt::arg("from", w.LongRaw(v.span->start)),
                            fmt::arg("to", w.LongRaw(last_day))));
  if (v.phase != nullptr && !v.phase->goals.empty()) {
    w.Addf("<h3>{}</h3><ul>\n", w.T(StringId::kPhaseGoals));
    for (const auto& g : v.phase->goals) w.Addf("<li>{}</li>\n", EscapeHtml(g));
    w.Add("</ul>\n");
  }
  w.Add("</div>\n");
  if (cards.empty()) {
    w.Addf("<p>{}</p>\n", w.T(StringId::kCardNone));
    w.Add("</section>\n");
    return;
  }
  int n = 0;
  int total = static_cast<int>(cards.size());
  for (const auto& c : cards) {
    ++n;
    w.Addf("<article class=\"card\" id=\"card-{}\">\n", n);
    w.Addf("<div class=\"card-head\"><h3>{}</h3><p class=\"num\">{}</p></div>\n",
           EscapeHtml(c.name),
           w.F(StringId::kCardNumber, fmt::arg("n", n), fmt::arg("total", total)));
    if (figures && c.exercise != nullptr) {
      FigureOptions figure;
      figure.width_mm = 34;
      figure.language = v.language;
      std::string svg = RenderFigureSvg(*c.exercise, c.dose,
                                        FigureSide(*c.exercise, v.plan->patient.side), figure);
      if (!svg.empty()) w.Addf("<div class=\"figure\">{}</div>\n", svg);
    }
    w.Addf("<p class=\"dose\"><span class=\"label\">{}:</span> {}", w.T(StringId::kCardHowMuch),
           EscapeHtml(c.dose_text));
    for (const auto& [date, text] : c.later) {
      w.Addf("<br>{}", w.F(StringId::kCardDoseChanges, fmt::arg("date", w.LongRaw(date)),
                           fmt::arg("dose", text)));
    }
    w.Add("</p>\n");
    if (c.in_phase != nullptr) {
      w.Addf("<p><span class=\"label\">{}:</span> {}</p>\n", w.T(StringId::kCardHowOften),
             HowOften(w, *c.in_phase));
    }
    if (c.exercise != nullptr && !c.exercise->equipment.empty()) {
      w.Addf("<p><span class=\"label\">{}:</span> {}</p>\n", w.T(StringId::kCardEquipment),
             EscapeHtml(Join(c.exercise->equipment, ", ")));
    }
    if (c.exercise != nullptr && !c.exercise->instructions.empty()) {
      w.Addf("<div class=\"how\"><p class=\"label\">{}:</p>{}</div>\n",
             w.T(StringId::kCardHowTo), Paragraphs(c.exercise->instructions));
    }
    std::string stop_if = c.exercise != nullptr ? c.exercise->stop_if : "";
    // The closing line, on the last line of the card: a card read alone
    // says where it ends (the browser test checks no card is split).
    w.Addf("<p class=\"stop-if\"><span class=\"label\">{}:</span> {}"
           "<span class=\"end\">{}</span></p>\n</article>\n",
           w.T(StringId::kCardStopIf),
           stop_if.empty() ? w.F(StringId::kCardStopIfDefault,
                                 fmt::arg("max", v.plan->program->pain_rules.acceptable_max))
                           : EscapeHtml(stop_if),
           w.F(StringId::kCardEnd, fmt::arg("n", n)));
  }
  w.Add("</section>\n");
}

namespace {

struct ModalityRow {
  std::string id;
  std::string name;
  int minutes = 0;
  ModalityTiming when = ModalityTiming::kAny;
  // Each day of the week it is planned, with that day's times.
  std::vector<std::pair<Date, std::vector<TimeOfDay>>> days;
};

// "Mon, Wed, Fri: 08:00, 12:00, 16:00" per set of days with the same
// times, in the order the sets first occur; one line per set.
std::vector<std::string> DaysAndTimes(const ModalityRow& r, const std::string& language) {
  std::vector<std::pair<std::vector<TimeOfDay>, std::vector<std::string>>> sets;
  for (const auto& day : r.days) {
    const std::vector<TimeOfDay>& times = day.second;
    auto it = std::find_if(sets.begin(), sets.end(),
                           [&times](const auto& set) { return set.first == times; });
    if (it == sets.end()) {
      sets.push_back({times, {}});
      it = sets.end() - 1;
    }
    it->second.push_back(WeekdayName(day.first, language));
  }
  std::vector<std::string> lines;
  for (const auto& [times, day_names] : sets) {
    std::vector<std::string> words;
    for (TimeOfDay t : times) words.push_back(FormatTime(t));
    std::string line = Join(words, ", ");
    if (sets.size() > 1 || day_names.size() < r.days.size()) {
      line = Join(day_names, ", ") + ": " + line;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

void WriteModalities(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  std::vector<ModalityRow> rows;
  for (int i = 0; i < 7; ++i) {
    Date date = v.week_start + date::days{i};
    const DayPlan* day = plan.FindDay(date);
    if (day == nullptr) continue;
    for (const auto& m : day->modalities) {
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const ModalityRow& r) { return r.id == m.modality_id; });
      if (it == rows.end()) {
        rows.push_back({m.modality_id, m.name, m.minutes, m.when, {}});
        it = rows.end() - 1;
      }
      if (it->days.empty() || it->days.back().first != date) it->days.push_back({date, {}});
      std::vector<TimeOfDay>& times = it->days.back().second;
      if (std::find(times.begin(), times.end(), m.time) == times.end()) times.push_back(m.time);
    }
  }
  for (auto& r : rows) {
    for (auto& day : r.days) std::sort(day.second.begin(), day.second.end());
  }
  w.Addf("<section class=\"modalities\" id=\"ice-heat\"><h2>{}</h2>\n",
         w.T(StringId::kModalityHeading));
  if (rows.empty()) {
    w.Addf("<p>{}</p>\n</section>\n", w.T(StringId::kModalityNone));
    return;
  }
  // One table body per modality: its name, minutes and times in a row, then its
  // instructions across the whole width (in the name's column alone they ran
  // three times as long), the two kept on one page.
  w.Addf(
      "<table class=\"mod\"><colgroup><col style=\"width: 40%\"><col style=\"width: 20%\">"
      "<col style=\"width: 40%\"></colgroup>\n"
      "<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n",
      w.T(StringId::kModalityName), w.T(StringId::kModalityMinutes), w.T(StringId::kModalityTimes));
  for (const auto& r : rows) {
    std::string when;
    for (const auto& line : DaysAndTimes(r, v.language)) {
      when += (when.empty() ? "" : "<br>") + EscapeHtml(line);
    }
    if (r.when == ModalityTiming::kBeforeExercise) {
      when += "<br>(" + w.T(StringId::kModalityBefore) + ")";
    } else if (r.when == ModalityTiming::kAfterExercise) {
      when += "<br>(" + w.T(StringId::kModalityAfter) + ")";
    }
    w.Addf("<tbody><tr><td><strong>{}</strong></td><td>{}</td><td>{}</td></tr>\n",
           EscapeHtml(r.name), w.F(StringId::kModalityMinutesValue, fmt::arg("n", r.minutes)),
           when);
    const Modality* m = plan.program->FindModality(r.id);
    if (m != nullptr && (!m->instructions.empty() || !m->contraindications.empty())) {
      w.Add("<tr><td class=\"how\" colspan=\"3\">");
      if (!m->instructions.empty()) w.Add(Paragraphs(m->instructions));
      if (!m->contraindications.empty()) {
        w.Addf("<p>{}</p>",
               w.F(StringId::kModalityNotIf, fmt::arg("list", Join(m->contraindications, "; "))));
      }
      w.Add("</td></tr>\n");
    }
    w.Add("</tbody>\n");
  }
  w.Add("</table>\n</section>\n");
}

}  // namespace rehab::html
