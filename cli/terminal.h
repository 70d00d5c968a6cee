// What reaches the terminal. A stream buffer that keeps control characters
// off it: whatever a message quotes from the command line or an input file,
// what reaches the underlying stream has only newline and tab among its
// controls. And the one place escape sequences are made: bold and colour
// around the text renderers' styled lines, added after their text has been
// filtered, and only where standard output is a terminal that wants them.
#ifndef REHAB_CLI_TERMINAL_H_
#define REHAB_CLI_TERMINAL_H_

#include <streambuf>
#include <string>

#include "planner/present/text_lines.h"

namespace rehab::cli {

// Wraps `target` (not owned; it must outlive this): text written here is
// passed on a line at a time with ForTerminal applied, so a multi-byte
// character split across two writes is still judged whole. The rest of a
// line without its newline goes on when the buffer is synced at exit (the
// destructor).
class ControlFilterBuf : public std::streambuf {
 public:
  explicit ControlFilterBuf(std::streambuf* target) : target_(target) {}
  ~ControlFilterBuf() override;
  ControlFilterBuf(const ControlFilterBuf&) = delete;
  ControlFilterBuf& operator=(const ControlFilterBuf&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Passes on the complete lines of pending_ (all of it when `all`).
  void Emit(bool all);

  std::streambuf* target_;
  std::string pending_;
};

// Whether standard output may be styled: it is a terminal (`is_terminal`),
// NO_COLOR is unset or empty (https://no-color.org: any non-empty value
// turns styling off) and TERM is not "dumb". `no_color` and `term` are the
// variables' values, null when unset.
bool WantsStyle(bool is_terminal, const char* no_color, const char* term);

// Whether the verbs style what they print on standard output (never what
// they write to a file): set once by main() from WantsStyle, false until
// then, so in-process runs (tests) print plain text.
void SetStyledStdout(bool styled);
bool StyledStdout();

// `lines` as text: PlainText(lines) when not `styled`; else each heading in
// bold, each alert headline in bold red and the rest of an alert in red
// (SGR sequences around the line's text). Each line's text is filtered
// again first (ForTerminal), so these sequences are the only escapes.
std::string StyleLines(const StyledText& lines, bool styled);

}  // namespace rehab::cli

#endif  // REHAB_CLI_TERMINAL_H_
