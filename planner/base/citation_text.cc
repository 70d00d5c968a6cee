// Finding the bracketed source citations in a text.
#include "planner/base/citation_text.h"

#include <charconv>

namespace rehab {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsCitationIdChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void SkipBlanks(std::string_view s, size_t* i) {
  while (*i < s.size() && s[*i] == ' ') ++*i;
}

// The rest of a range whose first id `first` starts at `start`, with
// `*i` at its '-': both ends numbers, the second above the first and at
// most kMaxRange past it ("[1-99999]" is a typo, not 99999 sources).
bool TakeRange(std::string_view inner, size_t start, std::string_view first, size_t* i,
               Citation* c) {
  constexpr int kMaxRange = 100;
  size_t second_start = ++*i;
  while (*i < inner.size() && IsDigit(inner[*i])) ++*i;
  std::string_view second = inner.substr(second_start, *i - second_start);
  int from = 0, to = 0;
  auto [p1, e1] = std::from_chars(first.data(), first.data() + first.size(), from);
  auto [p2, e2] = std::from_chars(second.data(), second.data() + second.size(), to);
  if (second.empty() || e1 != std::errc() || p1 != first.data() + first.size() ||
      e2 != std::errc() || to <= from || to - from > kMaxRange) {
    return false;
  }
  for (int n = from; n <= to; ++n) c->ids.emplace_back(std::to_string(n), 1 + start);
  return true;
}

// One id, or one range of ids, at `*i`.
bool TakeIds(std::string_view inner, size_t* i, Citation* c) {
  size_t start = *i;
  while (*i < inner.size() && IsCitationIdChar(inner[*i])) ++*i;
  std::string_view first = inner.substr(start, *i - start);
  if (first.empty()) return false;
  if (*i < inner.size() && inner[*i] == '-') return TakeRange(inner, start, first, i, c);
  c->ids.emplace_back(std::string(first), 1 + start);
  return true;
}

// What is between the brackets: ids and ranges, separated by commas.
bool ParseIds(std::string_view inner, Citation* c) {
  if (inner.empty()) return false;
  size_t i = 0;
  while (true) {
    SkipBlanks(inner, &i);
    if (!TakeIds(inner, &i, c)) return false;
    SkipBlanks(inner, &i);
    if (i == inner.size()) return true;
    if (inner[i] != ',') return false;
    ++i;
  }
}

}  // namespace

std::vector<Citation> FindCitations(std::string_view text) {
  std::vector<Citation> out;
  for (size_t open = text.find('['); open != std::string_view::npos;
       open = text.find('[', open + 1)) {
    size_t close = text.find(']', open);
    if (close == std::string_view::npos) break;
    Citation c;
    c.bracket = std::string(text.substr(open, close - open + 1));
    if (ParseIds(text.substr(open + 1, close - open - 1), &c)) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace rehab
