// Terminal text as lines with a style each: what the text renderers
// (render_text, render_today) build, so that a caller showing them on a
// terminal may add bold and colour around text that is already safe. The
// library never writes an escape sequence itself: a line's text has no
// control character at all (ForTerminal), and the style is a separate field.
#ifndef REHAB_PLANNER_PRESENT_TEXT_LINES_H_
#define REHAB_PLANNER_PRESENT_TEXT_LINES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rehab {

// How a line may be shown where styling is allowed (a terminal); plain text
// shows every line the same.
enum class LineStyle {
  kPlain,
  kHeading,        // a title or a day's or week's heading: bold
  kAlertHeadline,  // the first words of an alert (what to do): bold and red
  kAlert,          // the rest of an alert: red
};

struct StyledLine {
  std::string text;  // without its newline; no control characters
  LineStyle style = LineStyle::kPlain;
  bool operator==(const StyledLine&) const = default;
};

using StyledText = std::vector<StyledLine>;

// Each line's text and a newline: the text as a file or a pipe gets it.
std::string PlainText(const StyledText& lines);

// Display width of UTF-8 text (characters; good enough for the names we print).
size_t TextWidth(std::string_view s);

// `s` padded with spaces to `width` columns (unchanged when wider).
std::string PadText(const std::string& s, size_t width);

// A space that never breaks a line in AppendWrapped ("(since 2026-11-21)").
inline constexpr char kNoBreak = '\x01';

// `prefix` then `text`, broken at each `separator` (a space, or " · " to
// keep the parts of a dose whole) into lines of at most `columns` characters,
// each continuation indented by `indent` spaces and starting with the
// separator's visible part. A part longer than a line stays whole; kNoBreak
// in `text` is a space that never breaks. Appends to `out`, each line ending
// in a newline.
void AppendWrapped(std::string& out, const std::string& prefix, std::string_view text,
                   size_t indent, size_t columns, std::string_view separator = " ");

// Builds a StyledText from text appended in pieces: each piece is split at
// its newlines, and a line takes the strongest style (in LineStyle order) of
// the pieces it is made of. Every line is made terminal-safe (ForTerminal)
// when taken.
class LineBuilder {
 public:
  // Appends `text` in `style`.
  void Add(std::string_view text, LineStyle style = LineStyle::kPlain);
  LineBuilder& operator+=(std::string_view text) {
    Add(text);
    return *this;
  }
  // The lines so far; a last line without its newline is taken as a line.
  StyledText Take();

 private:
  StyledText lines_;
  std::string pending_;
  LineStyle pending_style_ = LineStyle::kPlain;
};

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_TEXT_LINES_H_
