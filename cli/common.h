// What several verbs share: loading a program with its diagnostics, the
// plan options, and turning them into a Plan.
#ifndef REHAB_CLI_COMMON_H_
#define REHAB_CLI_COMMON_H_

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/cli.h"
#include "cli/program_library.h"
#include "planner/base/diagnostics.h"
#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab::cli {

namespace po = boost::program_options;

// A patient file, read and loaded.
struct PatientFile {
  std::string path, text;
  Patient patient;
};

// Reads and loads the patient file at `path`. Returns kExitOk, or the status
// after printing why not (as `rehab plan` would print it).
int ReadPatientFile(const std::string& path, std::ostream& err, PatientFile* file);

// Where the value of a top-level `key:` is in a YAML text (for errors about a
// key the loader accepted but a command cannot use); the whole file when it
// is not found.
SourceLoc KeyLoc(std::string_view text, const std::string& file, std::string_view key);

// KeyLoc of `program:` in a patient file's text.
SourceLoc ProgramKeyLoc(std::string_view text, const std::string& file);

// The program the patient file names, as PROGRAM would be given: a built-in
// id as it is, a path joined to the patient file's folder. Returns kExitOk
// with `*program` set, or the status after printing why not (no `program:`:
// a usage error; an unknown one: located at the file's `program:` key).
int ProgramOfPatient(const PatientFile& file, std::ostream& err, std::string* program);

// ProgramOfPatient(file), put in front of `*args` as their PROGRAM, for a
// verb given --patient FILE without PROGRAM.
int PrependPatientProgram(const PatientFile& file, std::ostream& err, Args* args);

// For a verb whose PROGRAM may come from --patient FILE: when `*vm` (`args`
// as ParseArgs parsed them) has no PROGRAM, the patient file's `program:` is
// put in front of `args`, which are parsed again into `*vm`. Returns kExitOk
// with `*vm` set to go on; otherwise (or with `*vm` empty, as ParseArgs leaves
// it) the verb exits with the status returned, after what was printed (neither PROGRAM nor
// --patient: "rehab VERB needs a PROGRAM, or --patient FILE naming its
// program" and the usage; an unreadable file or an unknown program).
int ProgramFromPatient(const Args& args, const char* verb, const char* usage,
                       const po::options_description& options,
                       const po::positional_options_description& positional, std::ostream& out,
                       std::ostream& err, std::optional<po::variables_map>* vm);

// Loads PROGRAM: a built-in id or a path to a YAML file. On failure prints
// the reason to `err` and sets `*status` (usage error for an unknown id,
// invalid input for a bad file).
std::optional<Program> LoadProgramArg(const std::string& name, std::ostream& err, int* status);

// Every built-in program of `library`, in BuiltinIds() order, loaded as
// LoadProgramArg(id) would load each (and reporting the same on `err`);
// null for those that fail.
std::vector<std::shared_ptr<const Program>> LoadBuiltinPrograms(ProgramLibrary* library,
                                                                std::ostream& err);

// Why `text`, given as --`flag`, is not a date: "--date must be a date as
// YYYY-MM-DD, got \"3 May\"", or for a well-formed day that is not in the
// calendar "--date 2026-02-30: that day does not exist (February 2026 has 28
// days)"; "" when it is a date. Every verb reports a bad date this way, and
// exits kExitUsage.
std::string DateArgProblem(std::string_view flag, const std::string& text);

// The date `text` given as --`flag`; nullopt after printing DateArgProblem.
std::optional<Date> DateArg(std::string_view flag, const std::string& text, std::ostream& err);

// `text` given as --`flag`, one of `choices` in any case ("PDF" is "pdf"),
// as that choice; nullopt after printing the choices (and the closest one).
std::optional<std::string> ChoiceArg(std::string_view flag, const std::string& text,
                                     const std::vector<std::string>& choices, std::ostream& err);

// Today's date: --today when given, else the system clock's UTC date.
std::optional<Date> TodayArg(const po::variables_map& vm, std::ostream& err);

// Adds the options `plan` and `explain` share.
void AddPlanOptions(po::options_description* options);

// Program (from `library`) + patient + diary + today from the parsed plan
// options, then Generate(). Returns kExitOk with `*plan` set, or the exit
// status after printing diagnostics.
int BuildPlan(const po::variables_map& vm, ProgramLibrary* library, std::ostream& err, Plan* plan);

// Parses `args` for a verb; prints usage errors. Returns nullopt and sets
// `*status` when the verb should exit now (--help printed, or a usage error).
std::optional<po::variables_map> ParseArgs(const Args& args, const char* usage,
                                           const po::options_description& options,
                                           const po::positional_options_description& positional,
                                           std::ostream& out, std::ostream& err, int* status);

}  // namespace rehab::cli

#endif  // REHAB_CLI_COMMON_H_
