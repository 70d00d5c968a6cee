// Fuzzes the reading of a previously exported calendar (IcsOptions::previous,
// a file the user may have edited) while rendering a fixed one-week plan, plus
// the RFC 5545 helpers on the same bytes. With REHAB_FUZZ_WRITE_SEED=PATH set,
// it writes that plan's own .ics to PATH and exits (how the seed was made).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

namespace {

const rehab::Plan& FixedPlan() {
  static const rehab::Plan plan = [] {
    rehab::PlanOptions options;
    options.weeks = 1;
    return rehab::Generate(rehab::fuzz::ShippedProgram("total-knee-replacement"),
                           rehab::fuzz::TestPatient(), rehab::Diary{},
                           date::year_month_day(rehab::fuzz::MakeDate(2026, 11, 9)), options);
  }();
  return plan;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* path = std::getenv("REHAB_FUZZ_WRITE_SEED")) {
    std::ofstream(path, std::ios::binary) << rehab::RenderIcs(FixedPlan());
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string out;
  rehab::RenderIcs(FixedPlan(), rehab::IcsOptions(), text, &out);
  (void)rehab::UnfoldIcsLines(text);
  (void)rehab::FoldIcsLine(text);
  std::string escaped = rehab::EscapeIcsText(text);
  (void)rehab::UnescapeIcsText(escaped);
  return 0;
}
