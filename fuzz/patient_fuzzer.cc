// Fuzzes LoadPatient and CheckPatientAgainstProgram (against the shipped
// total knee replacement program).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  auto patient = rehab::LoadPatient(text, "fuzz.yaml", &diags);
  if (patient.has_value() == diags.HasErrors()) {
    rehab::fuzz::Die("LoadPatient returned a patient together with errors, or nothing without");
  }
  if (patient) {
    rehab::CheckPatientAgainstProgram(
        *patient, rehab::fuzz::ShippedProgram("total-knee-replacement"), &diags);
  }
  (void)diags.ToString();
  return 0;
}
