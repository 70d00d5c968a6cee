// `rehab batch DIR -o OUTDIR`: plans a whole caseload, one output per patient
// file, on all cores; skips patients whose inputs and output have not changed
// since the last run (a manifest of input hashes is kept beside the outputs).
#include <date/tz.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <ostream>
#include <set>
#include <thread>

#include "cli/batch_internal.h"
#include "cli/common.h"
#include "cli/formats.h"
#include "cli/io.h"
#include "cli/program_library.h"
#include "cli/publish.h"

namespace rehab::cli {

namespace fs = std::filesystem;

namespace batch {

void Hasher::Field(std::string_view bytes) {
  uint64_t n = bytes.size();
  fnv_.Add(std::string_view(reinterpret_cast<const char*>(&n), sizeof n));
  fnv_.Add(bytes);
}

void Hasher::Field(uint64_t value) {
  Field(std::string_view(reinterpret_cast<const char*>(&value), sizeof value));
}

std::string Hasher::Hex() const { return fmt::format("fnv1a64:{:016x}", fnv_.value()); }

uint64_t HashBytes(std::string_view bytes) {
  Hasher h;
  h.Field(bytes);
  return h.value();
}

namespace {

void DrawProgress(std::ostream& err, size_t done, size_t total) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  err << fmt::format("\r[{}{}] {}/{}", std::string(filled, '#'), std::string(kWidth - filled, ' '),
                     done, total)
      << std::flush;
}

}  // namespace

void AddRunOptions(po::options_description* options) {
  options->add_options()
      ("jobs,j", po::value<int>()->default_value(0), "worker threads (default: all cores)")
      ("today", po::value<std::string>(), "today's date, YYYY-MM-DD (default: today in UTC)")
      ("no-diary-days", po::value<int>(),
       "triage: list a patient after N days without a diary entry (default: the program's "
       "gap_days)");
}

int RunOptionsArg(const po::variables_map& vm, std::ostream& err, Settings* s, int* jobs) {
  *jobs = vm["jobs"].as<int>();
  if (*jobs < 0 || *jobs > 1024) {
    err << fmt::format("rehab: -j must be from 1 to 1024 (0: all cores), got {}\n", *jobs);
    return kExitUsage;
  }
  if (*jobs == 0) *jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto today = TodayArg(vm, err);
  if (!today) return kExitUsage;
  s->today = date::year_month_day(*today);
  if (vm.count("no-diary-days")) {
    int days = vm["no-diary-days"].as<int>();
    if (days < 1 || days > 365) {
      err << fmt::format("rehab: --no-diary-days must be from 1 to 365, got {}\n", days);
      return kExitUsage;
    }
    s->triage.no_diary_days = days;
  }
  return kExitOk;
}

// One job per DIR/*.yaml regular file, sorted by path. A FIFO, socket or
// device (or a link to one, or to nothing) is no patient file, and reading it
// could block forever: it is skipped, with a message.
int ListPatients(const fs::path& in_dir, std::ostream& err, std::vector<Job>* batch) {
  std::error_code ec;
  fs::directory_iterator it(in_dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".yaml" || it->is_directory(ec)) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) {
      err << fmt::format("rehab: {}: skipped: not a regular file\n", it->path().string());
      continue;
    }
    batch->emplace_back().file = it->path();
  }
  if (ec) {
    err << fmt::format("rehab: cannot read folder '{}': {}\n", in_dir.string(), ec.message());
    return kExitInvalidInput;
  }
  std::sort(batch->begin(), batch->end(),
            [](const Job& a, const Job& b) { return a.file < b.file; });
  return kExitOk;
}

// What the workers share, loaded before they start: the tz database
// (date::locate_zone is safe to call concurrently only once it is loaded),
// the catalogue and the built-in ids.
int LoadShared(std::ostream& err, ProgramLibrary* programs, Settings* s) {
  try {
    s->tzdb_version = date::get_tzdb().version;
  } catch (const std::exception& e) {
    err << "rehab: cannot load the time-zone database: " << e.what() << "\n";
    return kExitInvalidInput;
  }
  const LoadedCatalogue& catalogue = programs->LoadCatalogue();
  if (!catalogue.catalogue) {
    err << catalogue.diags.ToString();
    return kExitInvalidInput;
  }
  s->catalogue_digest = catalogue.digest;
  programs->BuiltinIds();
  s->programs = programs;
  return kExitOk;
}

