// The patient's page of `rehab serve` (render_patient_page.h). Built from the
// handout's pieces (alerts, exercise cards) so the page and the printed
// handout word everything the same way.
#include "planner/present/render_patient_page.h"

#include <algorithm>
#include <set>

#include "planner/present/dose_text.h"
#include "planner/present/figure_svg.h"
#include "planner/present/html_handout.h"

namespace rehab {

namespace {

// Phone-first: one column, large type, buttons a finger can hit (at least
// 48 px), visible focus for keyboard use; no fixed widths, so 200 % zoom reflows.
constexpr char kPageStyle[] = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 1.25rem; line-height: 1.45;
  color: #111; background: #fff; margin: 0 auto; padding: 0.75rem; max-width: 44rem; }
h1 { font-size: 1.7rem; margin: 0.3rem 0 0.8rem; }
h2 { font-size: 1.4rem; margin: 1.4rem 0 0.5rem; }
h3 { font-size: 1.25rem; margin: 0.2rem 0; }
a { color: #0b4f9c; }
:focus-visible { outline: 4px solid #f5a700; outline-offset: 2px; }
.saved { background: #e5f4e8; border: 3px solid #1d7a35; padding: 0.6rem 0.8rem; }
.problems { background: #fdecea; border: 3px solid #b3261e; padding: 0.6rem 0.8rem; }
.alert { border: 4px solid #b3261e; padding: 0.6rem 0.8rem; margin: 0.8rem 0; }
.alert h2 { margin-top: 0; color: #8c1d18; }
.alert .head { font-weight: bold; font-size: 1.35rem; }
.plan-note { border-left: 6px solid #0b4f9c; padding-left: 0.6rem; }
.session { border-top: 2px solid #777; margin-top: 1rem; }
.exercise { border: 2px solid #999; border-radius: 8px; padding: 0.6rem; margin: 0.6rem 0; }
.exercise .dose { font-weight: bold; font-size: 1.35rem; }
.exercise .change, .changes { background: #fff4d6; padding: 0.2rem 0.4rem; }
.exercise .figure svg { width: 100%; max-width: 16rem; height: auto; }
.done { display: flex; align-items: center; gap: 0.6rem; min-height: 48px; }
.done input { width: 32px; height: 32px; }
fieldset { border: 2px solid #777; border-radius: 8px; margin: 0.8rem 0; padding: 0.6rem;
  min-width: 0; }
legend { font-weight: bold; padding: 0 0.3rem; max-width: 100%; white-space: normal; }
label, legend, p, li, h1, h2, h3 { overflow-wrap: anywhere; }
.scale { display: flex; flex-wrap: wrap; gap: 0.35rem; }
.scale label { position: relative; }
.scale input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.scale span { display: inline-block; min-width: 48px; min-height: 48px; line-height: 44px;
  text-align: center; border: 2px solid #555; border-radius: 6px; font-size: 1.3rem; }
.scale input:checked + span { background: #0b4f9c; color: #fff; border-color: #0b4f9c; }
.scale input:focus-visible + span { outline: 4px solid #f5a700; outline-offset: 2px; }
.choice { display: flex; align-items: center; gap: 0.6rem; min-height: 48px; }
.choice input { width: 28px; height: 28px; flex: none; }
input[type=number], textarea, select { font-size: 1.25rem; padding: 0.4rem; width: 100%;
  max-width: 20rem; border: 2px solid #555; border-radius: 6px; }
textarea { max-width: 100%; min-height: 5rem; }
button { font-size: 1.4rem; min-height: 56px; padding: 0.4rem 2rem; background: #1d7a35;
  color: #fff; border: none; border-radius: 8px; margin: 0.6rem 0 1.5rem; }
.links li { margin: 0.5rem 0; }
)css";

using html::Writer;

std::string Attr(std::string_view s) { return EscapeHtml(s); }

// One pain question: eleven buttons 0-10, one of them checked when `value` is set.
void WritePainScale(Writer& w, const char* name, StringId label) {
  w.Addf("<fieldset><legend>{}</legend>\n<p>{}</p>\n<div class=\"scale\">", w.T(label),
         w.T(StringId::kFormScale));
  for (int i = 0; i <= 10; ++i) {
    w.Addf("<label><input type=\"radio\" name=\"{}\" value=\"{}\"><span>{}</span></label>", name,
           i, i);
  }
  w.Add("</div></fieldset>\n");
}

void WriteExercise(Writer& w, const ScheduledExercise& e, bool figures, int session, int n) {
  const html::View& v = w.view();
  w.Add("<div class=\"exercise\">");
  w.Addf("<h3>{}</h3>", EscapeHtml(e.name()));
  w.Addf("<p class=\"dose\">{}</p>",
         EscapeHtml(fmt::format("{} \u00b7 {}", DescribeDose(*e.dose, v.plan->patient.units,
                                                               v.language),
                                DescribeSide(e, v.language))));
  if (e.change != StepChange::kSame && e.change != StepChange::kStart && e.reason) {
    w.Addf("<p class=\"change\"><strong>{}:</strong> {}</p>", w.T(html::ChangeWord(e.change)),
           EscapeHtml(MessageText(e.reason->message, v.language, DateStyle::kShort)));
  }
  if (figures) {
    FigureOptions figure;
    figure.width_mm = 60;
    figure.language = v.language;
    std::string svg =
        RenderFigureSvg(*e.exercise, e.dose, FigureSide(*e.exercise, v.plan->patient.side), figure);
    if (!svg.empty()) w.Addf("<div class=\"figure\">{}</div>", svg);
  }
  if (!e.exercise->instructions.empty()) w.Add(html::Paragraphs(e.exercise->instructions));
  w.Addf("<label class=\"done\"><input type=\"checkbox\" id=\"done-{}-{}\">{}</label>", session, n,
         w.T(StringId::kPageDone));
  w.Add("</div>\n");
}

// The dose changes of `day` and the day after (what a diary entry saved
// today changes), one line per date, kind of change and reason, naming the
// exercises.
void WriteChanges(Writer& w, Date day) {
  const Plan& plan = *w.view().plan;
  struct Group {
    Date date;
    StepChange change;
    std::string reason;
    std::vector<std::string> names;
  };
  std::vector<Group> groups;
  for (const auto& c : plan.changes) {
    if (c.date < day || c.date > day + date::days(1)) continue;
    if (c.change == StepChange::kStart || c.change == StepChange::kSame) continue;
    std::string reason =
        MessageTextWithoutLadderLength(c.reason.message, w.view().language, DateStyle::kShort);
    const Exercise* e = plan.program->FindExercise(c.exercise_id);
    std::string name = e != nullptr ? e->name : c.exercise_id;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.date == c.date && g.change == c.change && g.reason == reason;
    });
    if (it == groups.end()) {
      groups.push_back({c.date, c.change, reason, {name}});
    } else {
      it->names.push_back(name);
    }
  }
  if (groups.empty()) return;
  w.Addf("<section class=\"changes\" id=\"changes\"><h2>{}</h2>\n<ul>\n",
         w.T(StringId::kPageChangesHeading));
  for (const auto& g : groups) {
    w.Addf("<li>{}</li>\n",
           w.F(StringId::kPageChange, fmt::arg("date", w.LongRaw(g.date)),
               fmt::arg("names", html::Join(g.names, ", ")),
               fmt::arg("change", Text(html::ChangeWord(g.change), w.view().language)),
               fmt::arg("reason", g.reason)));
  }
  w.Add("</ul></section>\n");
}

void WriteDay(Writer& w, Date day, bool figures) {
  const Plan& plan = *w.view().plan;
  w.Addf("<h1>{}</h1>\n", w.F(StringId::kPageDayHeading, fmt::arg("date", w.LongRaw(day))));
  WriteChanges(w, day);
  const DayPlan* d = plan.FindDay(day);
  if (d == nullptr) return;
  if (d->stopped) {
    w.Addf("<p>{}</p>\n", w.T(StringId::kPageStopped));
  } else if (d->sessions.empty()) {
    w.Addf("<p>{}</p>\n", w.T(StringId::kPageRestDay));
  }
  int s = 0;
  for (const auto& session : d->sessions) {
    ++s;
    w.Addf("<section class=\"session\"><h2>{}</h2>\n",
           w.F(StringId::kPageSessionAt, fmt::arg("time", FormatTime(session.time))));
    int n = 0;
    for (const auto& e : session.exercises) WriteExercise(w, e, figures, s, ++n);
    w.Add("</section>\n");
  }
  if (!d->modalities.empty()) {
    w.Addf("<h2>{}</h2>\n<ul>\n", w.T(StringId::kModalityHeading));
    for (const auto& m : d->modalities) {
      w.Addf("<li>{}</li>\n", w.F(StringId::kPageModalityAt, fmt::arg("name", EscapeHtml(m.name)),
                                  fmt::arg("time", FormatTime(m.time)),
                                  fmt::arg("minutes", m.minutes)));
    }
    w.Add("</ul>\n");
  }
}

// The words of the first exit criterion of `day`'s phase over `measure`.
std::string CriterionText(const Plan& plan, Date day, const std::string& measure) {
  const DayPlan* d = plan.FindDay(day);
  for (const auto& phase : plan.program->phases) {
    if (d == nullptr || phase.id != d->phase_id) continue;
    for (const auto& c : phase.exit_criteria) {
      if (c.measure == measure) return c.text;
    }
  }
  return measure;
}

void WriteForm(Writer& w, Date day, const PatientPageOptions& o) {
  const Plan& plan = *w.view().plan;
  w.Addf("<section id=\"diary\"><h2>{}</h2>\n<p>{}</p>\n",
         w.F(StringId::kFormHeading, fmt::arg("date", w.LongRaw(day))), w.T(StringId::kFormIntro));
  if (!o.problems.empty()) {
    w.Addf("<div class=\"problems\" role=\"alert\" id=\"problems\"><p>{}</p><ul>",
           w.T(StringId::kPageProblems));
    for (const auto& p : o.problems) w.Addf("<li>{}</li>", EscapeHtml(p));
    w.Add("</ul></div>\n");
  }
  w.Addf("<form method=\"post\" action=\"{}\">\n", Attr(o.form_action));
  w.Addf("<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n", Attr(o.csrf_token));
  w.Addf("<input type=\"hidden\" name=\"date\" value=\"{}\">\n", FormatDate(day));
  WritePainScale(w, "during", StringId::kFormDuring);
  WritePainScale(w, "after", StringId::kFormAfter);
  WritePainScale(w, "morning", StringId::kFormMorning);
  w.Addf("<fieldset><legend>{}</legend>\n", w.T(StringId::kFormSwelling));
  const StringId swelling[] = {StringId::kFormSwellingNone, StringId::kFormSwellingMild,
                               StringId::kFormSwellingModerate, StringId::kFormSwellingSevere};
  const std::vector<std::string>& names = SwellingNames();
  for (size_t i = 0; i < names.size() && i < std::size(swelling); ++i) {
    w.Addf("<label class=\"choice\"><input type=\"radio\" name=\"swelling\" value=\"{}\">{}</label>\n",
           Attr(names[i]), w.T(swelling[i]));
  }
  w.Add("</fieldset>\n");
  std::vector<std::string> measures = PhaseMeasures(plan, day);
  if (!measures.empty()) {
    w.Addf("<fieldset><legend>{}</legend>\n", w.T(StringId::kFormMeasures));
    for (const auto& m : measures) {
      w.Addf("<label class=\"choice\" for=\"m-{0}\">{1}</label><input type=\"number\" "
             "step=\"any\" id=\"m-{0}\" name=\"measure.{0}\">\n",
             Attr(m), EscapeHtml(CriterionText(plan, day, m)));
    }
    w.Add("</fieldset>\n");
  }
  // Each diary flag once, with the words of the first warning sign it raises.
  std::set<std::string> seen;
  std::string flags;
  for (const auto& rf : plan.program->red_flags) {
    if (rf.flag.empty() || !seen.insert(rf.flag).second) continue;
    flags += fmt::format(
        "<label class=\"choice\"><input type=\"checkbox\" name=\"flag\" value=\"{}\">{}</label>\n",
        Attr(rf.flag), EscapeHtml(rf.text));
  }
  if (!flags.empty()) {
    w.Addf("<fieldset><legend>{}</legend>\n{}</fieldset>\n", w.T(StringId::kFormFlags), flags);
  }
  w.Addf("<label for=\"note\"><strong>{}</strong></label>\n<textarea id=\"note\" name=\"note\" "
         "maxlength=\"500\"></textarea>\n",
         w.T(StringId::kFormNote));
  w.Addf("<p><button type=\"submit\">{}</button></p>\n</form>\n</section>\n",
         w.T(StringId::kFormSave));
}

}  // namespace

std::vector<std::string> PhaseMeasures(const Plan& plan, Date day) {
  std::set<std::string> out;
  const DayPlan* d = plan.FindDay(day);
  if (d == nullptr) return {};
  for (const auto& phase : plan.program->phases) {
    if (phase.id != d->phase_id) continue;
    for (const auto& c : phase.exit_criteria) {
      if (c.measure == "pain" || c.measure == "morning-pain" || c.measure == "swelling") continue;
      out.insert(c.measure);
    }
  }
  return {out.begin(), out.end()};
}

std::string RenderPatientPage(const Plan& plan, Date day, const PatientPageOptions& options) {
  html::View view = html::MakeView(plan);
  Writer w(view);
  std::string lang = plan.patient.language.empty() ? "en" : plan.patient.language;
  w.Addf("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", Attr(lang));
  w.Add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  w.Addf("<title>{}: {}</title>\n", w.T(StringId::kPageTitle), EscapeHtml(plan.program->title));
  w.Addf("<style>{}</style>\n</head>\n<body>\n<main>\n", kPageStyle);
  if (options.saved) {
    w.Addf("<p class=\"saved\" role=\"status\" id=\"saved\">{}</p>\n", w.T(StringId::kPageSaved));
  }
  html::WriteAlerts(w);
  html::WritePlanNotes(w);
  WriteDay(w, day, options.figures);
  WriteForm(w, day, options);
  if (!options.handout_link.empty() || !options.calendar_link.empty()) {
    w.Add("<ul class=\"links\">\n");
    if (!options.handout_link.empty()) {
      w.Addf("<li><a href=\"{}\">{}</a></li>\n", Attr(options.handout_link),
             w.T(StringId::kPageHandoutLink));
    }
    if (!options.calendar_link.empty()) {
      w.Addf("<li><a href=\"{}\">{}</a></li>\n", Attr(options.calendar_link),
             w.T(StringId::kPageCalendarLink));
    }
    w.Add("</ul>\n");
  }
  w.Addf("<footer><p>{}</p></footer>\n",
         w.F(StringId::kFooter, fmt::arg("patient", plan.patient.id)));
  w.Add("</main>\n</body>\n</html>\n");
  return w.Take();
}

}  // namespace rehab
