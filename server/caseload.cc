// Caseload: the patient files of a folder, each planned once per change.
#include "server/caseload.h"

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "cli/io.h"
#include "cli/languages.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"

namespace rehab::serve {

namespace fs = std::filesystem;

FileStamp StampOf(const fs::path& path) {
  FileStamp s;
  s.exists = cli::StatFile(path.string(), &s.size, &s.mtime_ns);
  return s;
}

Caseload::Caseload(fs::path dir, cli::ProgramLibrary* programs, std::function<Date()> today)
    : dir_(std::move(dir)), programs_(programs), today_(std::move(today)) {}

namespace {

// Whether `path`, with every symbolic link resolved, is inside `dir` (resolved too).
bool Inside(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  if (ec) return false;
  fs::path root = fs::weakly_canonical(dir, ec);
  if (ec) return false;
  auto [end, _] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  return end == root.end();
}

}  // namespace

// Paths compared as strings: fs::path's own order walks their components,
// which costs more than the rest of a caseload listing.
bool ByName(const fs::path& a, const fs::path& b) { return a.native() < b.native(); }

std::vector<fs::path> Caseload::ListFiles() const {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".yaml" || p.filename().string().starts_with(".")) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;  // FIFOs and folders are never opened
    // A link out of the caseload is not followed (a file itself in DIR is inside).
    std::error_code link_ec;
    if (it->is_symlink(link_ec) && !Inside(p, dir_)) continue;
    files.push_back(p);
  }
  std::sort(files.begin(), files.end(), ByName);
  return files;
}

std::shared_ptr<const PatientState> Caseload::Plan(const fs::path& file, Date today,
                                                   FileStamp* patient_stamp,
                                                   FileStamp* diary_stamp) {
  std::error_code link_ec;
  if (fs::is_symlink(file, link_ec) && !Inside(file, dir_)) return nullptr;  // as ListFiles
  auto state = std::make_shared<PatientState>();
  state->file = file;
  state->today = today;
  *patient_stamp = StampOf(file);
  std::string error;
  std::optional<std::string> text = cli::ReadWholeFile(file.string(), &error);
  if (!text) {
    state->errors = error + "\n";
    return state;
  }
  FileKind kind = DetectFileKind(*text);
  if (kind == FileKind::kProgram || kind == FileKind::kCatalogue ||
      kind == FileKind::kTranslation) {
    return nullptr;
  }
  Diagnostics diags;
  diags.AddSource(file.string(), *text);
  std::optional<Patient> patient = LoadPatient(*text, file.string(), &diags);
  if (!patient || diags.HasErrors()) {
    state->errors = diags.ToString();
    return state;
  }
  state->id = patient->id;
  state->program_id = patient->program;
  if (patient->program.empty()) {
    state->errors = "the patient file names no 'program:'\n";
    return state;
  }
  const fs::path folder = file.parent_path();
  std::optional<std::string> program_path = programs_->FileOf(patient->program, &folder);
  if (!program_path) {
    state->errors = programs_->UnknownProgramMessage(patient->program) + "\n";
    return state;
  }
  // In the patient's language, as `rehab plan` and `rehab batch` write it.
  std::ostringstream why;
  std::shared_ptr<const cli::LoadedProgram> loaded =
      cli::LoadProgramIn(programs_, *program_path, patient->language, why);
  if (!loaded) {
    state->errors = why.str();
    return state;
  }
  if (!loaded->program) {
    state->errors = loaded->read_error.empty() ? loaded->diags.ToString() : loaded->read_error + "\n";
    return state;
  }
  if (!CheckPatientAgainstProgram(*patient, *loaded->program, &diags) || diags.HasErrors()) {
    state->errors = diags.ToString();
    return state;
  }
  Diary diary;
  if (!patient->diary.empty()) {
    state->diary_path = (folder / patient->diary).lexically_normal();
    // The web app writes diaries: only inside the caseload folder.
    if (!Inside(state->diary_path, dir_)) {
      state->errors = fmt::format("{}: the diary '{}' is outside the caseload folder, which rehab "
                                  "serve does not read or write\n",
                                  file.string(), patient->diary);
      state->diary_path.clear();
      return state;
    }
    *diary_stamp = StampOf(state->diary_path);
    if (diary_stamp->exists) {  // a diary not written yet is an empty one
      std::optional<std::string> diary_text = cli::ReadWholeFile(state->diary_path.string(), &error);
      if (!diary_text) {
        state->errors = error + "\n";
        return state;
      }
      diary = ParseDiary(*diary_text, state->diary_path.string(), &diags);
      if (diags.HasErrors()) {
        state->errors = diags.ToString();
        return state;
      }
    }
  }
  if (!patient->start && !patient->surgery) patient->start = today;
  auto plan = std::make_shared<rehab::Plan>(
      Generate(loaded->program, *patient, diary, date::year_month_day(today)));
  state->triage = Triage(*plan);
  state->plan = std::move(plan);
  return state;
}

