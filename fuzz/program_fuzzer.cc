// Fuzzes LoadProgramFromCatalogue with the shipped catalogue, the way `rehab`
// loads a program: any text must give a program or diagnostics, never a
// crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  auto program =
      rehab::LoadProgramFromCatalogue(text, "fuzz.yaml", rehab::fuzz::ShippedCatalogue(), &diags);
  if (program.has_value() == diags.HasErrors()) {
    rehab::fuzz::Die(
        "LoadProgramFromCatalogue returned a program together with errors, or nothing without");
  }
  (void)diags.ToString();
  if (program) {
    (void)rehab::RenderProgramText(*program);
    (void)rehab::RenderProgramJson(*program);
  }
  (void)rehab::DetectFileKind(text);
  return 0;
}
