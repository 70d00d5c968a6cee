// Whole-file reads and atomic (temp file + fsync + rename) writes, one at a
// time or in a batch made durable together.
#include "cli/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace rehab::cli {

namespace {

std::string ParentDir(const std::string& path) {
  std::filesystem::path target(path);
  return target.has_parent_path() ? target.parent_path().string() : std::string(".");
}

// Writes all of `contents` to `fd`; false with errno set on failure.
bool WriteAll(int fd, std::string_view contents) {
  const char* p = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = fmt::format("cannot read '{}': {}", path, std::strerror(errno));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *error = fmt::format("cannot read '{}': is a directory", path);
    return std::nullopt;
  }
  // Read to the end whatever the size says (pipes and /proc files report 0).
  std::string text;
  text.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) + 1 : 4096);
  size_t used = 0;
  while (true) {
    if (used == text.size()) text.resize(text.size() * 2);
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      *error = fmt::format("cannot read '{}': {}", path, std::strerror(saved));
      return std::nullopt;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(used);
  return text;
}

bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error) {
  std::string pattern =
      (std::filesystem::path(ParentDir(path)) /
       fmt::format(".{}.tmp-XXXXXX", std::filesystem::path(path).filename().string()))
          .string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  if (!WriteAll(fd, contents)) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::close(fd);
    ::unlink(pattern.c_str());
    return false;
  }
  // Plain files get the usual permissions, not mkstemp's 0600.
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(pattern.c_str());
    return false;
  }
  if (::rename(pattern.c_str(), path.c_str()) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(pattern.c_str());
    return false;
  }
  return true;
}

bool SyncDirectory(const std::string& dir, std::string* error) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    *error = fmt::format("cannot sync folder '{}': {}", dir, std::strerror(errno));
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

namespace {

constexpr std::string_view kBatchTempMarker = ".batch-tmp-";

}  // namespace

WriteBatch::WriteBatch(uint64_t commit_every_bytes, Sync sync)
    : commit_every_bytes_(commit_every_bytes), sync_(sync) {}

WriteBatch::~WriteBatch() {
  for (auto& commit : background_) commit.wait();
  for (const auto& p : pending_) ::unlink(p.temp.c_str());
  for (const auto& [dir, fd] : dir_fds_) {
    if (fd >= 0) ::close(fd);
  }
}

int WriteBatch::DirFdLocked(const std::string& dir) {
  auto it = dir_fds_.find(dir);
  if (it != dir_fds_.end()) return it->second;
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) dir_fds_.emplace(dir, fd);  // a failure is not cached: the next file retries
  return fd;
}

bool WriteBatch::WriteTemp(const std::string& path, std::string_view contents, std::string* error,
                           Stamp* stamp) {
  std::string dir = ParentDir(path);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (DirFdLocked(dir) < 0) {
      *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
      return false;
    }
  }
  std::string temp = (std::filesystem::path(dir) /
                      fmt::format(".{}{}XXXXXX", std::filesystem::path(path).filename().string(),
                                  kBatchTempMarker))
                         .string();
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  // Plain files get the usual permissions, not mkstemp's 0600.
  struct stat st;
  if (!WriteAll(fd, contents) || ::fchmod(fd, 0644) != 0 ||
      (stamp != nullptr && ::fstat(fd, &st) != 0)) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::close(fd);
    ::unlink(temp.c_str());
    return false;
  }
  if (stamp != nullptr) {
    stamp->size = static_cast<uint64_t>(st.st_size);
    stamp->mtime_ns =
        static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  }
  if (::close(fd) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(temp.c_str());
    return false;
  }
  std::vector<Pending> full;
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back({temp, path, dir});
    pending_bytes_ += contents.size();
    if (commit_every_bytes_ > 0 && pending_bytes_ >= commit_every_bytes_) {
      full.swap(pending_);
      pending_bytes_ = 0;
    }
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  if (!full.empty()) {
    auto batch = std::make_shared<std::vector<Pending>>(std::move(full));
    try {
      auto commit =
          std::async(std::launch::async, [this, batch] { CommitPending(std::move(*batch)); });
      std::lock_guard<std::mutex> lock(mutex_);
      background_.push_back(std::move(commit));
    } catch (const std::system_error&) {
      CommitPending(std::move(*batch));  // no thread to be had: commit on this one
    }
  }
  return true;
}

