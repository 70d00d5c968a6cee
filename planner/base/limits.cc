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

// The state of CheckYamlShape's scan, one line at a time: the block
// indentation levels open, the flow nesting ([ {) and the aliases seen.
class YamlShapeScan {
 public:
  YamlShapeScan(std::string_view text, const std::string& file, Diagnostics* diags)
      : text_(text), file_(file), diags_(diags) {}

  // Scans the line starting at byte `pos`; false after reporting a limit passed.
  bool Line(size_t pos, std::string_view line) {
    size_t indent = line.find_first_not_of(' ');
    bool blank = indent == std::string_view::npos || line[indent] == '#' || line[indent] == '\r';
    if (!blank && flow_ == 0 && BlockDepth(line, indent) > kMaxYamlDepth) {
      return Fail(pos + indent, fmt::format("nesting deeper than {} levels", kMaxYamlDepth));
    }
    return FlowAndAliases(pos, line);
  }

 private:
  // Block structure: how many indentation levels are open at this line; a
  // list item "- " opens one more level at the same indentation.
  int BlockDepth(std::string_view line, size_t indent) {
    int col = static_cast<int>(indent);
    while (!indents_.empty() && indents_.back() > col) indents_.pop_back();
    if (indents_.empty() || indents_.back() < col) indents_.push_back(col);
    int depth = static_cast<int>(indents_.size());
    for (size_t k = indent; k + 1 < line.size() && line[k] == '-' && line[k + 1] == ' ';) {
      ++depth;
      k = line.find_first_not_of(' ', k + 1);
      if (k == std::string_view::npos) break;
    }
    return depth;
  }

  // Flow nesting and aliases, outside quotes and comments.
  bool FlowAndAliases(size_t pos, std::string_view line) {
    char quote = 0;
    for (size_t k = 0; k < line.size(); ++k) {
      char c = line[k];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (k == 0 || line[k - 1] == ' ')) {
        break;
      } else if (!Token(pos + k, c, k == 0 ? ' ' : line[k - 1])) {
        return false;
      }
    }
    return true;
  }

  // One unquoted character `c` at byte `at`, after `before`.
  bool Token(size_t at, char c, char before) {
    if (c == '[' || c == '{') {
      if (++flow_ + static_cast<int>(indents_.size()) > kMaxYamlDepth) {
        return Fail(at, fmt::format("nesting deeper than {} levels", kMaxYamlDepth));
      }
    } else if (c == ']' || c == '}') {
      if (flow_ > 0) --flow_;
    } else if (c == '*' && std::string_view(" [{,:-").find(before) != std::string_view::npos) {
      if (++aliases_ > kMaxYamlAliases) {
        return Fail(at, fmt::format("more than {} aliases (*name): a document that expands "
                                    "this much is refused",
                                    kMaxYamlAliases));
      }
    }
    return true;
  }

  bool Fail(size_t at, const std::string& message) {
    diags_->Error(LocOf(text_, at, file_), message);
    return false;
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics* diags_;
  std::vector<int> indents_;  // block indentation levels open at this point
  int flow_ = 0;
  int aliases_ = 0;
};

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
  YamlShapeScan scan(text, file, diags);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (!scan.Line(pos, text.substr(pos, end - pos))) return false;
    pos = end + 1;
  }
  return true;
}

}  // namespace rehab
