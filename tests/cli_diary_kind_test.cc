// `validate`, `plan --diary` and `log` agree on what a diary is: each header
// that one of them takes, the others take too (LooksLikeDiary, the test
// ParseDiary itself applies). Run on the built binary.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

using rehab::testing::ReadFile;
using rehab::testing::RunBinary;
using rehab::testing::ScopedTempDir;
using rehab::testing::WriteFile;

struct DiaryCase {
  const char* name;
  const char* text;
};

// Valid diaries whose first line does not start with the bare word "date".
const DiaryCase kHeaders[] = {
    {"date-not-first", "note,date,during\nwalked far,2026-12-02,3\n"},
    {"quoted", "\"date\",\"during\",\"after\"\n2026-12-02,3,2\n"},
};

TEST(CliDiaryKindTest, ValidateAcceptsAValidDiaryWhateverItsColumnOrderOrQuoting) {
  for (const auto& c : kHeaders) {
    ScopedTempDir dir;
    std::string path = dir.File(std::string(c.name) + ".csv");
    WriteFile(path, c.text);
    auto r = RunBinary({"validate", path});
    EXPECT_EQ(r.exit_code, 0) << c.name << "\n" << r.err;
    EXPECT_EQ(r.err, "") << c.name;
    EXPECT_EQ(r.out, path + ": ok (diary)\n") << c.name;
  }
}

TEST(CliDiaryKindTest, PlanReadsTheSameDiaries) {
  for (const auto& c : kHeaders) {
    ScopedTempDir dir;
    std::string path = dir.File(std::string(c.name) + ".csv");
    WriteFile(path, c.text);
    auto r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "--today",
                        "2026-12-03", "--diary", path, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << c.name << "\n" << r.err;
    EXPECT_EQ(r.err, "") << c.name;
  }
}

TEST(CliDiaryKindTest, LogAppendsToTheSameDiaries) {
  for (const auto& c : kHeaders) {
    ScopedTempDir dir;
    std::string path = dir.File(std::string(c.name) + ".csv");
    WriteFile(path, c.text);
    auto r = RunBinary({"log", path, "--date", "2026-12-03", "--during", "2", "--today",
                        "2026-12-03"});
    EXPECT_EQ(r.exit_code, 0) << c.name << "\n" << r.err;
    EXPECT_EQ(r.err, "") << c.name;
    EXPECT_TRUE(ReadFile(path).starts_with(c.text)) << c.name;
    // And what log wrote still validates as a diary.
    auto v = RunBinary({"validate", path});
    EXPECT_EQ(v.exit_code, 0) << c.name << "\n" << v.err;
  }
}

TEST(CliDiaryKindTest, AllThreeRejectAHeaderWithoutADateColumnTheSameWay) {
  ScopedTempDir dir;
  std::string path = dir.File("no-date.csv");
  WriteFile(path, "during,after\n3,2\n");
  const std::string expected = path +
                               ":1:1: error: the header has no 'date' column\n"
                               "during,after\n"
                               "^\n";
  auto v = RunBinary({"validate", path});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_EQ(v.err, expected);
  auto p = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "--diary", path});
  EXPECT_EQ(p.exit_code, 1);
  EXPECT_EQ(p.err, expected);
  auto l = RunBinary({"log", path, "--date", "2026-12-03", "--during", "2", "--today",
                      "2026-12-03"});
  EXPECT_EQ(l.exit_code, 1);
  EXPECT_TRUE(l.err.starts_with(expected)) << l.err;
}

}  // namespace
}  // namespace rehab