std::map<std::string, std::string> WriteBatch::Commit() {
  WaitForAutomaticCommits();
  std::vector<Pending> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(pending_);
    pending_bytes_ = 0;
  }
  CommitPending(std::move(batch));
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(failed_, {});
}

void WriteBatch::WaitForAutomaticCommits() {
  std::vector<std::future<void>> background;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    background.swap(background_);
  }
  for (auto& commit : background) commit.get();  // rethrows what a commit threw
}

void WriteBatch::CommitPending(std::vector<Pending> batch) {
  if (batch.empty()) return;
  std::map<std::string, std::string> failed;
  std::map<std::string, int> dirs;  // every folder of the batch, with its descriptor
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& p : batch) dirs.emplace(p.dir, DirFdLocked(p.dir));
  }
  // Records why a target failed and removes its temporary file; the entry
  // stays in `batch` with an empty temp, which later steps skip.
  auto fail = [&](Pending& p, const std::string& why) {
    failed[p.target] = fmt::format("cannot write '{}': {}", p.target, why);
    ::unlink(p.temp.c_str());
    p.temp.clear();
  };

  // 1. Every temporary file onto the disk: one syncfs per file system.
  bool synced = sync_ == Sync::kSyncfs;
#ifdef __linux__
  std::set<dev_t> devices;
  for (const auto& [dir, fd] : dirs) {
    if (!synced) break;
    struct stat st;
    if (fd < 0 || ::fstat(fd, &st) != 0) {
      synced = false;
      continue;
    }
    if (devices.insert(st.st_dev).second && ::syncfs(fd) != 0) synced = false;
  }
#else
  synced = false;
#endif
  if (!synced) {
    // No syncfs, or it reported a write-back error somewhere on the file
    // system: fsync each file, which says which of ours (if any) is affected.
    for (auto& p : batch) {
      int fd = ::open(p.temp.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0 || ::fsync(fd) != 0) {
        std::string why = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        fail(p, why);
        continue;
      }
      if (::close(fd) != 0) fail(p, std::strerror(errno));
    }
  }

  // 2. The renames: each target switches from its old file to its new one.
  std::map<std::string, std::vector<std::string>> renamed;  // by folder
  for (auto& p : batch) {
    if (p.temp.empty()) continue;
    if (::rename(p.temp.c_str(), p.target.c_str()) != 0) {
      fail(p, std::strerror(errno));
      continue;
    }
    p.temp.clear();
    renamed[p.dir].push_back(p.target);
  }

  // 3. The renames onto the disk.
  for (const auto& [dir, targets] : renamed) {
    int fd = dirs[dir];
    if (fd >= 0 && ::fsync(fd) == 0) continue;
    std::string why = fmt::format("cannot sync folder '{}': {}", dir,
                                  fd < 0 ? "cannot open it" : std::strerror(errno));
    for (const auto& target : targets) failed[target] = fmt::format("cannot write '{}': {}", target, why);
  }

  std::lock_guard<std::mutex> lock(mutex_);
  failed_.merge(failed);
}

size_t WriteBatch::RemoveStaleTemps(const std::string& dir) {
  size_t removed = 0;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    size_t marker = name.rfind(kBatchTempMarker);
    if (name.size() < 2 || name[0] != '.' || marker == std::string::npos || marker < 2 ||
        name.size() != marker + kBatchTempMarker.size() + 6) {
      continue;
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || it->is_symlink(type_ec)) continue;
    if (::unlink(it->path().c_str()) == 0) ++removed;
  }
  return removed;
}

}  // namespace rehab::cli
