// Verb dispatch and the top-level help.
#include "cli/cli.h"

#include <exception>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/formats.h"
#include "planner/base/diagnostics.h"

namespace rehab::cli {

namespace {

std::string Usage() {
  return fmt::format(
      "usage: rehab VERB [options]\n"
      "\n"
      "verbs:\n"
      "  init       write a starter patient, diary or program file\n"
      "  programs   list the built-in programs\n"
      "  show       print one program\n"
      "  exercises  list the catalogue's exercises, by target, kind or equipment\n"
      "  validate   check program, patient or diary files\n"
      "  plan       generate a dated plan ({})\n"
      "  today      what to do today: alerts, sessions and doses, ice, the diary\n"
      "  explain    why each exercise has its dose on a given day\n"
      "  log        add a pain-diary entry\n"
      "  batch      plan a folder of patients, one output each ({})\n"
      "  triage     who in a folder of patients needs attention first\n"
      "  figure     draw one exercise's illustration as SVG\n"
      "  serve      the clinic's web app over a folder of patients\n"
      "  publish    keep a CalDAV calendar equal to the plan\n"
      "\n"
      "Run 'rehab VERB --help' for a verb's options.\n",
      JoinFormatNames(FormatNames(FormatUse::kPlan), ", "),
      JoinFormatNames(FormatNames(FormatUse::kBatch), ", "));
}

struct Verb {
  const char* name;
  int (*run)(const Args&, std::ostream&, std::ostream&);
};

constexpr Verb kVerbs[] = {
    {"init", RunInit},         {"programs", RunPrograms}, {"show", RunShow},
    {"exercises", RunExercises},
    {"validate", RunValidate}, {"plan", RunPlan},         {"today", RunToday},
    {"explain", RunExplain},   {"log", RunLog},           {"batch", RunBatch},
    {"triage", RunTriage},     {"figure", RunFigure},     {"publish", RunPublish},
    {"serve", RunServe},
};

}  // namespace

int Run(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << Usage();
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    out << Usage();
    return kExitOk;
  }
  if (args[0] == "--version") {
    out << "rehab " << REHAB_VERSION << "\n";
    return kExitOk;
  }
  for (const auto& verb : kVerbs) {
    if (args[0] == verb.name) {
      Args rest(args.begin() + 1, args.end());
      // Last line of defence: no exception ever leaves the CLI as a crash.
      try {
        return verb.run(rest, out, err);
      } catch (const std::exception& e) {
        err << "rehab: internal error: " << e.what() << "\n";
        return kExitInvalidInput;
      }
    }
  }
  std::vector<std::string> names;
  for (const auto& verb : kVerbs) names.emplace_back(verb.name);
  err << "rehab: unknown verb '" << args[0] << "'" << DidYouMean(args[0], names) << "\n\n"
      << Usage();
  return kExitUsage;
}

}  // namespace rehab::cli
