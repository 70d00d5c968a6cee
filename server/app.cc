// The routes of `rehab serve` (app.h), their authentication and headers.
#include "server/app.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "cli/diary_append.h"
#include "cli/pdf.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "cli/io.h"
#include "cli/languages.h"
#include "planner/present/dose_text.h"
#include "planner/present/formats.h"
#include "planner/present/render_html.h"
#include "planner/present/render_patient_page.h"
#include "planner/present/render_text.h"
#include "server/pages.h"
#include "server/patient_form.h"
#include "server/qr_svg.h"

namespace rehab::serve {

namespace {

namespace fs = std::filesystem;

constexpr char kCookie[] = "rehab_session";

// Every response: no script at all, styles only inline, images only inline
// (data: and the SVG figures inside the page), forms only to this server,
// never framed; no MIME sniffing; no Referer (a patient link is a secret).
void SecurityHeaders(Response* r) {
  r->Set("Content-Security-Policy",
         "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
         "frame-ancestors 'none'; base-uri 'none'");
  r->Set("X-Content-Type-Options", "nosniff");
  r->Set("Referrer-Policy", "no-referrer");
  r->Set("X-Frame-Options", "DENY");
  // Health data: no page or download is kept by the browser or a proxy.
  r->Set("Cache-Control", "no-store");
}

Response Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.Set("Content-Type", "text/html; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Response Error(int status, const std::string& message) {
  return Html(status, ErrorPage(status, message));
}

Response Redirect(const std::string& to) {
  Response r;
  r.status = 303;
  r.Set("Location", to);
  return r;
}

// The request's path split at '/', each segment percent-decoded; nullopt when
// a segment does not decode, holds a control character, a slash or a
// backslash (an encoded separator), or is "." or "..".
std::optional<std::vector<std::string>> PathSegments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  if (path.empty() || path[0] != '/') return std::nullopt;
  while (i < path.size()) {
    size_t j = path.find('/', i + 1);
    if (j == std::string_view::npos) j = path.size();
    std::string_view raw = path.substr(i + 1, j - i - 1);
    std::optional<std::string> seg = PercentDecode(raw, false);
    if (!seg) return std::nullopt;
    for (unsigned char c : *seg) {
      if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return std::nullopt;
    }
    if (*seg == "." || *seg == "..") return std::nullopt;
    out.push_back(std::move(*seg));
    i = j;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // "/p/x/" == "/p/x"
  return out;
}

std::string CookieValue(const std::string& header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return "";
}

// A download's file name: the patient id with anything but letters, digits,
// '.', '-' and '_' replaced, so no quote or line break reaches a header.
std::string FileNameOf(const std::string& id, std::string_view extension) {
  std::string name;
  for (unsigned char c : id) {
    name += std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_' ? static_cast<char>(c) : '_';
  }
  return fmt::format("attachment; filename=\"{}.{}\"", name, extension);
}

std::string FormValue(const std::vector<std::pair<std::string, std::string>>& form,
                      std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return "";
}

// The diary entry of the patient form; problems worded for the patient.
DiaryEntry EntryFromForm(const std::vector<std::pair<std::string, std::string>>& form,
                         Date today, std::vector<std::string>* problems) {
  DiaryEntry e;
  e.date = today;
  std::string date_text = FormValue(form, "date");
  if (!date_text.empty()) {
    if (std::optional<Date> d = ParseDate(date_text)) {
      e.date = *d;
    } else {
      problems->push_back(fmt::format("the date \"{}\" is not a real date", date_text));
    }
  }
  auto pain = [&](const char* name, std::optional<int>* out) {
    std::string v = FormValue(form, name);
    if (v.empty()) return;
    int n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) {
      problems->push_back(fmt::format("pain {} must be a whole number from 0 to 10", name));
      return;
    }
    *out = n;
  };
  pain("during", &e.during);
  pain("after", &e.after);
  pain("morning", &e.morning);
  std::string swelling = FormValue(form, "swelling");
  if (!swelling.empty()) {
    const auto& names = SwellingNames();
    auto it = std::find(names.begin(), names.end(), swelling);
    if (it == names.end()) {
      problems->push_back("swelling must be none, mild, moderate or severe");
    } else {
      e.swelling = static_cast<Swelling>(it - names.begin());
    }
  }
  for (const auto& [k, v] : form) {
    if (k == "flag" && !v.empty() &&
        std::find(e.flags.begin(), e.flags.end(), v) == e.flags.end()) {
      e.flags.push_back(v);
    }
    if (k.starts_with("measure.") && !v.empty()) {
      std::string name = k.substr(8);
      double value = 0;
      if (!IsValidMeasureName(name)) {
        problems->push_back(fmt::format("unknown measure \"{}\"", name));
      } else if (!ParseMeasureValue(v, &value)) {
        problems->push_back(fmt::format("{} must be a number, got \"{}\"", name, v));
      } else {
        e.measures[name] = value;
      }
    }
  }
  e.note = FormValue(form, "note");
  if (!e.during && !e.after && !e.morning && !e.swelling && e.measures.empty() &&
      e.flags.empty() && problems->empty()) {
    problems->push_back("nothing to save: choose a pain number, the swelling or a sign");
  }
  return e;
}

// The form's values: each field once ("sessions.days" checkboxes joined).
FieldValues FormFields(const std::vector<std::pair<std::string, std::string>>& form) {
  FieldValues values;
  for (const auto& f : PatientFields()) values[f.name] = "";
  for (const auto& [k, v] : form) {
    auto it = values.find(k);
    if (it == values.end()) continue;
    if (k == "sessions.days") {
      it->second += (it->second.empty() ? "" : ", ") + v;
    } else if (k == "sessions.times") {
      // "9:00" is taken for "09:00", as a clock shows it.
      it->second = std::regex_replace(v, std::regex("(^|[ ,])([0-9]):([0-5][0-9])"), "$010$2:$3");
    } else {
      it->second = v;
    }
  }
  return values;
}

// The exercises' table of the edit form for `program_value` (resolved from
// `dir`): one row per exercise of the program, each step in words, then a
// row for each of `current` naming an exercise the program does not use.
// Empty when the program cannot be read.
std::vector<OverrideChoice> OverrideChoices(const std::string& program_value,
                                            const fs::path& dir, const std::string& units,
                                            const std::vector<OverrideRow>& current,
                                            cli::ProgramLibrary* programs) {
  std::vector<OverrideChoice> out;
  std::optional<std::string> file = programs->FileOf(program_value, &dir);
  if (!file) return out;
  auto loaded = programs->LoadProgram(*file);
  if (!loaded->program) return out;
  for (const auto& e : loaded->program->exercises) {
    OverrideChoice c{e.id, e.name, {}, true};
    for (const auto& dose : e.ladder) c.steps.push_back(DescribeDose(dose, units.empty() ? "kg" : units, "en"));
    out.push_back(std::move(c));
  }
  for (const auto& r : current) {
    if (std::none_of(out.begin(), out.end(),
                     [&](const OverrideChoice& c) { return c.exercise == r.exercise; })) {
      out.push_back(OverrideChoice{r.exercise, r.exercise, {}, false});
    }
  }
  return out;
}

// The exercises' table as posted, one row per exercise the form showed.
std::vector<OverrideRow> FormOverrides(const std::vector<std::pair<std::string, std::string>>& form,
                                       const std::vector<OverrideChoice>& choices) {
  std::vector<OverrideRow> rows;
  for (const auto& c : choices) {
    const std::string name = "override." + c.exercise;
    OverrideRow row;
    row.exercise = c.exercise;
    const std::string step = FormValue(form, name + ".step");
    int n = 0;
    auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), n);
    if (ec == std::errc() && end == step.data() + step.size() && n >= 0 && n <= 50) {
      row.start_step = n;
    }
    row.skip = FormValue(form, name + ".skip") == "yes";
    row.note = FormValue(form, name + ".note");
    size_t b = row.note.find_first_not_of(' ');
    row.note = b == std::string::npos ? "" : row.note.substr(b, row.note.find_last_not_of(' ') - b + 1);
    rows.push_back(std::move(row));
  }
  return rows;
}

