// `rehab batch DIR -o OUTDIR`: plans a whole caseload, one output per patient
// file, on all cores; skips patients whose inputs and output have not changed
// since the last run (a manifest of input hashes is kept beside the outputs).
#include <date/tz.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "cli/common.h"
#include "cli/io.h"
#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/render_html.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"

namespace rehab::cli {

namespace fs = std::filesystem;

static constexpr char kBatchUsage[] =
    "usage: rehab batch DIR -o OUTDIR [-j N] [--today DATE] [--format ics|json|html]\n"
    "                   [--remind MINUTES] [--one-event-per-session] [--force]\n"
    "\n"
    "Plans every patient file (DIR/*.yaml) and writes OUTDIR/<patient id>.<format>.\n"
    "Each patient file names its `program` (a built-in id, or a path relative to\n"
    "the patient file) and optionally its `diary` (relative to the patient file);\n"
    "program files kept in DIR are recognised and skipped, and so (with a message)\n"
    "is anything that is not a regular file, such as a FIFO. A bad patient does not\n"
    "stop the others: its diagnostics are printed after the run and the exit\n"
    "status is 1. Outputs are written atomically and are on disk when batch ends\n"
    "(synced together, not one by one); for ics the previous output is\n"
    "read so calendars update in place. OUTDIR/.rehab-batch.json records a hash\n"
    "of each patient's inputs (patient, program, catalogue, diary, today, format,\n"
    "reminder, rehab version, tz database): a patient whose inputs and output are\n"
    "unchanged is skipped, so a second run on the same day is nearly free.\n";

static constexpr char kManifestName[] = ".rehab-batch.json";
static constexpr char kManifestSchema[] = "rehab-batch/1";
// Uncommitted outputs past this size are committed (synced and renamed) during
// the run, so a run needs at most this much disk beyond the old outputs.
static constexpr uint64_t kCommitEveryBytes = uint64_t{512} << 20;

namespace {

// FNV-1a, 64 bit: a change detector, not a defence against forged inputs.
class Hasher {
 public:
  // Each field is length-prefixed so ("ab","c") and ("a","bc") differ.
  void Field(std::string_view bytes) {
    uint64_t n = bytes.size();
    Bytes(std::string_view(reinterpret_cast<const char*>(&n), sizeof n));
    Bytes(bytes);
  }
  void Field(uint64_t value) {
    Field(std::string_view(reinterpret_cast<const char*>(&value), sizeof value));
  }
  uint64_t value() const { return hash_; }
  std::string Hex() const { return fmt::format("fnv1a64:{:016x}", hash_); }

