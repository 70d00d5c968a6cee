// Golden outputs: every shipped program, for its patient in tests/data/golden/,
// with no diary, a diary that ends in a flare and a diary with an active red
// flag, rendered by the built binary in every text format, must equal the
// committed file under tests/data/golden/expected/ byte for byte. So must the
// plans of a patient with a care team (tests/data/golden/care-team.yaml),
// whose numbers every output gives where it says whom to call.
//
// REHAB_UPDATE_GOLDEN=1 rewrites the expected files from the actual output;
// read their diff before committing it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::DataPath;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunResult;
using testing::ShippedProgramIds;
using testing::TestNameOf;
using testing::UpdateGolden;

// The day every golden plan is made: day 21 after the anchor (2026-11-02),
// so a phase change, the diary's last days and the weeks ahead all show.
constexpr const char* kToday = "2026-11-23";
constexpr const char* kWeeks = "5";

// The diaries: "none" uses the patient file alone.
const std::vector<std::string> kDiaries = {"none", "flare", "red-flag"};
const std::vector<std::string> kFormats = {"text", "json", "csv", "ics", "html"};

// The care-team patient's program; its cases' files are under expected/care-team/.
constexpr const char* kCareTeam = "care-team";
constexpr const char* kCareTeamProgram = "total-knee-replacement";

// The Spanish goldens: "es/<program>", planned with --language es; their
// files are under expected/es/<program>/.
constexpr std::string_view kSpanish = "es/";
const std::vector<std::string> kSpanishPrograms = {"knee-osteoarthritis", "total-knee-replacement"};

// program (or kCareTeam, or kSpanish + program), diary, format
using GoldenCase = std::tuple<std::string, std::string, std::string>;

std::string ExpectedPath(const GoldenCase& c) {
  const auto& [program, diary, format] = c;
  return DataPath(fmt::format("golden/expected/{}/{}.{}.expected", program, diary, format));
}

RunResult RenderGolden(const GoldenCase& c) {
  const auto& [name, diary, format] = c;
  const bool spanish = std::string_view(name).starts_with(kSpanish);
  std::string program = name == kCareTeam ? kCareTeamProgram
                        : spanish         ? name.substr(kSpanish.size())
                                          : name;
  std::string patient = name == kCareTeam ? name : program;
  std::vector<std::string> args = {
      "plan",     program, "--patient", DataPath(fmt::format("golden/{}.yaml", patient)),
      "--today",  kToday,  "--weeks",   kWeeks,
      "--format", format,  "-o",        "-"};
  // The whole plan, past weeks too (the terminal shows from this week by
  // default: tests/cli_window_test.cc).
  if (format == "text") args.push_back("--all");
  if (spanish) {
    args.push_back("--language");
    args.push_back("es");
  }
  if (diary != "none") {
    args.push_back("--diary");
    args.push_back(DataPath(fmt::format("golden/{}.csv", diary)));
  }
  return RunBinary(args);
}

std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  const auto& [program, diary, format] = info.param;
  return TestNameOf(fmt::format("{}_{}_{}", program, diary, format));
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, RendersExactlyTheCommittedOutput) {
  RunResult run = RenderGolden(GetParam());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // No clinician has reviewed the Spanish files yet, so their plans carry
  // the review warning on stderr, and nothing else (docs/translations.md).
  const bool spanish = std::string_view(std::get<0>(GetParam())).starts_with(kSpanish);
  if (spanish) {
    EXPECT_TRUE(run.err.starts_with(
        "rehab: warning: no clinician has reviewed the translation into 'es'"))
        << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  } else {
    EXPECT_EQ(run.err, "");
  }
  std::string expected_path = ExpectedPath(GetParam());
  UpdateGolden(expected_path, run.out);
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path << " is missing (run with REHAB_UPDATE_GOLDEN=1 to write it, then read it)";
  // Not EXPECT_EQ on the whole text: a failure names the first differing line.
  std::string expected = ReadFile(expected_path);
  if (run.out == expected) return;
  size_t at = 0;
  while (at < run.out.size() && at < expected.size() && run.out[at] == expected[at]) ++at;
  size_t line = 1 + std::count(expected.begin(), expected.begin() + at, '\n');
  size_t start = expected.rfind('\n', at == 0 ? 0 : at - 1);
  start = start == std::string::npos ? 0 : start + 1;
  auto line_of = [start](const std::string& text) {
    return text.substr(start, text.find('\n', start) - start);
  };
  ADD_FAILURE() << expected_path << " differs from line " << line << ":\n  expected: "
                << line_of(expected) << "\n  actual:   " << line_of(run.out)
                << "\n(REHAB_UPDATE_GOLDEN=1 rewrites it; read the diff)";
}