std::shared_ptr<const PatientState> Caseload::Get(const fs::path& file, Date today) {
  const FileStamp now = StampOf(file);  // stat outside the lock: workers share it
  bool cached = false;
  std::shared_ptr<const PatientState> state;
  FileStamp diary;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(file.native());
    if (it != cache_.end() && it->second.today == today && it->second.patient == now) {
      cached = true;
      state = it->second.state;
      diary = it->second.diary;
    }
  }
  if (cached && (state == nullptr || state->diary_path.empty() ||
                 diary == StampOf(state->diary_path))) {
    return state;
  }
  // Planned outside the lock: other patients are served meanwhile. Two
  // requests may plan the same patient at once; both get the same result.
  FileStamp patient_stamp, diary_stamp;
  state = Plan(file, today, &patient_stamp, &diary_stamp);
  std::lock_guard<std::mutex> lock(mutex_);
  cache_[file.native()] = Cached{patient_stamp, diary_stamp, today, state};
  return state;
}

std::vector<std::shared_ptr<const PatientState>> Caseload::All() {
  Date today = today_();
  std::vector<fs::path> files = ListFiles();
  // Planned on every core: after a restart or a new day every patient is
  // planned again, which one thread would take long for a large caseload.
  std::vector<std::shared_ptr<const PatientState>> states(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) states[i] = Get(files[i], today);
  };
  unsigned n = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n && t < files.size(); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  std::vector<std::shared_ptr<const PatientState>> out;
  out.reserve(states.size());
  for (auto& state : states) {
    if (state) out.push_back(std::move(state));
  }
  {  // forget files that are gone: Get() just cached every listed file, so
     // only a cache larger than the listing holds any
    std::lock_guard<std::mutex> lock(mutex_);
    if (cache_.size() > files.size()) {
      for (auto it = cache_.begin(); it != cache_.end();) {
        it = std::binary_search(files.begin(), files.end(), fs::path(it->first), ByName)
                 ? std::next(it)
                 : cache_.erase(it);
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a->triage.has_value() != b->triage.has_value()) return a->triage.has_value();
    if (!a->triage) return a->file < b->file;
    if (a->triage->category != b->triage->category) {
      return a->triage->category < b->triage->category;
    }
    return a->id < b->id;
  });
  return out;
}

std::shared_ptr<const PatientState> Caseload::Find(const std::string& id) {
  if (id.empty()) return nullptr;
  Date today = today_();
  // The file named after the id first (the usual layout), then every file.
  fs::path guess = dir_ / (id + ".yaml");
  if (id.find('/') == std::string::npos && id[0] != '.') {
    std::error_code ec;
    if (fs::is_regular_file(guess, ec)) {
      auto state = Get(guess, today);
      if (state && state->id == id) return state;
    }
  }
  for (const auto& f : ListFiles()) {
    auto state = Get(f, today);
    if (state && state->id == id) return state;
  }
  return nullptr;
}

}  // namespace rehab::serve
