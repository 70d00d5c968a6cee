// Shared CLI plumbing: loading a program with its diagnostics, the plan
// options, and building a plan from them.
#include "cli/common.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <set>
#include <ostream>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/io.h"
#include "cli/languages.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/translation.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"

namespace rehab::cli {

namespace fs = std::filesystem;

namespace {

// What loading `loaded` said, on `err`: its read error, or the catalogue's
// diagnostics and then the program's. The program, or null with `*status` set.
std::shared_ptr<const Program> ReportProgram(const LoadedProgram& loaded,
                                             const LoadedCatalogue& catalogue, std::ostream& err,
                                             int* status) {
  if (!loaded.read_error.empty()) {
    err << "rehab: " << loaded.read_error << "\n";
    *status = kExitInvalidInput;
    return nullptr;
  }
  Diagnostics diags = catalogue.diags;
  diags.Merge(loaded.diags);
  err << diags.ToString();
  if (!loaded.program) *status = kExitInvalidInput;
  return loaded.program;
}

// LoadProgramArg from `library`; `meanwhile` (when set, it must not throw)
// runs on this thread while the catalogue loads on another. Whatever it
// reports must be held back by the caller until the program has loaded.
std::shared_ptr<const Program> LoadProgramWhile(ProgramLibrary* library, const std::string& name,
                                                std::ostream& err, int* status,
                                                const std::function<void()>& meanwhile) {
  std::optional<std::string> path = library->FileOf(name);
  if (!path) {
    err << "rehab: " << library->UnknownProgramMessage(name) << "\n";
    err << "Run 'rehab programs' to list the built-in programs, or give a path to a YAML file.\n";
    *status = kExitUsage;
    return nullptr;
  }
  library->StartLoadingCatalogue();
  if (meanwhile) meanwhile();
  std::shared_ptr<const LoadedProgram> loaded = library->LoadProgram(*path);
  return ReportProgram(*loaded, library->LoadCatalogue(), err, status);
}

}  // namespace

SourceLoc KeyLoc(std::string_view text, const std::string& file, std::string_view key) {
  int line = 1;
  for (size_t pos = 0; pos < text.size(); ++line) {
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (l.starts_with(key) && l.size() > key.size() && l[key.size()] == ':') {
      size_t col = key.size() + 1;
      while (col < l.size() && (l[col] == ' ' || l[col] == '\t')) ++col;
      return {file, line, static_cast<int>(col) + 1};
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return {file, 0, 0};
}

SourceLoc ProgramKeyLoc(std::string_view text, const std::string& file) {
  return KeyLoc(text, file, "program");
}

// Reads and loads the patient file at `path`. Returns kExitOk, or the status
// after printing why not (as `rehab plan` would print it).
int ReadPatientFile(const std::string& path, std::ostream& err, PatientFile* file) {
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
  *file = {path, std::move(*text), std::move(*patient)};
  return kExitOk;
}

// The program the patient file names, as PROGRAM would be given: a built-in
// id as it is, a path joined to the patient file's folder. Returns kExitOk
// with `*program` set, or the status after printing why not.
int ProgramOfPatient(const PatientFile& file, std::ostream& err, std::string* program) {
  const Patient& patient = file.patient;
  if (patient.program.empty()) {
    err << fmt::format("rehab: {} names no program: give PROGRAM, or add 'program:' to the file\n",
                       file.path);
    return kExitUsage;
  }
  ProgramLibrary library;
  const std::filesystem::path dir = std::filesystem::path(file.path).parent_path();
  std::optional<std::string> found = library.FileOf(patient.program, &dir);
  if (!found) {
    Diagnostics diags;
    diags.AddSource(file.path, file.text);
    diags.Error(ProgramKeyLoc(file.text, file.path),
                library.UnknownProgramMessage(patient.program));
    err << diags.ToString();
    return kExitInvalidInput;
  }
  // A built-in id stays an id (so messages name it); a path is the one found.
  *program = *found != library.BuiltinFile(patient.program) ? *found : patient.program;
  if (program->starts_with('-')) *program = "./" + *program;  // not to be read as an option
  return kExitOk;
}

int PrependPatientProgram(const PatientFile& file, std::ostream& err, Args* args) {
  std::string program;
  int status = ProgramOfPatient(file, err, &program);
  if (status == kExitOk) args->insert(args->begin(), program);
  return status;
}

int ProgramFromPatient(const Args& args, const char* verb, const char* usage,
                       const po::options_description& options,
                       const po::positional_options_description& positional, std::ostream& out,
                       std::ostream& err, std::optional<po::variables_map>* vm) {
  if ((*vm)->count("program")) return kExitOk;
  if (!(*vm)->count("patient")) {
    err << "rehab: " << verb << " needs a PROGRAM, or --patient FILE naming its program\n\n"
        << usage;
    return kExitUsage;
  }
  // The patient file's `program:`, as if given as PROGRAM.
  PatientFile patient;
  Args full = args;
  int status = kExitOk;
  if ((status = ReadPatientFile((**vm)["patient"].as<std::string>(), err, &patient)) != kExitOk ||
      (status = PrependPatientProgram(patient, err, &full)) != kExitOk) {
    return status;
  }
  *vm = ParseArgs(full, usage, options, positional, out, err, &status);
  return status;
}

std::optional<Program> LoadProgramArg(const std::string& name, std::ostream& err, int* status) {
  ProgramLibrary library;
  std::shared_ptr<const Program> program = LoadProgramWhile(&library, name, err, status, nullptr);
  if (!program) return std::nullopt;
  return *program;
}

std::vector<std::shared_ptr<const Program>> LoadBuiltinPrograms(ProgramLibrary* library,
                                                                std::ostream& err) {
  std::vector<std::string> paths;
  for (const auto& id : library->BuiltinIds()) paths.push_back(library->BuiltinFile(id));
  library->StartLoadingCatalogue();
  std::vector<std::shared_ptr<const Program>> programs;
  for (const auto& loaded : library->LoadPrograms(paths)) {
    int status = kExitOk;
    programs.push_back(ReportProgram(*loaded, library->LoadCatalogue(), err, &status));
  }
  return programs;
}

namespace {

constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

// `text` as a number when it is only ASCII digits.
std::optional<int> Digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::string DateArgProblem(std::string_view flag, const std::string& text) {
  if (ParseDate(text)) return "";
  std::optional<int> y, m, d;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    y = Digits(std::string_view(text).substr(0, 4));
    m = Digits(std::string_view(text).substr(5, 2));
    d = Digits(std::string_view(text).substr(8, 2));
  }
  if (!y || !m || !d) {
    return fmt::format("--{} must be a date as YYYY-MM-DD, got \"{}\"", flag, text);
  }
  if (*m < 1 || *m > 12) {
    return fmt::format("--{} {}: that day does not exist (there is no month {}; months are 01 "
                       "to 12)",
                       flag, text, *m);
  }
  const date::year_month_day_last last{date::year{*y} / date::month{static_cast<unsigned>(*m)} /
                                       date::last};
  return fmt::format("--{} {}: that day does not exist ({} {} has {} days)", flag, text,
                     kMonthNames[*m - 1], *y, static_cast<unsigned>(last.day()));
}

std::optional<Date> DateArg(std::string_view flag, const std::string& text, std::ostream& err) {
  std::string problem = DateArgProblem(flag, text);
  if (!problem.empty()) {
    err << "rehab: " << problem << "\n";
    return std::nullopt;
  }
  return ParseDate(text);
}

std::optional<std::string> ChoiceArg(std::string_view flag, const std::string& text,
                                     const std::vector<std::string>& choices, std::ostream& err) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& choice : choices) {
    if (choice == lower) return choice;
  }
  std::string list;
  for (size_t i = 0; i < choices.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
  }
  err << fmt::format("rehab: --{} must be {}, got \"{}\"{}\n", flag, list, text,
                     DidYouMean(lower, choices));
  return std::nullopt;
}

std::optional<Date> TodayArg(const po::variables_map& vm, std::ostream& err) {
  if (vm.count("today")) return DateArg("today", vm["today"].as<std::string>(), err);
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
      ("tz", po::value<std::string>(), "IANA time zone (overrides the patient file; default UTC)")
      ("language", po::value<std::string>(),
       "language of the plan's texts, as 'es' (overrides the patient file; default en)")
      ("program-override", "plan with PROGRAM although the patient file names another");
}

namespace {

std::optional<Date> DateOption(const po::variables_map& vm, const char* name, std::ostream& err) {
  return DateArg(name, vm[name].as<std::string>(), err);
}

// The patient file (and its time zone, whose lookup reads the whole tz
// database's folder) and --tz, read while the catalogue loads; what they
// report is printed later, in the same order as if done one after another.
struct PatientArg {
  std::string path, read_error;
  std::optional<std::string> text;
  std::optional<Patient> loaded;
  Diagnostics diags;
  bool tz_known = true;
  std::exception_ptr thrown;  // rethrown once the program has loaded

