// Whole-file reads and atomic (temp file + fsync + rename) writes, one at a
// time or in a batch made durable together.
#include "cli/io.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
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

// "4 MiB", or "N bytes" for a limit that is no whole number of MiB.
std::string LimitText(size_t max_bytes) {
  constexpr size_t kMiB = 1024 * 1024;
  if (max_bytes >= kMiB && max_bytes % kMiB == 0) return fmt::format("{} MiB", max_bytes / kMiB);
  return fmt::format("{} bytes", max_bytes);
}

// Creates a new file from `pattern`, whose last six characters (XXXXXX) are
// replaced by random letters and digits, like mkstemp; but with mode 0666 less
// the umask (mkstemp's 0600 would then have to be widened by a fchmod that
// cannot know the umask without changing it). The descriptor, or -1 with
// errno set.
int CreateTempFile(std::string* pattern) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static std::atomic<uint64_t> counter{0};
  const size_t at = pattern->size() - 6;
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned char random[6];
    if (::getrandom(random, sizeof random, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof random)) {
      // No entropy to be had: the pid, the time and a counter still differ.
      uint64_t x =
          static_cast<uint64_t>(::getpid()) * 0x9E3779B97F4A7C15ULL ^
          static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
          (counter++ << 40);
      for (auto& r : random) {
        r = static_cast<unsigned char>(x);
        x = (x >> 8) | (x << 56);
        x *= 0x100000001B3ULL;
      }
    }
    for (size_t i = 0; i < 6; ++i) (*pattern)[at + i] = kChars[random[i] % (sizeof kChars - 1)];
    int fd = ::open(pattern->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

// Where an atomic write of `path` lands (see CheckOutputTarget). `*existing`
// is set when a file is there, with its status in `*old`.
bool ResolveTarget(const std::string& path, std::string* target, bool* existing, struct stat* old,
                   std::string* error) {
  *target = path;
  *existing = false;
  if (::lstat(path.c_str(), old) != 0) {
    // Nothing there, or it cannot be seen: the write itself says what is wrong.
    return true;
  }
  // A folder is left to rename(2), which refuses to replace it ("Is a
  // directory") without anything being written in its place.
  if (S_ISDIR(old->st_mode)) return true;
  if (S_ISLNK(old->st_mode)) {
    if (::stat(path.c_str(), old) != 0) {
      *error = fmt::format("cannot write '{}': {}", path,
                           errno == ENOENT ? "a symbolic link to nothing" : std::strerror(errno));
      return false;
    }
    if (S_ISREG(old->st_mode)) {
      char* real = ::realpath(path.c_str(), nullptr);
      if (real == nullptr) {
        *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
        return false;
      }
      *target = real;
      std::free(real);
    }
  }
  if (!S_ISREG(old->st_mode)) {
    *error = fmt::format("cannot write '{}': not a regular file", path);
    return false;
  }
  *existing = true;
  return true;
}

// Gives the new file `fd` the mode of the file it replaces, and its owner and
// group where this process may (root may; others only a group of their own).
// False with errno set when the mode cannot be set.
bool KeepOwnerAndMode(int fd, const struct stat& old) {
  struct stat now;
  if (::fstat(fd, &now) == 0 && (now.st_uid != old.st_uid || now.st_gid != old.st_gid)) {
    // Before the fchmod: a change of owner clears set-user-ID bits.
    if (::fchown(fd, old.st_uid, old.st_gid) != 0 && now.st_gid != old.st_gid &&
        ::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0) {
      // Not permitted: the file keeps this process's owner and group.
    }
  }
  return ::fchmod(fd, old.st_mode & 07777) == 0;
}

}  // namespace

std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error,
                                         size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. Only regular files
  // are read, so it has no effect on the reads.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    *error = fmt::format("cannot read '{}': {}", path, std::strerror(errno));
    return std::nullopt;
  }
  auto fail = [&](const std::string& why) {
    ::close(fd);
    *error = fmt::format("cannot read '{}': {}", path, why);
    return std::nullopt;
  };
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail("is a directory");
  // A FIFO, socket or device (/dev/zero, a terminal) may never end.
  if (!S_ISREG(st.st_mode)) return fail("not a regular file");
  const std::string too_large =
      fmt::format("the file is {} bytes, over the limit of {}", st.st_size, LimitText(max_bytes));
  if (st.st_size < 0 || static_cast<uint64_t>(st.st_size) > max_bytes) return fail(too_large);
  // Read to the end, but never more than one byte past the limit: the size
  // may be stale (the file grows) or 0 (/proc files).
  const size_t cap = max_bytes + 1;
  std::string text;
  text.resize(std::min(cap, st.st_size > 0 ? static_cast<size_t>(st.st_size) + 1 : size_t{4096}));
  size_t used = 0;
  while (true) {
    if (used == text.size()) {
      if (text.size() >= cap) break;
      text.resize(std::min(cap, text.size() * 2));
    }
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(std::strerror(errno));
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  if (used > max_bytes) {
    return fail(fmt::format("the file is over the limit of {}", LimitText(max_bytes)));
  }
  ::close(fd);
  text.resize(used);
  return text;
}

