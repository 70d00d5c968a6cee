// The library's output formats and the checks of their options.
#include "planner/present/formats.h"

#include <fmt/format.h>

#include "planner/present/render_csv.h"
#include "planner/present/render_fhir.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"

namespace rehab {

namespace {

void Text(const Plan& plan, const RenderOptions& options, std::string* out) {
  *out = RenderText(plan, options.window);
}

StyledText TextLines(const Plan& plan, const RenderOptions& options) {
  return RenderTextLines(plan, options.window);
}

void Json(const Plan& plan, const RenderOptions&, std::string* out) { *out = RenderJson(plan); }

void Ics(const Plan& plan, const RenderOptions& options, std::string* out) {
  IcsOptions ics;
  ics.remind_minutes = options.remind_minutes;
  ics.repeat = !options.one_event_per_session;
  ics.keep_cancelled = !options.no_cancelled;
  ics.refresh_minutes = options.refresh_minutes;
  RenderIcs(plan, ics, options.previous, out);
}

void Csv(const Plan& plan, const RenderOptions&, std::string* out) { *out = RenderCsv(plan); }

void Html(const Plan& plan, const RenderOptions& options, std::string* out) {
  HtmlOptions html;
  html.paper = options.paper;
  html.figures = options.figures;
  *out = RenderHtml(plan, html);
}

void Fhir(const Plan& plan, const RenderOptions& options, std::string* out) {
  FhirOptions fhir;
  fhir.transaction = options.fhir_transaction;
  *out = RenderFhir(plan, fhir);
}

constexpr OutputFormat kFormats[] = {
    {"text", "text/plain; charset=utf-8", "txt", Text, /*reads_previous=*/false, TextLines},
    {"json", "application/json", "json", Json},
    {"ics", "text/calendar", "ics", Ics, /*reads_previous=*/true, /*render_lines=*/nullptr,
     /*shows_today=*/false},
    {"csv", "text/csv", "csv", Csv},
    {"html", "text/html", "html", Html},
    {"fhir", "application/fhir+json", "fhir.json", Fhir},
};

}  // namespace

std::string CheckRenderOptions(const RenderOptions& options) {
  if (options.remind_minutes < 0 || options.remind_minutes > kMaxRemindMinutes) {
    return fmt::format("remind must be from 0 to {} minutes, got {}", kMaxRemindMinutes,
                       options.remind_minutes);
  }
  return "";
}

std::optional<Paper> ParsePaper(std::string_view name, std::string* error) {
  if (name == "auto") return Paper::kAuto;
  if (name == "a4") return Paper::kA4;
  if (name == "letter") return Paper::kLetter;
  *error = fmt::format("paper must be a4, letter or auto, got \"{}\"", name);
  return std::nullopt;
}

std::span<const OutputFormat> OutputFormats() { return kFormats; }

const OutputFormat* FindOutputFormat(std::string_view name) {
  for (const OutputFormat& format : kFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace rehab
