// The two passes of `rehab batch` over its patients, and the threads that run them.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/batch_internal.h"
#include "cli/common.h"
#include "cli/io.h"
#include "cli/languages.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/plan_digest.h"

namespace rehab::cli::batch {

namespace fs = std::filesystem;

namespace {

// Why a patient id cannot name an output file, or "" when it can.
std::string BadFileNameReason(const std::string& id) {
  if (id.empty()) return "is empty";
  if (id[0] == '.') return "starts with '.'";
  for (unsigned char c : id) {
    if (c == '/' || c == '\\') return "contains a slash";
    if (c < 0x20 || c == 0x7f) return "contains a control character";
  }
  if (id.size() > 200) return "is longer than 200 bytes";
  return "";
}

// The patient's program, loaded once per run; null after recording why not.
std::shared_ptr<const LoadedProgram> ProgramOf(Job* job, const Patient& patient,
                                               const Settings& s) {
  const std::string path = job->file.string();
  if (patient.program.empty()) {
    job->diags.AddSource(path, job->text);
    job->diags.Error({path, 0, 0},
                     "a patient file for batch needs 'program:' (a built-in id or a path)");
    return nullptr;
  }
  const fs::path dir = job->file.parent_path();
  std::optional<std::string> program_path = s.programs->FileOf(patient.program, &dir);
  if (!program_path) {
    job->diags.Error(KeyLoc(job->text, path, "program"),
                     s.programs->UnknownProgramMessage(patient.program));
    return nullptr;
  }
  // In the patient's language: a batch of Spanish-speaking patients gets Spanish plans.
  std::ostringstream why;
  std::shared_ptr<const LoadedProgram> loaded =
      LoadProgramIn(s.programs, *program_path, patient.language, why);
  if (!loaded) {
    job->errors = why.str();
    return nullptr;
  }
  if (!loaded->program) {
    job->errors = loaded->read_error.empty() ? loaded->diags.ToString()
                                             : "rehab: " + loaded->read_error + "\n";
    return nullptr;
  }
  job->warnings = TranslationWarnings(*loaded);
  return loaded;
}

// The patient's diary file, read (not parsed yet: an unchanged patient never
// needs it parsed). False after recording why it cannot be read.
bool ReadDiary(Job* job, const Patient& patient, std::string* path, std::string* text) {
  if (patient.diary.empty()) return true;
  *path = (job->file.parent_path() / patient.diary).lexically_normal().string();
  std::string error;
  auto read = ReadWholeFile(*path, &error);
  if (!read) {
    job->diags.Error(KeyLoc(job->text, job->file.string(), "diary"), error);
    return false;
  }
  *text = std::move(*read);
  return true;
}

// Every input of the patient's output, hashed.
// Whether the run's format shows `today` in its bytes (all but ics; pdf does).
bool ShowsToday(const Settings& s) {
  return s.format->library == nullptr || s.format->library->shows_today;
}

// How many days after today a patient's plan is looked at for the days it holds through,
// for a format that does not show today: the nights a patient whose files did not change
// is neither planned nor rendered. Longer costs more planning on the nights one is.
constexpr int kValidityDays = 14;

// Every input of the patient's output but the diary, hashed: the patient file, the
// program, the catalogues, the format and its options.
Hasher OutputKey(const Job& job, const Settings& s, const LoadedProgram& program) {
  Hasher h;
  h.Field(REHAB_VERSION);
  h.Field(s.tzdb_version);
  h.Field(s.format->name);
  h.Field(static_cast<uint64_t>(s.render.remind_minutes));
  h.Field(s.render.one_event_per_session ? "one-event-per-session" : "repeat");
  // Only when set, so the hashes of outputs made without it stay as they were.
  if (s.render.no_cancelled) h.Field("no-cancelled");
  if (s.render.fhir_transaction) h.Field("fhir-transaction");
  // A format that does not show today is kept over the days its plan holds through
  // (UnchangedSinceLastRun); one that does is made again every day.
  if (ShowsToday(s)) h.Field(FormatDate(date::sys_days(s.today)));
  h.Field(s.catalogue_digest);
  h.Field(program.path);
  h.Field(program.digest);  // a translated program's includes its translation files
  // Only for another language, so the hashes of English outputs stay as they were.
  if (program.language != "en") h.Field(CatalogueDigest(program.language));
  h.Field(job.text);
  return h;
}

// Every input of the patient's output: `key` (OutputKey) and the diary.
std::string InputsHash(Hasher key, const std::string& diary_path, const std::string& diary_text) {
  key.Field(diary_path);
  key.Field(diary_text);
  return key.Hex();
}

// Whether `output` is still the file `recorded` describes (same size and modification
// time), so that it is known without reading it.
bool StillAsWritten(const fs::path& output, const ManifestEntry& recorded) {
  uint64_t size = 0;
  int64_t mtime = 0;
  return StatFile(output, &size, &mtime) && size == recorded.size && mtime == recorded.mtime_ns;
}

// True when the manifest records this output with the same inputs, today is
// one of the days its plan holds through, and the file is still as it was
// written; the job then keeps its old entry.
bool UnchangedSinceLastRun(Job* job, const Settings& s, const fs::path& output) {
  if (s.force) return false;
  auto it = s.manifest->find(job->output_name);
  if (it == s.manifest->end() || it->second.inputs != job->entry.inputs ||
      it->second.source != job->entry.source || !StillAsWritten(output, it->second)) {
    return false;
  }
  // ISO dates order as strings; an entry without them (an older manifest) is planned again.
  const std::string today = FormatDate(date::sys_days(s.today));
  if (it->second.planned_on.empty() || today < it->second.planned_on ||
      today > it->second.valid_through) {
    return false;
  }
  job->entry = it->second;
  return true;
}

// True when the manifest records this output as made from a plan with the same outcome
// (ManifestEntry::outcome) on a day up to today, and the file is still as it was
// written: rendering the new plan over it would give its bytes again (a format that
// does not show today renders plans with the same OutcomeDigest alike). The job then
// keeps the file's size and modification time.
bool SameOutcomeAsLastRun(Job* job, const Settings& s, const fs::path& output) {
  if (s.force || job->entry.outcome.empty()) return false;
  auto it = s.manifest->find(job->output_name);
  if (it == s.manifest->end() || it->second.outcome != job->entry.outcome ||
      it->second.source != job->entry.source || it->second.planned_on.empty() ||
      FormatDate(date::sys_days(s.today)) < it->second.planned_on ||
      !StillAsWritten(output, it->second)) {
    return false;
  }
  job->entry.size = it->second.size;
  job->entry.mtime_ns = it->second.mtime_ns;
  return true;
}

// The output file there now, if any: a format that reads its previous file
// (ics: UIDs and SEQUENCEs) takes it as an input, under the input cap; every
// format compares against it so identical output is not rewritten. False
// after recording why it cannot be read.
bool ReadExisting(Job* job, const Settings& s, const fs::path& output,
                  std::optional<std::string>* existing) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return true;
  std::string error;
  *existing = ReadWholeFile(output.string(), &error,
                            s.format->reads_previous ? kMaxInputBytes : kMaxOwnFileBytes);
  if (!*existing) {
    job->errors = "rehab: " + error + "\n";
    return false;
  }
  return true;
}

// Renders the plan and, unless it is what `existing` already holds, writes it
// as a temporary file that the batch's Commit renames over `output` (keeping
// its size and modification time). False after recording a failure.
bool RenderAndWrite(Job* job, const Settings& s, const Plan& plan, const fs::path& output,
                    const std::optional<std::string>& existing) {
  RenderOptions options = s.render;
  if (s.format->reads_previous && existing) options.previous = *existing;
  // One buffer per worker: a calendar of 60 KB or more is then not allocated
  // and freed for every patient.
  thread_local std::string rendered;
  std::string error;
  thread_local std::string html;
  if (s.pdf != nullptr) {
    // The handout, printed by the run's one Chromium rather than a Chromium of its own.
    if (!FindFormat("html")->Render(plan, options, &html, &error) ||
        !s.pdf->Print(html, &rendered, &error)) {
      job->errors = "rehab: " + error + "\n";
      return false;
    }
  } else if (!s.format->Render(plan, options, &rendered, &error)) {
    job->errors = "rehab: " + error + "\n";
    return false;
  }
  if (existing && rendered == *existing && !s.force) {
    job->outcome = Outcome::kUnchanged;
    if (!StatFile(output, &job->entry.size, &job->entry.mtime_ns)) {
      job->errors = fmt::format("rehab: cannot read '{}' back after writing it\n", output.string());
      return false;
    }
    return true;
  }
  WriteBatch::Stamp stamp;
  if (!s.writes->WriteTemp(output.string(), rendered, &error, &stamp)) {
    job->errors = "rehab: " + error + "\n";
    return false;
  }
  job->entry.size = stamp.size;
  job->entry.mtime_ns = stamp.mtime_ns;
  job->outcome = Outcome::kWritten;
  return true;
}

// PlanOne's steps; false when the patient failed. A patient whose output is unchanged is
// planned again only when the manifest has no triage for it (made with these options).
bool PlanSteps(Job* job, Patient patient, const Settings& s) {
  std::shared_ptr<const LoadedProgram> loaded = ProgramOf(job, patient, s);
  if (!loaded) return false;
  if (!CheckPatientAgainstProgram(patient, *loaded->program, &job->diags) ||
      job->diags.HasErrors()) {
    return false;
  }
  std::string diary_path, diary_text;
  if (!ReadDiary(job, patient, &diary_path, &diary_text)) return false;

  fs::path output;
  bool unchanged = false;
  Hasher key;
  if (s.writes != nullptr) {
    job->output_name = patient.id + "." + std::string(s.format->extension);
    job->entry.source = job->file.filename().string();
    key = OutputKey(*job, s, *loaded);
    job->entry.inputs = InputsHash(key, diary_path, diary_text);
    output = s.out_dir / job->output_name;
    unchanged = UnchangedSinceLastRun(job, s, output);
  }
  std::string().swap(job->text);  // not needed again: 10,000 of them add up
  if (unchanged) {
    // The same inputs (the diary among them) gave this triage on a day it holds through.
    job->triage = DecodeTriage(job->entry.TriageOn(FormatDate(date::sys_days(s.today))),
                               patient.id, s.triage);
    if (job->triage) {
      RecountTriageDays(&*job->triage, date::sys_days(s.today));
      job->outcome = Outcome::kUnchanged;
      return true;
    }
  }

  Diary diary;
  if (!diary_path.empty()) {
    diary = ParseDiary(diary_text, diary_path, &job->diags);
    if (job->diags.HasErrors()) return false;
  }
  if (!patient.start && !patient.surgery) patient.start = date::sys_days(s.today);
  PlanOptions options;
  if (s.writes != nullptr && !ShowsToday(s)) options.validity_days = kValidityDays;
  Plan plan = Generate(loaded->program, patient, diary, s.today, options);
  if (s.writes == nullptr) {
    job->triage = Triage(plan, s.triage);
    job->outcome = Outcome::kPlanned;
    return true;
  }
  // The triage of each day the plan holds through, so that a later run on the same inputs
  // plans this patient again only once the plan itself may have changed.
  std::vector<ScheduledTriage> schedule = TriageSchedule(plan, s.triage);
  job->entry.triage = EncodeTriage(schedule.front().entry, s.triage);
  job->entry.later_triage.clear();
  for (size_t i = 1; i < schedule.size(); ++i) {
    job->entry.later_triage.push_back(
        {FormatDate(schedule[i].from), EncodeTriage(schedule[i].entry, s.triage)});
  }
  job->entry.planned_on = FormatDate(plan.today);
  job->entry.valid_through = FormatDate(std::max(plan.valid_through, plan.today));
  job->triage = std::move(schedule.front().entry);
  job->entry.outcome.clear();
  if (!ShowsToday(s)) {
    key.Field(OutcomeDigest(plan));
    job->entry.outcome = key.Hex();
  }
  if (unchanged || SameOutcomeAsLastRun(job, s, output)) {
    job->outcome = Outcome::kUnchanged;
    return true;
  }
  std::optional<std::string> existing;
  if (!ReadExisting(job, s, output, &existing)) return false;
  return RenderAndWrite(job, s, plan, output, existing);
}

}  // namespace

