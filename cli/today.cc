// `rehab today [PROGRAM] [plan options]`: the plan's day for today (or
// --today), as a patient follows it. Without PROGRAM, the patient file's
// `program:` (a built-in id, or a path relative to the patient file).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string_view>
#include <utility>

#include "cli/common.h"
#include "cli/io.h"
#include "cli/terminal.h"
#include "planner/engine/time_zones.h"
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
    "end says so. It takes the options of 'rehab plan'; --today DATE is the day\n"
    "(default: today's date in the patient's time zone, --tz or the file's).\n"
    "On a terminal, headings are bold and alerts red, unless NO_COLOR is set.\n";

// Today's date where the patient is, in time zone `zone` (UTC when the tz
// database has no such zone: planning then reports it): a patient in Chicago
// at 19:00 is still on the day the UTC clock has already left.
std::string LocalToday(const std::string& zone) {
  auto now = std::chrono::system_clock::now();
  Date today = std::chrono::floor<date::days>(now);
  if (const date::time_zone* tz = IsUtcZoneName(zone) ? nullptr : FindTimeZone(zone)) {
    today = Date(std::chrono::floor<date::days>(tz->to_local(now)).time_since_epoch());
  }
  return FormatDate(today);
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
  const bool has_program = vm->count("program") > 0, has_today = vm->count("today") > 0;
  if (!has_program && !vm->count("patient")) {
    err << "rehab: today needs a PROGRAM, or --patient FILE naming its program\n\n" << kTodayUsage;
    return kExitUsage;
  }
  // The patient file, read first when it names the program or the zone of today.
  std::optional<PatientFile> patient;
  if (vm->count("patient") && (!has_program || (!has_today && !vm->count("tz")))) {
    patient.emplace();
    status = ReadPatientFile((*vm)["patient"].as<std::string>(), err, &*patient);
    if (status != kExitOk) return status;
  }
  Args full = args;
  if (!has_program && (status = PrependPatientProgram(*patient, err, &full)) != kExitOk) {
    return status;
  }
  if (!has_today) {
    std::string zone = vm->count("tz") ? (*vm)["tz"].as<std::string>()
                       : patient       ? patient->patient.timezone
                                       : "UTC";
    full.insert(full.end(), {"--today", LocalToday(zone)});
  }
  vm = ParseArgs(full, kTodayUsage, options, positional, out, err, &status);
  if (!vm) return status;
  Plan plan;
  ProgramLibrary library;
  status = BuildPlan(*vm, &library, err, &plan);
  if (status != kExitOk) return status;
  out << StyleLines(RenderTodayLines(plan, plan.today), StyledStdout());
  return kExitOk;
}

}  // namespace rehab::cli
