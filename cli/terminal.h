// A stream buffer that keeps control characters off the terminal: whatever a
// message quotes from the command line or an input file, what reaches the
// underlying stream has only newline and tab among its controls.
#ifndef REHAB_CLI_TERMINAL_H_
#define REHAB_CLI_TERMINAL_H_

#include <streambuf>
#include <string>

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

}  // namespace rehab::cli

#endif  // REHAB_CLI_TERMINAL_H_