void LoadOne(Job* job, const Shard& shard) {
  std::string path = job->file.string(), error;
  auto other_shard = [&](std::string_view key) {
    if (!shard.sharded() || ShardOfKey(key, shard.count) == shard.index) return false;
    job->outcome = Outcome::kOtherShard;  // none of this shard's business: forget it
    std::string().swap(job->text);
    job->patient.reset();
    job->diags = Diagnostics();
    return true;
  };
  auto text = ReadWholeFile(path, &error);
  if (!text) {
    if (other_shard(job->file.filename().string())) return;
    job->errors = "rehab: " + error + "\n";
    job->outcome = Outcome::kFailed;
    return;
  }
  job->text = std::move(*text);
  FileKind kind = DetectFileKind(job->text);
  if (kind == FileKind::kProgram || kind == FileKind::kCatalogue ||
      kind == FileKind::kTranslation) {
    job->outcome = Outcome::kSkipped;  // a program kept beside its patients
    return;
  }
  // Sharded, most files are another shard's, and their id is found without parsing them.
  std::optional<std::string> quick;
  if (shard.sharded()) {
    quick = QuickPatientId(job->text);
    if (quick && other_shard(*quick)) return;
  }
  job->patient = LoadPatient(job->text, path, &job->diags);
  if (!job->patient || job->diags.HasErrors()) {
    if (!quick && other_shard(job->patient ? job->patient->id : job->file.filename().string())) {
      return;
    }
    job->patient.reset();
    job->outcome = Outcome::kFailed;
    return;
  }
  if (!quick && other_shard(job->patient->id)) return;
  if (quick && *quick != job->patient->id) {
    // Never seen with a plain `id:` line; were it so, the patient fails here, in one shard.
    job->diags.Error(KeyLoc(job->text, path, "id"),
                     fmt::format("patient id '{}' reads as '{}' on its line, which sharded "
                                 "batches assign by: write it as `id: {}`",
                                 job->patient->id, *quick, job->patient->id));
    job->outcome = Outcome::kFailed;
    return;
  }
  std::string why = BadFileNameReason(job->patient->id);
  if (!why.empty()) {
    job->diags.Error(
        KeyLoc(job->text, path, "id"),
        fmt::format("patient id '{}' cannot name an output file: it {}", job->patient->id, why));
    job->outcome = Outcome::kFailed;
  }
}

