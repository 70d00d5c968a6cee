// The caseload folder as `rehab serve` sees it: DIR/*.yaml patient files (as
// `rehab batch` reads them), each with its diary beside it. Files stay the
// store: every request sees the files as they are now (a change on disk by
// hand, git or `rehab log` is picked up by the next request), and a patient is
// planned again only when its patient file, its diary or the day changed
// (checked by size and modification time).
#ifndef REHAB_SERVER_CASELOAD_H_
#define REHAB_SERVER_CASELOAD_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/program_library.h"
#include "planner/engine/triage.h"
#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab::serve {

// One patient, planned on one day (or why it could not be).
struct PatientState {
  std::filesystem::path file;  // DIR/NAME.yaml
  std::string id;              // patient id ("" when the file did not load)
  std::string program_id;      // as the file names it
  std::filesystem::path diary_path;  // "" when the file names no diary
  // Set when planned; otherwise `errors` says why not (diagnostics text).
  std::shared_ptr<const Plan> plan;
  std::optional<TriageEntry> triage;
  std::string errors;
  Date today;
};

struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool exists = false;
  bool operator==(const FileStamp&) const = default;
};

class Caseload {
 public:
  // `today` gives the day to plan for (the server's --today, or the clock's).
  Caseload(std::filesystem::path dir, cli::ProgramLibrary* programs,
           std::function<Date()> today);

  const std::filesystem::path& dir() const { return dir_; }

  // Every patient file in DIR, planned for today, sorted by triage (red flags
  // first) and then id; files that failed come last, by name.
  std::vector<std::shared_ptr<const PatientState>> All();

  // The patient with this id, planned for today; null when no file has it.
  std::shared_ptr<const PatientState> Find(const std::string& id);

  // Today, as the caseload plans it.
  Date Today() const { return today_(); }

 private:
  struct Cached {
    FileStamp patient, diary;
    Date today;
    std::shared_ptr<const PatientState> state;
  };
  std::vector<std::filesystem::path> ListFiles() const;
  std::shared_ptr<const PatientState> Get(const std::filesystem::path& file, Date today);
  std::shared_ptr<const PatientState> Plan(const std::filesystem::path& file, Date today,
                                           FileStamp* patient_stamp, FileStamp* diary_stamp);

  std::filesystem::path dir_;
  cli::ProgramLibrary* programs_;
  std::function<Date()> today_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;  // by file path
};

// Size and modification time of `path` (exists = false when it is not there).
FileStamp StampOf(const std::filesystem::path& path);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_CASELOAD_H_
