// Telling a file's kind from its content, for `validate` and `batch`.
#include "planner/load/yaml_loader.h"

#include <cctype>
#include <set>
#include <string>
#include <string_view>

#include "planner/load/diary.h"

namespace rehab {

namespace {

// The keys of `text`'s top-level lines: those that start with a letter and
// hold a colon.
std::set<std::string> TopLevelKeys(std::string_view text) {
  std::set<std::string> keys;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line.empty() || !std::isalpha(static_cast<unsigned char>(line[0]))) continue;
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) keys.emplace(line.substr(0, colon));
  }
  return keys;
}

}  // namespace

FileKind DetectFileKind(std::string_view text) {
  // A diary starts with its header, or (a common mistake) straight with a
  // dated row: ParseDiary's own test, so `validate` takes what `plan` takes.
  if (LooksLikeDiary(text)) return FileKind::kDiary;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::set<std::string> keys = TopLevelKeys(text);
  if (keys.count("translates")) return FileKind::kTranslation;
  if (keys.count("phases") || keys.count("anchor")) return FileKind::kProgram;
  if (keys.count("timezone") || keys.count("side") || keys.count("surgery") ||
      keys.count("sessions")) {
    return FileKind::kPatient;
  }
  if (keys.count("exercises")) return FileKind::kCatalogue;
  return FileKind::kUnknown;
}

}  // namespace rehab
