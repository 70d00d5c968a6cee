// Fuzzes LoadCatalogue: any text gives exercises or diagnostics, never a crash.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  auto exercises = rehab::LoadCatalogue(text, "fuzz.yaml", &diags);
  if (exercises.has_value() == diags.HasErrors()) {
    rehab::fuzz::Die("LoadCatalogue returned exercises together with errors, or nothing without");
  }
  (void)diags.ToString();
  return 0;
}
