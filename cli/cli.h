// The rehab command line: one Run* function per verb, each taking its
// arguments (without the verb) and the streams to write to, so tests can run
// verbs in-process. main() only forwards argv.
#ifndef REHAB_CLI_CLI_H_
#define REHAB_CLI_CLI_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace rehab::cli {

// Exit codes of every verb (design contract).
enum ExitStatus : int {
  kExitOk = 0,
  kExitInvalidInput = 1,  // diagnostics on stderr
  kExitUsage = 2,         // command-line usage error
  // batch, triage: some patient needs a call or a review (docs/triage.md); wins over 1.
  kExitNeedsAttention = 3,
};

using Args = std::vector<std::string>;

// Dispatches `args` = {verb, verb arguments...}.
int Run(const Args& args, std::ostream& out, std::ostream& err);

int RunInit(const Args& args, std::ostream& out, std::ostream& err);
int RunPrograms(const Args& args, std::ostream& out, std::ostream& err);
int RunShow(const Args& args, std::ostream& out, std::ostream& err);
int RunExercises(const Args& args, std::ostream& out, std::ostream& err);
int RunValidate(const Args& args, std::ostream& out, std::ostream& err);
int RunPlan(const Args& args, std::ostream& out, std::ostream& err);
int RunExplain(const Args& args, std::ostream& out, std::ostream& err);
int RunToday(const Args& args, std::ostream& out, std::ostream& err);
int RunLog(const Args& args, std::ostream& out, std::ostream& err);
int RunBatch(const Args& args, std::ostream& out, std::ostream& err);
int RunTriage(const Args& args, std::ostream& out, std::ostream& err);
int RunFigure(const Args& args, std::ostream& out, std::ostream& err);
int RunPublish(const Args& args, std::ostream& out, std::ostream& err);
int RunServe(const Args& args, std::ostream& out, std::ostream& err);  // server/serve_verb.cc

}  // namespace rehab::cli

#endif  // REHAB_CLI_CLI_H_