std::vector<GoldenCase> AllCases() {
  std::vector<GoldenCase> cases;
  for (const auto& program : ShippedProgramIds()) {
    for (const auto& diary : kDiaries) {
      for (const auto& format : kFormats) cases.emplace_back(program, diary, format);
    }
  }
  // The care team: its numbers in the header and the red-flag box (html, no
  // diary) and in the active red flag's headline of every output.
  cases.emplace_back(kCareTeam, "none", "html");
  for (const auto& format : kFormats) cases.emplace_back(kCareTeam, "red-flag", format);
  cases.emplace_back("total-knee-replacement", "red-flag", "fhir");  // docs/formats/fhir.md
  for (const auto& program : kSpanishPrograms) {
    for (const char* format : {"text", "ics", "html"}) {
      cases.emplace_back(std::string(kSpanish) + program, "red-flag", format);
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(EveryProgramDiaryAndFormat, GoldenTest, ::testing::ValuesIn(AllCases()),
                         CaseName);

// The set of cases is the set of files: an expected file no case renders
// (a renamed program, a dropped format) fails instead of going stale.
TEST(GoldenFilesTest, EveryExpectedFileBelongsToACase) {
  std::vector<std::string> wanted;
  for (const auto& c : AllCases()) wanted.push_back(fs::path(ExpectedPath(c)).lexically_normal());
  std::sort(wanted.begin(), wanted.end());
  for (const auto& entry : fs::recursive_directory_iterator(DataPath("golden/expected"))) {
    if (!entry.is_regular_file()) continue;
    std::string path = entry.path().lexically_normal();
    EXPECT_TRUE(std::binary_search(wanted.begin(), wanted.end(), path))
        << path << " is rendered by no golden case";
  }
}

TEST(GoldenFilesTest, CoverEveryShippedProgram) { EXPECT_EQ(ShippedProgramIds().size(), 8u); }

TEST(GoldenFilesTest, TheRedFlagDiaryRaisesAnUrgentAlertForEveryProgram) {
  for (const auto& program : ShippedProgramIds()) {
    std::string text = ReadFile(ExpectedPath({program, "red-flag", "text"}));
    EXPECT_NE(text.find("(since 2026-11-21)"), std::string::npos) << program;
    EXPECT_NE(text.find("Stop all your exercises"), std::string::npos) << program;
  }
}

// Where an output says whom to call, it gives the care team's number. The
// CSV has no alert text; a calendar's folded lines are unfolded first (and the
// handout escapes the apostrophe of "surgeon's").
TEST(GoldenFilesTest, EveryOutputOfTheCareTeamsRedFlagGivesTheSurgeonsTeamsNumber) {
  for (const auto& format : kFormats) {
    if (format == "csv") continue;
    std::string text = ReadFile(ExpectedPath({kCareTeam, "red-flag", format}));
    for (size_t at; (at = text.find("\r\n ")) != std::string::npos;) text.erase(at, 3);
    EXPECT_NE(text.find("team today: (312) 555-0100"), std::string::npos) << format;
  }
}

TEST(GoldenFilesTest, APlanWithoutACareTeamGivesNoNumberToCallButTheEmergencyOne) {
  for (const auto& program : ShippedProgramIds()) {
    std::string text = ReadFile(ExpectedPath({program, "red-flag", "text"}));
    EXPECT_EQ(text.find("team today:"), std::string::npos) << program;
    EXPECT_EQ(text.find("(clinic:"), std::string::npos) << program;
  }
}

TEST(GoldenFilesTest, TheFlareDiaryChangesThePlanForEveryProgram) {
  for (const auto& program : ShippedProgramIds()) {
    EXPECT_NE(ReadFile(ExpectedPath({program, "flare", "text"})),
              ReadFile(ExpectedPath({program, "none", "text"})))
        << program;
  }
}

}  // namespace
}  // namespace rehab
