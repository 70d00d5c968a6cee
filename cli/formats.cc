// The verbs' output formats: each library format as it is, and pdf.
#include "cli/formats.h"

#include <algorithm>
#include <cctype>
#include <ostream>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/common.h"
#include "cli/io.h"
#include "cli/pdf.h"
#include "planner/base/diagnostics.h"
#include "planner/engine/engine.h"
#include "planner/present/render_html.h"

namespace rehab::cli {

namespace po = boost::program_options;

namespace {

std::string HandoutHtml(const Plan& plan, const RenderOptions& options) {
  HtmlOptions html;
  html.paper = options.paper;
  html.figures = options.figures;
  return RenderHtml(plan, html);
}

bool RenderPdfHandout(const Plan& plan, const RenderOptions& options, std::string* out,
                      std::string* error) {
  return RenderPdf(HandoutHtml(plan, options), out, error);
}

bool WritePdfHandout(const Plan& plan, const RenderOptions& options, const std::string& path,
                     std::string* error) {
  return PrintPdf(HandoutHtml(plan, options), path, error);
}

// The library's formats `rehab batch` writes, one file per patient (and pdf).
bool InBatch(std::string_view name) {
  return name == "ics" || name == "json" || name == "html" || name == "fhir";
}

std::vector<Format> MakeFormats() {
  std::vector<Format> formats;
  for (const OutputFormat& library : OutputFormats()) {
    formats.push_back({.name = library.name,
                       .media_type = library.media_type,
                       .extension = library.extension,
                       .library = &library,
                       .reads_previous = library.reads_previous,
                       .in_batch = InBatch(library.name)});
  }
  formats.push_back({.name = "pdf",
                     .media_type = "application/pdf",
                     .extension = "pdf",
                     .render_cli = RenderPdfHandout,
                     .write_cli = WritePdfHandout,
                     .needs_output_file = true,
                     .in_batch = true});
  return formats;
}

}  // namespace

bool Format::Render(const Plan& plan, const RenderOptions& options, std::string* out,
                    std::string* error) const {
  if (library == nullptr) return render_cli(plan, options, out, error);
  library->render(plan, options, out);
  return true;
}

bool Format::Write(const Plan& plan, const RenderOptions& options, const std::string& path,
                   std::string* error) const {
  if (library == nullptr) return write_cli(plan, options, path, error);
  std::string bytes;
  library->render(plan, options, &bytes);
  return WriteFileAtomically(path, bytes, error);
}

std::span<const Format> Formats() {
  static const std::vector<Format> formats = MakeFormats();
  return formats;
}

const Format* FindFormat(std::string_view name) {
  for (const Format& format : Formats()) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

const std::vector<std::string>& FormatNames(FormatUse use) {
  auto names = [](std::string_view first, bool batch) {
    std::vector<std::string> list = {std::string(first)};
    for (const Format& format : Formats()) {
      if (format.name != first && (!batch || format.in_batch)) list.emplace_back(format.name);
    }
    return list;
  };
  static const std::vector<std::string> plan = names("text", false);
  static const std::vector<std::string> batch = names("ics", true);
  return use == FormatUse::kBatch ? batch : plan;
}

std::string JoinFormatNames(const std::vector<std::string>& names, std::string_view separator) {
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : std::string(separator)) + name;
  return joined;
}

std::string ListFormatNames(const std::vector<std::string>& names) {
  if (names.size() < 2) return JoinFormatNames(names, ", ");
  std::vector<std::string> all_but_last(names.begin(), names.end() - 1);
  return JoinFormatNames(all_but_last, ", ") + " or " + names.back();
}

void AddFormatOptions(FormatUse use, po::options_description* options) {
  const std::vector<std::string>& names = FormatNames(use);
  const std::string formats = ListFormatNames(names);
  options->add_options()
      ("format", po::value<std::string>()->default_value(names.front()), formats.c_str())
      ("remind", po::value<int>()->default_value(10), "ics: reminder minutes before (0: none)")
      ("one-event-per-session", po::bool_switch(),
       "ics: one event per session instead of repeating events")
      ("no-cancelled", po::bool_switch(),
       "ics: leave out cancelled copies of removed events (for a fresh calendar)")
      ("fhir-transaction", po::bool_switch(),
       "fhir: a transaction Bundle of PUT requests (to post to a FHIR server)");
  if (use == FormatUse::kPlan) {
    options->add_options()
        ("paper", po::value<std::string>()->default_value("auto"), "html/pdf: a4, letter or auto")
        ("no-figures", po::bool_switch(), "html/pdf: leave the exercise figures out of the cards")
        ("from", po::value<std::string>(),
         "text: first day shown, YYYY-MM-DD (default: this week's Monday)")
        ("show-weeks", po::value<int>(), "text: weeks shown from --from (default: to the end)")
        ("all", po::bool_switch(), "text: show every week of the plan, past weeks too");
  }
}

const Format* FormatArg(const po::variables_map& vm, FormatUse use, std::ostream& err) {
  const std::vector<std::string>& names = FormatNames(use);
  // Any case: "PDF" is pdf.
  const std::string given = vm["format"].as<std::string>();
  std::string name = given;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    err << fmt::format("rehab: --format must be one of {}; got \"{}\"{}\n",
                       JoinFormatNames(names, ", "), given, DidYouMean(name, names));
    return nullptr;
  }
  return FindFormat(name);
}

