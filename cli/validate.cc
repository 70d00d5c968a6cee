// `rehab validate FILE...`: checks programs, catalogues, patients and diaries,
// telling the kind of each file from its content.
#include <filesystem>
#include <memory>
#include <ostream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/io.h"
#include "cli/languages.h"
#include "cli/program_library.h"
#include "planner/base/limits.h"
#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/translation.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"

namespace rehab::cli {

namespace fs = std::filesystem;

static constexpr char kValidateUsage[] =
    "usage: rehab validate FILE... [--today DATE] [--strict]\n"
    "\n"
    "Checks program, exercise catalogue, patient, diary and translation files\n"
    "(the kind is told from the content) and reports every error of every file,\n"
    "located as file:line:col. With --today, a diary row dated after DATE gets a\n"
    "warning (plans ignore it). With --strict, an exercise the file defines\n"
    "without an 'illustration' is an error. A patient is also checked against the\n"
    "program it is planned with (its overrides; a surgery date for a\n"
    "post-operative program): a program FILE its 'program:' names (or the only\n"
    "one given, when it names none), else the built-in or file it names. A\n"
    "translation (programs/i18n/LANG/NAME.yaml) is checked against the program it\n"
    "translates (programs/NAME.yaml): every text translated, none from English\n"
    "that has changed since. Exit 0 when all are valid (warnings allowed), 1\n"
    "otherwise.\n";

// --strict: every exercise `path` itself defines (or overrides) needs an
// illustration; an exercise taken from the catalogue unchanged is the
// catalogue's to check.
static void RequireIllustrations(const std::vector<Exercise>& exercises, const std::string& path,
                                 Diagnostics* diags) {
  for (const auto& ex : exercises) {
    if (ex.loc.file == path && !ex.illustration) {
      diags->Error(ex.loc, fmt::format("exercise '{}' has no 'illustration' (--strict)", ex.id));
    }
  }
}

namespace {

// A translation against the program it translates: the file its 'translates:'
// names two folders up (programs/i18n/es/x.yaml translates programs/x.yaml).
void CheckTranslationFile(const std::string& path, std::string_view text, Diagnostics* diags) {
  std::optional<Translation> translation = LoadTranslation(text, path, diags);
  if (!translation) return;
  const fs::path folder = fs::path(path).parent_path();
  std::string folder_name = fs::weakly_canonical(fs::absolute(folder)).filename().string();
  if (folder_name != translation->language) {
    diags->Error(translation->language_loc,
                 fmt::format("a translation into '{}' belongs in programs/i18n/{}/, not in a "
                             "folder named '{}'",
                             translation->language, translation->language, folder_name));
  }
  const std::string program = (folder / ".." / ".." / translation->translates).lexically_normal();
  std::string error;
  std::optional<std::string> program_text = ReadWholeFile(program, &error);
  if (!program_text) {
    diags->Error(translation->translates_loc,
                 fmt::format("cannot read the program this translates: {}", error));
    return;
  }
  if (auto english = TranslatableTexts(*program_text, program, diags)) {
    CheckTranslation(*translation, *english, diags);
  }
}

// One file as checked: its diagnostics, and what it held when it loaded.
struct Checked {
  std::string path, kind, text;
  Diagnostics diags;
  std::string read_error;  // set: the file could not be read
  std::optional<Program> program;
  std::optional<Patient> patient;
};

// Reads and checks one file on its own.
Checked CheckFile(const std::string& path, const Catalogue& catalogue,
                  const std::optional<Date>& today, bool strict) {
  Checked c;
  c.path = path;
  auto text = ReadWholeFile(path, &c.read_error);
  if (!text) return c;
  c.text = std::move(*text);
  Diagnostics& diags = c.diags;
  diags.AddSource(path, c.text);
  if (!CheckTextInput(c.text, path, &diags)) return c;
  if (c.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.Error({path, 0, 0}, "the file is empty");
    return c;
  }
  switch (DetectFileKind(c.text)) {
    case FileKind::kProgram:
      c.kind = "program";
      c.program = LoadProgramFromCatalogue(c.text, path, catalogue, &diags);
      if (c.program && strict) RequireIllustrations(c.program->exercises, path, &diags);
      break;
    case FileKind::kCatalogue:
      c.kind = "exercise catalogue";
      if (auto loaded = LoadCatalogueFile(c.text, path, &diags); loaded && strict) {
        RequireIllustrations(loaded->exercises, path, &diags);
      }
      break;
    case FileKind::kPatient:
      c.kind = "patient";
      c.patient = LoadPatient(c.text, path, &diags);
      break;
    case FileKind::kDiary:
      c.kind = "diary";
      if (Diary diary = ParseDiary(c.text, path, &diags); today) {
        for (const auto& w : EntriesAfterToday(diary, *today)) {
          diags.Warning({path, w.line, w.column}, MessageText(w.message, kDiagnosticLanguage));
        }
      }
      break;
    case FileKind::kTranslation:
      c.kind = "translation";
      CheckTranslationFile(path, c.text, &diags);
      break;
    case FileKind::kUnknown:
      diags.Error({path, 0, 0},
                  "cannot tell what this file is: a program has 'phases:', a patient 'side:' and "
                  "'timezone:', a catalogue 'exercises:', a diary's first line names its columns "
                  "('date,during,...', in any order)");
      break;
  }
  return c;
}

// The file `file` stands for, made canonical to compare.
fs::path Canonical(const std::string& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  return ec ? fs::path(file) : canonical;
}

// The program a loaded patient is planned with: the program file among
// `files` its `program:` names (or the only one given, when it names none),
// else the built-in or file it names. Null when there is none to check
// against (after an error at `program:` when it names an unknown one).
std::shared_ptr<const Program> ProgramForPatient(Checked* patient, const std::vector<Checked>& files,
                                                 ProgramLibrary* library) {
  std::vector<const Checked*> programs;
  for (const auto& f : files) {
    if (f.program) programs.push_back(&f);
  }
  const std::string& named = patient->patient->program;
  if (named.empty()) {
    if (programs.size() != 1) return nullptr;
    return std::make_shared<const Program>(*programs.front()->program);
  }
  const fs::path dir = fs::path(patient->path).parent_path();
  std::optional<std::string> file = library->FileOf(named, &dir);
  if (!file) {
    patient->diags.Error(ProgramKeyLoc(patient->text, patient->path),
                         library->UnknownProgramMessage(named));
    return nullptr;
  }
  for (const Checked* p : programs) {
    if (Canonical(p->path) == Canonical(*file)) return std::make_shared<const Program>(*p->program);
  }
  // Not given, or given with errors of its own: the file it names, when that loads.
  std::shared_ptr<const LoadedProgram> loaded = library->LoadProgram(*file);
  return loaded->program;
}

}  // namespace

int RunValidate(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")(
      "today", po::value<std::string>(), "warn about diary rows after this date, YYYY-MM-DD")(
      "strict", "require an illustration on every exercise")(
      "files", po::value<std::vector<std::string>>(), "files to check");
  po::positional_options_description positional;
  positional.add("files", -1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kValidateUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("files")) {
    err << "rehab: validate needs at least one FILE\n\n" << kValidateUsage;
    return kExitUsage;
  }
  std::optional<Date> today;
  if (vm->count("today")) {
    today = TodayArg(*vm, err);
    if (!today) return kExitUsage;
  }
  ProgramLibrary library;
  const LoadedCatalogue& catalogue = library.LoadCatalogue();
  if (!catalogue.catalogue) {
    err << catalogue.diags.ToString();
    return kExitInvalidInput;
  }
  std::vector<Checked> files;
  for (const auto& path : (*vm)["files"].as<std::vector<std::string>>()) {
    files.push_back(CheckFile(path, *catalogue.catalogue, today, vm->count("strict") > 0));
  }
  // A patient against the program it is planned with: its overrides, and
  // the date a post-operative program counts from (as `rehab plan` checks).
  for (auto& f : files) {
    if (!f.patient || f.diags.HasErrors()) continue;
    // A language its plans cannot be written in (`rehab plan` would refuse it).
    if (std::ostringstream why; !UseLanguage(f.patient->language, why)) {
      f.diags.Error(KeyLoc(f.text, f.path, "language"), NoCatalogueMessage(f.patient->language));
    }
    if (auto program = ProgramForPatient(&f, files, &library)) {
      CheckPatientAgainstProgram(*f.patient, *program, &f.diags);
    }
  }
  bool all_ok = true;
  for (const auto& f : files) {
    if (!f.read_error.empty()) {
      err << "rehab: " << f.read_error << "\n";
      all_ok = false;
      continue;
    }
    err << f.diags.ToString();
    if (f.diags.HasErrors()) {
      all_ok = false;
      continue;
    }
    out << ForTerminal(fmt::format("{}: ok ({})\n", f.path, f.kind));
  }
  return all_ok ? kExitOk : kExitInvalidInput;
}

}  // namespace rehab::cli
