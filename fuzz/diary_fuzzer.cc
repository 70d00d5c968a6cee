// Fuzzes ParseDiary, and checks the promise of planner/load/diary.h that every
// entry it accepts is written by FormatDiaryRow as a row that parses back to
// the same entry.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"
#include "planner/load/diary.h"

namespace {

bool SameEntry(const rehab::DiaryEntry& a, const rehab::DiaryEntry& b) {
  return a.date == b.date && a.during == b.during && a.after == b.after && a.morning == b.morning &&
         a.swelling == b.swelling && a.measures == b.measures && a.flags == b.flags &&
         a.note == b.note;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rehab::Diagnostics diags;
  std::vector<std::string> columns;
  rehab::Diary diary = rehab::ParseDiary(text, "fuzz.csv", &diags, &columns);
  (void)diags.ToString();
  for (const auto& entry : diary.entries) {
    std::string row = rehab::FormatDiaryRow(entry);
    rehab::Diagnostics again_diags;
    rehab::Diary again =
        rehab::ParseDiary(rehab::DiaryHeader() + "\n" + row + "\n", "again.csv", &again_diags);
    if (again_diags.HasErrors() || again.entries.size() != 1 ||
        !SameEntry(again.entries[0], entry)) {
      rehab::fuzz::Die("an accepted entry does not survive FormatDiaryRow + ParseDiary: row " +
                       row + "\n" + again_diags.ToString());
    }
  }
  return 0;
}
