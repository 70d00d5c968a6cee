// A shipped program with a fuzzed diary: parses the diary; when it has no
// errors, generates the plan (today: the day after the diary's last entry) and
// renders it in every format. The program is chosen from the input's bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"
#include "planner/load/diary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  rehab::Diary diary = rehab::ParseDiary(text, "fuzz.csv", &diags);
  if (diags.HasErrors()) return 0;
  const auto& programs = rehab::fuzz::ShippedPrograms();
  size_t pick = 0;
  for (size_t i = 0; i < size; ++i) pick += data[i];
  const rehab::Program& program = programs[pick % programs.size()];
  rehab::Patient patient = rehab::fuzz::TestPatient();
  rehab::Date today = *patient.start + date::days{20};
  if (!diary.entries.empty()) today = diary.entries.back().date + date::days{1};
  rehab::Plan plan = rehab::Generate(program, patient, diary, date::year_month_day(today));
  (void)rehab::fuzz::RenderAll(plan);
  return 0;
}
