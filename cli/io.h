// File helpers for the CLI: whole-file reads and atomic writes. The library
// does no I/O; these are the edges.
#ifndef REHAB_CLI_IO_H_
#define REHAB_CLI_IO_H_

#include <cstddef>
#include <cstdint>
#include <future>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/base/limits.h"

namespace rehab::cli {

// The cap for files rehab wrote itself and reads back (a batch manifest, an
// output compared before rewriting it, Chromium's PDF), which may be larger
// than any input may be.
inline constexpr size_t kMaxOwnFileBytes = size_t{256} << 20;

// The whole file, or nullopt with `error` set ("cannot read 'x': reason").
// Only regular files are read (a symbolic link is followed): a directory,
// FIFO, socket or device is refused without reading from it, and opening it
// cannot block (O_NONBLOCK). At most `max_bytes` + 1 bytes are ever read: a
// larger file is refused with "the file is N bytes, over the limit of 4 MiB".
std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error,
                                         size_t max_bytes = kMaxInputBytes);

// Checks that `path` can be replaced by an atomic write: nothing is there, a
// regular file is, or a symbolic link (or chain) to a regular file is; then
// the file the link leads to is what is replaced and the link is kept.
// A FIFO, socket, device such as /dev/null, a link to one (or to a folder),
// or a link to nothing is refused: false with `error` set to "cannot write
// 'x': not a regular file" (or why else). A folder passes, as rename(2)
// refuses to replace it ("Is a directory"). On success `*target`, when
// given, is the path to rename over.
bool CheckOutputTarget(const std::string& path, std::string* error, std::string* target = nullptr);

// Writes `contents` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, so readers see the old file or the new one, never a
// half-written one. On failure nothing is left behind and `error` is set.
// (The rename itself is made durable only by a later SyncDirectory.)
// The target must pass CheckOutputTarget (through a symbolic link, the file
// it leads to is replaced). Health data is written: a new file gets 0666
// less the umask (as open(2) gives), and a replaced file keeps its mode
// (and, where permitted, its owner and group).
bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error);

// Size and modification time (ns since 1970) of a file, or false when it
// cannot be seen (a symbolic link is followed).
bool StatFile(const std::string& path, uint64_t* size, int64_t* mtime_ns);

// fsync()s a folder, making the renames done in it so far durable.
bool SyncDirectory(const std::string& dir, std::string* error);

// Atomic writes of many files made durable together, for `rehab batch`:
// WriteFileAtomically costs one fsync per file, this one sync per Commit.
//
// WriteTemp writes each file's bytes to a temporary file beside it at once (no
// fsync; only the paths are kept, not the bytes). Commit then makes every
// temporary file durable with one syncfs() of their file system (or, where
// syncfs is missing or reports an error, one fsync per file, which also tells
// which file failed), renames each over its target and fsyncs the folders.
// So each target is always the old file or the new one, and after Commit
// returns every new one is on disk. A target whose temporary file cannot be
// synced or renamed keeps its old file, loses its temporary file and is
// listed in Commit's result; so is every target of a folder whose fsync failed
// (renamed, but not known to be durable).
//
// Up to `commit_every_bytes` of uncommitted temporary files are kept (0: no
// limit); past that, the WriteTemp that crosses it commits what is pending, so
// the extra disk space a run needs beyond the old outputs stays bounded. Its
// failures are reported by the final Commit.
//
// WriteTemp may be called from many threads at once; Commit from one, once
// no WriteTemp is running. The destructor removes the temporary files of an
// uncommitted batch. Temporary files are named ".<name>.batch-tmp-XXXXXX";
// RemoveStaleTemps deletes those an interrupted run left in a folder.
// Targets and modes follow WriteFileAtomically's rules: a target that is not
// a regular file is refused by WriteTemp; a new file gets 0666 less the
// umask, a replaced one keeps its mode.
class WriteBatch {
 public:
  // kFsyncEach skips syncfs (as where it is missing); for tests.
  enum class Sync { kSyncfs, kFsyncEach };
  explicit WriteBatch(uint64_t commit_every_bytes = 0, Sync sync = Sync::kSyncfs);
  ~WriteBatch();
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  // Size and modification time (ns since 1970) of a written file. Renaming
  // the temporary file into place changes neither.
  struct Stamp {
    uint64_t size = 0;
    int64_t mtime_ns = 0;
  };

  // False with `error` set ("cannot write 'x': reason") and no temporary file
  // left when the file cannot be written in full. `stamp`, when given, gets
  // the written file's size and modification time.
  bool WriteTemp(const std::string& path, std::string_view contents, std::string* error,
                 Stamp* stamp = nullptr);

  // The targets that failed in this or an earlier automatic commit, each with
  // its error; empty when every file written since the last Commit is in place.
  // Waits for automatic commits still running.
  std::map<std::string, std::string> Commit();

  // Waits until the automatic commits started so far are done (their
  // failures are still reported by Commit).
  void WaitForAutomaticCommits();

  // Removes ".<name>.batch-tmp-XXXXXX" regular files from `dir` (only those whose `name`
  // `owned` accepts, when given); returns how many.
  static size_t RemoveStaleTemps(const std::string& dir,
                                 const std::function<bool(std::string_view name)>& owned = {});

 private:
  struct Pending {
    std::string temp;
    std::string target;     // as given to WriteTemp; names it in Commit's result
    std::string rename_to;  // `target`, or the regular file a link at `target` leads to
    std::string dir;
  };
  // Commits `batch` (taken out of pending_), adding its failures to failed_.
  void CommitPending(std::vector<Pending> batch);
  // An open descriptor of `dir`, opened on first use; -1 when it cannot be.
  // Opened before the files in it are written, so syncfs reports their
  // write-back errors. REQUIRES: mutex_ held.
  int DirFdLocked(const std::string& dir);

  const uint64_t commit_every_bytes_;
  const Sync sync_;
  // Automatic commits run on their own thread, so the sync (I/O) overlaps
  // the writers' work, one at a time; Commit and the destructor wait for them.
  std::vector<std::shared_future<void>> background_;
  std::mutex mutex_;
  std::vector<Pending> pending_;
  uint64_t pending_bytes_ = 0;
  std::map<std::string, int> dir_fds_;
  std::map<std::string, std::string> failed_;
};

}  // namespace rehab::cli

#endif  // REHAB_CLI_IO_H_
