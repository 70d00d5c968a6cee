// `rehab programs`: lists the built-in programs.
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "planner/base/utf8.h"

namespace rehab::cli {

static constexpr char kProgramsUsage[] =
    "usage: rehab programs [--format text|json]\n"
    "\n"
    "Lists the built-in programs: id, title and what they count from.\n";

int RunPrograms(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")(
      "format", po::value<std::string>()->default_value("text"), "text or json");
  int status = kExitOk;
  auto vm = ParseArgs(args, kProgramsUsage, options, {}, out, err, &status);
  if (!vm) return status;
  std::optional<std::string> format =
      ChoiceArg("format", (*vm)["format"].as<std::string>(), {"text", "json"}, err);
  if (!format) return kExitUsage;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  std::string text;
  int failures = 0;
  ProgramLibrary library;
  for (const auto& program : LoadBuiltinPrograms(&library, err)) {
    if (!program) {
      ++failures;
      continue;
    }
    const char* anchor = program->anchor == Anchor::kSurgery ? "surgery" : "start";
    list.push_back({{"id", program->id},
                    {"title", program->title},
                    {"version", program->version},
                    {"condition", program->condition},
                    {"anchor", anchor}});
    text += fmt::format("{:<36} {} (from the {} date)\n", program->id, program->title, anchor);
  }
  out << (*format == "json" ? list.dump(2) + "\n" : ForTerminal(text));
  return failures == 0 ? kExitOk : kExitInvalidInput;
}

}  // namespace rehab::cli
