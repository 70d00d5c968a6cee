// Styled terminal lines and the word wrapping the text renderers share.
#include "planner/present/text_lines.h"

#include <algorithm>
#include <utility>

#include "planner/base/utf8.h"

namespace rehab {

std::string PlainText(const StyledText& lines) {
  size_t size = 0;
  for (const auto& line : lines) size += line.text.size() + 1;
  std::string out;
  out.reserve(size);
  for (const auto& line : lines) {
    out += line.text;
    out += '\n';
  }
  return out;
}

size_t TextWidth(std::string_view s) { return CountCharacters(s); }

std::string PadText(const std::string& s, size_t width) {
  size_t w = TextWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

void AppendWrapped(std::string& out, const std::string& prefix, std::string_view text,
                   size_t indent, size_t columns, std::string_view separator) {
  std::string_view lead = separator;
  while (!lead.empty() && lead.front() == ' ') lead.remove_prefix(1);
  const size_t separator_width = TextWidth(separator);
  std::string line = prefix;
  size_t width = TextWidth(line);
  bool first_part = true;
  while (!text.empty()) {
    size_t at = text.find(separator);
    std::string part(text.substr(0, at));
    text = at == std::string_view::npos ? std::string_view() : text.substr(at + separator.size());
    size_t w = TextWidth(part);
    if (!first_part && width + separator_width + w > columns) {
      std::replace(line.begin(), line.end(), kNoBreak, ' ');
      out += line + "\n";
      line = std::string(indent, ' ') + std::string(lead);
      width = TextWidth(line);
    } else if (!first_part) {
      line += separator;
      width += separator_width;
    }
    line += part;
    width += w;
    first_part = false;
  }
  std::replace(line.begin(), line.end(), kNoBreak, ' ');
  out += line + "\n";
}

void LineBuilder::Add(std::string_view text, LineStyle style) {
  while (!text.empty()) {
    size_t newline = text.find('\n');
    pending_.append(text.substr(0, newline));
    pending_style_ = std::max(pending_style_, style);
    if (newline == std::string_view::npos) return;
    lines_.push_back({ForTerminal(pending_, ""), pending_style_});
    pending_.clear();
    pending_style_ = LineStyle::kPlain;
    text.remove_prefix(newline + 1);
  }
}

StyledText LineBuilder::Take() {
  if (!pending_.empty()) {
    lines_.push_back({ForTerminal(pending_, ""), pending_style_});
    pending_.clear();
    pending_style_ = LineStyle::kPlain;
  }
  return std::move(lines_);
}

}  // namespace rehab
