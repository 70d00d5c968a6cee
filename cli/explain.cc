// `rehab explain PROGRAM [plan options] --date DATE`: why each exercise on
// that day has its dose, in plain words.
#include <ostream>

#include <fmt/format.h>

#include "cli/common.h"
#include "planner/present/render_text.h"

namespace rehab::cli {

static constexpr char kExplainUsage[] =
    "usage: rehab explain PROGRAM [--patient FILE] [--start DATE | --surgery DATE]\n"
    "                     [--diary FILE] [--today DATE] [--weeks N] [--tz ZONE] --date DATE\n"
    "\n"
    "For each exercise on DATE: its dose, and every decision that led there\n"
    "(start, step up, hold, step back, stop), with the diary entries behind it.\n";

int RunExplain(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  AddPlanOptions(&options);
  options.add_options()("date", po::value<std::string>(), "the day to explain, YYYY-MM-DD")(
      "program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kExplainUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("program") || !vm->count("date")) {
    err << "rehab: explain needs a PROGRAM and --date DATE\n\n" << kExplainUsage;
    return kExitUsage;
  }
  std::string text = (*vm)["date"].as<std::string>();
  auto day = ParseDate(text);
  if (!day) {
    err << fmt::format("rehab: --date must be a date as YYYY-MM-DD, got \"{}\"\n", text);
    return kExitUsage;
  }
  Plan plan;
  ProgramLibrary library;
  status = BuildPlan(*vm, &library, err, &plan);
  if (status != kExitOk) return status;
  out << RenderExplain(plan, *day);
  return kExitOk;
}

}  // namespace rehab::cli
