// The caseload triage report (docs/triage.md) as a terminal table or as JSON: the
// entries of planner/engine/triage.h worded from the message catalogue.
#ifndef REHAB_PLANNER_PRESENT_RENDER_TRIAGE_H_
#define REHAB_PLANNER_PRESENT_RENDER_TRIAGE_H_

#include <string>
#include <vector>

#include "planner/engine/triage.h"
#include "planner/model/model.h"

namespace rehab {

inline constexpr char kTriageSchema[] = "rehab-triage/1";

struct TriageReport {
  Date today;
  std::vector<TriageEntry> entries;  // one per planned patient, sorted by SortTriage
  std::vector<std::string> failed;   // files of patients that could not be planned
};

// The table: one group per category 1-5 (a heading, then one aligned row per patient: id,
// since, what to do, what), then the quiet patients as a count and the failed ones as a
// count. Control characters in ids and program texts are shown as escapes.
std::string RenderTriageText(const TriageReport& report, const std::string& language);

// The same as JSON (schema kTriageSchema, docs/triage.md), two-space indent.
std::string RenderTriageJson(const TriageReport& report, const std::string& language);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_TRIAGE_H_