bool CheckOutputTarget(const std::string& path, std::string* error, std::string* target) {
  std::string resolved;
  bool existing = false;
  struct stat old {};
  if (!ResolveTarget(path, &resolved, &existing, &old, error)) return false;
  if (target != nullptr) *target = resolved;
  return true;
}

bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error) {
  std::string target;
  bool existing = false;
  struct stat old {};
  if (!ResolveTarget(path, &target, &existing, &old, error)) return false;
  std::string pattern =
      (std::filesystem::path(ParentDir(target)) /
       fmt::format(".{}.tmp-XXXXXX", std::filesystem::path(target).filename().string()))
          .string();
  int fd = CreateTempFile(&pattern);
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  // A new file has 0666 less the umask from open(); a replaced one keeps its mode.
  if (!WriteAll(fd, contents) || (existing && !KeepOwnerAndMode(fd, old))) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::close(fd);
    ::unlink(pattern.c_str());
    return false;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(pattern.c_str());
    return false;
  }
  if (::rename(pattern.c_str(), target.c_str()) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(pattern.c_str());
    return false;
  }
  return true;
}

bool StatFile(const std::string& path, uint64_t* size, int64_t* mtime_ns) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  *size = static_cast<uint64_t>(st.st_size);
  *mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
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

namespace {

// syncfs() once for each file system holding one of `dirs` (folder ->
// descriptor); false when a folder cannot be opened or looked at, when
// syncfs reports an error, or where there is no syncfs.
bool SyncFileSystems(const std::map<std::string, int>& dirs) {
#ifdef __linux__
  std::set<dev_t> devices;
  for (const auto& [dir, fd] : dirs) {
    struct stat st;
    if (fd < 0 || ::fstat(fd, &st) != 0) return false;
    if (devices.insert(st.st_dev).second && ::syncfs(fd) != 0) return false;
  }
  return true;
#else
  (void)dirs;
  return false;
#endif
}

}  // namespace

bool WriteBatch::WriteTemp(const std::string& path, std::string_view contents, std::string* error,
                           Stamp* stamp) {
  std::string rename_to;
  bool existing = false;
  struct stat old {};
  if (!ResolveTarget(path, &rename_to, &existing, &old, error)) return false;
  std::string dir = ParentDir(rename_to);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (DirFdLocked(dir) < 0) {
      *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
      return false;
    }
  }
  std::string temp =
      (std::filesystem::path(dir) /
       fmt::format(".{}{}XXXXXX", std::filesystem::path(rename_to).filename().string(),
                   kBatchTempMarker))
          .string();
  int fd = CreateTempFile(&temp);
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  // A new file has 0666 less the umask from open(); a replaced one keeps its mode.
  struct stat st;
  if (!WriteAll(fd, contents) || (existing && !KeepOwnerAndMode(fd, old)) ||
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
    pending_.push_back({temp, path, rename_to, dir});
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
    // One automatic commit at a time: where the disk is slower than the planning, the
    // writers wait here rather than gather threads and temporary files.
    std::vector<std::shared_future<void>> earlier;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      earlier = background_;
    }
    for (const auto& commit : earlier) commit.wait();  // its failures go to Commit
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
  std::vector<std::shared_future<void>> background;
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
  if (sync_ != Sync::kSyncfs || !SyncFileSystems(dirs)) {
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
    if (::rename(p.temp.c_str(), p.rename_to.c_str()) != 0) {
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

size_t WriteBatch::RemoveStaleTemps(const std::string& dir,
                                    const std::function<bool(std::string_view name)>& owned) {
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
    if (owned && !owned(std::string_view(name).substr(1, marker - 1))) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || it->is_symlink(type_ec)) continue;
    if (::unlink(it->path().c_str()) == 0) ++removed;
  }
  return removed;
}

}  // namespace rehab::cli