// Both passes over the patients; returns those that reached the second.
std::vector<Job*> PlanAll(std::vector<Job>* batch, const Settings& s, int jobs,
                          std::ostream& err) {
  const bool show_progress = isatty(STDERR_FILENO) && err.rdbuf() == std::cerr.rdbuf();
  ParallelFor(
      batch->size(), jobs,
      [&](size_t i) { Guarded(&(*batch)[i], [&] { LoadOne(&(*batch)[i], s.shard); }); },
      [](size_t) {});
  RejectDuplicateIds(batch);
  std::vector<Job*> pending;
  for (auto& job : *batch) {
    if (job.outcome == Outcome::kPending) pending.push_back(&job);
  }
  ParallelFor(
      pending.size(), jobs,
      [&](size_t i) { Guarded(pending[i], [&] { PlanOne(pending[i], s); }); },
      [&](size_t done) {
        if (show_progress) DrawProgress(err, done, pending.size());
      });
  if (show_progress) err << "\r\033[K" << std::flush;
  return pending;
}

}  // namespace batch

namespace {

using batch::Job;
using batch::Manifest;
using batch::Outcome;
using batch::Settings;
using batch::ListPatients;
using batch::LoadShared;
using batch::PlanAll;

std::string BatchUsage() {
  const std::vector<std::string>& formats = FormatNames(FormatUse::kBatch);
  return fmt::format(
      "usage: rehab batch DIR -o OUTDIR [-j N] [--today DATE] [--format {}]\n"
      "                   [--remind MINUTES] [--one-event-per-session] [--no-cancelled]\n"
      "                   [--fhir-transaction]\n"
      "                   [--force] [--no-diary-days N] [--caldav BASE_URL [--insecure]]\n"
      "                   [--shard-index I --shard-count N]\n"
      "       rehab batch merge OUTDIR [--shard-count N] [--format text|json]\n"
      "\n"
      "Plans every patient file (DIR/*.yaml) and writes OUTDIR/<patient id>.<format>.\n"
      "Each patient file names its `program` (a built-in id, or a path relative to\n"
      "the patient file) and optionally its `diary` (relative to the patient file);\n"
      "program files kept in DIR are recognised and skipped, and so (with a message)\n"
      "is anything that is not a regular file, such as a FIFO. A bad patient does not\n"
      "stop the others: its diagnostics are printed after the run and the exit\n"
      "status is 1 (or 3, below). Outputs are written atomically and are on disk\n"
      "when batch ends (synced together, not one by one); for ics the previous\n"
      "output is read so calendars update in place; for pdf one headless Chromium\n"
      "prints every patient's handout. OUTDIR/.rehab-batch.json\n"
      "records a hash of each patient's inputs (patient, program, catalogue, diary,\n"
      "today, format, reminder, rehab version, tz database) and its triage: a\n"
      "patient whose inputs and output are unchanged is skipped, so a second run on\n"
      "the same day is nearly free.\n"
      "\n"
      "After its summary, batch prints the caseload's triage table (docs/triage.md):\n"
      "red flags (emergency, same day), therapist alerts, outcome measures due this\n"
      "week and patients with no diary entry for N days (the program's gap_days),\n"
      "then the rest as a count.\n"
      "Exit status: 0 when nobody needs attention, 3 when some patient needs a call\n"
      "or a review (red flags, therapist alerts; 3 wins over 1), 1 when a patient or\n"
      "an output failed, 2 for a usage error. 'rehab triage DIR' prints the table\n"
      "without writing anything.\n"
      "\n"
      "--caldav BASE_URL also keeps one CalDAV calendar per patient equal to its\n"
      "plan, at BASE_URL/<patient id>/, as 'rehab publish' does (docs/caldav.md); a\n"
      "patient whose calendar could not be synced makes the exit status 1.\n"
      "\n"
      "Sharding (docs/scaling.md): with --shard-count N, this run plans only shard I\n"
      "(0 to N-1) of the caseload, the patients whose id hashes to I, and records\n"
      "them in OUTDIR/.rehab-batch.shard-I-of-N.json, so N runs can share OUTDIR.\n"
      "Without --shard-index, I is read from $JOB_COMPLETION_INDEX (Kubernetes\n"
      "Indexed Jobs), $SLURM_ARRAY_TASK_ID (Slurm job arrays) or\n"
      "$AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch), the first that is set; one of them\n"
      "set without --shard-count is an error (--shard-count 1: the unsharded run).\n"
      "'rehab batch merge OUTDIR' checks that every shard of one N has run on the\n"
      "same day, writes OUTDIR/.rehab-batch.json as the unsharded run would have,\n"
      "and prints the whole caseload's triage, with batch's exit status.\n",
      JoinFormatNames(formats, "|"));
}

po::options_description BatchOptions() {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")
      ("output,o", po::value<std::string>(), "output folder (created if missing)");
  batch::AddRunOptions(&options);
  AddFormatOptions(FormatUse::kBatch, &options);
  options.add_options()
      ("force", po::bool_switch(), "regenerate every patient, even unchanged ones")
      ("caldav", po::value<std::string>(), "also publish each plan to BASE_URL/<patient id>/")
      ("insecure", po::bool_switch(), "--caldav: do not verify TLS (localhost only)");
  batch::AddShardOptions(&options);
  options.add_options()
      ("files", po::value<std::string>(), "patient folder");
  return options;
}

// Uncommitted outputs past this size are committed (synced and renamed) during
// the run, on a thread of their own, so a run needs at most this much disk beyond
// the old outputs, and most of the syncing overlaps the planning: with 512 MB, the
// whole sync of a nightly run (1,897 calendars) came after it, 0.65 s of 5.5.
constexpr uint64_t kCommitEveryBytes = uint64_t{16} << 20;

// The options after the folders: format, reminders, -j, --today, --force.
// Returns kExitOk, or the status after printing why not.
int SettingsArg(const po::variables_map& vm, std::ostream& err, Settings* s, int* jobs) {
  s->format = FormatArg(vm, FormatUse::kBatch, err);
  if (s->format == nullptr) return kExitUsage;
  std::optional<RenderOptions> render = RenderOptionsArg(vm, err);
  if (!render) return kExitUsage;
  s->render = *render;
  int status = batch::RunOptionsArg(vm, err, s, jobs);
  if (status != kExitOk) return status;
  s->force = vm["force"].as<bool>();
  return kExitOk;
}

// OUTDIR, created if missing, without the temporary files of a run that was
// interrupted before its commit.
int PrepareOutDir(const fs::path& out_dir, const batch::Shard& shard, std::ostream& err) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    err << fmt::format("rehab: cannot create '{}': {}\n", out_dir.string(), ec.message());
    return kExitInvalidInput;
  }
  // Other shards may be writing into OUTDIR now: only this shard's temporary files are stale.
  if (shard.sharded()) {
    WriteBatch::RemoveStaleTemps(out_dir.string(),
                                 [&](std::string_view name) { return OwnsOutput(shard, name); });
  } else {
    WriteBatch::RemoveStaleTemps(out_dir.string());
  }
  return kExitOk;
}

