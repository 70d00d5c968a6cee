// ControlFilterBuf: line-at-a-time control-character filtering for stderr;
// the style decision and the styling of the text renderers' lines.
#include "cli/terminal.h"

#include <atomic>
#include <cstring>

#include "planner/base/utf8.h"

namespace rehab::cli {

namespace {

std::atomic<bool> styled_stdout{false};

// The SGR sequence that starts `style`; "" for plain lines.
const char* StyleStart(LineStyle style) {
  switch (style) {
    case LineStyle::kHeading:
      return "\x1b[1m";
    case LineStyle::kAlertHeadline:
      return "\x1b[1;31m";
    case LineStyle::kAlert:
      return "\x1b[31m";
    case LineStyle::kPlain:
      break;
  }
  return "";
}

constexpr char kStyleEnd[] = "\x1b[0m";

}  // namespace

bool WantsStyle(bool is_terminal, const char* no_color, const char* term) {
  if (!is_terminal) return false;
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

void SetStyledStdout(bool styled) { styled_stdout = styled; }

bool StyledStdout() { return styled_stdout; }

std::string StyleLines(const StyledText& lines, bool styled) {
  if (!styled) return PlainText(lines);
  std::string out;
  for (const auto& line : lines) {
    std::string text = ForTerminal(line.text, "");
    const char* start = StyleStart(line.style);
    if (*start != '\0' && !text.empty()) {
      out += start;
      out += text;
      out += kStyleEnd;
    } else {
      out += text;
    }
    out += '\n';
  }
  return out;
}

ControlFilterBuf::~ControlFilterBuf() {
  Emit(true);
  target_->pubsync();
}

ControlFilterBuf::int_type ControlFilterBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_.push_back(traits_type::to_char_type(c));
  if (c == '\n') Emit(false);
  return c;
}

std::streamsize ControlFilterBuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  Emit(false);
  return n;
}

int ControlFilterBuf::sync() {
  Emit(false);
  return target_->pubsync();
}

void ControlFilterBuf::Emit(bool all) {
  size_t end = pending_.size();
  if (!all) {
    size_t newline = pending_.rfind('\n');
    if (newline == std::string::npos) return;
    end = newline + 1;
  }
  if (end == 0) return;
  std::string safe = ForTerminal(std::string_view(pending_).substr(0, end), "\n\t");
  target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
  pending_.erase(0, end);
}

}  // namespace rehab::cli