// Checks a patient file's text as `rehab validate` would (the patient, then
// against its program). Errors on a field's line go beside that field.
bool ValidatePatientText(const std::string& text, const fs::path& path,
                         cli::ProgramLibrary* programs, PatientForm* form) {
  // The dates the program counts from, asked by name (the loader's own
  // message would sit on the block's first line).
  const fs::path dir = path.parent_path();
  if (auto file = programs->FileOf(form->values["program"], &dir)) {
    if (auto loaded = programs->LoadProgram(*file); loaded->program) {
      if (loaded->program->anchor == Anchor::kSurgery && form->values["surgery.date"].empty()) {
        form->errors["surgery.date"] = "this program counts from the operation: give its date";
      }
      if (loaded->program->anchor == Anchor::kStart && form->values["start"].empty()) {
        form->errors["start"] = "give the day the patient starts";
      }
    }
  }
  Diagnostics diags;
  diags.AddSource(path.string(), text);
  std::optional<Patient> patient = LoadPatient(text, path.string(), &diags);
  if (patient && !diags.HasErrors()) {
    std::ostringstream no_catalogue;
    if (!cli::UseLanguage(patient->language, no_catalogue)) {
      form->errors["language"] = cli::NoCatalogueMessage(patient->language);
    }
    const fs::path folder = path.parent_path();
    std::optional<std::string> program_path = programs->FileOf(patient->program, &folder);
    if (!program_path) {
      form->errors["program"] = programs->UnknownProgramMessage(patient->program);
    } else if (auto loaded = programs->LoadProgram(*program_path); !loaded->program) {
      form->errors["program"] = "this program file has errors: run rehab validate on it";
    } else {
      CheckPatientAgainstProgram(*patient, *loaded->program, &diags);
    }
  }
  std::map<std::string, int> lines = FieldLines(text);
  for (const auto& [exercise, line] : OverrideLines(text)) lines["override." + exercise] = line;
  for (const auto& d : diags.items()) {
    if (d.severity != Severity::kError) continue;
    std::string field;
    for (const auto& [name, line] : lines) {
      if (line == d.loc.line) field = name;
    }
    // Said already, by name, beside the date the program counts from.
    const bool dates_said = form->errors.count("surgery.date") || form->errors.count("start");
    if (dates_said && (field.starts_with("surgery.") ||
                       d.message.find("'start' date or a 'surgery' date") != std::string::npos)) {
      continue;
    }
    if (field.empty()) {
      form->general.push_back(d.message);
    } else if (!form->errors.count(field)) {
      form->errors[field] = d.message;
    }
  }
  return form->errors.empty() && form->general.empty();
}

