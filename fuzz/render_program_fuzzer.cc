// Loads a fuzzed program; when it is valid, generates a plan for a fixed
// patient (no diary) and renders it as text, json, ics, csv and html.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  auto program =
      rehab::LoadProgramFromCatalogue(text, "fuzz.yaml", rehab::fuzz::ShippedCatalogue(), &diags);
  if (!program) return 0;
  rehab::Patient patient = rehab::fuzz::TestPatient();
  rehab::Diagnostics patient_diags;
  if (!rehab::CheckPatientAgainstProgram(patient, *program, &patient_diags)) return 0;
  // "Today" three weeks after the anchor: some days past, most to come.
  rehab::Plan plan = rehab::Generate(*program, patient, rehab::Diary{},
                                     date::year_month_day(*patient.start + date::days{21}));
  (void)rehab::fuzz::RenderAll(plan);
  return 0;
}
