// `rehab plan PROGRAM ...`: generates the plan and renders it in one of six
// formats, to stdout or atomically to -o FILE.
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/io.h"
#include "cli/pdf.h"
#include "planner/present/render_csv.h"
#include "planner/present/render_html.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"

namespace rehab::cli {

static constexpr char kPlanUsage[] =
    "usage: rehab plan PROGRAM [--patient FILE] [--start DATE | --surgery DATE]\n"
    "                  [--diary FILE] [--today DATE] [--weeks N] [--tz ZONE]\n"
    "                  [--format text|json|ics|csv|html|pdf] [--remind MINUTES]\n"
    "                  [--one-event-per-session] [--paper a4|letter|auto] [-o FILE]\n"
    "\n"
    "Generates a dated plan for one patient. PROGRAM is a built-in id (see\n"
    "'rehab programs') or a path to a YAML file. Without a patient file: every\n"
    "day at 08:00, time zone from --tz or UTC, starting --start (default today).\n"
    "With -o the file is written atomically; for ics, an existing -o file is\n"
    "read first so re-imported events update instead of duplicating. -o - is\n"
    "standard output. An existing -o FILE must be a regular file (a symbolic\n"
    "link to one is followed and the file it leads to replaced); a directory,\n"
    "FIFO or device such as /dev/null is refused, exit 1, and left as it is. A\n"
    "new file gets the umask's permissions; a replaced one keeps its mode.\n";

int RunPlan(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  AddPlanOptions(&options);
  options.add_options()
      ("format", po::value<std::string>()->default_value("text"), "text, json, ics, csv, html or pdf")
      ("remind", po::value<int>()->default_value(10), "ics: reminder minutes before (0: none)")
      ("one-event-per-session", po::bool_switch(),
       "ics: one event per session instead of repeating events")
      ("paper", po::value<std::string>()->default_value("auto"), "html/pdf: a4, letter or auto")
      ("output,o", po::value<std::string>(),
       "write to FILE (atomically; a regular file or none) instead of stdout; - is stdout")
      ("program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kPlanUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("program")) {
    err << "rehab: plan needs a PROGRAM\n\n" << kPlanUsage;
    return kExitUsage;
  }
  const std::string format = (*vm)["format"].as<std::string>();
  static const std::vector<std::string> kFormats = {"text", "json", "ics", "csv", "html", "pdf"};
  if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
    err << fmt::format("rehab: --format must be one of text, json, ics, csv, html, pdf; got "
                       "\"{}\"{}\n",
                       format, DidYouMean(format, kFormats));
    return kExitUsage;
  }
  // -o - is standard output, as no -o is; -o '' is no file name at all.
  std::string output = vm->count("output") ? (*vm)["output"].as<std::string>() : "";
  if (vm->count("output") && output.empty()) {
    err << "rehab: -o needs a file name (-o - for standard output)\n";
    return kExitUsage;
  }
  const bool to_stdout = output.empty() || output == "-";
  if (format == "pdf" && output.empty()) {
    err << "rehab: --format pdf needs -o FILE (-o - for standard output)\n";
    return kExitUsage;
  }
  // A target that is not a regular file is refused before any work is done
  // (WriteFileAtomically checks again when it writes).
  if (!to_stdout) {
    std::string error;
    if (!CheckOutputTarget(output, &error)) {
      err << "rehab: " << error << "\n";
      return kExitInvalidInput;
    }
  }
  const std::string paper = (*vm)["paper"].as<std::string>();
  if (paper != "auto" && paper != "a4" && paper != "letter") {
    err << fmt::format("rehab: --paper must be a4, letter or auto, got \"{}\"\n", paper);
    return kExitUsage;
  }
  int remind = (*vm)["remind"].as<int>();
  if (remind < 0 || remind > 10080) {
    err << fmt::format("rehab: --remind must be from 0 to 10080 minutes, got {}\n", remind);
    return kExitUsage;
  }

  Plan plan;
  status = BuildPlan(*vm, err, &plan);
  if (status != kExitOk) return status;

  std::string rendered;
  if (format == "text") {
    rendered = RenderText(plan);
  } else if (format == "json") {
    rendered = RenderJson(plan);
  } else if (format == "csv") {
    rendered = RenderCsv(plan);
  } else if (format == "ics") {
    IcsOptions ics;
    ics.remind_minutes = remind;
    ics.repeat = !(*vm)["one-event-per-session"].as<bool>();
    std::error_code ec;
    if (!to_stdout && std::filesystem::exists(output, ec)) {
      std::string error;
      auto previous = ReadWholeFile(output, &error);
      if (!previous) {
        err << "rehab: " << error << "\n";
        return kExitInvalidInput;
      }
      ics.previous = *previous;
    }
    rendered = RenderIcs(plan, ics);
  } else {
    HtmlOptions html;
    html.paper = paper == "a4" ? Paper::kA4 : paper == "letter" ? Paper::kLetter : Paper::kAuto;
    rendered = RenderHtml(plan, html);
  }

  std::string error;
  if (format == "pdf") {
    std::string pdf;
    if (to_stdout ? !RenderPdf(rendered, &pdf, &error) : !PrintPdf(rendered, output, &error)) {
      err << "rehab: " << error << "\n";
      return kExitInvalidInput;
    }
    if (to_stdout) out << pdf;
    return kExitOk;
  }
  if (to_stdout) {
    out << rendered;
    return kExitOk;
  }
  if (!WriteFileAtomically(output, rendered, &error)) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  return kExitOk;
}

}  // namespace rehab::cli
