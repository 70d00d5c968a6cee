// `rehab today [PROGRAM] [plan options]`: the plan's day for today (or
// --today), as a patient follows it. Without PROGRAM, the patient file's
// `program:` (a built-in id, or a path relative to the patient file).
#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <string_view>

#include "cli/common.h"
#include "cli/io.h"
#include "cli/terminal.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/render_today.h"

namespace rehab::cli {

namespace {

constexpr char kTodayUsage[] =
    "usage: rehab today PROGRAM [--patient FILE] [--start DATE | --surgery DATE]\n"
    "                   [--diary FILE] [--today DATE] [--weeks N] [--tz ZONE]\n"
    "       rehab today --patient FILE [options]   (the file names its program:)\n"
    "\n"
    "What to do today: any alert first, then today's sessions and ice or heat\n"
    "by time (in the patient's time zone) with each exercise's dose for today,\n"
    "what to write in the diary, and what else the day holds. A rest day names\n"
    "the next day with exercises; a day before the plan's start or after its\n"
    "end says so. It takes the options of 'rehab plan'; --today DATE is the day.\n"
    "On a terminal, headings are bold and alerts red, unless NO_COLOR is set.\n";

// Where the value of the top-level `program:` is in a patient file's text
// (as batch locates its keys); the whole file when it is not found.
SourceLoc ProgramKeyLoc(std::string_view text, const std::string& file) {
  constexpr std::string_view kKey = "program:";
  int line = 1;
  for (size_t pos = 0; pos < text.size(); ++line) {
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (l.starts_with(kKey)) {
      size_t col = kKey.size();
      while (col < l.size() && (l[col] == ' ' || l[col] == '\t')) ++col;
      return {file, line, static_cast<int>(col) + 1};
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return {file, 0, 0};
}

// The program the patient file names, as PROGRAM would be given: a built-in
// id as it is, a path joined to the patient file's folder. Returns kExitOk
// with `*program` set, or the status after printing why not.
int ProgramOfPatient(const std::string& path, std::ostream& err, std::string* program) {
  std::string error;
  auto text = ReadWholeFile(path, &error);
  if (!text) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  Diagnostics diags;
  std::optional<Patient> patient = LoadPatient(*text, path, &diags);
  if (!patient || diags.HasErrors()) {
    err << diags.ToString();
    return kExitInvalidInput;
  }
  if (patient->program.empty()) {
    err << fmt::format("rehab: {} names no program: give PROGRAM, or add 'program:' to the file\n",
                       path);
    return kExitUsage;
  }
  ProgramLibrary library;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::optional<std::string> file = library.FileOf(patient->program, &dir);
  if (!file) {
    diags.AddSource(path, *text);
    diags.Error(ProgramKeyLoc(*text, path), library.UnknownProgramMessage(patient->program));
    err << diags.ToString();
    return kExitInvalidInput;
  }
  // A built-in id stays an id (so messages name it); a path is the one found.
  *program = *file != library.BuiltinFile(patient->program) ? *file : patient->program;
  if (program->starts_with('-')) *program = "./" + *program;  // not to be read as an option
  return kExitOk;
}

}  // namespace

int RunToday(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  AddPlanOptions(&options);
  options.add_options()("program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kTodayUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("program")) {
    if (!vm->count("patient")) {
      err << "rehab: today needs a PROGRAM, or --patient FILE naming its program\n\n"
          << kTodayUsage;
      return kExitUsage;
    }
    std::string program;
    status = ProgramOfPatient((*vm)["patient"].as<std::string>(), err, &program);
    if (status != kExitOk) return status;
    Args with_program = {program};
    with_program.insert(with_program.end(), args.begin(), args.end());
    vm = ParseArgs(with_program, kTodayUsage, options, positional, out, err, &status);
    if (!vm) return status;
  }
  Plan plan;
  ProgramLibrary library;
  status = BuildPlan(*vm, &library, err, &plan);
  if (status != kExitOk) return status;
  out << StyleLines(RenderTodayLines(plan, plan.today), StyledStdout());
  return kExitOk;
}

}  // namespace rehab::cli
