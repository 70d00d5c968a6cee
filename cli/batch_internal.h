// The parts of `rehab batch` (cli/batch.cc), shared by its files: the input
// hash, the manifest of what produced each output (batch_manifest.cc), and
// the two passes over the patients (batch_worker.cc).
#ifndef REHAB_CLI_BATCH_INTERNAL_H_
#define REHAB_CLI_BATCH_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>
#include <date/date.h>

#include "cli/cli.h"
#include "cli/formats.h"
#include "cli/io.h"
#include "cli/pdf.h"
#include "cli/program_library.h"
#include "planner/base/diagnostics.h"
#include "planner/base/hash.h"
#include "planner/engine/triage.h"
#include "planner/model/model.h"
#include "planner/present/formats.h"

namespace rehab::cli::batch {

// A digest of a sequence of fields (FNV-1a, planner/base/hash.h): a change detector, not a
// defence against forged inputs.
class Hasher {
 public:
  // Each field is length-prefixed so ("ab","c") and ("a","bc") differ.
  void Field(std::string_view bytes);
  void Field(uint64_t value);
  uint64_t value() const { return fnv_.value(); }
  std::string Hex() const;  // "fnv1a64:" and 16 hex digits

 private:
  Fnv1a64 fnv_;
};

// The digest of one field holding `bytes` (a ProgramLibrary::Digest).
uint64_t HashBytes(std::string_view bytes);

// One entry of the manifest: what produced an output, and the output as it
// was written (size and modification time, so a changed file is noticed
// without reading it).
struct ManifestEntry {
  std::string source;  // the patient file's name in DIR
  std::string inputs;  // Hasher::Hex() of every input
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  // The patient's triage on the run's day, worded (EncodeTriage; compact JSON, "" when
  // none): an unchanged patient's triage is read from here, not planned again.
  std::string triage;
  // The triage from a later day on (TriageSchedule): the day (ISO) and the entry as
  // `triage` holds it, in date order. Empty when it does not change through valid_through.
  struct LaterTriage {
    std::string from, triage;
    bool operator==(const LaterTriage&) const = default;
  };
  std::vector<LaterTriage> later_triage;
  // The day the patient was planned, and the last day the plan, its triage schedule and
  // (for a format that does not show today) the output hold through (Plan::valid_through):
  // a later run up to that day, on the same inputs, keeps all three. "" in a manifest
  // written before they were recorded. (A manifest written before later_triage was lowered
  // valid_through to the last day of its one triage: it holds through that day too.)
  std::string planned_on, valid_through;
  // For a format that does not show today: the Hasher::Hex() of every input but the
  // diary, and the plan's OutcomeDigest. A later run whose plan has the same (a diary
  // row that changed nothing the calendar shows) keeps the file without rendering it.
  // "" for other formats and in a manifest written before it was recorded.
  std::string outcome;

