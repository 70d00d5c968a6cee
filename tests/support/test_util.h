// Helpers shared by the tests: temp directories, files, and running the CLI
// both in-process and as the built binary.
#ifndef REHAB_TESTS_SUPPORT_TEST_UTIL_H_
#define REHAB_TESTS_SUPPORT_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab::testing {

// An exercise that lives until the test program ends, for plans built by
// hand: their scheduled exercises must point at one. The same id, name and
// kind give the same exercise.
const Exercise* TestExercise(const std::string& id, const std::string& name,
                             ExerciseKind kind = ExerciseKind::kStrength);

// A copy of `dose` that lives until the test program ends, for plans built
// by hand.
const Dose* TestDose(const Dose& dose);

// Points `ex` at a copy of its dose of its own (TestDose) and returns it to
// change: `EditDose(&ex)->reps = 12;` changes that session's dose alone.
Dose* EditDose(ScheduledExercise* ex);

// A scheduled exercise for a hand-built plan: exercise `id` named `name` at
// `sets` of `reps`, each held `hold` seconds; step, steps and side as a
// default ScheduledExercise has them.
ScheduledExercise TestScheduled(const std::string& id, const std::string& name, int sets,
                                int reps, int hold = 0);

// A fresh directory under the system temp dir, removed with its contents on destruction.
class ScopedTempDir {
 public:
  ScopedTempDir();
  ~ScopedTempDir();
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a verb in-process through rehab::cli::Run.
RunResult RunCli(const std::vector<std::string>& args);

// Runs the built `rehab` binary with `args` (each shell-quoted), capturing
// stdout and stderr separately.
RunResult RunBinary(const std::vector<std::string>& args);

// `s` in single quotes for /bin/sh, each ' inside written as '\''.
std::string ShellQuote(const std::string& s);

// Runs `command` with /bin/sh, capturing its stdout in `out` (`err` stays
// empty: redirect stderr in `command` to keep it). exit_code is -1 when the
// command could not start or did not exit normally.
RunResult RunShell(const std::string& command);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);

// tests/data/<name>, the repository root, the built-in programs folder.
std::string DataPath(const std::string& name);
std::string SourcePath(const std::string& relative);

// Ids of the programs shipped in programs/ (every .yaml but the catalogue), sorted.
std::vector<std::string> ShippedProgramIds();

// The text plan with each wrapped line joined to the one before it: a line
// break followed by three or more spaces (a continuation's indent) becomes
// one space, so a test finds a sentence however it was wrapped.
std::string Unwrapped(const std::string& text);

// The lines of `text`, each without its '\n' (a last line without one too).
std::vector<std::string> Lines(const std::string& text);

// True when REHAB_UPDATE_GOLDEN=1: golden tests rewrite their expected files.
bool UpdatingGolden();

// When UpdatingGolden(), writes `actual` to `path` (creating its folder)
// unless the file holds it already, and says so on stdout; else does nothing.
void UpdateGolden(const std::string& path, const std::string& actual);

// `text` with every byte but ASCII letters and digits turned into '_': a
// name gtest takes for a parameterised test.
std::string TestNameOf(std::string text);

// Whether `text` contains `part`.
bool Contains(const std::string& text, const std::string& part);

// `text` in ASCII lower case; whether `text` contains `needle`, ignoring ASCII case.
std::string Lower(std::string text);
bool Mentions(const std::string& text, const std::string& needle);

}  // namespace rehab::testing

#endif  // REHAB_TESTS_SUPPORT_TEST_UTIL_H_