  void Read(const po::variables_map& vm) {
    try {
      if (vm.count("patient")) {
        path = vm["patient"].as<std::string>();
        text = ReadWholeFile(path, &read_error);
        if (text) loaded = LoadPatient(*text, path, &diags);
      }
      if (vm.count("tz")) tz_known = IsKnownTimeZone(vm["tz"].as<std::string>());
    } catch (...) {
      thrown = std::current_exception();
    }
  }
};

// The file `name` stands for as PROGRAM (an id or a path, relative to `dir`
// when given), made canonical to compare; nullopt when there is none.
std::optional<fs::path> ProgramFile(ProgramLibrary* library, const std::string& name,
                                    const fs::path* dir) {
  std::optional<std::string> file = library->FileOf(name, dir);
  if (!file) return std::nullopt;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(*file, ec);
  return ec ? fs::path(*file) : canonical;
}

// PROGRAM against the patient file's `program:` (when it has one): planning
// a patient with another program than their file's is an error, located at
// the file's key, unless --program-override. Returns kExitOk or the status.
int CheckSameProgram(const po::variables_map& vm, const PatientArg& arg, ProgramLibrary* library,
                     std::ostream& err) {
  const Patient& patient = *arg.loaded;
  if (patient.program.empty()) return kExitOk;
  const std::string given = vm["program"].as<std::string>();
  const fs::path dir = fs::path(arg.path).parent_path();
  std::optional<fs::path> named = ProgramFile(library, patient.program, &dir);
  if (named && named == ProgramFile(library, given, nullptr)) return kExitOk;
  Diagnostics diags;
  diags.AddSource(arg.path, *arg.text);
  if (!named) {
    diags.Error(ProgramKeyLoc(*arg.text, arg.path),
                library->UnknownProgramMessage(patient.program) +
                    fmt::format(" (give --program-override to plan with '{}')", given));
    err << diags.ToString();
    return kExitInvalidInput;
  }
  diags.Error(ProgramKeyLoc(*arg.text, arg.path),
              fmt::format("the patient file names program '{}', and the command line '{}': leave "
                          "PROGRAM out to use the file's, or give --program-override to plan "
                          "with '{}'",
                          patient.program, given, given));
  err << diags.ToString();
  return kExitInvalidInput;
}

// --start and --surgery over the patient's dates. Returns kExitOk or the status.
int DateFlags(const po::variables_map& vm, std::ostream& err, Patient* patient) {
  if (vm.count("start")) {
    patient->start = DateOption(vm, "start", err);
    if (!patient->start) return kExitUsage;
  }
  if (vm.count("surgery")) {
    patient->surgery = DateOption(vm, "surgery", err);
    if (!patient->surgery) return kExitUsage;
  }
  return kExitOk;
}

// The patient from its file with --start and --surgery over its dates,
// checked against the program (CheckPatientAgainstProgram: its overrides,
// and the date a post-operative program counts from), or a default one
// without a file. Returns kExitOk, or the status after printing why not.
int PatientOf(const po::variables_map& vm, PatientArg* arg, const Program& program,
              ProgramLibrary* library, std::ostream& err, Patient* patient) {
  if (!vm.count("patient")) return DateFlags(vm, err, patient);
  if (!arg->text) {
    err << "rehab: " << arg->read_error << "\n";
    return kExitInvalidInput;
  }
  if (arg->loaded) {
    if (int status = DateFlags(vm, err, &*arg->loaded); status != kExitOk) return status;
    CheckPatientAgainstProgram(*arg->loaded, program, &arg->diags);
  }
  if (!arg->loaded || arg->diags.HasErrors()) {
    err << arg->diags.ToString();
    if (arg->loaded && !AnchorDate(program, *arg->loaded)) {
      err << "rehab: or give --surgery DATE on the command line\n";
    }
    return kExitInvalidInput;
  }
  if (!vm.count("program-override")) {
    int status = CheckSameProgram(vm, *arg, library, err);
    if (status != kExitOk) return status;
  }
  *patient = *arg->loaded;
  return kExitOk;
}

// --tz and --today over the patient's; without a patient file, a
// post-operative program needs --surgery, and a patient with neither date
// starts today.
int ApplyDateOptions(const po::variables_map& vm, const PatientArg& arg, const Program& program,
                     std::ostream& err, Patient* patient, Date* today) {
  if (vm.count("tz")) {
    patient->timezone = vm["tz"].as<std::string>();
    if (!arg.tz_known) {
      err << "rehab: " << UnknownTimeZoneMessage(patient->timezone) << "\n";
      return kExitUsage;
    }
  }
  auto date = TodayArg(vm, err);
  if (!date) return kExitUsage;
  *today = *date;
  // A post-operative program counts from the surgery date alone: a start
  // date is not taken for it (the header would say "Surgery" on the wrong
  // day). With a patient file, CheckPatientAgainstProgram has said so.
  if (program.anchor == Anchor::kSurgery && !AnchorDate(program, *patient)) {
    err << fmt::format("rehab: program '{}' counts from the surgery date: give --surgery DATE{}\n",
                       program.id,
                       patient->start ? " (--start is not used for a post-operative program)"
                                      : ", or --patient FILE with 'surgery.date:'");
    return kExitUsage;
  }
  if (!AnchorDate(program, *patient)) patient->start = *today;
  return kExitOk;
}

// The diary: --diary, else the patient file's (relative to it; a file that
// does not exist yet is an empty diary, with a note), else none.
// `*path` and `*text` are kept for the warnings about rows after today.
int DiaryOf(const po::variables_map& vm, const Patient& patient, std::ostream& err, Diary* diary,
            std::string* path, std::string* text) {
  if (vm.count("diary")) {
    *path = vm["diary"].as<std::string>();
  } else if (!patient.diary.empty()) {
    *path = (fs::path(patient.file).parent_path() / patient.diary).string();
  }
  if (path->empty()) return kExitOk;
  // A new patient's diary: the file's `diary:` names a file not written yet
  // (nothing there, not even a symbolic link). --diary FILE must exist.
  std::error_code ec;
  if (!vm.count("diary") &&
      fs::symlink_status(*path, ec).type() == fs::file_type::not_found) {
    err << fmt::format("rehab: note: the diary '{}' does not exist yet: planning with an empty "
                       "diary ('rehab log {}' creates it)\n",
                       *path, *path);
    path->clear();
    return kExitOk;
  }
  std::string error;
  auto read = ReadWholeFile(*path, &error);
  if (!read) {
    err << "rehab: " << error << "\n";
    return kExitInvalidInput;
  }
  Diagnostics diags;
  *diary = ParseDiary(*read, *path, &diags);
  if (diags.HasErrors()) {
    err << diags.ToString();
    return kExitInvalidInput;
  }
  *text = std::move(*read);
  return kExitOk;
}

// The patient's language: --language over the patient file's. For one but
// English, its catalogue is added to the library and `*program` becomes the
// program with its texts in that language (texts without a current
// translation stay English, with a warning naming them).
int LanguageOf(const po::variables_map& vm, ProgramLibrary* library, std::ostream& err,
               Patient* patient, std::shared_ptr<const Program>* program) {
  if (vm.count("language")) {
    patient->language = vm["language"].as<std::string>();
    if (!IsLanguageTag(patient->language)) {
      err << fmt::format("rehab: --language must be a language tag, as 'en' or 'es' (there are: "
                         "{}), got '{}'\n",
                         fmt::join(AvailableLanguages(), ", "), patient->language);
      return kExitUsage;
    }
  }
  if (patient->language == "en") return kExitOk;
  std::optional<std::string> path = library->FileOf(vm["program"].as<std::string>());
  if (!path) return kExitUsage;  // not reached: the English program loaded from it
  std::shared_ptr<const LoadedProgram> loaded =
      LoadProgramIn(library, *path, patient->language, err);
  if (!loaded) return vm.count("language") ? kExitUsage : kExitInvalidInput;
  static const LoadedCatalogue kNoCatalogue;
  int status = kExitOk;
  std::shared_ptr<const Program> translated = ReportProgram(*loaded, kNoCatalogue, err, &status);
  if (!translated) return status;
  err << TranslationWarnings(*loaded);
  *program = std::move(translated);
  return kExitOk;
}

int WeeksOption(const po::variables_map& vm, std::ostream& err, PlanOptions* options) {
  if (!vm.count("weeks")) return kExitOk;
  options->weeks = vm["weeks"].as<int>();
  if (options->weeks < 1 || options->weeks > kMaxPlanWeeks) {
    err << fmt::format("rehab: --weeks must be from 1 to {}, got {}\n", kMaxPlanWeeks,
                       options->weeks);
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

int BuildPlan(const po::variables_map& vm, ProgramLibrary* library, std::ostream& err,
              Plan* plan) {
  PatientArg patient_arg;
  int status = kExitOk;
  std::shared_ptr<const Program> program =
      LoadProgramWhile(library, vm["program"].as<std::string>(), err, &status,
                       [&] { patient_arg.Read(vm); });
  if (!program) return status;
  if (patient_arg.thrown) std::rethrow_exception(patient_arg.thrown);

  Patient patient;
  Date today;
  Diary diary;
  std::string diary_path, diary_text;
  PlanOptions options;
  if ((status = PatientOf(vm, &patient_arg, *program, library, err, &patient)) != kExitOk ||
      (status = ApplyDateOptions(vm, patient_arg, *program, err, &patient, &today)) != kExitOk ||
      (status = LanguageOf(vm, library, err, &patient, &program)) != kExitOk ||
      (status = DiaryOf(vm, patient, err, &diary, &diary_path, &diary_text)) != kExitOk ||
      (status = WeeksOption(vm, err, &options)) != kExitOk) {
    return status;
  }
  *plan = Generate(program, patient, diary, date::year_month_day(today), options);
  // Rows after today are left out of the plan: say so, row by row.
  if (!plan->ignored.empty()) {
    Diagnostics warnings;
    warnings.AddSource(diary_path, diary_text);
    for (const auto& w : plan->ignored) warnings.Warning({diary_path, w.line, w.column}, MessageText(w.message, kDiagnosticLanguage));
    err << warnings.ToString();
  }
  return kExitOk;
}

std::optional<po::variables_map> ParseArgs(const Args& args, const char* usage,
                                           const po::options_description& options,
                                           const po::positional_options_description& positional,
                                           std::ostream& out, std::ostream& err, int* status) {
  // The positional arguments' options (PROGRAM, FILE...) are not options to list.
  std::set<std::string> positional_names;
  for (unsigned i = 0; i < std::min(positional.max_total_count(), 8u); ++i) {
    positional_names.insert(positional.name_for_position(i));
  }
  auto listed = [&](const po::option_description& opt) {
    return positional_names.count(opt.long_name()) == 0;
  };
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& opt : options.options()) {
      if (!listed(*opt)) continue;
      names.push_back("--" + opt->long_name());
    }
    err << "rehab: " << e.what() << DidYouMean(e.get_option_name(), names) << "\n\n" << usage;
    *status = kExitUsage;
    return std::nullopt;
  } catch (const po::error& e) {
    err << "rehab: " << e.what() << "\n\n" << usage;
    *status = kExitUsage;
    return std::nullopt;
  }
  if (vm.count("help")) {
    out << usage << "\n";
    for (const auto& opt : options.options()) {
      if (!listed(*opt)) continue;
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