// Every new output onto the disk and into place, before the manifest that
// records them: a crash never leaves a manifest naming outputs not on disk.
void CommitOutputs(WriteBatch* writes, const Settings& s, const std::vector<Job*>& pending) {
  const std::map<std::string, std::string> failures = writes->Commit();
  if (failures.empty()) return;
  for (Job* job : pending) {
    if (job->outcome != Outcome::kWritten) continue;
    auto it = failures.find((s.out_dir / job->output_name).string());
    if (it != failures.end()) {
      job->errors += "rehab: " + it->second + "\n";
      job->outcome = Outcome::kFailed;
    }
  }
}

struct Counts {
  size_t patients = 0, written = 0, unchanged = 0, failed = 0;
};

// The new manifest (this run's outputs, plus the old entries of other
// formats' outputs); prints each failed patient's diagnostics, in file order.
Manifest Summarize(const std::vector<Job>& batch, const Manifest& old_manifest,
                   const Settings& s, std::ostream& err, Counts* counts) {
  Manifest manifest;
  const std::string ext = "." + std::string(s.format->extension);
  for (const auto& [name, entry] : old_manifest) {
    if (!name.ends_with(ext) && OwnsOutput(s.shard, name)) manifest.emplace(name, entry);
  }
  std::set<std::string> warned;
  for (const auto& job : batch) {
    if (job.outcome == Outcome::kSkipped || job.outcome == Outcome::kOtherShard) continue;
    if (!job.warnings.empty() && warned.insert(job.warnings).second) err << job.warnings;
    ++counts->patients;
    if (job.outcome == Outcome::kWritten) ++counts->written;
    if (job.outcome == Outcome::kUnchanged) ++counts->unchanged;
    if (job.outcome == Outcome::kWritten || job.outcome == Outcome::kUnchanged) {
      manifest[job.output_name] = job.entry;
      continue;
    }
    ++counts->failed;
    err << fmt::format("rehab: {}: not planned\n", job.file.string()) << job.diags.ToString()
        << job.errors;
  }
  return manifest;
}

}  // namespace

namespace batch {

bool WriteManifest(const fs::path& path, const fs::path& out_dir, const std::string& text,
                   std::ostream& err) {
  std::string error;
  if (ReadWholeFile(path.string(), &error, kMaxOwnFileBytes).value_or("") == text) return true;
  if (!WriteFileAtomically(path.string(), text, &error) ||
      !SyncDirectory(out_dir.string(), &error)) {
    err << "rehab: " << error << "\n";
    return false;
  }
  return true;
}

}  // namespace batch

