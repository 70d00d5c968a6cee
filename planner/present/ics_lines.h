// RFC 5545 content lines: TEXT escaping, folding and unfolding, the parts of
// a line, and the date, time and duration value formats rehab writes.
#ifndef REHAB_PLANNER_PRESENT_ICS_LINES_H_
#define REHAB_PLANNER_PRESENT_ICS_LINES_H_

#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.h"

namespace rehab {

// TEXT value escaping: backslash, semicolon, comma, newline (CRLF, CR or LF
// become "\n"); other control characters except TAB are dropped and invalid
// UTF-8 becomes U+FFFD.
std::string EscapeIcsText(std::string_view text);

// The inverse of EscapeIcsText for well-formed input ("\N" is read as newline).
std::string UnescapeIcsText(std::string_view text);

// Folds one content line (without its line break) into CRLF-terminated
// physical lines of at most 75 octets, continuation lines starting with a
// space. Never splits a UTF-8 character or a backslash escape.
std::string FoldIcsLine(std::string_view line);

// Unfolds an iCalendar text into its logical content lines (CRLF or LF line
// breaks; a break followed by a space or tab is a fold).
std::vector<std::string> UnfoldIcsLines(std::string_view text);

namespace ics {

// FoldIcsLine appended to `*out`.
void AppendFoldedLine(std::string* out, std::string_view line);

// Calls `f(std::string_view)` with every logical content line of `text`, as
// UnfoldIcsLines splits it; empty lines are skipped. The view is valid only
// during the call.
template <typename F>
void ForEachContentLine(std::string_view text, F f) {
  std::string line;  // one buffer for every line
  bool have_line = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view physical = text.substr(pos, end - pos);
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    pos = end + 1;
    if (physical.empty()) continue;
    if ((physical[0] == ' ' || physical[0] == '\t') && have_line) {
      line.append(physical.substr(1));
      continue;
    }
    if (have_line) f(std::string_view(line));
    line.assign(physical);
    have_line = true;
  }
  if (have_line) f(std::string_view(line));
}

// A content line's parts, as views into the line (the name as written).
struct ContentLineParts {
  std::string_view name;
  std::string_view params;  // ";TZID=..." (may be empty)
  std::string_view value;
};

// Splits at the first ';' or ':' and at the first ':' outside a quoted
// parameter value.
ContentLineParts SplitParts(std::string_view line);

std::string ToUpper(std::string_view text);

// Whether `text` upper-cased is `upper`.
bool EqualsUpper(std::string_view text, std::string_view upper);

// 20260302
std::string CompactDate(Date d);
// 20260302T080000 (local or floating)
std::string CompactDateTime(Date d, TimeOfDay t);
// 20260308T070000 for a UTC instant
std::string CompactSysTime(date::sys_seconds t);
// +0100, -0500, +053000 (seconds only when not zero)
std::string UtcOffset(std::chrono::seconds offset);
// PT20M, PT1H, PT1H30M; at least one minute.
std::string Duration(int minutes);

}  // namespace ics
}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_ICS_LINES_H_
