// The diary reader on lines of a million fields, under a short ctest TIMEOUT
// (REHAB_TEST_TIMEOUT_diary_scale_test in tests/CMakeLists.txt) instead of
// a timed assertion: a regression to time growing with the square of the
// line length runs for minutes and fails as a timeout.
#include <string>

#include <gtest/gtest.h>

#include "planner/load/diary.h"

namespace rehab {
namespace {

// 1,000,000 fields on one line (2 MB, under the 4 MiB input limit). Counting
// the line again for every field took minutes; ctest's TIMEOUT for this test
// (tests/CMakeLists.txt) fails it if that comes back.
TEST(DiaryScaleTest, ReadsARowOfAMillionFieldsInLinearTime) {
  std::string text = "date,during\n2026-03-01";
  for (int i = 1; i < 1000000; ++i) text += ",3";
  text += "\n";
  Diagnostics diags;
  Diary diary = ParseDiary(text, "diary.csv", &diags);
  EXPECT_TRUE(diary.entries.empty());
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "too many fields: the header names 2 columns, this row has 1000000");
  EXPECT_EQ(diags.items()[0].loc.line, 2);
  EXPECT_EQ(diags.items()[0].loc.column, 14);  // the third field
}

TEST(DiaryScaleTest, ReadsAHeaderOfAMillionFieldsInLinearTimeAndReportsAFew) {
  std::string text = "date";
  for (int i = 1; i < 1000000; ++i) text += ",x";
  text += "\n";
  Diagnostics diags;
  ParseDiary(text, "diary.csv", &diags);
  ASSERT_EQ(diags.items().size(), 9u);
  // Each message quotes a window of the line around its column.
  EXPECT_NE(diags.ToString().find("diary.csv:1:20: error: unknown column 'x'"), std::string::npos);
  EXPECT_EQ(diags.items()[7].loc.column, 20);  // the eighth 'x'
  EXPECT_EQ(diags.items()[8].message, "999991 more problems in the header are not shown");
}

}  // namespace
}  // namespace rehab