// The handout, with the patient's link and its QR code when they have one.
std::string Handout(const Plan& plan, const std::string& link) {
  HtmlOptions options;
  if (!link.empty()) {
    options.phone_link = link;
    options.phone_link_svg = QrSvg(link, 30, "QR code of your page: " + link);
  }
  return RenderHtml(plan, options);
}

std::string StampText(const fs::path& path) {
  FileStamp s = StampOf(path);
  return fmt::format("{}:{}", s.size, s.mtime_ns);
}

}  // namespace

std::string Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

void Response::Set(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string Response::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= body.size() && !body.empty()) {
    size_t end = body.find('&', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(pos, end - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      auto name = PercentDecode(pair.substr(0, eq), true);
      auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (!name || !value) return std::nullopt;
      out.emplace_back(std::move(*name), std::move(*value));
    }
    pos = end + 1;
  }
  return out;
}

App::App(AppOptions options)
    : options_(std::move(options)),
      programs_(cli::ProgramsDir()),
      caseload_(options_.caseload_dir, &programs_, options_.today),
      links_(options_.caseload_dir) {
  programs_.StartLoadingCatalogue();
}

App::~App() = default;

std::string App::LoginUrl() const {
  return options_.base_url + "/?token=" + sessions_.login_token();
}

Response App::Handle(const Request& request) {
  Response r;
  try {
    r = Dispatch(request);
  } catch (const std::exception& e) {
    r = Error(500, "Something went wrong on the server; the request changed nothing.");
  }
  SecurityHeaders(&r);
  if (options_.access_log) {
    // The path only up to the first segment after /p/ (the secret is not logged).
    std::string path = request.target.substr(0, request.target.find('?'));
    if (path.starts_with("/p/")) path = "/p/…";
    options_.access_log(
        fmt::format("{} {} {} {}", request.method, path, r.status, r.body.size()));
  }
  return r;
}

