// `rehab show PROGRAM`: prints a program's phases, exercises and rules.
#include <ostream>

#include <fmt/format.h>

#include "cli/common.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"

namespace rehab::cli {

static constexpr char kShowUsage[] =
    "usage: rehab show PROGRAM [--format text|json]\n"
    "\n"
    "Prints a program: phases, exercises with their progression ladders,\n"
    "restrictions, ice and heat, red flags and sources. PROGRAM is a built-in\n"
    "id (see 'rehab programs') or a path to a YAML file.\n";

int RunShow(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")(
      "format", po::value<std::string>()->default_value("text"), "text or json")(
      "program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kShowUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("program")) {
    err << "rehab: show needs a PROGRAM\n\n" << kShowUsage;
    return kExitUsage;
  }
  std::optional<std::string> format =
      ChoiceArg("format", (*vm)["format"].as<std::string>(), {"text", "json"}, err);
  if (!format) return kExitUsage;
  const std::string name = (*vm)["program"].as<std::string>();
  ProgramLibrary library;
  if ((name == "exercises" || name == "exercise" || name == "catalogue") && !library.FileOf(name)) {
    err << "rehab: 'show' prints a program; 'rehab exercises' lists the catalogue's exercises "
           "(--target, --kind, --equipment filter them)\n";
    return kExitUsage;
  }
  auto program = LoadProgramArg(name, err, &status);
  if (!program) return status;
  // `show` prints the program as its file has it, in English (no --language).
  out << (*format == "json" ? RenderProgramJson(*program) : RenderProgramText(*program, "en"));
  return kExitOk;
}

}  // namespace rehab::cli