  // The encoded triage of `today` (an ISO day from planned_on to valid_through).
  const std::string& TriageOn(std::string_view today) const;
};

using Manifest = std::map<std::string, ManifestEntry>;  // by output file name

inline constexpr char kManifestName[] = ".rehab-batch.json";

// The triage report and the manifest's reasons are the clinic's list, in
// English whatever each patient's language (docs/translations.md).
inline constexpr char kTriageLanguage[] = "en";

// One part of a caseload split over several machines (docs/scaling.md): shard `index` of
// `count` plans the patients whose key (see LoadOne) ShardOfKey puts at `index`. count 1 is the
// unsharded run.
struct Shard {
  int index = 0;
  int count = 1;
  bool sharded() const { return count > 1; }
};

// The shard, in [0, count), of a patient key: Lamping and Veach's jump consistent hash of
// splitmix64(FNV-1a 64 of the key's bytes), so going from N to N + 1 shards moves only about
// 1/(N + 1) of the patients.
int ShardOfKey(std::string_view key, int count);

// The id of a patient file read without parsing it: the value X of its one line `id: X` at
// column 0, X being letters, digits, '.', '_' and '-' only, nothing after it but spaces.
// nullopt when there is no such line or more than one line starts with `id:`: the file is
// then parsed to find its id.
std::optional<std::string> QuickPatientId(std::string_view text);

// The manifest of a shard: kManifestName unsharded, else ".rehab-batch.shard-I-of-N.json".
std::string ManifestName(const Shard& shard);

// Whether the output (or temporary file) named `name` ("<patient id>.<ext>") is the shard's.
bool OwnsOutput(const Shard& shard, std::string_view name);

// What a sharded run records beside its outputs (key "run" of its manifest), for
// `rehab batch merge`: the shard, the day and format of the run, and the patient files that
// could not be planned.
struct RunRecord {
  Shard shard;
  std::string today;      // YYYY-MM-DD
  std::string format;     // the format's name
  std::string extension;  // its outputs' extension
  std::vector<std::string> failed;  // patient files, in file order
};

// The manifest at `path`; empty when it is missing, damaged or foreign (which
// only costs regenerating every output).
Manifest ReadManifest(const std::filesystem::path& path);

// The manifest as JSON (keys sorted, two-space indent), naming this rehab's version; with
// `run` (a shard's), its record too.
std::string ManifestText(const Manifest& manifest, const RunRecord* run = nullptr);

// The run record of the manifest at `path`; nullopt when it has none or cannot be read.
std::optional<RunRecord> ReadRunRecord(const std::filesystem::path& path);

// Writes the manifest when it changed (an unchanged run writes nothing at all) and makes it
// durable. False after printing why it could not be.
bool WriteManifest(const std::filesystem::path& path, const std::filesystem::path& out_dir,
                   const std::string& text, std::ostream& err);

// A triage entry as ManifestEntry::triage records it: its reasons worded in English, with
// the --no-diary-days it was made with.
std::string EncodeTriage(const TriageEntry& entry, const TriageOptions& options);

// The entry EncodeTriage recorded for `patient_id` (reasons as Verbatim messages), or none
// when `text` is empty, damaged, or was made with other options.
std::optional<TriageEntry> DecodeTriage(std::string_view text, const std::string& patient_id,
                                        const TriageOptions& options);

// DecodeTriage with the --no-diary-days `text` records (for merging shards' manifests).
std::optional<TriageEntry> DecodeRecordedTriage(std::string_view text,
                                                const std::string& patient_id);

// kPlanned: planned for triage only (`rehab triage`), nothing written.
// kOtherShard: the patient of another shard, left alone.
enum class Outcome { kPending, kSkipped, kWritten, kUnchanged, kFailed, kPlanned, kOtherShard };


// Everything known about one patient file; each is touched by one worker at a time.
struct Job {
  std::filesystem::path file;
  std::string text;
  std::optional<Patient> patient;
  Diagnostics diags;
  std::string errors;  // printed after the run, in file order
  // The translation's warnings (TranslationWarnings), printed once after the run for all
  // the patients whose plans share them.
  std::string warnings;
  Outcome outcome = Outcome::kPending;
  std::string output_name;
  ManifestEntry entry;
  std::optional<TriageEntry> triage;  // set once the patient's plan was generated
};

// What every patient of a run shares, set up before the workers start.
struct Settings {
  std::filesystem::path out_dir;
  const Format* format = nullptr;
  RenderOptions render;  // without `previous`, which is each patient's own
  date::year_month_day today;
  bool force = false;
  std::string tzdb_version;
  uint64_t catalogue_digest = 0;
  ProgramLibrary* programs = nullptr;  // catalogue and built-in ids already loaded
  const Manifest* manifest = nullptr;  // the previous run's
  WriteBatch* writes = nullptr;  // outputs go here; null: plan for triage only, write nothing
  TriageOptions triage;
  Shard shard;
  PdfPrinter* pdf = nullptr;  // --format pdf: the one Chromium every patient's handout goes to
};

// One job per DIR/*.yaml regular file, sorted by path (FIFOs and the like skipped with a
// message). Returns kExitOk, or kExitInvalidInput after printing why the folder cannot be read.
int ListPatients(const std::filesystem::path& in_dir, std::ostream& err, std::vector<Job>* batch);

// Loads what the workers share (tz database, catalogue, built-in ids) into `s`.
// Returns kExitOk, or kExitInvalidInput after printing why not.
int LoadShared(std::ostream& err, ProgramLibrary* programs, Settings* s);

// Both passes over the patients on `jobs` threads; returns those that reached the second.
std::vector<Job*> PlanAll(std::vector<Job>* batch, const Settings& s, int jobs,
                          std::ostream& err);

// The triage report of a run's patients (planned ones sorted, failed ones by file), printed
// as `format` ("text" or "json") to `out` (batch_triage.cc).
void PrintTriage(const std::vector<Job>& batch, const Settings& s, std::string_view format,
                 std::ostream& out);

// kExitNeedsAttention when some planned patient is in triage categories 1-3, else kExitOk.
int TriageStatus(const std::vector<Job>& batch);

// The options batch and triage share: -j, --today, --no-diary-days.
void AddRunOptions(boost::program_options::options_description* options);

// Those options into `*jobs` (0: all cores), `s->today` and `s->triage`. Returns kExitOk, or
// kExitUsage after printing why not.
int RunOptionsArg(const boost::program_options::variables_map& vm, std::ostream& err,
                  Settings* s, int* jobs);

// Pass 1: reads and parses one patient file (or marks a program file kept
// beside the patients as skipped, or the patient of another shard as kOtherShard: a file's
// key is its QuickPatientId, else its parsed id, else, when it cannot be parsed, its name).
void LoadOne(Job* job, const Shard& shard);

// Between the passes: files with the same patient id would overwrite each
// other's output, so all of them fail.
void RejectDuplicateIds(std::vector<Job>* jobs);

// Pass 2: program, diary and input hash; then, unless the manifest shows the
// output unchanged, generates, renders and writes it (as a temporary file of
// `s.writes`).
void PlanOne(Job* job, const Settings& s);

// --shard-index and --shard-count.
void AddShardOptions(boost::program_options::options_description* options);

// The shard from --shard-index and --shard-count, the index falling back to
// $JOB_COMPLETION_INDEX, $SLURM_ARRAY_TASK_ID or $AWS_BATCH_JOB_ARRAY_INDEX (the first that is
// set). Returns kExitOk, or kExitUsage after printing why not.
int ShardArg(const boost::program_options::variables_map& vm, std::ostream& err, Shard* shard);

// `rehab batch merge OUTDIR`: the shards' manifests as the unsharded run's, and their triage.
int RunMerge(const Args& args, std::ostream& out, std::ostream& err);

// Runs `step` for `job`; an unexpected exception fails that patient only.
void Guarded(Job* job, const std::function<void()>& step);

// Runs `work(i)` for i in [0, count) on `jobs` threads taking indices from a
// shared counter; `tick(done)` runs on the calling thread about ten times a
// second, and once at the end. REQUIRES: `work` does not throw.
void ParallelFor(size_t count, int jobs, const std::function<void(size_t)>& work,
                 const std::function<void(size_t)>& tick);

}  // namespace rehab::cli::batch

#endif  // REHAB_CLI_BATCH_INTERNAL_H_
