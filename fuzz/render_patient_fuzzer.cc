// A fuzzed patient file with the shipped total knee replacement program: when
// the patient loads and fits the program, generates 6 weeks (time zone,
// session days and times, overrides, units all from the fuzzed file) and
// renders them in every format.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  auto patient = rehab::LoadPatient(text, "fuzz.yaml", &diags);
  if (!patient) return 0;
  const rehab::Program& program = rehab::fuzz::ShippedProgram("total-knee-replacement");
  if (!rehab::CheckPatientAgainstProgram(*patient, program, &diags)) return 0;
  rehab::Date today = rehab::fuzz::MakeDate(2026, 11, 20);
  // As `rehab plan` does: a program counting from surgery falls back to the
  // start date and vice versa; with neither, the plan starts today.
  if (!patient->start && !patient->surgery) patient->start = today;
  rehab::PlanOptions options;
  options.weeks = 6;
  rehab::Plan plan =
      rehab::Generate(program, *patient, rehab::Diary{}, date::year_month_day(today), options);
  (void)rehab::fuzz::RenderAll(plan);
  return 0;
}