std::optional<RenderOptions> RenderOptionsArg(const po::variables_map& vm, std::ostream& err) {
  RenderOptions options;
  std::string error;
  if (vm.count("paper")) {
    std::optional<Paper> paper = ParsePaper(vm["paper"].as<std::string>(), &error);
    if (!paper) {
      err << "rehab: --" << error << "\n";
      return std::nullopt;
    }
    options.paper = *paper;
  }
  if (vm.count("no-figures")) options.figures = !vm["no-figures"].as<bool>();
  options.remind_minutes = vm["remind"].as<int>();
  options.one_event_per_session = vm["one-event-per-session"].as<bool>();
  options.no_cancelled = vm["no-cancelled"].as<bool>();
  options.fhir_transaction = vm["fhir-transaction"].as<bool>();
  if (options.fhir_transaction && vm["format"].as<std::string>() != "fhir") {
    err << fmt::format("rehab: --fhir-transaction applies to --format fhir only, got --format {}\n",
                       vm["format"].as<std::string>());
    return std::nullopt;
  }
  error = CheckRenderOptions(options);
  if (!error.empty()) {
    err << "rehab: --" << error << "\n";
    return std::nullopt;
  }
  return options;
}

std::optional<WindowRequest> WindowRequestArg(const po::variables_map& vm, const Format& format,
                                              std::ostream& err) {
  WindowRequest request;
  const bool from = vm.count("from") > 0, weeks = vm.count("show-weeks") > 0;
  request.all = vm.count("all") > 0 && vm["all"].as<bool>();
  if ((from || weeks || request.all) && format.name != "text") {
    err << fmt::format("rehab: --{} applies to --format text only (the {} plan is always whole)\n",
                       from ? "from" : weeks ? "show-weeks" : "all", format.name);
    return std::nullopt;
  }
  if (request.all && (from || weeks)) {
    err << fmt::format("rehab: --all shows every week: give it without --{}\n",
                       from ? "from" : "show-weeks");
    return std::nullopt;
  }
  if (from) {
    request.from = DateArg("from", vm["from"].as<std::string>(), err);
    if (!request.from) return std::nullopt;
  }
  if (weeks) {
    request.weeks = vm["show-weeks"].as<int>();
    if (request.weeks < 1 || request.weeks > kMaxPlanWeeks) {
      err << fmt::format("rehab: --show-weeks must be from 1 to {}, got {}\n", kMaxPlanWeeks,
                         request.weeks);
      return std::nullopt;
    }
  }
  return request;
}

int ApplyWindow(const WindowRequest& request, const Plan& plan, std::ostream& err,
                TextWindow* window) {
  *window = TextWindow{};
  if (request.all || plan.days.empty()) return kExitOk;
  const Date last = plan.end - date::days(1);
  window->weeks = request.weeks;
  if (!request.from) {
    Date monday = MondayOf(plan.today);
    if (monday <= last) window->from = monday;
    return kExitOk;
  }
  if (*request.from > last) {
    err << fmt::format("rehab: --from {} is after the plan's last day, {} (the plan runs {} to "
                       "{})\n",
                       FormatDate(*request.from), FormatDate(last), FormatDate(plan.start),
                       FormatDate(last));
    return kExitUsage;
  }
  if (*request.from < plan.start) {
    err << fmt::format("rehab: note: the plan starts on {}, after --from {}: shown from its "
                       "start\n",
                       FormatDate(plan.start), FormatDate(*request.from));
  }
  window->from = request.from;
  return kExitOk;
}

}  // namespace rehab::cli
