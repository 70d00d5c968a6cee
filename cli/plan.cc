// `rehab plan PROGRAM ...`: generates the plan and renders it in one of the
// formats of cli/formats.h, to stdout or atomically to -o FILE.
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/formats.h"
#include "cli/io.h"
#include "cli/terminal.h"

namespace rehab::cli {

namespace {

std::string PlanUsage() {
  return fmt::format(
      "usage: rehab plan PROGRAM [--patient FILE] [--start DATE | --surgery DATE]\n"
      "                  [--diary FILE] [--today DATE] [--weeks N] [--tz ZONE]\n"
      "                  [--format {}] [--remind MINUTES]\n"
      "                  [--one-event-per-session] [--no-cancelled] [--fhir-transaction]\n"
      "                  [--paper a4|letter|auto] [--no-figures]\n"
      "                  [--from DATE] [--show-weeks N] [--all]\n"
      "                  [-o FILE]\n"
      "       rehab plan --patient FILE [options]   (the file names its program:)\n"
      "\n"
      "Generates a dated plan for one patient. PROGRAM is a built-in id (see\n"
      "'rehab programs') or a path to a YAML file; left out, it is the patient\n"
      "file's 'program:', and a PROGRAM other than the file's is an error unless\n"
      "--program-override. Without a patient file: every day at 08:00, time zone\n"
      "from --tz or UTC, starting --start (default today); a post-operative\n"
      "program needs --surgery DATE (or the file's 'surgery.date:').\n"
      "With -o the file is written atomically; for ics, an existing -o file is\n"
      "read first so re-imported events update instead of duplicating. -o - is\n"
      "standard output. An existing -o FILE must be a regular file (a symbolic\n"
      "link to one is followed and the file it leads to replaced); a directory,\n"
      "FIFO or device such as /dev/null is refused, exit 1, and left as it is. A\n"
      "new file gets the umask's permissions; a replaced one keeps its mode.\n"
      "\n"
      "--weeks N is the plan's length, counted from its start. The text format\n"
      "shows a window of it: from the Monday of today's week to the end, or from\n"
      "--from DATE (any day; before the plan's start: from its start, with a note;\n"
      "after its last day: an error), --show-weeks N weeks long. --all shows every\n"
      "week, past ones too; so does a today after the plan's end. The other formats\n"
      "are always the whole plan. On a terminal (not with -o FILE, not in a pipe),\n"
      "text has bold headings and red alerts unless NO_COLOR is set or TERM=dumb.\n"
      "\n"
      "The html and pdf handouts draw each exercise's figure on its card;\n"
      "--no-figures leaves them out (for a black-and-white print on a slow printer).\n",
      JoinFormatNames(FormatNames(FormatUse::kPlan), "|"));
}

// Where the rendering goes: standard output, or the file -o names.
struct Destination {
  std::string file;  // empty for standard output
  bool to_stdout() const { return file.empty(); }
};

// -o as given: "" and "-" are standard output; a file must be one that can be
// replaced, checked before any work is done (WriteFileAtomically checks
// again when it writes). Returns kExitOk or the status after printing why.
int DestinationArg(const po::variables_map& vm, const Format& format, std::ostream& err,
                   Destination* destination) {
  const std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (vm.count("output") && output.empty()) {
    err << "rehab: -o needs a file name (-o - for standard output)\n";
    return kExitUsage;
  }
  if (format.needs_output_file && output.empty()) {
    err << fmt::format("rehab: --format {} needs -o FILE (-o - for standard output)\n",
                       format.name);
    return kExitUsage;
  }
  if (output.empty() || output == "-") return kExitOk;
  std::string error;
  if (!CheckOutputTarget(output, &error)) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  destination->file = output;
  return kExitOk;
}

// The file being replaced, for a format that reads it; "" when there is none.
int ReadPrevious(const Format& format, const Destination& destination, std::ostream& err,
                 std::string* previous) {
  std::error_code ec;
  if (!format.reads_previous || destination.to_stdout() ||
      !std::filesystem::exists(destination.file, ec)) {
    return kExitOk;
  }
  std::string error;
  auto text = ReadWholeFile(destination.file, &error);
  if (!text) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  *previous = std::move(*text);
  return kExitOk;
}

int Emit(const Plan& plan, const Format& format, const RenderOptions& options,
         const Destination& destination, std::ostream& out, std::ostream& err) {
  std::string error;
  if (destination.to_stdout() && StyledStdout() && format.library != nullptr &&
      format.library->render_lines != nullptr) {
    out << StyleLines(format.library->render_lines(plan, options), true);
    return kExitOk;
  }
  if (destination.to_stdout()) {
    std::string rendered;
    if (!format.Render(plan, options, &rendered, &error)) {
      err << "rehab: " << error << "\n";
      return kExitInvalidInput;
    }
    out << rendered;
    return kExitOk;
  }
  if (!format.Write(plan, options, destination.file, &error)) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  return kExitOk;
}

}  // namespace

int RunPlan(const Args& args, std::ostream& out, std::ostream& err) {
  const std::string usage = PlanUsage();
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  AddPlanOptions(&options);
  AddFormatOptions(FormatUse::kPlan, &options);
  options.add_options()
      ("output,o", po::value<std::string>(),
       "write to FILE (atomically; a regular file or none) instead of stdout; - is stdout")
      ("program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, usage.c_str(), options, positional, out, err, &status);
  if (!vm) return status;
  status = ProgramFromPatient(args, "plan", usage.c_str(), options, positional, out, err, &vm);
  if (status != kExitOk || !vm) return status;
  const Format* format = FormatArg(*vm, FormatUse::kPlan, err);
  if (format == nullptr) return kExitUsage;
  Destination destination;
  status = DestinationArg(*vm, *format, err, &destination);
  if (status != kExitOk) return status;
  std::optional<RenderOptions> render = RenderOptionsArg(*vm, err);
  if (!render) return kExitUsage;
  std::optional<WindowRequest> window = WindowRequestArg(*vm, *format, err);
  if (!window) return kExitUsage;

  Plan plan;
  ProgramLibrary library;
  status = BuildPlan(*vm, &library, err, &plan);
  if (status != kExitOk) return status;
  status = ApplyWindow(*window, plan, err, &render->window);
  if (status != kExitOk) return status;
  std::string previous;
  status = ReadPrevious(*format, destination, err, &previous);
  if (status != kExitOk) return status;
  render->previous = previous;
  return Emit(plan, *format, *render, destination, out, err);
}

}  // namespace rehab::cli
