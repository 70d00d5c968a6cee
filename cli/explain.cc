// `rehab explain [PROGRAM] [plan options] [--date DATE]`: why each exercise
// on that day (default: the plan's today) has its dose, in plain words.
#include <fmt/format.h>

#include <ostream>

#include "cli/common.h"
#include "planner/present/render_text.h"

namespace rehab::cli {

static constexpr char kExplainUsage[] =
    "usage: rehab explain PROGRAM [--patient FILE] [--start DATE | --surgery DATE]\n"
    "                     [--diary FILE] [--today DATE] [--weeks N] [--tz ZONE] [--date DATE]\n"
    "       rehab explain --patient FILE [options]   (the file names its program:)\n"
    "\n"
    "For each exercise on DATE (default: today, or --today): its dose, and every\n"
    "decision that led there (start, step up, hold, step back, stop), with the\n"
    "diary entries behind it.\n";

int RunExplain(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  AddPlanOptions(&options);
  options.add_options()("date", po::value<std::string>(),
                        "the day to explain, YYYY-MM-DD (default: today)")(
      "program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kExplainUsage, options, positional, out, err, &status);
  if (!vm) return status;
  status = ProgramFromPatient(args, "explain", kExplainUsage, options, positional, out, err, &vm);
  if (status != kExitOk || !vm) return status;
  std::optional<Date> day;
  if (vm->count("date")) {
    day = DateArg("date", (*vm)["date"].as<std::string>(), err);
    if (!day) return kExitUsage;
  }
  Plan plan;
  ProgramLibrary library;
  status = BuildPlan(*vm, &library, err, &plan);
  if (status != kExitOk) return status;
  out << RenderExplain(plan, day.value_or(plan.today));
  return kExitOk;
}

}  // namespace rehab::cli