 private:
  void Bytes(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

uint64_t HashBytes(std::string_view bytes) {
  Hasher h;
  h.Field(bytes);
  return h.value();
}

// A program file loaded once per run and shared by its patients.
struct LoadedProgram {
  std::string path;
  uint64_t digest = 0;  // of the file's bytes
  std::shared_ptr<const Program> program;  // shared by the plans of its patients
  std::string diagnostics;  // the load's errors, printed for each patient using it
};

// Loads each program file once, however many patients (and threads) ask:
// the first asker loads it outside the lock; the others wait on its future.
class ProgramCache {
 public:
  explicit ProgramCache(const Catalogue* catalogue) : catalogue_(catalogue) {}

  std::shared_ptr<const LoadedProgram> Get(const std::string& path) {
    std::promise<std::shared_ptr<const LoadedProgram>> promise;
    std::shared_future<std::shared_ptr<const LoadedProgram>> future;
    bool load = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto [it, inserted] = cache_.try_emplace(path);
      if (inserted) {
        it->second = promise.get_future().share();
        load = true;
      }
      future = it->second;
    }
    // Loading happens outside the lock; other askers of this path wait on the future.
    if (load) {
      try {
        promise.set_value(Load(path));
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    }
    return future.get();
  }

 private:
  std::shared_ptr<const LoadedProgram> Load(const std::string& path) const {
    auto loaded = std::make_shared<LoadedProgram>();
    loaded->path = path;
    std::string error;
    auto text = ReadWholeFile(path, &error);
    if (!text) {
      loaded->diagnostics = "rehab: " + error + "\n";
      return loaded;
    }
    loaded->digest = HashBytes(*text);
    Diagnostics diags;
    std::optional<Program> program = LoadProgramFromCatalogue(*text, path, *catalogue_, &diags);
    if (!program || diags.HasErrors()) {
      loaded->diagnostics = diags.ToString();
    } else {
      loaded->program = std::make_shared<const Program>(std::move(*program));
    }
    return loaded;
  }

  const Catalogue* catalogue_;
  std::mutex mutex_;
  std::map<std::string, std::shared_future<std::shared_ptr<const LoadedProgram>>> cache_;
};

// One entry of the manifest: what produced an output, and the output as it
// was written (size and modification time, so a changed file is noticed
// without reading it).
struct ManifestEntry {
  std::string source;  // the patient file's name in DIR
  std::string inputs;  // Hasher::Hex() of every input
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

using Manifest = std::map<std::string, ManifestEntry>;  // by output file name

Manifest ReadManifest(const fs::path& path) {
  Manifest manifest;
  std::string error;
  auto text = ReadWholeFile(path.string(), &error, kMaxOwnFileBytes);
  if (!text) return manifest;
  // A damaged or foreign manifest only costs a full regeneration.
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || json.value("schema", "") != kManifestSchema) return manifest;
  auto outputs = json.find("outputs");
  if (outputs == json.end() || !outputs->is_object()) return manifest;
  for (const auto& [name, entry] : outputs->items()) {
    if (!entry.is_object()) continue;
    ManifestEntry e;
    try {
      e.source = entry.at("source").get<std::string>();
      e.inputs = entry.at("inputs").get<std::string>();
      e.size = entry.at("size").get<uint64_t>();
      e.mtime_ns = entry.at("mtime_ns").get<int64_t>();
    } catch (const nlohmann::json::exception&) {
      continue;
    }
    manifest.emplace(name, e);
  }
  return manifest;
}

// `text` as a JSON string. Invalid UTF-8 becomes U+FFFD: such a name then
// never matches, which only costs regenerating that output.
void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
    } else if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else if (size_t len = Utf8SequenceLength(text, i); len > 0) {
      out->append(text.substr(i, len));
      i += len;
      continue;
    } else {
      out->append("\xEF\xBF\xBD");
    }
    ++i;
  }
  out->push_back('"');
}

// The manifest as JSON, keys sorted (the layout nlohmann::json's dump(2)
// gave), written directly rather than through a nlohmann::json of 10,000
// entries, on the single thread that finishes the run.
std::string ManifestText(const Manifest& manifest) {
  std::string out = "{\n  \"outputs\": {";
  out.reserve(manifest.size() * 200 + 100);
  const char* separator = "\n";
  for (const auto& [name, e] : manifest) {
    out += separator;
    separator = ",\n";
    out += "    ";
    AppendJsonString(&out, name);
    out += ": {\n      \"inputs\": ";
    AppendJsonString(&out, e.inputs);
    fmt::format_to(std::back_inserter(out),
                   ",\n      \"mtime_ns\": {},\n      \"size\": {},\n      \"source\": ",
                   e.mtime_ns, e.size);
    AppendJsonString(&out, e.source);
    out += "\n    }";
  }
  out += manifest.empty() ? "}" : "\n  }";
  out += ",\n  \"rehab\": ";
  AppendJsonString(&out, REHAB_VERSION);
  out += ",\n  \"schema\": ";
  AppendJsonString(&out, kManifestSchema);
  out += "\n}\n";
  return out;
}

// Size and modification time (ns since 1970) of a file, or false when it
// cannot be seen.
bool StatFile(const fs::path& path, uint64_t* size, int64_t* mtime_ns) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  *size = static_cast<uint64_t>(st.st_size);
  *mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  return true;
}

// The location of a top-level `key:`'s value in a YAML text (for errors about
// a key the loader accepted but batch cannot use); the whole file if absent.
SourceLoc KeyLoc(std::string_view text, const std::string& file, std::string_view key) {
  int line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (l.starts_with(key) && l.size() > key.size() && l[key.size()] == ':') {
      size_t col = key.size() + 1;
      while (col < l.size() && (l[col] == ' ' || l[col] == '\t')) ++col;
      return {file, line, static_cast<int>(col) + 1};
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  return {file, 0, 0};
}

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

bool LooksLikePath(const std::string& name) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
}

