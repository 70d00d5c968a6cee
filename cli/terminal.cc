// ControlFilterBuf: line-at-a-time control-character filtering for stderr.
#include "cli/terminal.h"

#include "planner/base/utf8.h"

namespace rehab::cli {

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