Response App::Dispatch(const Request& request) {
  std::string_view target = request.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  std::optional<std::vector<std::string>> seg = PathSegments(path);
  if (!seg) return Error(400, "That address is not valid.");
  auto query_form = ParseForm(query);
  if (!query_form) return Error(400, "That address is not valid.");
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";
  if (!get && !post) return Error(405, "That method is not allowed here.");

  // ---- Patient pages: the secret in the path is the whole authorisation.
  if (!seg->empty() && (*seg)[0] == "p") {
    if (seg->size() < 2) return Error(404, "There is no page here.");
    std::optional<std::string> id = links_.PatientOf((*seg)[1]);
    if (!id) return Error(404, "This link does not work (any more). Ask your therapist for a new one.");
    std::shared_ptr<const PatientState> state = caseload_.Find(*id);
    if (!state || !state->plan) {
      return Error(503, "Your plan cannot be shown just now. Please tell your therapist.");
    }
    const std::string base = "/p/" + (*seg)[1];
    const std::string what = seg->size() > 2 ? (*seg)[2] : "";
    PatientPageOptions page;
    page.form_action = base + "/log";
    // The secret is also the form's anti-forgery token: a page elsewhere
    // cannot know it.
    page.csrf_token = (*seg)[1];
    page.handout_link = base + "/handout.html";
    std::string host = options_.base_url.substr(options_.base_url.find("://") + 3);
    page.calendar_link = "webcal://" + host + base + "/plan.ics";
    if (seg->size() == 2 && get) {
      page.saved = FormValue(*query_form, "saved") == "1";
      return Html(200, RenderPatientPage(*state->plan, state->today, page));
    }
    if (seg->size() == 3 && what == "log" && post) {
      auto form = ParseForm(request.body);
      if (!form) return Error(400, "The form could not be read.");
      if (!ConstantTimeEqual(FormValue(*form, "csrf"), (*seg)[1])) {
        return Error(403, "The form is out of date: open your link again.");
      }
      if (state->diary_path.empty()) {
        return Error(409, "Your plan has no diary file; ask your therapist to add one.");
      }
      std::vector<std::string> problems;
      DiaryEntry entry = EntryFromForm(*form, state->today, &problems);
      if (problems.empty()) {
        cli::AppendResult result = cli::AppendDiaryEntry(
            state->diary_path.filename().string(), state->diary_path.string(), entry,
            state->today);
        if (result.ok) return Redirect(base + "?saved=1");
        problems = result.problems;
      }
      page.problems = problems;
      return Html(422, RenderPatientPage(*state->plan, state->today, page));
    }
    if (seg->size() == 3 && what == "handout.html" && get) {
      return Html(200, Handout(*state->plan, options_.base_url + base));
    }
    if (seg->size() == 3 && what == "plan.ics" && get) {
      Response r;
      RenderOptions ro;
      ro.refresh_minutes = 60;
      const OutputFormat* ics = FindOutputFormat("ics");
      ics->render(*state->plan, ro, &r.body);
      r.Set("Content-Type", "text/calendar; charset=utf-8");
      return r;
    }
    return Error(404, "There is no page here.");
  }

  // ---- The login.
  const std::string session = CookieValue(request.Header("cookie"), kCookie);
  std::optional<std::string> csrf = session.empty() ? std::nullopt : sessions_.Csrf(session);
  if (seg->empty() && get) {
    std::string token = FormValue(*query_form, "token");
    if (csrf && token.empty()) return Redirect("/caseload");
    if (!token.empty()) {
      std::optional<std::string> new_session = sessions_.Login(token);
      if (!new_session) {
        return Error(403, "This login link was already used or is wrong. Restart rehab serve "
                          "for a new one.");
      }
      Response r = Redirect("/caseload");
      r.Set("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", kCookie,
                                      *new_session, options_.secure_cookies ? "; Secure" : ""));
      return r;
    }
    return Error(401, "Open the address that rehab serve printed when it started.");
  }

  // ---- Therapist pages: a session, and on every POST its anti-forgery token.
  if (!csrf) return Error(401, "Open the address that rehab serve printed when it started.");
  std::optional<std::vector<std::pair<std::string, std::string>>> form;
  if (post) {
    form = ParseForm(request.body);
    if (!form) return Error(400, "The form could not be read.");
    if (!ConstantTimeEqual(FormValue(*form, "csrf"), *csrf)) {
      return Error(403, "The form is out of date: reload the page and try again.");
    }
  }
  const std::string& first = (*seg)[0];
  if (first == "logout" && post && seg->size() == 1) {
    sessions_.Logout(session);
    Response r = Html(200, LoggedOutPage());
    r.Set("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", kCookie));
    return r;
  }
  if (first == "caseload" && get && seg->size() == 1) {
    size_t page = 1;
    std::string page_text = FormValue(*query_form, "page");
    std::from_chars(page_text.data(), page_text.data() + page_text.size(), page);
    return Html(200, CaseloadPage(caseload_.All(), caseload_.Today(), *csrf, page));
  }
  if (first == "programs" && get) {
    if (seg->size() == 1) return Html(200, ProgramsPage(&programs_, *csrf));
    if (seg->size() == 2) {
      std::string page;
      if (!ProgramPage(&programs_, (*seg)[1], *csrf, &page)) return Error(404, "No such program.");
      return Html(200, page);
    }
  }
  if (first == "patients" && seg->size() == 2 && (*seg)[1] == "new") {
    PatientForm pf;
    if (get) {
      pf.values = {{"side", "right"}, {"units", "kg"}, {"language", "en"},
                   {"sessions.days", "mon, wed, fri"}, {"sessions.times", "09:00"},
                   {"timezone", "UTC"}, {"start", FormatDate(caseload_.Today())}};
      return Html(200, PatientFormPage(pf, &programs_, *csrf));
    }
    pf.values = FormFields(*form);
    pf.errors = CheckValues(pf.values);
    if (pf.values["diary"].empty() && !pf.errors.count("id")) {
      pf.values["diary"] = pf.values["id"] + "-diary.csv";
    }
    fs::path file = caseload_.dir() / (pf.values["id"] + ".yaml");
    if (pf.errors.empty()) {
      if (caseload_.Find(pf.values["id"]) || StampOf(file).exists) {
        pf.errors["id"] = "a patient with this id (or its file) exists already";
      }
    }
    if (pf.errors.empty()) {
      std::string text = NewPatientYaml(
          pf.values, fmt::format("# Made with rehab serve on {}. Edit here or by hand.\n",
                                 FormatDate(caseload_.Today())));
      if (ValidatePatientText(text, file, &programs_, &pf)) {
        std::string error;
        if (!cli::WriteFileAtomically(file.string(), text, &error)) {
          return Error(500, "The patient file could not be written: " + error);
        }
        return Redirect("/patients/" + pf.values["id"]);
      }
    }
    return Html(422, PatientFormPage(pf, &programs_, *csrf));
  }
  if (first == "patients" && seg->size() == 3 && (*seg)[2] == "edit") {
    std::shared_ptr<const PatientState> state = caseload_.Find((*seg)[1]);
    if (!state) return Error(404, "No patient has that id.");
    std::string error;
    std::optional<std::string> text = cli::ReadWholeFile(state->file.string(), &error);
    if (!text) return Error(500, error);
    PatientForm pf;
    pf.is_new = false;
    pf.patient_id = state->id;
    const fs::path dir = state->file.parent_path();
    const FieldValues in_file = ValuesFromYaml(*text);
    const std::vector<OverrideRow> file_overrides = OverridesFromYaml(*text);
    if (get) {
      pf.values = in_file;
      pf.stamp = StampText(state->file);
      pf.overrides = file_overrides;
      pf.override_choices =
          OverrideChoices(pf.values["program"], dir, pf.values["units"], pf.overrides, &programs_);
      return Html(200, PatientFormPage(pf, &programs_, *csrf));
    }
    pf.values = FormFields(*form);
    pf.stamp = FormValue(*form, "stamp");
    pf.values["id"] = state->id;  // the id names the files: changed by hand only
    pf.errors = CheckValues(pf.values);
    // The exercises' table, when the form showed it: its rows are those of
    // the program the form was made for (the file's).
    FieldValues file_values = in_file;
    const std::vector<OverrideChoice> shown = OverrideChoices(
        file_values["program"], dir, file_values["units"], file_overrides, &programs_);
    const bool overrides_posted = FormValue(*form, "overrides") == "shown" && !shown.empty();
    pf.overrides = file_overrides;
    if (overrides_posted) {
      pf.overrides = FormOverrides(*form, shown);
      pf.errors.merge(CheckOverrides(pf.overrides));
    }
    pf.override_choices =
        OverrideChoices(pf.values["program"], dir, pf.values["units"], pf.overrides, &programs_);
    if (pf.stamp != StampText(state->file)) {
      pf.general.push_back("the file was changed by someone else meanwhile: reload the form");
      pf.stamp = StampText(state->file);
    }
    std::string edited, why;
    if (pf.errors.empty() && pf.general.empty() &&
        !EditPatientYaml(*text, pf.values, &edited, &why)) {
      pf.general.push_back(why);
    }
    if (overrides_posted && pf.errors.empty() && pf.general.empty()) {
      std::string with_overrides;
      if (EditOverridesYaml(edited, pf.overrides, &with_overrides, &why)) {
        edited = std::move(with_overrides);
      } else {
        pf.general.push_back(why);
      }
    }
    if (pf.errors.empty() && pf.general.empty() &&
        ValidatePatientText(edited, state->file, &programs_, &pf)) {
      if (edited != *text && !cli::WriteFileAtomically(state->file.string(), edited, &error)) {
        return Error(500, "The patient file could not be written: " + error);
      }
      return Redirect("/patients/" + state->id);
    }
    return Html(422, PatientFormPage(pf, &programs_, *csrf));
  }
  if (first == "patients" && seg->size() >= 2) {
    std::shared_ptr<const PatientState> state = caseload_.Find((*seg)[1]);
    if (!state) return Error(404, "No patient has that id.");
    const std::string what = seg->size() > 2 ? (*seg)[2] : "";
    if (seg->size() == 2 && get) {
      std::optional<std::string> secret = links_.SecretOf(state->id);
      const std::string link = secret ? options_.base_url + "/p/" + *secret : "";
      return Html(200, PlanPage(*state, *csrf, link,
                                link.empty() ? "" : QrSvg(link, 40, "QR code of the patient's page")));
    }
    if (what == "link" && post && seg->size() <= 4) {
      std::string error, secret;
      bool revoke = seg->size() == 4 && (*seg)[3] == "revoke";
      if (seg->size() == 4 && !revoke) return Error(404, "There is no page here.");
      bool ok = revoke ? links_.Revoke(state->id, &error) : links_.Create(state->id, &secret, &error);
      if (!ok) return Error(500, "The link could not be saved: " + error);
      return Redirect("/patients/" + (*seg)[1]);
    }
    if (!state->plan) return Error(409, "This patient cannot be planned; see the errors on the plan page.");
    if (what == "explain" && get && seg->size() == 3) {
      std::optional<Date> day = ParseDate(FormValue(*query_form, "date"));
      if (!day) day = state->today;
      Response r;
      r.Set("Content-Type", "text/plain; charset=utf-8");
      r.body = RenderExplain(*state->plan, *day);
      return r;
    }
    if (what.starts_with("plan.") && get && seg->size() == 3) {
      std::string ext = what.substr(5);
      std::optional<std::string> secret = links_.SecretOf(state->id);
      const std::string link = secret ? options_.base_url + "/p/" + *secret : "";
      if (ext == "html") return Html(200, Handout(*state->plan, link));
      if (ext == "pdf") {
        Response r;
        std::string error;
        if (!cli::RenderPdf(Handout(*state->plan, link), &r.body, &error)) {
          return Error(503, "The PDF could not be made: " + error);
        }
        r.Set("Content-Type", "application/pdf");
        r.Set("Content-Disposition", FileNameOf(state->id, "pdf"));
        return r;
      }
      for (const OutputFormat& f : OutputFormats()) {
        if (f.extension != ext) continue;
        Response r;
        f.render(*state->plan, RenderOptions{}, &r.body);
        std::string type(f.media_type);
        r.Set("Content-Type", type.find("charset") == std::string::npos ? type + "; charset=utf-8"
                                                                          : type);
        if (ext != "html") {
          r.Set("Content-Disposition", FileNameOf(state->id, f.extension));
        }
        return r;
      }
    }
  }
  return Error(404, "There is no page here.");
}

}  // namespace rehab::serve
