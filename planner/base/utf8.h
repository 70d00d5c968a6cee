// UTF-8 helpers shared by the input checks, diagnostics and the calendar
// writer (which must never split a character when folding lines).
#ifndef REHAB_PLANNER_BASE_UTF8_H_
#define REHAB_PLANNER_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace rehab {

// Length in bytes (1-4) of the well-formed UTF-8 sequence starting at
// text[i], or 0 when the bytes there are not one (stray continuation byte,
// truncated, overlong, surrogate or beyond U+10FFFF).
// REQUIRES: i < text.size().
size_t Utf8SequenceLength(std::string_view text, size_t i);

// True for a byte that continues a multi-byte character (10xxxxxx).
inline bool IsUtf8Continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// Characters in `text`: every byte that does not continue a character.
size_t CountCharacters(std::string_view text);

// True for a control character: C0 (U+0000-U+001F), DEL (U+007F) or C1
// (U+0080-U+009F), given as its code point.
inline bool IsControlCodePoint(unsigned cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// `text` made safe to show on a terminal or a page: every control character
// except the ASCII ones listed in `keep` (e.g. "\n\t"), and every byte that
// is not part of well-formed UTF-8, becomes `replacement`. An escape sequence
// (ESC, BEL, CSI as U+009B) can then neither move the cursor nor retitle the
// window. Text with nothing to replace comes back unchanged.
std::string ReplaceControlCharacters(std::string_view text, std::string_view keep,
                                     std::string_view replacement);

// Text for a terminal: controls but those in `keep` become '?', one column
// wide like the character it replaces, so tables and carets still line up.
inline std::string ForTerminal(std::string_view text, std::string_view keep = "\n") {
  return ReplaceControlCharacters(text, keep, "?");
}

// The byte offset of the first control character in `text` that has no place
// in a text field: C0 (U+0000-U+001F) other than tab and line feed, DEL
// (U+007F) and C1 (U+0080-U+009F, bytes C2 80-C2 9F); npos when there is none.
// Tab and line feed are left to each field's own rules (free text may hold a
// tab; a YAML block scalar or a quoted diary note may span lines).
size_t FindControlCharacter(std::string_view text);

// The code point of the control character FindControlCharacter found at
// `offset`, as "U+001B".
std::string ControlCharacterName(std::string_view text, size_t offset);

}  // namespace rehab

#endif  // REHAB_PLANNER_BASE_UTF8_H_
