// UTF-8 sequence validation.
#include "planner/base/utf8.h"

#include <cstdint>

#include <fmt/format.h>

namespace rehab {

size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

size_t CountCharacters(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += IsUtf8Continuation(c) ? 0 : 1;
  return n;
}

std::string ReplaceControlCharacters(std::string_view text, std::string_view keep,
                                     std::string_view replacement) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8SequenceLength(text, i);
    auto lead = static_cast<unsigned char>(text[i]);
    bool control = false;
    if (n == 1) {
      control = IsControlCodePoint(lead) && keep.find(text[i]) == std::string_view::npos;
    } else if (n == 2) {
      // C1 controls are the two-byte sequences C2 80 to C2 9F.
      control = lead == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    }
    if (n == 0 || control) {
      out.append(replacement);
      i += n == 0 ? 1 : n;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

size_t FindControlCharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && IsControlCodePoint(c) && c != '\t' && c != '\n') return i;
    // C1 controls are U+0080-U+009F: C2 followed by 80-9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return i;
    }
  }
  return std::string_view::npos;
}

std::string ControlCharacterName(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "";
  auto c = static_cast<unsigned char>(text[offset]);
  unsigned code = c;
  if (c == 0xC2 && offset + 1 < text.size()) code = static_cast<unsigned char>(text[offset + 1]);
  return fmt::format("U+{:04X}", code);
}

}  // namespace rehab
