// Fuzzes LoadProgram with the shipped catalogue: any text must give a program
// or diagnostics, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  auto program = rehab::LoadProgram(text, "fuzz.yaml", rehab::fuzz::Catalogue(), &diags);
  if (program.has_value() == diags.HasErrors()) {
    rehab::fuzz::Die("LoadProgram returned a program together with errors, or nothing without");
  }
  (void)diags.ToString();
  if (program) {
    (void)rehab::RenderProgramText(*program);
    (void)rehab::RenderProgramJson(*program);
  }
  (void)rehab::DetectFileKind(text);
  return 0;
}