enum class Outcome { kPending, kSkipped, kWritten, kUnchanged, kFailed };

// Everything known about one patient file; each is touched by one worker at a time.
struct Job {
  fs::path file;
  std::string text;
  std::optional<Patient> patient;
  Diagnostics diags;
  std::string errors;  // printed after the run, in file order
  Outcome outcome = Outcome::kPending;
  std::string output_name;
  ManifestEntry entry;
};

struct Settings {
  fs::path out_dir;
  std::string format;
  int remind = 10;
  bool repeat = true;  // ics: repeating events (false: one event per session)
  date::year_month_day today;
  bool force = false;
  std::string tzdb_version;
  uint64_t catalogue_digest = 0;
  std::vector<std::string> builtin_ids;
  const Manifest* manifest = nullptr;
  WriteBatch* writes = nullptr;  // outputs go here; committed after the workers finish
};

// Runs `work(i)` for i in [0, count) on `jobs` threads taking indices from a
// shared counter; `tick` runs on the calling thread about ten times a second.
template <typename Work, typename Tick>
void ParallelFor(size_t count, int jobs, Work work, Tick tick) {
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex mutex;
  std::condition_variable all_done;
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) {
      work(i);  // REQUIRES: does not throw (an exception here would end the process)
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

// Pass 1: read and parse one patient file.
void LoadOne(Job* job) {
  std::string path = job->file.string(), error;
  auto text = ReadWholeFile(path, &error);
  if (!text) {
    job->errors = "rehab: " + error + "\n";
    job->outcome = Outcome::kFailed;
    return;
  }
  job->text = std::move(*text);
  FileKind kind = DetectFileKind(job->text);
  if (kind == FileKind::kProgram || kind == FileKind::kCatalogue) {
    job->outcome = Outcome::kSkipped;  // a program kept beside its patients
    return;
  }
  job->patient = LoadPatient(job->text, path, &job->diags);
  if (!job->patient || job->diags.HasErrors()) {
    job->patient.reset();
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

// Renders into `*out`. Each worker keeps one buffer for its calendars, so a
// calendar of 60 KB or more is not allocated and freed for every patient.
void Render(const Plan& plan, const Settings& s, const std::string& previous, std::string* out) {
  if (s.format == "json") {
    *out = RenderJson(plan);
  } else if (s.format == "html") {
    *out = RenderHtml(plan);
  } else {
    IcsOptions ics;
    ics.remind_minutes = s.remind;
    ics.repeat = s.repeat;
    ics.previous = previous;
    RenderIcs(plan, ics, out);
  }
}

// Pass 2: program, diary, hash; then generate, render and write unless unchanged.
void PlanOne(Job* job, const Settings& s, ProgramCache* programs) {
  // The job's parsed patient is not needed again.
  Patient patient = std::move(*job->patient);
  job->patient.reset();
  const std::string path = job->file.string();
  const fs::path dir = job->file.parent_path();
  Diagnostics& diags = job->diags;
  auto fail = [&] { job->outcome = Outcome::kFailed; };

  if (patient.program.empty()) {
    diags.AddSource(path, job->text);
    diags.Error({path, 0, 0},
                "a patient file for batch needs 'program:' (a built-in id or a path)");
    return fail();
  }
  std::string program_path;
  if (LooksLikePath(patient.program)) {
    program_path = (dir / patient.program).lexically_normal().string();
  } else if (std::binary_search(s.builtin_ids.begin(), s.builtin_ids.end(), patient.program)) {
    program_path = (fs::path(ProgramsDir()) / (patient.program + ".yaml")).string();
  } else {
    diags.Error(KeyLoc(job->text, path, "program"),
                fmt::format("unknown program '{}'{}", patient.program,
                            DidYouMean(patient.program, s.builtin_ids)));
    return fail();
  }
  auto loaded = programs->Get(program_path);
  if (!loaded->program) {
    job->errors = loaded->diagnostics;
    return fail();
  }
  const Program& program = *loaded->program;
  if (!CheckPatientAgainstProgram(patient, program, &diags) || diags.HasErrors()) return fail();

  std::string diary_text;
  std::string diary_path;
  if (!patient.diary.empty()) {
    diary_path = (dir / patient.diary).lexically_normal().string();
    std::string error;
    auto text = ReadWholeFile(diary_path, &error);
    if (!text) {
      diags.Error(KeyLoc(job->text, path, "diary"), error);
      return fail();
    }
    diary_text = std::move(*text);
  }

  job->output_name = patient.id + "." + s.format;
  Hasher h;
  h.Field(REHAB_VERSION);
  h.Field(s.tzdb_version);
  h.Field(s.format);
  h.Field(static_cast<uint64_t>(s.remind));
  h.Field(s.repeat ? "repeat" : "one-event-per-session");
  h.Field(FormatDate(date::sys_days(s.today)));
  h.Field(s.catalogue_digest);
  h.Field(program_path);
  h.Field(loaded->digest);
  h.Field(job->text);
  h.Field(diary_path);
  h.Field(diary_text);
  job->entry.source = job->file.filename().string();
  job->entry.inputs = h.Hex();
  std::string().swap(job->text);  // not needed again: 10,000 of them add up

  const fs::path output = s.out_dir / job->output_name;
  if (!s.force) {
    auto it = s.manifest->find(job->output_name);
    uint64_t size = 0;
    int64_t mtime = 0;
    if (it != s.manifest->end() && it->second.inputs == job->entry.inputs &&
        it->second.source == job->entry.source && StatFile(output, &size, &mtime) &&
        size == it->second.size && mtime == it->second.mtime_ns) {
      job->entry = it->second;
      job->outcome = Outcome::kUnchanged;
      return;
    }
  }

  Diary diary;
  if (!diary_path.empty()) {
    diary = ParseDiary(diary_text, diary_path, &diags);
    if (diags.HasErrors()) return fail();
  }
  if (!patient.start && !patient.surgery) patient.start = date::sys_days(s.today);

  // The file there now: ics reads it to keep UIDs and SEQUENCEs; every format
  // compares against it so identical output is not rewritten.
  std::string existing;
  bool have_existing = false;
  {
    std::error_code ec;
    if (fs::exists(output, ec)) {
      std::string error;
      // ics reads it as an input (the 4 MiB cap); the others only compare.
      auto text = ReadWholeFile(output.string(), &error,
                                s.format == "ics" ? kMaxInputBytes : kMaxOwnFileBytes);
      if (!text) {
        job->errors = "rehab: " + error + "\n";
        return fail();
      }
      existing = std::move(*text);
      have_existing = true;
    }
  }
  Plan plan = Generate(loaded->program, patient, diary, s.today);
  thread_local std::string rendered;
  Render(plan, s, s.format == "ics" ? existing : std::string(), &rendered);
  if (have_existing && rendered == existing && !s.force) {
    job->outcome = Outcome::kUnchanged;
  } else {
    // Written to a temporary file now, renamed over `output` by the batch's
    // Commit, which keeps its size and modification time.
    std::string error;
    WriteBatch::Stamp stamp;
    if (!s.writes->WriteTemp(output.string(), rendered, &error, &stamp)) {
      job->errors = "rehab: " + error + "\n";
      return fail();
    }
    job->entry.size = stamp.size;
    job->entry.mtime_ns = stamp.mtime_ns;
    job->outcome = Outcome::kWritten;
    return;
  }
  if (!StatFile(output, &job->entry.size, &job->entry.mtime_ns)) {
    job->errors = fmt::format("rehab: cannot read '{}' back after writing it\n", output.string());
    return fail();
  }
}

// Files with the same patient id would overwrite each other: all of them fail.
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

// Runs one job's step; an unexpected exception fails that patient only.
template <typename Step>
void Guarded(Job* job, Step step) {
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

void DrawProgress(std::ostream& err, size_t done, size_t total) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  err << fmt::format("\r[{}{}] {}/{}", std::string(filled, '#'), std::string(kWidth - filled, ' '),
                     done, total)
      << std::flush;
}

}  // namespace

int RunBatch(const Args& args, std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  po::options_description options("options");
  options.add_options()("help,h", "print this help")("output,o", po::value<std::string>(),
                                                     "output folder (created if missing)")(
      "jobs,j", po::value<int>()->default_value(0), "worker threads (default: all cores)")(
      "today", po::value<std::string>(), "today's date, YYYY-MM-DD (default: today in UTC)")(
      "format", po::value<std::string>()->default_value("ics"), "ics, json or html")(
      "remind", po::value<int>()->default_value(10), "ics: reminder minutes before (0: none)")(
      "one-event-per-session", po::bool_switch(),
      "ics: one event per session instead of repeating events")(
      "force", po::bool_switch(), "regenerate every patient, even unchanged ones")(
      "files", po::value<std::string>(), "patient folder");
  po::positional_options_description positional;
  positional.add("files", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kBatchUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("files") || !vm->count("output")) {
    err << "rehab: batch needs a patient folder DIR and -o OUTDIR\n\n" << kBatchUsage;
    return kExitUsage;
  }
  if ((*vm)["output"].as<std::string>().empty()) {
    err << "rehab: -o needs a folder name\n";
    return kExitUsage;
  }

  Settings s;
  s.format = (*vm)["format"].as<std::string>();
  static const std::vector<std::string> kFormats = {"ics", "json", "html"};
  if (std::find(kFormats.begin(), kFormats.end(), s.format) == kFormats.end()) {
    err << fmt::format("rehab: --format must be one of ics, json, html; got \"{}\"{}\n", s.format,
                       DidYouMean(s.format, kFormats));
    return kExitUsage;
  }
  s.remind = (*vm)["remind"].as<int>();
  s.repeat = !(*vm)["one-event-per-session"].as<bool>();
  if (s.remind < 0 || s.remind > 10080) {
    err << fmt::format("rehab: --remind must be from 0 to 10080 minutes, got {}\n", s.remind);
    return kExitUsage;
  }
  int jobs = (*vm)["jobs"].as<int>();
  if (jobs < 0 || jobs > 1024) {
    err << fmt::format("rehab: -j must be from 1 to 1024 (0: all cores), got {}\n", jobs);
    return kExitUsage;
  }
  if (jobs == 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto today = TodayArg(*vm, err);
  if (!today) return kExitUsage;
  s.today = date::year_month_day(*today);
  s.force = (*vm)["force"].as<bool>();

  const fs::path in_dir = (*vm)["files"].as<std::string>();
  s.out_dir = (*vm)["output"].as<std::string>();
  std::vector<Job> batch;
  {
    std::error_code ec;
    fs::directory_iterator it(in_dir, ec), end;
    if (ec) {
      err << fmt::format("rehab: cannot read folder '{}': {}\n", in_dir.string(), ec.message());
      return kExitInvalidInput;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      if (it->path().extension() != ".yaml" || it->is_directory(ec)) continue;
      // A FIFO, socket or device (or a link to one, or to nothing) is no
      // patient file, and reading it could block forever: skipped, said.
      std::error_code type_ec;
      if (!it->is_regular_file(type_ec)) {
        err << fmt::format("rehab: {}: skipped: not a regular file\n", it->path().string());
        continue;
      }
      batch.emplace_back().file = it->path();
    }
    if (ec) {
      err << fmt::format("rehab: cannot read folder '{}': {}\n", in_dir.string(), ec.message());
      return kExitInvalidInput;
    }
    std::sort(batch.begin(), batch.end(),
              [](const Job& a, const Job& b) { return a.file < b.file; });
    fs::create_directories(s.out_dir, ec);
    if (ec) {
      err << fmt::format("rehab: cannot create '{}': {}\n", s.out_dir.string(), ec.message());
      return kExitInvalidInput;
    }
    // Temporary files of a run that was interrupted before its commit.
    WriteBatch::RemoveStaleTemps(s.out_dir.string());
  }

  // Everything shared by the workers is set up here, before they start: the
  // tz database (date::locate_zone is safe to call concurrently only once it
  // is loaded), the catalogue, the built-in ids, the old manifest.
  try {
    s.tzdb_version = date::get_tzdb().version;
  } catch (const std::exception& e) {
    err << "rehab: cannot load the time-zone database: " << e.what() << "\n";
    return kExitInvalidInput;
  }
  Diagnostics catalogue_diags;
  auto catalogue = LoadBuiltinCatalogue(&catalogue_diags);
  if (!catalogue) {
    err << catalogue_diags.ToString();
    return kExitInvalidInput;
  }
  {
    std::string error;
    auto text = ReadWholeFile((fs::path(ProgramsDir()) / "exercises.yaml").string(), &error);
    s.catalogue_digest = text ? HashBytes(*text) : 0;
  }
  s.builtin_ids = BuiltinProgramIds();
  const fs::path manifest_path = s.out_dir / kManifestName;
  const Manifest old_manifest = ReadManifest(manifest_path);
  s.manifest = &old_manifest;
  ProgramCache programs(&*catalogue);
  // Outputs are written as temporary files by the workers and committed below,
  // before the manifest; if RunBatch leaves early, its destructor removes them.
  WriteBatch writes(kCommitEveryBytes);
  s.writes = &writes;

  const bool show_progress = isatty(STDERR_FILENO) && err.rdbuf() == std::cerr.rdbuf();
  auto no_tick = [](size_t) {};
  ParallelFor(
      batch.size(), jobs, [&](size_t i) { Guarded(&batch[i], [&] { LoadOne(&batch[i]); }); },
      no_tick);
  RejectDuplicateIds(&batch);
  std::vector<Job*> pending;
  for (auto& job : batch) {
    if (job.outcome == Outcome::kPending) pending.push_back(&job);
  }
  ParallelFor(
      pending.size(), jobs,
      [&](size_t i) { Guarded(pending[i], [&] { PlanOne(pending[i], s, &programs); }); },
      [&](size_t done) {
        if (show_progress) DrawProgress(err, done, pending.size());
      });
  if (show_progress) err << "\r\033[K" << std::flush;

  // Every new output onto the disk and into place, before the manifest that
  // records them: a crash never leaves a manifest naming outputs not on disk.
  const std::map<std::string, std::string> write_failures = writes.Commit();
  for (Job* job : pending) {
    if (job->outcome != Outcome::kWritten || write_failures.empty()) continue;
    auto it = write_failures.find((s.out_dir / job->output_name).string());
    if (it != write_failures.end()) {
      job->errors += "rehab: " + it->second + "\n";
      job->outcome = Outcome::kFailed;
    }
  }

  // The new manifest: this run's outputs, plus entries for other formats.
  Manifest manifest;
  const std::string ext = "." + s.format;
  for (const auto& [name, entry] : old_manifest) {
    if (!name.ends_with(ext)) manifest.emplace(name, entry);
  }
  size_t patients = 0, written = 0, unchanged = 0, failed = 0;
  for (auto& job : batch) {
    if (job.outcome == Outcome::kSkipped) continue;
    ++patients;
    if (job.outcome == Outcome::kWritten) ++written;
    if (job.outcome == Outcome::kUnchanged) ++unchanged;
    if (job.outcome == Outcome::kWritten || job.outcome == Outcome::kUnchanged) {
      manifest[job.output_name] = job.entry;
      continue;
    }
    ++failed;
    err << fmt::format("rehab: {}: not planned\n", job.file.string()) << job.diags.ToString()
        << job.errors;
  }
  // Rewritten only when it changes, so an unchanged run writes nothing at all.
  std::string error, manifest_text = ManifestText(manifest);
  bool manifest_ok = true;
  if (ReadWholeFile(manifest_path.string(), &error, kMaxOwnFileBytes).value_or("") !=
          manifest_text &&
      (!WriteFileAtomically(manifest_path.string(), manifest_text, &error) ||
       !SyncDirectory(s.out_dir.string(), &error))) {
    err << "rehab: " << error << "\n";
    manifest_ok = false;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << fmt::format("batch: {} patients, {} written, {} unchanged, {} failed in {:.2f} s\n",
                     patients, written, unchanged, failed, seconds);
  return failed > 0 || !manifest_ok ? kExitInvalidInput : kExitOk;
}

}  // namespace rehab::cli
