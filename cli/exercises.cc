// `rehab exercises [--target T] [--kind K] [--equipment E] [--program P]`:
// the catalogue's exercises (or one program's), filtered, one line each.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "cli/common.h"
#include "planner/base/diagnostics.h"
#include "planner/base/utf8.h"

namespace rehab::cli {

namespace {

constexpr char kExercisesUsage[] =
    "usage: rehab exercises [--target TARGET] [--kind KIND] [--equipment WORD]\n"
    "                       [--program PROGRAM] [--format text|json]\n"
    "\n"
    "Lists the exercise catalogue (programs/exercises.yaml), or with --program\n"
    "the exercises of one program: id, name, kind, body targets and equipment.\n"
    "The filters combine (an exercise must match each one given). --target and\n"
    "--kind take one of the values the list uses (an unknown one is an error\n"
    "that lists them); --equipment matches a word of the equipment ('band'\n"
    "finds 'resistance band'), and 'none' the exercises that need nothing.\n";

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : separator) + item;
  return joined;
}

// The filters given on the command line, lower-cased; empty when not given.
struct Filters {
  std::string target, kind, equipment;

  bool Match(const Exercise& ex) const {
    if (!target.empty() && std::none_of(ex.targets.begin(), ex.targets.end(),
                                        [&](const auto& t) { return Lower(t) == target; })) {
      return false;
    }
    if (!kind.empty() && ToString(ex.kind) != kind) return false;
    if (equipment == "none") return ex.equipment.empty();
    if (!equipment.empty() &&
        std::none_of(ex.equipment.begin(), ex.equipment.end(), [&](const auto& e) {
          return Lower(e).find(equipment) != std::string::npos;
        })) {
      return false;
    }
    return true;
  }
};

// True when --`flag` was not given or is one of `known`; else false after
// printing the known values (and the closest).
bool CheckKnown(const char* flag, const std::string& value, const std::set<std::string>& known,
                std::ostream& err) {
  if (value.empty() || known.count(value)) return true;
  std::vector<std::string> list(known.begin(), known.end());
  err << fmt::format("rehab: unknown --{} '{}'{}\n", flag, value, DidYouMean(value, list));
  err << fmt::format("rehab: the {}s are: {}\n", flag, Join(list, ", "));
  return false;
}

// --equipment WORD must be in some exercise's equipment.
bool CheckEquipment(const std::string& word, const std::vector<Exercise>& exercises,
                    std::ostream& err) {
  if (word.empty() || word == "none") return true;
  std::set<std::string> all;
  for (const auto& ex : exercises) {
    for (const auto& e : ex.equipment) {
      if (Lower(e).find(word) != std::string::npos) return true;
      all.insert(e);
    }
  }
  std::vector<std::string> list(all.begin(), all.end());
  err << fmt::format("rehab: no exercise needs equipment '{}'{}\n", word, DidYouMean(word, list));
  err << fmt::format("rehab: the equipment is: {} (or 'none')\n", Join(list, ", "));
  return false;
}

std::string TextTable(const std::vector<const Exercise*>& shown) {
  std::vector<std::vector<std::string>> rows = {{"id", "name", "kind", "targets", "equipment"}};
  for (const Exercise* ex : shown) {
    rows.push_back({ex->id, ex->name, ToString(ex->kind), Join(ex->targets, ", "),
                    ex->equipment.empty() ? "-" : Join(ex->equipment, ", ")});
  }
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], CountCharacters(row[i]));
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - CountCharacters(row[i]) + 2, ' ');
    }
    text += line + "\n";
  }
  return text;
}

std::string JsonList(const std::vector<const Exercise*>& shown) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Exercise* ex : shown) {
    list.push_back({{"id", ex->id},
                    {"name", ex->name},
                    {"kind", ToString(ex->kind)},
                    {"targets", ex->targets},
                    {"equipment", ex->equipment}});
  }
  return list.dump(2) + "\n";
}

}  // namespace

int RunExercises(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")("target", po::value<std::string>(),
                                                     "a body target, e.g. quadriceps")(
      "kind", po::value<std::string>(), "stretch, strength, mobility, balance, cardio or modality")(
      "equipment", po::value<std::string>(),
      "a word of the equipment, e.g. band; none: no equipment")(
      "program", po::value<std::string>(), "a program's exercises instead of the catalogue")(
      "format", po::value<std::string>()->default_value("text"), "text or json");
  int status = kExitOk;
  auto vm = ParseArgs(args, kExercisesUsage, options, {}, out, err, &status);
  if (!vm) return status;
  std::optional<std::string> format =
      ChoiceArg("format", (*vm)["format"].as<std::string>(), {"text", "json"}, err);
  if (!format) return kExitUsage;

  std::vector<Exercise> exercises;
  if (vm->count("program")) {
    auto program = LoadProgramArg((*vm)["program"].as<std::string>(), err, &status);
    if (!program) return status;
    exercises = program->exercises;
  } else {
    ProgramLibrary library;
    const LoadedCatalogue& catalogue = library.LoadCatalogue();
    if (!catalogue.catalogue) {
      err << catalogue.diags.ToString();
      return kExitInvalidInput;
    }
    exercises = catalogue.catalogue->exercises;
  }
  std::sort(exercises.begin(), exercises.end(),
            [](const Exercise& a, const Exercise& b) { return a.id < b.id; });

  auto value = [&](const char* name) {
    return vm->count(name) ? Lower((*vm)[name].as<std::string>()) : std::string();
  };
  const Filters filters = {value("target"), value("kind"), value("equipment")};
  std::set<std::string> targets;
  for (const auto& ex : exercises) {
    for (const auto& t : ex.targets) targets.insert(Lower(t));
  }
  std::set<std::string> kinds;
  for (ExerciseKind k : {ExerciseKind::kStretch, ExerciseKind::kStrength, ExerciseKind::kMobility,
                         ExerciseKind::kBalance, ExerciseKind::kCardio, ExerciseKind::kModality}) {
    kinds.insert(ToString(k));
  }
  if (!CheckKnown("target", filters.target, targets, err) ||
      !CheckKnown("kind", filters.kind, kinds, err) ||
      !CheckEquipment(filters.equipment, exercises, err)) {
    return kExitUsage;
  }
  std::vector<const Exercise*> shown;
  for (const auto& ex : exercises) {
    if (filters.Match(ex)) shown.push_back(&ex);
  }
  if (*format == "json") {
    out << JsonList(shown);
    return kExitOk;
  }
  if (shown.empty()) {
    err << "rehab: no exercise matches all of these filters\n";
    return kExitOk;
  }
  out << ForTerminal(TextTable(shown));
  return kExitOk;
}

}  // namespace rehab::cli
