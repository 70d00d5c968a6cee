// Fuzzes LoadProgramFromCatalogue with the shipped catalogue, the way `rehab`
// loads a program, and the translation reader on the same text (a program and
// a translation are both YAML maps): any text must give a program (or a
// translation) or diagnostics, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"
#include "planner/load/translation.h"

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
    (void)rehab::RenderProgramText(*program, "en");
    (void)rehab::RenderProgramJson(*program);
  }
  (void)rehab::DetectFileKind(text);
  rehab::Diagnostics translation_diags;
  auto translation = rehab::LoadTranslation(text, "fuzz.yaml", &translation_diags);
  if (translation.has_value() == translation_diags.HasErrors()) {
    rehab::fuzz::Die(
        "LoadTranslation returned a translation together with errors, or nothing "
        "without");
  }
  auto english = rehab::TranslatableTexts(text, "fuzz.yaml", &translation_diags);
  if (translation && english)
    (void)rehab::CheckTranslation(*translation, *english, &translation_diags);
  (void)translation_diags.ToString();
  return 0;
}
