// Golden outputs of `rehab today`, the day view a patient reads on the
// terminal: a flare day, a red-flag day, a day with ice and a step up, a day
// with heat before the exercises, a rest day, and the days before the plan's
// start and after its end, rendered by the built binary, must equal the
// committed files under tests/data/golden/today/ byte for byte.
//
// REHAB_UPDATE_GOLDEN=1 rewrites them from the actual output; read their
// diff before committing it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "planner/base/utf8.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::DataPath;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunResult;
using testing::UpdateGolden;

struct TodayCase {
  std::string name;  // the expected file's name, without ".txt"
  std::vector<std::string> args;
};

// gtest names a case by its name (not its bytes).
void PrintTo(const TodayCase& c, std::ostream* out) { *out << c.name; }

std::vector<std::string> Golden(const std::string& program, const std::string& diary,
                                const std::string& today) {
  std::vector<std::string> args = {
      "today",   program, "--patient", DataPath("golden/" + program + ".yaml"),
      "--today", today,   "--weeks",   "5"};
  if (!diary.empty()) args.insert(args.end(), {"--diary", DataPath("golden/" + diary + ".csv")});
  return args;
}

std::vector<std::string> ThreeDays(const std::string& today) {
  return {"today", "--patient", DataPath("today/three-days-patient.yaml"), "--today", today};
}

const std::vector<TodayCase>& Cases() {
  static const std::vector<TodayCase> cases = {
      // Three days of pain 6-7: the exercises back to their easiest step.
      {"tkr-flare", Golden("total-knee-replacement", "flare", "2026-11-23")},
      // Calf pain (a possible clot): no exercise, the alert first.
      {"tkr-red-flag", Golden("total-knee-replacement", "red-flag", "2026-11-23")},
      // Ice four times a day, and every exercise a step up.
      {"tkr-ice", Golden("total-knee-replacement", "", "2026-11-09")},
      // A warm pack before the exercises, some of them harder from today.
      {"oa-heat", Golden("knee-osteoarthritis", "", "2026-11-24")},
      // The program from the patient file; a day without exercises.
      {"three-days-rest", ThreeDays("2026-11-10")},
      {"tkr-before-start", Golden("total-knee-replacement", "", "2026-10-30")},
      {"tkr-after-end", Golden("total-knee-replacement", "", "2027-01-15")},
  };
  return cases;
}

std::string ExpectedPath(const TodayCase& c) { return DataPath("golden/today/" + c.name + ".txt"); }

using testing::Lines;

class TodayGoldenTest : public ::testing::TestWithParam<TodayCase> {};

TEST_P(TodayGoldenTest, RendersExactlyTheCommittedOutput) {
  RunResult run = RunBinary(GetParam().args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  std::string path = ExpectedPath(GetParam());
  UpdateGolden(path, run.out);
  ASSERT_TRUE(fs::exists(path)) << path
                                << " is missing (REHAB_UPDATE_GOLDEN=1 writes it; then read it)";
  std::vector<std::string> expected = Lines(ReadFile(path)), actual = Lines(run.out);
  for (size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
    ASSERT_EQ(actual[i], expected[i]) << path << " differs from line " << i + 1
                                      << " (REHAB_UPDATE_GOLDEN=1 rewrites it; read the diff)";
  }
  EXPECT_EQ(run.out, ReadFile(path)) << path;
}

TEST_P(TodayGoldenTest, FitsSeventyTwoColumnsAndHasNoEscapes) {
  RunResult run = RunBinary(GetParam().args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const auto& line : Lines(run.out)) EXPECT_LE(CountCharacters(line), 72u) << line;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
}

std::string CaseName(const ::testing::TestParamInfo<TodayCase>& param) {
  return testing::TestNameOf(param.param.name);
}

INSTANTIATE_TEST_SUITE_P(Days, TodayGoldenTest, ::testing::ValuesIn(Cases()), CaseName);

TEST(TodayGoldenFilesTest, EveryExpectedFileBelongsToACase) {
  std::vector<std::string> wanted;
  for (const auto& c : Cases()) wanted.push_back(fs::path(ExpectedPath(c)).lexically_normal());
  for (const auto& entry : fs::directory_iterator(DataPath("golden/today"))) {
    std::string path = entry.path().lexically_normal();
    EXPECT_NE(std::find(wanted.begin(), wanted.end(), path), wanted.end())
        << path << " is rendered by no case";
  }
}

TEST(TodayGoldenFilesTest, TheRedFlagComesRightUnderTheDateBeforeAnythingElse) {
  std::vector<std::string> lines = Lines(ReadFile(DataPath("golden/today/tkr-red-flag.txt")));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "Today: Monday 23 November 2026");
  EXPECT_EQ(lines[2], "!! Important: act now");
  EXPECT_TRUE(lines[3].starts_with("!! Call your surgeon's team today.")) << lines[3];
  std::string text = ReadFile(DataPath("golden/today/tkr-red-flag.txt"));
  EXPECT_NE(text.find("No exercises today: see the warning at the top."), std::string::npos);
  EXPECT_EQ(text.find("Exercises, session"), std::string::npos) << text;
}

TEST(TodayGoldenFilesTest, TheRestDayNamesTheNextDayWithExercises) {
  std::string text = ReadFile(DataPath("golden/today/three-days-rest.txt"));
  EXPECT_NE(text.find("No exercises today: this is a rest day."), std::string::npos) << text;
  EXPECT_NE(text.find("Next exercises: Wednesday 11 November 2026, first at 10:00."),
            std::string::npos)
      << text;
}

TEST(TodayGoldenFilesTest, TheIceDayListsEachPackAtItsTime) {
  std::string text = ReadFile(DataPath("golden/today/tkr-ice.txt"));
  size_t packs = 0;
  for (const auto& line : Lines(text)) {
    packs += line.size() > 9 && line.starts_with("  ") && line.substr(4, 1) == ":" &&
             line.substr(7) == "  Ice pack, 15 minutes";
  }
  EXPECT_EQ(packs, 4u) << text;
}

TEST(TodayGoldenFilesTest, DaysOutsideThePlanSaySo) {
  EXPECT_NE(ReadFile(DataPath("golden/today/tkr-before-start.txt"))
                .find("Your plan starts on Monday 2 November 2026, in 3 days."),
            std::string::npos);
  EXPECT_NE(ReadFile(DataPath("golden/today/tkr-after-end.txt"))
                .find("Your plan ended on Sunday 6 December 2026."),
            std::string::npos);
}

}  // namespace
}  // namespace rehab
