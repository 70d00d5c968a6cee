// AppendDiaryEntry: validate, lock, read, check, rewrite atomically.
#include "cli/diary_append.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "cli/io.h"
#include "planner/base/diagnostics.h"

namespace rehab::cli {

namespace {

// Holds an exclusive flock() on a lock file until destroyed.
class FileLock {
 public:
  FileLock() = default;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }

  bool Acquire(const std::string& path, std::string* error) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      *error = fmt::format("cannot open the lock file '{}': {}", path, std::strerror(errno));
      return false;
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      *error = fmt::format("cannot lock '{}': {}", path, std::strerror(errno));
      return false;
    }
    return true;
  }

 private:
  int fd_ = -1;
};

// The header column each logged value needs.
std::vector<std::string> ColumnsUsed(const DiaryEntry& e) {
  std::vector<std::string> used = {"date"};
  if (e.during) used.push_back("during");
  if (e.after) used.push_back("after");
  if (e.morning) used.push_back("morning");
  if (e.swelling) used.push_back("swelling");
  if (!e.measures.empty()) used.push_back("measures");
  if (!e.flags.empty()) used.push_back("flags");
  if (!e.note.empty()) used.push_back("note");
  return used;
}

AppendResult Fail(std::string problem) {
  AppendResult r;
  r.problems.push_back(std::move(problem));
  return r;
}

// Reads, checks and rewrites the diary with `entry` appended. Called with the lock held.
AppendResult AppendLocked(const std::string& shown_name, const std::string& path,
                          const DiaryEntry& entry) {
  std::string old_text;
  struct stat info {};
  bool exists = ::stat(path.c_str(), &info) == 0;
  if (!exists && errno != ENOENT) {
    return Fail(fmt::format("cannot read '{}': {}", shown_name, std::strerror(errno)));
  }
  if (exists) {
    std::string error;
    std::optional<std::string> text = ReadWholeFile(path, &error);
    if (!text) return Fail(error);
    old_text = std::move(*text);
  }

  Diagnostics diags;
  std::vector<std::string> columns;
  Diary diary = ParseDiary(old_text, shown_name, &diags, &columns);
  if (diags.HasErrors()) {
    AppendResult r = Fail(fmt::format("'{}' has errors; fix them first, nothing was added",
                                      shown_name));
    r.diagnostics = diags.ToString();
    return r;
  }

  // Keep the file's own line ends and column layout, so the old bytes stay as they are.
  size_t first_newline = old_text.find('\n');
  const std::string_view eol = first_newline != std::string::npos && first_newline > 0 &&
                                       old_text[first_newline - 1] == '\r'
                                   ? "\r\n"
                                   : "\n";
  std::string new_text = old_text;
  // A file with no header holds at most a BOM or blanks: the header follows them directly.
  if (!columns.empty() && new_text.back() != '\n') new_text += eol;
  if (columns.empty()) {
    columns = DiaryColumns();
    new_text += DiaryHeader();
    new_text += eol;
  }
  for (const auto& needed : ColumnsUsed(entry)) {
    if (std::find(columns.begin(), columns.end(), needed) == columns.end()) {
      return Fail(fmt::format("'{}' has no '{}' column; add it to the header line "
                              "to log this entry",
                              shown_name, needed));
    }
  }
  new_text += FormatDiaryRow(entry, columns);
  new_text += eol;

  std::string error;
  // A diary is health data: WriteFileAtomically keeps the mode of the file it
  // replaces (set before the rename, so the new bytes are never more widely
  // readable than the old), and a new diary gets 0666 less the umask.
  if (!WriteFileAtomically(path, new_text, &error)) return Fail(error);
  AppendResult r;
  r.ok = true;
  r.entries = diary.entries.size() + 1;
  return r;
}

}  // namespace

AppendResult AppendDiaryEntry(const std::string& shown_name, const std::string& path,
                              const DiaryEntry& entry, Date today) {
  std::string validation;
  if (!ValidateEntry(entry, today, &validation)) {
    AppendResult r;
    size_t begin = 0;
    while (begin <= validation.size()) {  // one problem per line
      size_t end = std::min(validation.find('\n', begin), validation.size());
      r.problems.push_back(validation.substr(begin, end - begin));
      begin = end + 1;
    }
    return r;
  }
  std::string target = path;
  std::error_code ec;
  if (std::filesystem::is_symlink(target, ec)) {
    // Rewrite the file the link points to, and keep the link.
    std::filesystem::path resolved = std::filesystem::canonical(target, ec);
    if (!ec) target = resolved.string();
  }
  FileLock lock;
  std::string error;
  if (!lock.Acquire(target + ".lock", &error)) return Fail(error);
  return AppendLocked(shown_name, target, entry);
}

std::string DescribeEntry(const DiaryEntry& e) {
  std::vector<std::string> parts;
  std::string pain;
  const std::pair<const char*, const std::optional<int>*> pains[] = {
      {"during", &e.during}, {"after", &e.after}, {"next morning", &e.morning}};
  for (const auto& [name, value] : pains) {
    if (!*value) continue;
    pain += fmt::format("{}{} {}/10", pain.empty() ? "pain " : ", ", name, **value);
  }
  if (!pain.empty()) parts.push_back(pain);
  if (e.swelling) parts.push_back(fmt::format("swelling {}", ToString(*e.swelling)));
  for (const auto& [name, value] : e.measures) {
    parts.push_back(fmt::format("{} {}", name, FormatMeasureValue(value)));
  }
  if (!e.flags.empty()) {
    std::string flags;
    for (const auto& f : e.flags) flags += (flags.empty() ? "" : ", ") + f;
    parts.push_back("flags " + flags);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace rehab::cli
