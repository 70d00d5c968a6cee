// The triage report of a batch or triage run: every planned patient's entry, ranked by the
// library (planner/engine/triage.h), printed by its renderer (planner/present/render_triage.h).
#include <ostream>

#include "cli/batch_internal.h"
#include "cli/cli.h"
#include "planner/present/render_triage.h"

namespace rehab::cli::batch {

namespace {

TriageReport ReportOf(const std::vector<Job>& batch, const Settings& s) {
  TriageReport report;
  report.today = date::sys_days(s.today);
  for (const Job& job : batch) {
    if (job.triage) {
      report.entries.push_back(*job.triage);
    } else if (job.outcome == Outcome::kFailed) {
      report.failed.push_back(job.file.string());
    }
  }
  SortTriage(&report.entries);
  return report;
}

}  // namespace

void PrintTriage(const std::vector<Job>& batch, const Settings& s, std::string_view format,
                 std::ostream& out) {
  const TriageReport report = ReportOf(batch, s);
  out << (format == "json" ? RenderTriageJson(report, kTriageLanguage) : RenderTriageText(report, kTriageLanguage));
}

int TriageStatus(const std::vector<Job>& batch) {
  for (const Job& job : batch) {
    if (job.triage && NeedsAttention(job.triage->category)) return kExitNeedsAttention;
  }
  return kExitOk;
}

}  // namespace rehab::cli::batch
