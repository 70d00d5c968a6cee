// `rehab triage DIR`: who in a caseload needs the therapist first (docs/triage.md). Plans
// every patient as `rehab batch` does (its loading, in batch*.cc) and writes nothing.
#include <fmt/format.h>

#include <ostream>

#include "cli/batch_internal.h"
#include "cli/common.h"

namespace rehab::cli {

namespace {

constexpr char kTriageUsage[] =
    "usage: rehab triage DIR [-j N] [--today DATE] [--format text|json] [--no-diary-days N]\n"
    "\n"
    "Plans every patient file (DIR/*.yaml, as 'rehab batch' reads them) and prints\n"
    "who needs attention first, writing nothing: red flags (emergency, then same\n"
    "day), therapist alerts (phase overdue, criteria not met, exercises stopped,\n"
    "repeated red pain), outcome measures due this week, patients with no diary\n"
    "entry for N days (the program's gap_days unless --no-diary-days), then the\n"
    "rest as a count. See docs/triage.md for the JSON.\n"
    "\n"
    "Exit status: 0 when nobody needs attention; 3 when some patient needs a call\n"
    "or a review (red flags, therapist alerts), even if another patient failed;\n"
    "1 when a patient could not be planned; 2 for a usage error.\n";

}  // namespace

int RunTriage(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  batch::AddRunOptions(&options);
  options.add_options()
      ("format,f", po::value<std::string>()->default_value("text"), "text or json")
      ("files", po::value<std::string>(), "patient folder");
  po::positional_options_description positional;
  positional.add("files", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kTriageUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("files")) {
    err << "rehab: triage needs a patient folder DIR\n\n" << kTriageUsage;
    return kExitUsage;
  }
  const std::string format = (*vm)["format"].as<std::string>();
  if (format != "text" && format != "json") {
    err << fmt::format("rehab: triage --format is text or json, got '{}'\n", format);
    return kExitUsage;
  }
  batch::Settings s;
  int jobs = 0;
  if ((status = batch::RunOptionsArg(*vm, err, &s, &jobs)) != kExitOk) return status;
  std::vector<batch::Job> patients;
  if ((status = batch::ListPatients((*vm)["files"].as<std::string>(), err, &patients)) !=
      kExitOk) {
    return status;
  }
  ProgramLibrary programs(ProgramsDir(), batch::HashBytes);
  if ((status = batch::LoadShared(err, &programs, &s)) != kExitOk) return status;
  batch::PlanAll(&patients, s, jobs, err);
  bool failed = false;
  for (const batch::Job& job : patients) {
    if (job.outcome != batch::Outcome::kFailed) continue;
    failed = true;
    err << fmt::format("rehab: {}: not planned\n", job.file.string()) << job.diags.ToString()
        << job.errors;
  }
  batch::PrintTriage(patients, s, format, out);
  if ((status = batch::TriageStatus(patients)) != kExitOk) return status;
  return failed ? kExitInvalidInput : kExitOk;
}

}  // namespace rehab::cli