int RunBatch(const Args& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args.front() == "merge") return batch::RunMerge(args, out, err);
  const auto started = std::chrono::steady_clock::now();
  const std::string usage = BatchUsage();
  const po::options_description options = BatchOptions();
  po::positional_options_description positional;
  positional.add("files", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, usage.c_str(), options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("files") || !vm->count("output")) {
    err << "rehab: batch needs a patient folder DIR and -o OUTDIR\n\n" << usage;
    return kExitUsage;
  }
  if ((*vm)["output"].as<std::string>().empty()) {
    err << "rehab: -o needs a folder name\n";
    return kExitUsage;
  }
  Settings s;
  int jobs = 0;
  if ((status = SettingsArg(*vm, err, &s, &jobs)) != kExitOk ||
      (status = batch::ShardArg(*vm, err, &s.shard)) != kExitOk) {
    return status;
  }
  s.out_dir = (*vm)["output"].as<std::string>();
  std::vector<Job> patients;
  if ((status = ListPatients((*vm)["files"].as<std::string>(), err, &patients)) != kExitOk ||
      (status = PrepareOutDir(s.out_dir, s.shard, err)) != kExitOk) {
    return status;
  }
  const std::string caldav = vm->count("caldav") ? (*vm)["caldav"].as<std::string>() : "";
  if (!caldav.empty()) {
    std::string error = CheckCaseloadUrl(caldav, (*vm)["insecure"].as<bool>());
    if (!error.empty()) {
      err << "rehab: " << error << "\n";
      return kExitUsage;
    }
  }
  ProgramLibrary programs(ProgramsDir(), batch::HashBytes);
  if ((status = LoadShared(err, &programs, &s)) != kExitOk) return status;
  const fs::path manifest_path = s.out_dir / batch::ManifestName(s.shard);
  Manifest old_manifest = batch::ReadManifest(manifest_path);
  // A shard's first run (or the first after a change of N) starts from the merged manifest:
  // its entries still hold for this shard's outputs that are as they recorded.
  std::error_code ec;
  if (s.shard.sharded() && !fs::exists(manifest_path, ec)) {
    old_manifest = batch::ReadManifest(s.out_dir / batch::kManifestName);
  }
  s.manifest = &old_manifest;
  // Outputs are written as temporary files by the workers and committed
  // before the manifest; if RunBatch leaves early, its destructor removes them.
  // PDF: one Chromium for every handout. Declared before `writes`, so it is stopped after
  // the outputs are committed, and a signal it caught ends rehab only then.
  std::unique_ptr<PdfPrinter> printer;
  if (s.format->name == "pdf") {
    printer = std::make_unique<PdfPrinter>();
    s.pdf = printer.get();
  }
  WriteBatch writes(kCommitEveryBytes);
  s.writes = &writes;

  const std::vector<Job*> pending = PlanAll(&patients, s, jobs, err);
  CommitOutputs(&writes, s, pending);
  Counts counts;
  const Manifest manifest = Summarize(patients, old_manifest, s, err, &counts);
  std::optional<batch::RunRecord> run;
  if (s.shard.sharded()) {
    run.emplace();
    run->shard = s.shard;
    run->today = FormatDate(date::sys_days(s.today));
    run->format = s.format->name;
    run->extension = s.format->extension;
    for (const Job& job : patients) {
      if (job.outcome == Outcome::kFailed) run->failed.push_back(job.file.string());
    }
  }
  const bool manifest_ok = batch::WriteManifest(
      manifest_path, s.out_dir, batch::ManifestText(manifest, run ? &*run : nullptr), err);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string shard =
      s.shard.sharded() ? fmt::format("shard {} of {}: ", s.shard.index, s.shard.count) : "";
  out << fmt::format("batch: {}{} patients, {} written, {} unchanged, {} failed in {:.2f} s\n",
                     shard, counts.patients, counts.written, counts.unchanged, counts.failed,
                     seconds);
  int published = kExitOk;
  if (!caldav.empty()) {
    std::vector<CaseloadPatient> planned;
    for (const auto& job : patients) {
      if (job.outcome == Outcome::kWritten || job.outcome == Outcome::kUnchanged) {
        // The output is named "<patient id>.<extension>".
        std::string id = job.output_name.substr(
            0, job.output_name.size() - std::string(s.format->extension).size() - 1);
        planned.push_back({job.file.string(), id});
      }
    }
    CaseloadPublish request{.base_url = caldav,
                            .insecure = (*vm)["insecure"].as<bool>(),
                            .today = FormatDate(date::sys_days(s.today)),
                            .remind_minutes = s.render.remind_minutes,
                            .one_event_per_session = s.render.one_event_per_session};
    published = PublishCaseload(planned, request, out, err);
  }
  out << "\n";
  batch::PrintTriage(patients, s, "text", out);
  if (batch::TriageStatus(patients) == kExitNeedsAttention) {
    return kExitNeedsAttention;
  }
  return counts.failed > 0 || !manifest_ok || published != kExitOk ? kExitInvalidInput : kExitOk;
}

}  // namespace rehab::cli