void RejectDuplicateIds(std::vector<Job>* jobs) {
  std::map<std::string, std::vector<Job*>> by_id;
  for (auto& job : *jobs) {
    if (job.patient && job.outcome == Outcome::kPending) by_id[job.patient->id].push_back(&job);
  }
  for (auto& [id, group] : by_id) {
    if (group.size() < 2) continue;
    for (Job* job : group) {
      std::string others;
      for (Job* other : group) {
        if (other == job) continue;
        others += (others.empty() ? "" : ", ") + other->file.string();
      }
      job->diags.Error(KeyLoc(job->text, job->file.string(), "id"),
                       fmt::format("patient id '{}' is also used by {}", id, others));
      job->outcome = Outcome::kFailed;
    }
  }
}

void PlanOne(Job* job, const Settings& s) {
  // The parsed patient moves out of the job: it is not needed there again.
  Patient patient = std::move(*job->patient);
  job->patient.reset();
  if (!PlanSteps(job, std::move(patient), s)) job->outcome = Outcome::kFailed;
}

void Guarded(Job* job, const std::function<void()>& step) {
  try {
    step();
  } catch (const std::exception& e) {
    job->errors += fmt::format("rehab: internal error: {}\n", e.what());
    job->outcome = Outcome::kFailed;
  } catch (...) {
    job->errors += "rehab: internal error\n";
    job->outcome = Outcome::kFailed;
  }
}

void ParallelFor(size_t count, int jobs, const std::function<void(size_t)>& work,
                 const std::function<void(size_t)>& tick) {
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex mutex;
  std::condition_variable all_done;
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) {
      work(i);
      if (++done == count) {
        // Under the lock, so the waiting thread cannot miss it between its check and its wait.
        std::lock_guard<std::mutex> lock(mutex);
        all_done.notify_all();
      }
    }
  };
  std::vector<std::thread> threads;
  int n = static_cast<int>(std::min<size_t>(count, static_cast<size_t>(std::max(jobs, 1))));
  for (int t = 0; t < n; ++t) threads.emplace_back(worker);
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (done.load() < count) {
      tick(done.load());
      all_done.wait_for(lock, std::chrono::milliseconds(100));
    }
  }
  for (auto& t : threads) t.join();
  tick(count);
}

}  // namespace rehab::cli::batch
