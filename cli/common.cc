// Shared CLI plumbing: program lookup, file loading with diagnostics, and
// building a plan from the plan options.
#include "cli/common.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <ostream>

#include <fmt/format.h>

#include "cli/io.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"

namespace rehab::cli {

namespace fs = std::filesystem;

std::string ProgramsDir() {
  if (const char* env = std::getenv("REHAB_PROGRAMS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return REHAB_PROGRAMS_DIR;
}

std::vector<std::string> BuiltinProgramIds() {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(ProgramsDir(), ec)) {
    if (entry.path().extension() != ".yaml") continue;
    std::string stem = entry.path().stem().string();
    if (stem != "exercises") ids.push_back(stem);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::optional<Catalogue> LoadBuiltinCatalogue(Diagnostics* diags) {
  std::string path = (fs::path(ProgramsDir()) / "exercises.yaml").string();
  std::string error;
  auto text = ReadWholeFile(path, &error);
  if (!text) {
    diags->Error({path, 0, 0}, error);
    return std::nullopt;
  }
  return LoadCatalogueFile(*text, path, diags);
}

static bool LooksLikePath(const std::string& name) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") ||
         name.ends_with(".yml");
}

namespace {

// The built-in catalogue, loaded on a second thread while the first reads and
// parses the program (and, for `plan`, the patient file): on two cores the
// catalogue, the largest YAML file, then costs little more than the program.
class CatalogueLoad {
 public:
  CatalogueLoad()
      : result_(std::async(std::launch::async, [] {
          Result r;
          r.catalogue = LoadBuiltinCatalogue(&r.diags);
          return r;
        })) {}
  struct Result {
    Diagnostics diags;
    std::optional<Catalogue> catalogue;
  };
  // Waits for the catalogue; rethrows what the loading threw.
  Result Get() { return result_.get(); }

 private:
  std::future<Result> result_;
};

// Runs `job` now, keeping what it throws for later, so an exception surfaces
// where it would have if the work had been done in order.
std::exception_ptr RunCapturing(const std::function<void()>& job) {
  try {
    job();
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

// A program file read and parsed, not yet checked against the catalogue.
struct ProgramFile {
  std::optional<std::string> text;
  std::string error;  // when the file cannot be read
  std::optional<ParsedYaml> parsed;
};

ProgramFile ReadProgramFile(const std::string& path) {
  ProgramFile file;
  file.text = ReadWholeFile(path, &file.error);
  if (file.text) file.parsed = ParseYamlText(*file.text, path);
  return file;
}

// Checks a parsed program against the catalogue; reports on `err` what
// LoadProgramArg reports: a read error, or the catalogue's diagnostics then
// the program's (none of the program's when the catalogue failed).
std::optional<Program> FinishProgram(const ProgramFile& file,
                                     const CatalogueLoad::Result& catalogue, std::ostream& err,
                                     int* status) {
  if (!file.text) {
    err << "rehab: " << file.error << "\n";
    *status = kExitInvalidInput;
    return std::nullopt;
  }
  Diagnostics diags = catalogue.diags;
  std::optional<Program> program;
  if (catalogue.catalogue) {
    program = LoadProgramFromCatalogue(*file.parsed, *catalogue.catalogue, &diags);
  }
  err << diags.ToString();
  if (!program) {
    *status = kExitInvalidInput;
    return std::nullopt;
  }
  return program;
}

}  // namespace

// LoadProgramArg; `meanwhile` (when set, it must not throw) runs on this
// thread while the catalogue loads on another. Whatever it reports must be
// held back by the caller until the program has loaded.
static std::optional<Program> LoadProgramWhile(const std::string& name, std::ostream& err,
                                               int* status,
                                               const std::function<void()>& meanwhile) {
  std::string path;
  if (LooksLikePath(name)) {
    path = name;
  } else {
    auto ids = BuiltinProgramIds();
    if (std::find(ids.begin(), ids.end(), name) == ids.end()) {
      err << fmt::format("rehab: unknown program '{}'{}\n", name, DidYouMean(name, ids));
      err << "Run 'rehab programs' to list the built-in programs, or give a path to a YAML file.\n";
      *status = kExitUsage;
      return std::nullopt;
    }
    path = (fs::path(ProgramsDir()) / (name + ".yaml")).string();
  }
  CatalogueLoad catalogue_load;
  ProgramFile file;
  std::exception_ptr thrown = RunCapturing([&] { file = ReadProgramFile(path); });
  if (meanwhile) meanwhile();
  CatalogueLoad::Result catalogue = catalogue_load.Get();
  if (thrown) std::rethrow_exception(thrown);
  return FinishProgram(file, catalogue, err, status);
}

std::optional<Program> LoadProgramArg(const std::string& name, std::ostream& err, int* status) {
  return LoadProgramWhile(name, err, status, nullptr);
}

std::vector<std::optional<Program>> LoadBuiltinPrograms(std::ostream& err) {
  std::vector<std::string> paths;
  for (const auto& id : BuiltinProgramIds()) {
    paths.push_back((fs::path(ProgramsDir()) / (id + ".yaml")).string());
  }
  CatalogueLoad catalogue_load;
  std::vector<ProgramFile> files;
  std::exception_ptr thrown = RunCapturing([&] {
    for (const auto& path : paths) files.push_back(ReadProgramFile(path));
  });
  CatalogueLoad::Result catalogue = catalogue_load.Get();
  if (thrown) std::rethrow_exception(thrown);
  std::vector<std::optional<Program>> programs;
  for (const auto& file : files) {
    int status = kExitOk;
    programs.push_back(FinishProgram(file, catalogue, err, &status));
  }
  return programs;
}

std::optional<Date> TodayArg(const po::variables_map& vm, std::ostream& err) {
  if (vm.count("today")) {
    std::string text = vm["today"].as<std::string>();
    auto d = ParseDate(text);
    if (!d) err << fmt::format("rehab: --today must be a date as YYYY-MM-DD, got \"{}\"\n", text);
    return d;
  }
  // The CLI is the edge where the clock may be read; the engine never does.
  return std::chrono::floor<date::days>(std::chrono::system_clock::now());
}

void AddPlanOptions(po::options_description* options) {
  options->add_options()
      ("patient", po::value<std::string>(), "patient file (YAML)")
      ("start", po::value<std::string>(), "start date, YYYY-MM-DD (overrides the patient file)")
      ("surgery", po::value<std::string>(), "surgery date, YYYY-MM-DD (overrides the patient file)")
      ("diary", po::value<std::string>(), "pain diary (CSV); default: the patient file's")
      ("today", po::value<std::string>(), "today's date, YYYY-MM-DD (default: today in UTC)")
      ("weeks", po::value<int>(), "plan length in weeks, 1-104 (default: the program's)")
      ("tz", po::value<std::string>(), "IANA time zone (overrides the patient file; default UTC)");
}

static std::optional<Date> DateOption(const po::variables_map& vm, const char* name,
                                      std::ostream& err) {
  std::string text = vm[name].as<std::string>();
  auto d = ParseDate(text);
  if (!d) err << fmt::format("rehab: --{} must be a date as YYYY-MM-DD, got \"{}\"\n", name, text);
  return d;
}

int BuildPlan(const po::variables_map& vm, std::ostream& err, Plan* plan) {
  // The patient file (and its time zone, whose lookup reads the whole tz
  // database's folder) and --tz are read while the catalogue loads; what
  // they report is printed in the same order as if done one after another.
  std::optional<std::string> patient_text;
  std::string patient_path, patient_error;
  std::optional<Patient> loaded;
  Diagnostics diags;
  bool tz_known = true;
  std::exception_ptr thrown;
  auto meanwhile = [&] {
    thrown = RunCapturing([&] {
      if (vm.count("patient")) {
        patient_path = vm["patient"].as<std::string>();
        patient_text = ReadWholeFile(patient_path, &patient_error);
        if (patient_text) loaded = LoadPatient(*patient_text, patient_path, &diags);
      }
      if (vm.count("tz")) tz_known = IsKnownTimeZone(vm["tz"].as<std::string>());
    });
  };
  int status = kExitOk;
  auto program = LoadProgramWhile(vm["program"].as<std::string>(), err, &status, meanwhile);
  if (!program) return status;
  if (thrown) std::rethrow_exception(thrown);

  Patient patient;
  if (vm.count("patient")) {
    if (!patient_text) {
      err << "rehab: " << patient_error << "\n";
      return kExitInvalidInput;
    }
    if (loaded) CheckPatientAgainstProgram(*loaded, *program, &diags);
    if (!loaded || diags.HasErrors()) {
      err << diags.ToString();
      return kExitInvalidInput;
    }
    patient = *loaded;
  }
  if (vm.count("start")) {
    patient.start = DateOption(vm, "start", err);
    if (!patient.start) return kExitUsage;
  }
  if (vm.count("surgery")) {
    patient.surgery = DateOption(vm, "surgery", err);
    if (!patient.surgery) return kExitUsage;
  }
  if (vm.count("tz")) {
    patient.timezone = vm["tz"].as<std::string>();
    if (!tz_known) {
      err << fmt::format("rehab: unknown time zone '{}' (use an IANA name such as Europe/Berlin)\n",
                         patient.timezone);
      return kExitUsage;
    }
  }
  auto today = TodayArg(vm, err);
  if (!today) return kExitUsage;
  if (program->anchor == Anchor::kSurgery && !patient.surgery && !patient.start) {
    err << fmt::format("rehab: program '{}' counts from the surgery date: give --surgery DATE or a "
                       "patient file with one\n",
                       program->id);
    return kExitUsage;
  }
  if (!patient.start && !patient.surgery) patient.start = *today;

  Diary diary;
  std::string diary_path;
  std::string diary_text;
  if (vm.count("diary")) {
    diary_path = vm["diary"].as<std::string>();
  } else if (!patient.diary.empty()) {
    diary_path = (fs::path(patient.file).parent_path() / patient.diary).string();
  }
  if (!diary_path.empty()) {
    std::string error;
    auto text = ReadWholeFile(diary_path, &error);
    if (!text) {
      err << "rehab: " << error << "\n";
      return kExitInvalidInput;
    }
    Diagnostics diary_diags;
    diary = ParseDiary(*text, diary_path, &diary_diags);
    if (diary_diags.HasErrors()) {
      err << diary_diags.ToString();
      return kExitInvalidInput;
    }
    diary_text = std::move(*text);
  }

  PlanOptions options;
  if (vm.count("weeks")) {
    options.weeks = vm["weeks"].as<int>();
    if (options.weeks < 1 || options.weeks > kMaxPlanWeeks) {
      err << fmt::format("rehab: --weeks must be from 1 to {}, got {}\n", kMaxPlanWeeks,
                         options.weeks);
      return kExitUsage;
    }
  }
  *plan = Generate(*program, patient, diary, date::year_month_day(*today), options);
  // Rows after today are left out of the plan: say so, row by row (issue 14).
  if (!plan->ignored.empty()) {
    Diagnostics warnings;
    warnings.AddSource(diary_path, diary_text);
    for (const auto& w : plan->ignored) warnings.Warning({diary_path, w.line, w.column}, MessageText(w.message));
    err << warnings.ToString();
  }
  return kExitOk;
}

std::optional<po::variables_map> ParseArgs(const Args& args, const char* usage,
                                           const po::options_description& options,
                                           const po::positional_options_description& positional,
                                           std::ostream& out, std::ostream& err, int* status) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << "rehab: " << e.what() << "\n\n" << usage;
    *status = kExitUsage;
    return std::nullopt;
  }
  if (vm.count("help")) {
    out << usage << "\n";
    for (const auto& opt : options.options()) {
      if (opt->long_name() == "program" || opt->long_name() == "files") continue;
      std::string name = opt->format_name();
      out << fmt::format("  {:<28} {}\n", name + (opt->semantic()->max_tokens() > 0 ? " ARG" : ""),
                         opt->description());
    }
    *status = kExitOk;
    return std::nullopt;
  }
  return vm;
}

}  // namespace rehab::cli
