// The therapist's pages (pages.h).
#include "server/pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/languages.h"
#include "planner/load/diary.h"
#include "planner/present/figure_svg.h"
#include "planner/present/messages.h"
#include "planner/present/render_html.h"
#include "planner/present/render_today.h"
#include "server/patient_form.h"

namespace rehab::serve {

namespace {

constexpr char kStyle[] = R"css(
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 1.05rem; line-height: 1.45;
  color: #111; margin: 0; }
header { background: #0b4f9c; color: #fff; padding: 0.5rem 1rem; display: flex; gap: 1.5rem;
  align-items: center; flex-wrap: wrap; }
header a { color: #fff; font-weight: bold; }
header form { margin-left: auto; }
main { padding: 0.5rem 1rem 2rem; max-width: 70rem; }
a { color: #0b4f9c; }
header a:focus-visible, :focus-visible { outline: 3px solid #f5a700; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid #bbb; padding: 0.35rem 0.5rem;
  vertical-align: top; }
th { background: #eef2f7; }
.cat-1 td:first-child, .cat-2 td:first-child { border-left: 6px solid #b3261e; }
.cat-3 td:first-child { border-left: 6px solid #c77700; }
.cat-4 td:first-child, .cat-5 td:first-child { border-left: 6px solid #0b4f9c; }
.errors { background: #fdecea; border: 2px solid #b3261e; padding: 0.5rem; white-space: pre-wrap;
  overflow-x: auto; }
pre { background: #f5f5f5; padding: 0.6rem; overflow-x: auto; font-size: 0.95rem; }
button { font-size: 1rem; padding: 0.35rem 1rem; min-height: 40px; }
header button { background: #fff; color: #0b4f9c; border: 0; border-radius: 4px; }
.link { font-family: monospace; word-break: break-all; background: #f5f5f5; padding: 0.3rem; }
.figure svg { width: 12rem; height: auto; }
.chart .pain > div > svg { width: 100%; max-width: 60rem; height: auto; max-height: 24rem; }
.chart .legend { list-style: none; padding-left: 0; }
.chart .legend li { display: inline-block; margin-right: 2rem; }
.chart .legend svg { display: inline-block; width: 4rem; height: 1.2rem; vertical-align: middle; }
.chart .changes svg, .chart .legend svg.mark { width: 2rem; height: 2rem; }
.chart .changes { table-layout: fixed; }
.chart .changes .mark { width: 3rem; }
.chart .changes .date { width: 7rem; }
.exercise { border-top: 1px solid #bbb; padding: 0.4rem 0; }
.field { margin: 0.7rem 0; }
.field label { display: block; font-weight: bold; }
.field label.day { display: inline-block; font-weight: normal; margin-right: 1rem; }
.field input[type=text], .field input[type=date], .field select { font-size: 1rem; padding: 0.3rem;
  min-width: 18rem; max-width: 100%; }
.field-error { color: #8c1d18; font-weight: bold; margin: 0.2rem 0; }
table.overrides td, table.overrides th { vertical-align: top; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
table.overrides select, table.overrides input[type=text] { font-size: 1rem; padding: 0.3rem;
  width: 100%; box-sizing: border-box; }
table.overrides input[type=checkbox] { width: 1.4rem; height: 1.4rem; }
[aria-invalid=true] { border: 2px solid #b3261e; }
)css";

std::string E(std::string_view s) { return EscapeHtml(s); }

std::string Page(const std::string& title, const std::string& csrf, const std::string& body) {
  std::string nav;
  if (!csrf.empty()) {
    nav = fmt::format(
        "<header><a href=\"/caseload\">Caseload</a><a href=\"/programs\">Programs</a>"
        "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" "
        "value=\"{}\"><button type=\"submit\">Log out</button></form></header>\n",
        E(csrf));
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} · rehab</title>\n<style>{}</style>\n</head>\n<body>\n{}<main>\n<h1>{}</h1>\n{}"
      "</main>\n</body>\n</html>\n",
      E(title), kStyle, nav, E(title), body);
}

std::string Reasons(const TriageEntry& t) {
  std::string out;
  for (const auto& r : t.reasons) {
    out += fmt::format("<div><strong>{}</strong> {}</div>", E(MessageText(r.todo, "en")),
                       E(MessageText(r.what, "en", DateStyle::kShort)));
  }
  return out;
}

std::string Category(const TriageEntry& t) {
  if (t.category == TriageCategory::kNothing) return "";
  return MessageText(Message(std::string("triage.category.") + ToString(t.category)), "en");
}

std::string LastEntry(const Plan& plan) {
  if (plan.diary.entries.empty()) return "none yet";
  return FormatDate(plan.diary.entries.back().date);
}

std::string PhaseOn(const Plan& plan) {
  for (const auto& span : plan.phases) {
    if (plan.today >= span.start && plan.today < span.end) return span.title;
  }
  return plan.today < plan.start ? "not started" : "finished";
}

std::string NextMeasure(const Plan& plan) {
  std::string best;
  Date best_date{};
  for (const auto& m : plan.program->outcome_measures) {
    for (int day : m.due_days) {
      Date d = plan.anchor + date::days(day);
      if (d < plan.today) continue;
      if (best.empty() || d < best_date) {
        best = m.name;
        best_date = d;
      }
    }
  }
  return best.empty() ? "" : fmt::format("{} on {}", best, FormatDate(best_date));
}

}  // namespace

std::string ErrorPage(int status, const std::string& message) {
  return Page(fmt::format("{}", status == 404 ? "Not found" : "Cannot do that"), "",
              fmt::format("<p>{}</p>\n", E(message)));
}

std::string LoggedOutPage() {
  return Page("Logged out", "",
              "<p>You are logged out. To log in again, restart <code>rehab serve</code> and open "
              "the address it prints.</p>\n");
}

std::string CaseloadPage(const std::vector<std::shared_ptr<const PatientState>>& patients,
                         Date today, const std::string& csrf, size_t page) {
  std::string rows;
  size_t quiet = 0, failed = 0;
  for (const auto& p : patients) {
    if (!p->plan) {
      ++failed;
    } else if (p->triage->category == TriageCategory::kNothing) {
      ++quiet;
    }
  }
  const size_t pages = std::max<size_t>(1, (patients.size() + kCaseloadPageRows - 1) / kCaseloadPageRows);
  page = std::clamp<size_t>(page, 1, pages);
  const size_t first = (page - 1) * kCaseloadPageRows;
  const size_t last = std::min(patients.size(), first + kCaseloadPageRows);
  for (size_t i = first; i < last; ++i) {
    const auto& p = patients[i];
    if (!p->plan) {
      rows += fmt::format(
          "<tr class=\"failed\"><td>{}</td><td colspan=\"5\">cannot be planned: see <a "
          "href=\"/patients/{}\">its page</a></td></tr>\n",
          E(p->file.filename().string()), E(p->id.empty() ? p->file.stem().string() : p->id));
      continue;
    }
    const Plan& plan = *p->plan;
    rows += fmt::format(
        "<tr class=\"cat-{}\"><td><a href=\"/patients/{}\">{}</a></td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}{}</td></tr>\n",
        static_cast<int>(p->triage->category), E(p->id), E(p->id), E(plan.program->title),
        E(PhaseOn(plan)), E(LastEntry(plan)), E(NextMeasure(plan)), E(Category(*p->triage)),
        Reasons(*p->triage));
  }
  std::string body = fmt::format(
      "<p>{} patients on {}: {} need nothing today{}. <a href=\"/patients/new\">New "
      "patient</a></p>\n<table>\n<thead><tr><th "
      "scope=\"col\">Patient</th><th scope=\"col\">Program</th><th scope=\"col\">Phase</th><th "
      "scope=\"col\">Last diary entry</th><th scope=\"col\">Next outcome measure</th><th "
      "scope=\"col\">Needs</th></tr></thead>\n<tbody>\n{}</tbody>\n</table>\n",
      patients.size(), FormatDate(today), quiet,
      failed == 0 ? "" : fmt::format(", {} cannot be planned", failed), rows);
  if (pages > 1) {
    body += fmt::format("<nav aria-label=\"Pages\"><p>Patients {}–{} of {}.", first + 1, last,
                        patients.size());
    if (page > 1) body += fmt::format(" <a href=\"/caseload?page={}\">More urgent</a>", page - 1);
    if (page < pages) body += fmt::format(" <a href=\"/caseload?page={}\">Next {}</a>", page + 1,
                                          std::min(kCaseloadPageRows, patients.size() - last));
    body += "</p></nav>\n";
  }
  return Page("Caseload", csrf, body);
}

std::string PlanPage(const PatientState& state, const std::string& csrf,
                     const std::string& patient_link, const std::string& qr_svg) {
  const std::string id = E(state.id);
  std::string body;
  if (!state.plan) {
    body += fmt::format(
        "<p>This patient file cannot be planned (<a href=\"/patients/{}/edit\">edit it</a>):</p>\n"
        "<pre class=\"errors\">{}</pre>\n",
        id, E(state.errors));
    return Page("Patient " + state.id, csrf, body);
  }
  const Plan& plan = *state.plan;
  body += fmt::format(
      "<p>{} · {} · phase: {} · last diary entry: {} · <a href=\"/patients/{}/edit\">Edit</a></p>\n",
      E(plan.program->title), E(state.file.filename().string()), E(PhaseOn(plan)),
      E(LastEntry(plan)), id);
  if (state.triage && !state.triage->reasons.empty()) {
    body += fmt::format("<h2>Needs attention: {}</h2>\n{}\n", E(Category(*state.triage)),
                        Reasons(*state.triage));
  }
  body += fmt::format(
      "<h2>Plan</h2>\n<p><a href=\"/patients/{0}/plan.html\">The handout</a> · downloads: "
      "<a href=\"/patients/{0}/plan.pdf\">PDF</a>, <a href=\"/patients/{0}/plan.ics\">calendar "
      "(ics)</a>, <a href=\"/patients/{0}/plan.csv\">CSV</a>, <a "
      "href=\"/patients/{0}/plan.json\">JSON</a>, <a href=\"/patients/{0}/plan.txt\">text</a></p>\n",
      id);
  body += fmt::format(
      "<form method=\"get\" action=\"/patients/{}/explain\"><label for=\"date\">Explain the doses "
      "of</label> <input type=\"date\" id=\"date\" name=\"date\" value=\"{}\"> <button "
      "type=\"submit\">Explain</button></form>\n",
      id, FormatDate(plan.today));
  body += fmt::format("<h2>Today, as the patient sees it</h2>\n<pre>{}</pre>\n",
                      E(RenderToday(plan, plan.today)));
  body += "<h2>Patient link</h2>\n";
  if (patient_link.empty()) {
    body += "<p>No link yet. A link lets the patient see today's exercises and fill in the diary "
            "on a phone, with no account.</p>\n";
  } else {
    body += fmt::format(
        "<p>Give this link to the patient only (it opens their plan and diary, nothing else). The "
        "handout (and its PDF) now prints it with this QR code for the phone's camera:</p>"
        "\n<p class=\"link\" id=\"patient-link\">{}</p>\n<div class=\"qr\">{}</div>\n",
        E(patient_link), qr_svg);
  }
  body += fmt::format(
      "<form method=\"post\" action=\"/patients/{}/link\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\"><button type=\"submit\">{}</button></form>\n",
      id, E(csrf), patient_link.empty() ? "Make a link" : "Make a new link (the old one stops)");
  if (!patient_link.empty()) {
    body += fmt::format(
        "<form method=\"post\" action=\"/patients/{}/link/revoke\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\"><button type=\"submit\">Revoke the link</button></form>\n",
        id, E(csrf));
  }
  body += "<div class=\"chart\">" + RenderPainChartHtml(plan) + "</div>\n";
  body += "<h2>Diary</h2>\n";
  if (plan.diary.entries.empty()) {
    body += "<p>No entries yet.</p>\n";
  } else {
    body += "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">During</th><th "
            "scope=\"col\">After</th><th scope=\"col\">Next morning</th><th "
            "scope=\"col\">Swelling</th><th scope=\"col\">Measures</th><th "
            "scope=\"col\">Flags</th><th scope=\"col\">Note</th></tr></thead><tbody>\n";
    auto pain = [](const std::optional<int>& v) { return v ? std::to_string(*v) : ""; };
    for (auto it = plan.diary.entries.rbegin(); it != plan.diary.entries.rend(); ++it) {
      std::string measures, flags;
      for (const auto& [k, v] : it->measures) {
        measures += (measures.empty() ? "" : ", ") + k + "=" + FormatMeasureValue(v);
      }
      for (const auto& f : it->flags) flags += (flags.empty() ? "" : ", ") + f;
      body += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "<td>{}</td></tr>\n",
          FormatDate(it->date), pain(it->during), pain(it->after), pain(it->morning),
          it->swelling ? ToString(*it->swelling) : "", E(measures), E(flags), E(it->note));
    }
    body += "</tbody></table>\n";
  }
  return Page("Patient " + state.id, csrf, body);
}

namespace {

// The table of per-exercise changes (the patient file's `overrides`): one row
// per exercise of the program, with the step to start on, "leave out" and a
// note. A new patient gets them on the edit page, once the program is saved.
std::string OverridesSection(const PatientForm& form) {
  std::string out = "<fieldset class=\"overrides\"><legend>Changes for this patient</legend>\n";
  if (form.is_new) {
    return out + "<p>Where an exercise starts, or leaving one out, is set on the edit page "
                 "once the patient is saved: the rows depend on the program.</p></fieldset>\n";
  }
  if (form.override_choices.empty()) {
    return out + "<p>The program could not be read, so its exercises cannot be listed; fix the "
                 "program first.</p></fieldset>\n";
  }
  out += "<input type=\"hidden\" name=\"overrides\" value=\"shown\">\n"
         "<table class=\"overrides\"><thead><tr><th scope=\"col\">Exercise</th>"
         "<th scope=\"col\">Start on</th><th scope=\"col\">Leave out</th>"
         "<th scope=\"col\">Note</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < form.override_choices.size(); ++i) {
    const OverrideChoice& c = form.override_choices[i];
    OverrideRow row;
    for (const auto& r : form.overrides) {
      if (r.exercise == c.exercise) row = r;
    }
    const std::string name = "override." + c.exercise;
    const std::string id = fmt::format("ov-{}", i);
    auto err = form.errors.find(name);
    const std::string described =
        err == form.errors.end() ? "" : fmt::format(" aria-describedby=\"err-{}\"", id);
    out += fmt::format("<tr><th scope=\"row\" id=\"{}-name\">{}{}</th>", id, E(c.name),
                       c.in_program ? "" : " (not in this program: clear this row)");
    out += fmt::format("<td><select name=\"{}.step\" aria-labelledby=\"{}-name {}-step\"{}>"
                       "<option value=\"0\"{}>where the program starts it</option>",
                       E(name), id, id, described, row.start_step == 0 ? " selected" : "");
    for (size_t s = 0; s < c.steps.size(); ++s) {
      out += fmt::format("<option value=\"{}\"{}>step {}: {}</option>", s + 1,
                         row.start_step == static_cast<int>(s + 1) ? " selected" : "", s + 1,
                         E(c.steps[s]));
    }
    // A step the file names beyond the ladder stays shown, so saving keeps it
    // (and validation says what is wrong).
    if (row.start_step > static_cast<int>(c.steps.size())) {
      out += fmt::format("<option value=\"{0}\" selected>step {0} (beyond the ladder)</option>",
                         row.start_step);
    }
    out += fmt::format("</select><span class=\"visually-hidden\" id=\"{}-step\">start on</span>"
                       "</td>", id);
    out += fmt::format("<td><input type=\"checkbox\" name=\"{}.skip\" value=\"yes\" "
                       "aria-labelledby=\"{}-name {}-skip\"{}{}><span class=\"visually-hidden\" "
                       "id=\"{}-skip\">leave out</span></td>",
                       E(name), id, id, row.skip ? " checked" : "", described, id);
    out += fmt::format("<td><input type=\"text\" name=\"{}.note\" value=\"{}\" "
                       "aria-labelledby=\"{}-name {}-note\"{}><span class=\"visually-hidden\" "
                       "id=\"{}-note\">note</span>",
                       E(name), E(row.note), id, id, described, id);
    if (err != form.errors.end()) {
      out += fmt::format("<p class=\"field-error\" id=\"err-{}\">{}</p>", id, E(err->second));
    }
    out += "</td></tr>\n";
  }
  return out + "</tbody></table></fieldset>\n";
}

}  // namespace

std::string PatientFormPage(const PatientForm& form, cli::ProgramLibrary* programs,
                            const std::string& csrf) {
  auto value = [&](const std::string& name) {
    auto it = form.values.find(name);
    return it == form.values.end() ? std::string() : it->second;
  };
  std::string body;
  if (!form.general.empty()) {
    body += "<div class=\"errors\" role=\"alert\" id=\"form-errors\"><p>Not saved:</p><ul>";
    for (const auto& g : form.general) body += "<li>" + E(g) + "</li>";
    body += "</ul></div>\n";
  }
  std::string action = form.is_new ? "/patients/new" : "/patients/" + form.patient_id + "/edit";
  body += fmt::format("<form method=\"post\" action=\"{}\" class=\"patient-form\">\n"
                      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
                      "<input type=\"hidden\" name=\"stamp\" value=\"{}\">\n",
                      E(action), E(csrf), E(form.stamp));
  std::string programs_help;
  for (const auto& f : PatientFields()) {
    const std::string name = f.name;
    const std::string id = "f-" + std::string(name);
    auto err = form.errors.find(name);
    std::string described = err == form.errors.end() ? "" : " aria-describedby=\"err-" + id + "\" aria-invalid=\"true\"";
    body += "<div class=\"field\">";
    auto select = [&](const std::vector<std::pair<std::string, std::string>>& options) {
      std::string out = fmt::format("<label for=\"{}\">{}</label><select id=\"{}\" name=\"{}\"{}>",
                                    id, E(f.label), id, E(name), described);
      for (const auto& [v, text] : options) {
        out += fmt::format("<option value=\"{}\"{}>{}</option>", E(v),
                           v == value(name) ? " selected" : "", E(text));
      }
      return out + "</select>";
    };
    if (name == "program") {
      std::vector<std::pair<std::string, std::string>> options;
      for (const auto& pid : programs->BuiltinIds()) {
        auto loaded = programs->LoadProgram(programs->BuiltinFile(pid));
        if (!loaded->program) continue;
        options.emplace_back(pid, loaded->program->title);
        programs_help += fmt::format("<dt>{}</dt><dd>{}</dd>", E(loaded->program->title),
                                     E(loaded->program->summary));
      }
      // A program of the clinic's own (a path) stays selectable when editing.
      if (!value(name).empty() &&
          std::none_of(options.begin(), options.end(),
                       [&](const auto& o) { return o.first == value(name); })) {
        options.emplace_back(value(name), value(name));
      }
      body += select(options);
    } else if (name == "side") {
      body += select({{"left", "left"}, {"right", "right"}, {"both", "both"}});
    } else if (name == "units") {
      body += select({{"kg", "kilograms (kg)"}, {"lb", "pounds (lb)"}});
    } else if (name == "language") {
      // Each language there is a catalogue for, by its own name; a tag the file
      // has that none is kept, so that saving does not change it unseen.
      std::vector<std::pair<std::string, std::string>> options;
      for (const std::string& tag : cli::AvailableLanguages()) {
        options.emplace_back(tag, tag == "en"   ? "English"
                                  : tag == "es" ? "Español (Spanish)"
                                                : tag);
      }
      if (std::none_of(options.begin(), options.end(),
                       [&](const auto& o) { return o.first == value(name); }) &&
          !value(name).empty()) {
        options.emplace_back(value(name), value(name));
      }
      body += select(options);
    } else if (f.kind == FieldSpec::kDays) {
      body += fmt::format("<fieldset{}><legend>{}</legend>", described, E(f.label));
      std::string days = "," + value(name) + ",";
      for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
        std::string token = std::string(d);
        bool on = days.find("," + token + ",") != std::string::npos ||
                  days.find(", " + token + ",") != std::string::npos;
        body += fmt::format("<label class=\"day\"><input type=\"checkbox\" name=\"{}\" "
                            "value=\"{}\"{}> {}</label>",
                            E(name), d, on ? " checked" : "", d);
      }
      body += "</fieldset>";
    } else {
      body += fmt::format("<label for=\"{}\">{}</label><input id=\"{}\" name=\"{}\" type=\"{}\" "
                          "value=\"{}\"{}{}>",
                          id, E(f.label), id, E(name), f.kind == FieldSpec::kDate ? "date" : "text",
                          E(value(name)), described,
                          name == "id" && !form.is_new ? " readonly" : "");
    }
    if (err != form.errors.end()) {
      body += fmt::format("<p class=\"field-error\" id=\"err-{}\">{}</p>", id, E(err->second));
    }
    body += "</div>\n";
  }
  body += OverridesSection(form);
  body += "<p><button type=\"submit\">Save</button></p>\n</form>\n";
  if (!form.is_new) {
    body += "<p>Saving changes only the lines of the fields you changed: comments, key order "
            "and every key the form does not show stay as they are. A change to the exercises' "
            "table rewrites the file's <code>overrides</code> block, without the comments inside "
            "it.</p>\n";
  }
  body += "<h2>The programs</h2>\n<dl>" + programs_help + "</dl>\n";
  return Page(form.is_new ? "New patient" : "Edit patient " + form.patient_id, csrf, body);
}

std::string ProgramsPage(cli::ProgramLibrary* programs, const std::string& csrf) {
  std::string rows;
  for (const auto& id : programs->BuiltinIds()) {
    auto loaded = programs->LoadProgram(programs->BuiltinFile(id));
    if (!loaded->program) continue;
    rows += fmt::format("<tr><td><a href=\"/programs/{0}\">{0}</a></td><td>{1}</td><td>{2}</td></tr>\n",
                        E(id), E(loaded->program->title), E(loaded->program->summary));
  }
  return Page("Programs", csrf,
              "<table><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Title</th><th "
              "scope=\"col\">Summary</th></tr></thead><tbody>\n" +
                  rows + "</tbody></table>\n");
}

bool ProgramPage(cli::ProgramLibrary* programs, const std::string& id, const std::string& csrf,
                 std::string* page) {
  const auto& ids = programs->BuiltinIds();
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) return false;
  auto loaded = programs->LoadProgram(programs->BuiltinFile(id));
  if (!loaded->program) return false;
  const Program& p = *loaded->program;
  std::string body = fmt::format("<p>{}</p>\n", E(p.summary));
  for (const auto& phase : p.phases) {
    body += fmt::format("<h2>{}</h2>\n<ul>\n", E(phase.title));
    for (const auto& c : phase.exit_criteria) {
      body += fmt::format("<li>To move on: {} (measure <code>{}</code>)</li>\n", E(c.text),
                          E(c.measure));
    }
    body += "</ul>\n";
  }
  body += "<h2>Exercises</h2>\n";
  for (const auto& e : p.exercises) {
    body += fmt::format("<div class=\"exercise\"><h3>{}</h3>", E(e.name));
    std::string svg = RenderFigureSvg(e, e.ladder.empty() ? nullptr : &e.ladder.front(),
                                      Side::kRight, FigureOptions{});
    if (!svg.empty()) body += "<div class=\"figure\">" + svg + "</div>";
    body += fmt::format("<p>{}</p></div>\n", E(e.instructions));
  }
  *page = Page(p.title, csrf, body);
  return true;
}

}  // namespace rehab::serve
