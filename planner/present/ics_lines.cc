// RFC 5545 content lines and value formats (see ics_lines.h).
#include "planner/present/ics_lines.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "planner/base/utf8.h"

namespace rehab {

constexpr size_t kMaxLineOctets = 75;

namespace ics {

ContentLineParts SplitParts(std::string_view line) {
  ContentLineParts out;
  size_t name_end = line.find_first_of(";:");
  out.name = line.substr(0, name_end);
  if (name_end == std::string_view::npos) return out;
  bool quoted = false;  // a ':' inside a quoted parameter value is not the separator
  size_t i = name_end;
  for (; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) break;
  }
  out.params = line.substr(name_end, i - name_end);
  if (i < line.size()) out.value = line.substr(i + 1);
  return out;
}

std::string ToUpper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool EqualsUpper(std::string_view text, std::string_view upper) {
  return text.size() == upper.size() &&
         std::equal(text.begin(), text.end(), upper.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

std::string CompactDate(Date d) {
  std::string iso = FormatDate(d);  // YYYY-MM-DD
  std::erase(iso, '-');
  return iso;
}

std::string CompactDateTime(Date d, TimeOfDay t) {
  return fmt::format("{}T{:02}{:02}00", CompactDate(d), t / 60, t % 60);
}

std::string CompactSysTime(date::sys_seconds t) {
  Date d = date::floor<date::days>(t);
  auto s = (t - d).count();
  return fmt::format("{}T{:02}{:02}{:02}", CompactDate(d), s / 3600, s / 60 % 60, s % 60);
}

std::string UtcOffset(std::chrono::seconds offset) {
  auto s = offset.count();
  char sign = s < 0 ? '-' : '+';
  s = s < 0 ? -s : s;
  std::string out = fmt::format("{}{:02}{:02}", sign, s / 3600, s / 60 % 60);
  if (s % 60 != 0) out += fmt::format("{:02}", s % 60);
  return out;
}

std::string Duration(int minutes) {
  minutes = std::max(minutes, 1);
  if (minutes < 60) return fmt::format("PT{}M", minutes);
  if (minutes % 60 == 0) return fmt::format("PT{}H", minutes / 60);
  return fmt::format("PT{}H{}M", minutes / 60, minutes % 60);
}

}  // namespace ics

std::string EscapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case ';':
        out += "\\;";
        ++i;
        continue;
      case ',':
        out += "\\,";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\n";
        i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        continue;
      default:
        break;
    }
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      ++i;  // CONTROL characters are not allowed in TEXT
      continue;
    }
    if (byte < 0x80) {
      // Copy the run of plain ASCII up to the next byte that needs a look.
      static constexpr auto kPlain = [] {
        std::array<bool, 256> plain{};
        for (int b = 0x20; b < 0x7F; ++b) plain[b] = b != '\\' && b != ';' && b != ',';
        plain['\t'] = true;
        return plain;
      }();
      size_t end = i + 1;
      while (end < text.size() && kPlain[static_cast<unsigned char>(text[end])]) ++end;
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string UnescapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char next = text[++i];
    out += (next == 'n' || next == 'N') ? '\n' : next;
  }
  return out;
}

void ics::AppendFoldedLine(std::string* out, std::string_view line) {
  // Each physical line takes as many octets as fit, then steps back so that
  // neither a UTF-8 character nor a backslash escape pair is split.
  size_t room = kMaxLineOctets;  // the first line has no leading space
  size_t i = 0;
  while (line.size() - i > room) {
    size_t end = i + room;
    while (end > i && IsUtf8Continuation(line[end])) --end;
    // Is line[end - 1] a backslash that opens an escape pair? Pairs start at
    // even offsets within a run of backslashes (i is never inside a pair).
    size_t run = end;
    while (run > i && line[run - 1] == '\\') --run;
    if (end > run && (end - 1 - run) % 2 == 0) --end;
    if (end == i) end = i + 1;  // cannot happen with valid text; never loop forever
    out->append(line.substr(i, end - i));
    out->append("\r\n ");
    i = end;
    room = kMaxLineOctets - 1;
  }
  out->append(line.substr(i));
  out->append("\r\n");
}

std::string FoldIcsLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  ics::AppendFoldedLine(&out, line);
  return out;
}

std::vector<std::string> UnfoldIcsLines(std::string_view text) {
  std::vector<std::string> lines;
  ics::ForEachContentLine(text, [&lines](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

}  // namespace rehab
