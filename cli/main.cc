// rehab: the command-line entry point. Everything happens in rehab::cli::Run.
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/cli.h"
#include "cli/terminal.h"

int main(int argc, char** argv) {
  // A one-shot verb loads its YAML files on two threads (cli/program_library.cc).
  // glibc's default grows the second thread's heap one mprotect() per page or
  // so and the main heap one brk() per 128 KiB: both grow in 16 MiB steps of
  // address space instead (pages are still only mapped when touched).
  // `batch`, a long run with its own threads and large outputs, keeps glibc's
  // adaptive defaults, which setting M_TOP_PAD would switch off.
  if (argc < 2 || std::strcmp(argv[1], "batch") != 0) mallopt(M_TOP_PAD, 16 << 20);
  rehab::cli::Args args(argv + 1, argv + argc);
  // Bold and colour only on a terminal that wants them (cli/terminal.h).
  rehab::cli::SetStyledStdout(rehab::cli::WantsStyle(isatty(STDOUT_FILENO) == 1,
                                                     std::getenv("NO_COLOR"), std::getenv("TERM")));
  // Messages quote arguments and file contents: no control character of
  // theirs may reach the terminal. (Standard output carries the outputs
  // themselves, some binary; their renderers keep text safe.)
  rehab::cli::ControlFilterBuf filtered_err(std::cerr.rdbuf());
  std::streambuf* raw_err = std::cerr.rdbuf(&filtered_err);
  int status = rehab::cli::Run(args, std::cout, std::cerr);
  std::cerr.rdbuf(raw_err);
  return status;
}
