// Diagnostics collection and compiler-style rendering.
#include "planner/base/diagnostics.h"

#include <algorithm>

#include <fmt/format.h>

#include "planner/base/utf8.h"

namespace rehab {

void Diagnostics::AddSource(const std::string& file, std::string_view text) {
  for (auto& source : sources_) {
    if (source.name == file) {
      source.text = std::string(text);
      return;
    }
  }
  sources_.push_back({file, std::string(text)});
}

void Diagnostics::Error(const SourceLoc& loc, std::string message) {
  items_.push_back({Severity::kError, loc, std::move(message)});
  ++error_count_;
}

void Diagnostics::Warning(const SourceLoc& loc, std::string message) {
  items_.push_back({Severity::kWarning, loc, std::move(message)});
}

void Diagnostics::Note(const SourceLoc& loc, std::string message) {
  items_.push_back({Severity::kNote, loc, std::move(message)});
}

void Diagnostics::Merge(const Diagnostics& other) {
  for (const auto& source : other.sources_) AddSource(source.name, source.text);
  for (const auto& d : other.items_) {
    items_.push_back(d);
    if (d.severity == Severity::kError) ++error_count_;
  }
}

std::string Diagnostics::QuoteLine(const SourceLoc& loc, LineStarts* line_starts) const {
  if (loc.line <= 0) return "";
  auto it = std::find_if(sources_.begin(), sources_.end(),
                         [&](const Source& s) { return s.name == loc.file; });
  if (it == sources_.end()) return "";
  std::string_view text = it->text;
  line_starts->resize(sources_.size());
  std::vector<size_t>& starts = (*line_starts)[static_cast<size_t>(it - sources_.begin())];
  if (starts.empty()) {
    starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts.push_back(i + 1);
    }
  }
  if (static_cast<size_t>(loc.line) > starts.size()) return "";
  size_t begin = starts[loc.line - 1];
  size_t end = text.find('\n', begin);
  std::string_view src = text.substr(begin, end == std::string_view::npos ? end : end - begin);
  if (!src.empty() && src.back() == '\r') src.remove_suffix(1);
  // The column counts characters; find the byte it points at.
  auto is_continuation = [&](size_t i) { return i < src.size() && IsUtf8Continuation(src[i]); };
  size_t at = 0;
  for (int chars = 1; chars < loc.column && at < src.size(); ++chars) {
    do {
      ++at;
    } while (is_continuation(at));
  }
  // A very long line is shown as a window around the column.
  constexpr size_t kWindow = 120;
  size_t from = 0, to = src.size();
  if (src.size() > kWindow) {
    from = at > kWindow / 2 ? at - kWindow / 2 : 0;
    while (from > 0 && is_continuation(from)) --from;
    to = std::min(src.size(), from + kWindow);
    while (is_continuation(to)) ++to;
  }
  std::string shown = from > 0 ? "..." : "";
  std::string caret = from > 0 ? "   " : "";
  shown.append(src.substr(from, to - from));
  if (to < src.size()) shown += "...";
  // Control characters and bytes that are not UTF-8 (a binary file, say)
  // would garble the terminal: each becomes '?', one column wide like the
  // character it replaces, so the caret still lines up.
  shown = ForTerminal(shown, "\t");
  // One space per character before the column; tabs stay tabs so the caret lines up.
  for (size_t i = from; i < at && i < to; ++i) {
    if (!is_continuation(i)) caret += src[i] == '\t' ? '\t' : ' ';
  }
  return fmt::format("{}\n{}^\n", shown, caret);
}

std::string Diagnostics::ToString() const {
  std::string out;
  LineStarts line_starts;
  for (const auto& d : items_) {
    const char* kind = d.severity == Severity::kError     ? "error"
                       : d.severity == Severity::kWarning ? "warning"
                                                          : "note";
    // A quoted value or a file name may hold anything.
    std::string file = ForTerminal(d.loc.file, "");
    std::string message = ForTerminal(d.message, "");
    if (d.loc.line > 0) {
      out += fmt::format("{}:{}:{}: {}: {}\n", file, d.loc.line, d.loc.column, kind, message);
      out += QuoteLine(d.loc, &line_starts);
    } else if (!d.loc.file.empty()) {
      out += fmt::format("{}: {}: {}\n", file, kind, message);
    } else {
      out += fmt::format("{}: {}\n", kind, message);
    }
  }
  return out;
}

int EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the table: two letters swapped ("paln" for "plan") look
  // back two rows, and count as one edit.
  std::vector<int> before(b.size() + 1), above(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) above[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({above[j] + 1, row[j - 1] + 1,
                         above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, above);
    std::swap(above, row);
  }
  return above[b.size()];
}

std::string SuggestClosest(std::string_view word, const std::vector<std::string>& candidates) {
  int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_distance = limit + 1;
  for (const auto& c : candidates) {
    int d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string s = SuggestClosest(word, candidates);
  return s.empty() ? "" : fmt::format(", did you mean '{}'?", s);
}

}  // namespace rehab
