// Raw-text checks run before parsing (see limits.h for why).
#include "planner/base/limits.h"

#include <vector>

#include <fmt/format.h>

#include "planner/base/utf8.h"

namespace rehab {

namespace {

// Line and column (1-based, in characters) of byte `offset`.
SourceLoc LocOf(std::string_view text, size_t offset, const std::string& file) {
  int line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if (!IsUtf8Continuation(text[i])) {
      ++column;
    }
  }
  return {file, line, column};
}


}  // namespace

bool CheckTextInput(std::string_view text, const std::string& file, Diagnostics* diags) {
  if (text.size() > kMaxInputBytes) {
    diags->Error({file, 0, 0}, fmt::format("the file is {} bytes, over the limit of {} MiB",
                                           text.size(), kMaxInputBytes / (1024 * 1024)));
    return false;
  }
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    diags->Error({file, 0, 0}, "the file is UTF-16 text: save it as UTF-8");
    return false;
  }
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      diags->Error(LocOf(text, i, file), "the file holds a NUL byte: it is not a text file");
      return false;
    }
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      diags->Error(LocOf(text, i, file),
                   fmt::format("invalid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                               static_cast<unsigned char>(text[i])));
      return false;
    }
    i += n;
  }
  return true;
}

bool CheckYamlShape(std::string_view text, const std::string& file, Diagnostics* diags) {
  int aliases = 0;
  std::vector<int> indents;  // block indentation levels open at this point
  int flow = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    size_t indent = line.find_first_not_of(' ');
    bool blank = indent == std::string_view::npos || line[indent] == '#' || line[indent] == '\r';
    if (!blank && flow == 0) {
      // Block structure: count how many indentation levels are open; a list
      // item "- " opens one more level at the same indentation.
      int col = static_cast<int>(indent);
      while (!indents.empty() && indents.back() > col) indents.pop_back();
      if (indents.empty() || indents.back() < col) indents.push_back(col);
      int depth = static_cast<int>(indents.size());
      for (size_t k = indent; k + 1 < line.size() && line[k] == '-' && line[k + 1] == ' ';) {
        ++depth;
        k = line.find_first_not_of(' ', k + 1);
        if (k == std::string_view::npos) break;
      }
      if (depth > kMaxYamlDepth) {
        diags->Error(LocOf(text, pos + indent, file),
                     fmt::format("nesting deeper than {} levels", kMaxYamlDepth));
        return false;
      }
    }
    // Flow nesting and aliases, outside quotes and comments.
    char quote = 0;
    for (size_t k = 0; k < line.size(); ++k) {
      char c = line[k];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (k == 0 || line[k - 1] == ' ')) {
        break;
      } else if (c == '[' || c == '{') {
        if (++flow + static_cast<int>(indents.size()) > kMaxYamlDepth) {
          diags->Error(LocOf(text, pos + k, file),
                       fmt::format("nesting deeper than {} levels", kMaxYamlDepth));
          return false;
        }
      } else if (c == ']' || c == '}') {
        if (flow > 0) --flow;
      } else if (c == '*' && (k == 0 || std::string_view(" [{,:-").find(line[k - 1]) !=
                                            std::string_view::npos)) {
        if (++aliases > kMaxYamlAliases) {
          diags->Error(LocOf(text, pos + k, file),
                       fmt::format("more than {} aliases (*name): a document that expands "
                                   "this much is refused",
                                   kMaxYamlAliases));
          return false;
        }
      }
    }
    pos = end + 1;
  }
  return true;
}

}  // namespace rehab
