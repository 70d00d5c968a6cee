// Adding one entry to a pain diary: the one code path of `rehab log` and of the
// patient page of `rehab serve`. The entry is validated, the diary is locked
// (flock on DIARY.lock), read, checked and rewritten atomically with the entry
// appended, so concurrent writers never lose an entry and a crash never leaves
// half a file.
#ifndef REHAB_CLI_DIARY_APPEND_H_
#define REHAB_CLI_DIARY_APPEND_H_

#include <cstddef>
#include <string>
#include <vector>

#include "planner/load/diary.h"

namespace rehab::cli {

struct AppendResult {
  bool ok = false;
  // On failure: one problem per element, worded for the person who logged
  // (e.g. "pain during must be from 0 to 10, got 11"); diagnostics of a
  // damaged diary in `diagnostics` (file:line:col form).
  std::vector<std::string> problems;
  std::string diagnostics;
  // On success: how many entries the diary now holds.
  size_t entries = 0;
};

// Validates `entry` against `today` (ValidateEntry) and appends it to the
// diary at `path` (followed through a symbolic link, which is kept), named
// `shown_name` in messages. A missing diary is created with its header; a
// diary whose header lacks a column the entry needs is refused. The file keeps
// its own line ends and columns; a new file gets 0666 less the umask and a
// replaced one keeps its mode.
AppendResult AppendDiaryEntry(const std::string& shown_name, const std::string& path,
                              const DiaryEntry& entry, Date today);

// The entry in a few words: "pain during 3/10, after 4/10; swelling mild".
std::string DescribeEntry(const DiaryEntry& entry);

}  // namespace rehab::cli

#endif  // REHAB_CLI_DIARY_APPEND_H_
