// TEMPORARY scaffolding while the verbs are written; removed verb by verb.
#include <ostream>

#include "cli/cli.h"

namespace rehab::cli {
int RunPrograms(const Args&, std::ostream&, std::ostream& err) { err << "not yet\n"; return 2; }
int RunShow(const Args&, std::ostream&, std::ostream& err) { err << "not yet\n"; return 2; }
int RunValidate(const Args&, std::ostream&, std::ostream& err) { err << "not yet\n"; return 2; }
int RunPlan(const Args&, std::ostream&, std::ostream& err) { err << "not yet\n"; return 2; }
int RunExplain(const Args&, std::ostream&, std::ostream& err) { err << "not yet\n"; return 2; }
}  // namespace rehab::cli
