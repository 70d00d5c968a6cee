// rehab: the command-line entry point. Everything happens in rehab::cli::Run.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  rehab::cli::Args args(argv + 1, argv + argc);
  return rehab::cli::Run(args, std::cout, std::cerr);
}
