// `rehab validate FILE...`: checks programs, catalogues, patients and diaries,
// telling the kind of each file from its content.
#include <ostream>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/io.h"
#include "cli/program_library.h"
#include "planner/base/limits.h"
#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"

namespace rehab::cli {

static constexpr char kValidateUsage[] =
    "usage: rehab validate FILE... [--today DATE] [--strict]\n"
    "\n"
    "Checks program, exercise catalogue, patient and diary files (the kind is\n"
    "told from the content) and reports every error of every file, located as\n"
    "file:line:col. With --today, a diary row dated after DATE gets a warning\n"
    "(plans ignore it). With --strict, an exercise the file defines without an\n"
    "'illustration' is an error. Exit 0 when all are valid (warnings allowed),\n"
    "1 otherwise.\n";

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

// Checks one file; prints its diagnostics; true when valid.
static bool ValidateFile(const std::string& path, const Catalogue& catalogue,
                         const std::optional<Date>& today, bool strict, std::ostream& out,
                         std::ostream& err) {
  std::string error;
  auto text = ReadWholeFile(path, &error);
  if (!text) {
    err << "rehab: " << error << "\n";
    return false;
  }
  Diagnostics diags;
  diags.AddSource(path, *text);
  if (!CheckTextInput(*text, path, &diags)) {
    err << diags.ToString();
    return false;
  }
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.Error({path, 0, 0}, "the file is empty");
    err << diags.ToString();
    return false;
  }
  const char* kind = "";
  switch (DetectFileKind(*text)) {
    case FileKind::kProgram:
      kind = "program";
      if (auto program = LoadProgramFromCatalogue(*text, path, catalogue, &diags);
          program && strict) {
        RequireIllustrations(program->exercises, path, &diags);
      }
      break;
    case FileKind::kCatalogue:
      kind = "exercise catalogue";
      if (auto loaded = LoadCatalogueFile(*text, path, &diags); loaded && strict) {
        RequireIllustrations(loaded->exercises, path, &diags);
      }
      break;
    case FileKind::kPatient:
      kind = "patient";
      LoadPatient(*text, path, &diags);
      break;
    case FileKind::kDiary:
      kind = "diary";
      if (Diary diary = ParseDiary(*text, path, &diags); today) {
        for (const auto& w : EntriesAfterToday(diary, *today)) {
          diags.Warning({path, w.line, w.column}, MessageText(w.message));
        }
      }
      break;
    case FileKind::kUnknown:
      diags.AddSource(path, *text);
      diags.Error({path, 0, 0},
                  "cannot tell what this file is: a program has 'phases:', a patient 'side:' and "
                  "'timezone:', a catalogue 'exercises:', a diary's first line names its columns "
                  "('date,during,...', in any order)");
      break;
  }
  err << diags.ToString();
  if (diags.HasErrors()) return false;
  out << ForTerminal(fmt::format("{}: ok ({})\n", path, kind));
  return true;
}

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
  bool all_ok = true;
  for (const auto& path : (*vm)["files"].as<std::vector<std::string>>()) {
    all_ok = ValidateFile(path, *catalogue.catalogue, today, vm->count("strict") > 0, out, err) &&
             all_ok;
  }
  return all_ok ? kExitOk : kExitInvalidInput;
}

}  // namespace rehab::cli
