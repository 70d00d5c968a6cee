// Loading programs, the exercise catalogue and patient files from YAML, with
// strict validation: every problem becomes a located diagnostic; nothing
// throws across this API. Defined in catalogue.cc, program.cc, patient.cc,
// file_kind.cc and schema_reader.cc (ParseDays), on the internal headers of
// planner/load/ (yaml_tree.h, schema_reader.h, ...).
#ifndef REHAB_PLANNER_LOAD_YAML_LOADER_H_
#define REHAB_PLANNER_LOAD_YAML_LOADER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/model/model.h"

namespace rehab {

// Parses a catalogue file (a top-level `exercises:` list and the optional
// `red_flags:` defaults, one per diary flag). Exercises sorted by id; on
// errors, reports them all and returns nullopt.
std::optional<Catalogue> LoadCatalogueFile(std::string_view text, const std::string& file,
                                           Diagnostics* diags);
// The same, keeping only the exercises.
std::optional<std::vector<Exercise>> LoadCatalogue(std::string_view text, const std::string& file,
                                                   Diagnostics* diags);

// Parses and validates a program. Exercises its phases name are taken from
// `catalogue` unless the program defines or overrides them. On any error,
// reports every error found and returns nullopt.
std::optional<Program> LoadProgram(std::string_view text, const std::string& file,
                                   const std::vector<Exercise>& catalogue, Diagnostics* diags);

// A file's text parsed by yaml-cpp into its node tree (or the diagnostics of
// why it could not be), not yet checked against any schema. Parsing is most
// of the cost of loading a file; keeping it apart lets a caller parse a
// program while the catalogue it needs loads on another thread. Holds its
// own copy of the text; safe to move between threads.
class ParsedYaml {
 public:
  struct Impl;
  explicit ParsedYaml(std::unique_ptr<Impl> impl);
  ParsedYaml(ParsedYaml&&) noexcept;
  ParsedYaml& operator=(ParsedYaml&&) noexcept;
  ~ParsedYaml();
  const Impl& impl() const { return *impl_; }
  Impl& mutable_impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// The first half of LoadProgram (text checks, size limits and the YAML parse).
ParsedYaml ParseYamlText(std::string_view text, const std::string& file);

// The second half: LoadProgram(text, file, catalogue, diags) is
// LoadProgram(ParseYamlText(text, file), catalogue, diags), same diagnostics.
std::optional<Program> LoadProgram(const ParsedYaml& parsed, const std::vector<Exercise>& catalogue,
                                   Diagnostics* diags);

// LoadCatalogueFile from a parsed file, e.g. a translated one.
std::optional<Catalogue> LoadCatalogueFile(const ParsedYaml& parsed, Diagnostics* diags);

// LoadProgram with the whole catalogue: the catalogue's default red flags
// fill in every diary flag the program does not name (a program's own may
// only tighten a default), and a program that still leaves a diary flag
// without a red flag is an error. The CLI loads every program this way.
std::optional<Program> LoadProgramFromCatalogue(std::string_view text, const std::string& file,
                                                const Catalogue& catalogue, Diagnostics* diags);
std::optional<Program> LoadProgramFromCatalogue(const ParsedYaml& parsed,
                                                const Catalogue& catalogue, Diagnostics* diags);

// Parses and validates a patient file (time zone checked against the tz database).
std::optional<Patient> LoadPatient(std::string_view text, const std::string& file,
                                   Diagnostics* diags);

// Checks a patient's per-exercise overrides against the program they are
// planned with (unknown exercise, step beyond the ladder). True when fine.
bool CheckPatientAgainstProgram(const Patient& patient, const Program& program,
                                Diagnostics* diags);

// True when `zone` names a zone in the tz database.
bool IsKnownTimeZone(const std::string& zone);

// "unknown time zone 'America/Chicgo', did you mean 'America/Chicago'?", or
// with an example of an IANA name when no zone is close.
std::string UnknownTimeZoneMessage(const std::string& zone);

enum class FileKind { kProgram, kCatalogue, kPatient, kDiary, kTranslation, kUnknown };

// Guesses what a file holds from its content: a CSV that LooksLikeDiary (its
// first line names diary columns, in any order, quoted or not) is a diary;
// YAML with `phases`/`anchor` a program, with only `exercises` a catalogue,
// with `timezone`/`side`/`surgery`/`sessions` a patient, with `translates` a
// program's translation (planner/load/translation.h).
FileKind DetectFileKind(std::string_view text);

// Parses a duration "10d", "6w" or a plain integer number of days.
std::optional<int> ParseDays(std::string_view text);

}  // namespace rehab

#endif  // REHAB_PLANNER_LOAD_YAML_LOADER_H_
