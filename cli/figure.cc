// `rehab figure EXERCISE`: writes one exercise's illustration as SVG.
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/io.h"
#include "cli/program_library.h"
#include "planner/present/figure_svg.h"

namespace rehab::cli {

static constexpr char kFigureUsage[] =
    "usage: rehab figure EXERCISE [--program PROGRAM] [--step N] [--side left|right]\n"
    "                    [-o FILE]\n"
    "\n"
    "Draws an exercise's illustration as an SVG figure: the start pose in grey,\n"
    "the end pose in black, an arrow along the movement. EXERCISE is an id of\n"
    "the exercise catalogue, or with --program of that program's exercises (a\n"
    "built-in id or a YAML file), as the program changes them. --step N (from 1,\n"
    "the default) draws ladder step N, whose range sets the angle drawn. --side\n"
    "is the working leg (default right). -o writes FILE atomically; without it,\n"
    "or with -o -, the SVG goes to standard output.\n";

namespace {

// The exercises EXERCISE is looked up in: the program's, or the catalogue's.
// Returns kExitOk or the status after printing why.
int LoadExercises(const po::variables_map& vm, ProgramLibrary* library, std::vector<Exercise>* out,
                  std::ostream& err) {
  int status = kExitOk;
  if (vm.count("program")) {
    auto program = LoadProgramArg(vm["program"].as<std::string>(), err, &status);
    if (!program) return status;
    *out = program->exercises;
    return kExitOk;
  }
  const LoadedCatalogue& catalogue = library->LoadCatalogue();
  if (!catalogue.catalogue) {
    err << catalogue.diags.ToString();
    return kExitInvalidInput;
  }
  *out = catalogue.catalogue->exercises;
  return kExitOk;
}

const Exercise* FindOrSuggest(const std::vector<Exercise>& list, const std::string& id,
                              std::ostream& err) {
  std::vector<std::string> ids;
  for (const auto& ex : list) {
    if (ex.id == id) return &ex;
    ids.push_back(ex.id);
  }
  err << fmt::format("rehab: unknown exercise '{}'{}\n", id, DidYouMean(id, ids));
  return nullptr;
}

// The ladder step --step names (1-based), or null after printing why.
const Dose* StepArg(const po::variables_map& vm, const Exercise& ex, std::ostream& err) {
  int step = vm["step"].as<int>();
  if (step < 1 || static_cast<size_t>(step) > ex.ladder.size()) {
    err << fmt::format("rehab: --step must be from 1 to {} for '{}', got {}\n", ex.ladder.size(),
                       ex.id, step);
    return nullptr;
  }
  return &ex.ladder[step - 1];
}

}  // namespace

int RunFigure(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")("program", po::value<std::string>(),
                                                     "program id or file")(
      "step", po::value<int>()->default_value(1), "ladder step, from 1")(
      "side", po::value<std::string>()->default_value("right"), "left or right")(
      "output,o", po::value<std::string>(), "output file")("exercise", po::value<std::string>(),
                                                           "exercise id");
  po::positional_options_description positional;
  positional.add("exercise", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kFigureUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("exercise")) {
    err << "rehab: figure needs an EXERCISE\n\n" << kFigureUsage;
    return kExitUsage;
  }
  std::string side = (*vm)["side"].as<std::string>();
  if (side != "left" && side != "right") {
    err << fmt::format("rehab: --side must be left or right, got \"{}\"\n", side);
    return kExitUsage;
  }
  std::string output = vm->count("output") ? (*vm)["output"].as<std::string>() : "-";
  std::string error;
  if (output.empty()) {
    err << "rehab: -o needs a file name (-o - for standard output)\n";
    return kExitUsage;
  }
  if (output != "-" && !CheckOutputTarget(output, &error)) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  ProgramLibrary library;
  std::vector<Exercise> exercises;
  if (int s = LoadExercises(*vm, &library, &exercises, err); s != kExitOk) return s;
  const Exercise* ex = FindOrSuggest(exercises, (*vm)["exercise"].as<std::string>(), err);
  if (ex == nullptr) return kExitUsage;
  const Dose* dose = StepArg(*vm, *ex, err);
  if (dose == nullptr) return kExitUsage;
  if (!ex->illustration) {
    err << fmt::format("rehab: exercise '{}' has no illustration\n", ex->id);
    return kExitInvalidInput;
  }
  std::string svg = RenderFigureSvg(*ex, dose, side == "left" ? Side::kLeft : Side::kRight);
  if (output == "-") {
    out << svg;
    return kExitOk;
  }
  if (!WriteFileAtomically(output, svg, &error)) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  return kExitOk;
}

}  // namespace rehab::cli
