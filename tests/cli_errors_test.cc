// End-to-end tests on the built binary: command-line mistakes get errors as
// good as a file's (a suggestion for a misspelt verb, option, program or time
// zone; the fix for a value written another way; a day that does not exist
// said so; the same exit code for a bad date in every verb).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

std::string Joined(const std::vector<std::string>& args) {
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  return joined;
}

TEST(CliErrorsTest, AMisspeltVerbGetsTheVerbItMeant) {
  RunResult r = RunBinary({"paln", "medial-knee-pain"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.err.starts_with("rehab: unknown verb 'paln', did you mean 'plan'?\n")) << r.err;
}

TEST(CliErrorsTest, AMisspeltOptionGetsTheOptionItMeant) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--fromat", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(
      r.err.starts_with("rehab: unrecognised option '--fromat', did you mean '--format'?\n"))
      << r.err;
}

TEST(CliErrorsTest, EveryVerbSuggestsItsOwnOptions) {
  static const struct {
    std::vector<std::string> args;
    const char* message;
  } kCases[] = {
      {{"today", "medial-knee-pain", "--patinet", "p.yaml"}, "did you mean '--patient'?"},
      {{"explain", "medial-knee-pain", "--dtae", "2026-11-20"}, "did you mean '--date'?"},
      {{"validate", "--strct", "x.yaml"}, "did you mean '--strict'?"},
      {{"batch", "dir", "--jbos", "2"}, "did you mean '--jobs'?"},
      {{"exercises", "--traget", "quadriceps"}, "did you mean '--target'?"},
  };
  for (const auto& c : kCases) {
    RunResult r = RunBinary(c.args);
    EXPECT_EQ(r.exit_code, 2) << Joined(c.args);
    EXPECT_TRUE(Contains(r.err, c.message)) << Joined(c.args) << "\n" << r.err;
  }
}

TEST(CliErrorsTest, AMisspeltProgramIdGetsTheIdItMeant) {
  RunResult r = RunBinary({"plan", "total-knee-replacment", "--surgery", "2026-11-02"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err,
                       "rehab: unknown program 'total-knee-replacment', did you mean "
                       "'total-knee-replacement'?\n"))
      << r.err;
}

TEST(CliErrorsTest, AMisspeltTimeZoneGetsTheZoneItMeant) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--tz", "America/Chicgo"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: unknown time zone 'America/Chicgo', did you mean 'America/Chicago'?\n");
}

TEST(CliErrorsTest, ATimeZoneInTheWrongCaseGetsTheRightCase) {
  RunResult r = RunBinary({"today", "medial-knee-pain", "--tz", "europe/berlin"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: unknown time zone 'europe/berlin', did you mean 'Europe/Berlin'?\n");
}

TEST(CliErrorsTest, ATimeZoneNothingLikeAnyGetsAnExample) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--tz", "Mars/Olympus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "rehab: unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Berlin or "
            "America/New_York)\n");
}

TEST(CliErrorsTest, AFormatInCapitalsIsTheFormat) {
  ScopedTempDir dir;
  RunResult upper = RunBinary({"plan", "medial-knee-pain", "--start", "2026-11-16", "--today",
                               "2026-11-20", "--format", "JSON"});
  RunResult lower = RunBinary({"plan", "medial-knee-pain", "--start", "2026-11-16", "--today",
                               "2026-11-20", "--format", "json"});
  ASSERT_EQ(upper.exit_code, 0) << upper.err;
  EXPECT_EQ(upper.out, lower.out);
}

TEST(CliErrorsTest, ShowAndProgramsTakeTheirFormatInAnyCase) {
  RunResult show = RunBinary({"show", "medial-knee-pain", "--format", "Json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(show.out.starts_with("{")) << show.out;
  RunResult programs = RunBinary({"programs", "--format", "TEXT"});
  EXPECT_EQ(programs.exit_code, 0) << programs.err;
}

TEST(CliErrorsTest, AnUnknownFormatListsTheFormatsAndTheClosest) {
  RunResult r = RunBinary({"show", "medial-knee-pain", "--format", "jsno"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: --format must be text or json, got \"jsno\", did you mean 'json'?\n");
}

TEST(CliErrorsTest, ADayThatDoesNotExistIsSaidToNotExist) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--today", "2026-02-30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "rehab: --today 2026-02-30: that day does not exist (February 2026 has 28 days)\n");
}

TEST(CliErrorsTest, TheDayCountOfFebruaryFollowsLeapYears) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2028-02-30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "rehab: --start 2028-02-30: that day does not exist (February 2028 has 29 days)\n");
}

TEST(CliErrorsTest, AMonthThatDoesNotExistIsSaidToNotExist) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-13-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "rehab: --start 2026-13-01: that day does not exist (there is no month 13; months "
            "are 01 to 12)\n");
}

TEST(CliErrorsTest, ADateInAnotherShapeNamesTheShape) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-3-2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: --start must be a date as YYYY-MM-DD, got \"2026-3-2\"\n");
}

// Every verb that takes a date exits 2 for one that does not exist, and says so.
TEST(CliErrorsTest, EveryVerbExitsWithTwoForABadDate) {
  ScopedTempDir dir;
  const std::string diary = dir.File("diary.csv");
  const std::vector<std::vector<std::string>> cases = {
      {"plan", "medial-knee-pain", "--today", "2026-02-30"},
      {"plan", "total-knee-replacement", "--surgery", "2026-02-30"},
      {"plan", "medial-knee-pain", "--from", "2026-02-30"},
      {"today", "medial-knee-pain", "--today", "2026-02-30"},
      {"explain", "medial-knee-pain", "--date", "2026-02-30"},
      {"explain", "medial-knee-pain", "--start", "2026-02-30"},
      {"validate", "--today", "2026-02-30", "x.csv"},
      {"batch", dir.File("in"), "-o", dir.File("out"), "--today", "2026-02-30"},
      {"triage", dir.File("in"), "--today", "2026-02-30"},
      {"init", "patient", "medial-knee-pain", "--start", "2026-02-30", "-o", dir.File("p.yaml")},
      {"log", diary, "--date", "2026-02-30", "--during", "2"},
      {"log", diary, "--date", "2026-02-20", "--during", "2", "--today", "2026-02-30"},
  };
  for (const auto& args : cases) {
    RunResult r = RunBinary(args);
    EXPECT_EQ(r.exit_code, 2) << Joined(args) << "\n" << r.err;
    EXPECT_TRUE(Contains(r.err, "2026-02-30: that day does not exist (February 2026 has 28 days)"))
        << Joined(args) << "\n"
        << r.err;
  }
}

TEST(CliErrorsTest, ExplainWithoutADateExplainsToday) {
  const std::vector<std::string> base = {"explain",    "medial-knee-pain", "--start",
                                         "2026-11-16", "--today",          "2026-11-20"};
  std::vector<std::string> dated = base;
  dated.insert(dated.end(), {"--date", "2026-11-20"});
  RunResult implicit = RunBinary(base), explicit_date = RunBinary(dated);
  ASSERT_EQ(implicit.exit_code, 0) << implicit.err;
  ASSERT_EQ(explicit_date.exit_code, 0) << explicit_date.err;
  EXPECT_FALSE(implicit.out.empty());
  EXPECT_EQ(implicit.out, explicit_date.out);
  std::vector<std::string> other = base;
  other.insert(other.end(), {"--date", "2026-11-19"});
  EXPECT_NE(RunBinary(other).out, implicit.out);
}

TEST(CliErrorsTest, ExplainTakesItsProgramFromThePatientFile) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: medial-knee-pain\nside: right\nstart: 2026-11-16\n");
  RunResult from_file =
      RunBinary({"explain", "--patient", dir.File("p.yaml"), "--today", "2026-11-20"});
  RunResult given = RunBinary(
      {"explain", "medial-knee-pain", "--patient", dir.File("p.yaml"), "--today", "2026-11-20"});
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, given.out);
}

TEST(CliErrorsTest, PoundsWrittenLbsInAPatientFileGetLb) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"), "id: p\nside: right\nstart: 2026-11-16\nunits: lbs\n");
  RunResult r = RunBinary({"validate", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, dir.File("p.yaml") +
                       ":4:8: error: 'units' must be one of kg, lb, got \"lbs\", did you mean "
                       "'lb'?\n"
                       "units: lbs\n"
                       "       ^\n");
}

TEST(CliErrorsTest, ASessionTimeWithAOneDigitHourGetsItsTwoDigitSpelling) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nside: right\nstart: 2026-11-16\nsessions:\n  times: [\"9:00\"]\n");
  RunResult r = RunBinary({"validate", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, dir.File("p.yaml") +
                                  ":5:11: error: session time must be HH:MM (24-hour), got "
                                  "\"9:00\": write \"09:00\"\n"))
      << r.err;
}

// `validate PROGRAM PATIENT`: the patient's overrides are checked against the program.
TEST(CliErrorsTest, ValidateChecksAPatientsOverridesAgainstTheProgramGiven) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nside: right\nstart: 2026-11-16\noverrides:\n  - exercise: bridgee\n"
            "    skip: true\n");
  const std::string program = SourcePath("examples/my-knee-program.yaml");
  RunResult alone = RunBinary({"validate", dir.File("p.yaml")});
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
  RunResult r = RunBinary({"validate", program, dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, program + ": ok (program)\n");
  EXPECT_EQ(r.err, dir.File("p.yaml") +
                       ":5:15: error: override names exercise 'bridgee' that program "
                       "'my-knee-program' does not use, did you mean 'bridge'?\n"
                       "  - exercise: bridgee\n"
                       "              ^\n");
}

TEST(CliErrorsTest, ValidateChecksAPatientAgainstTheBuiltInProgramItNames) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: medial-knee-pain\nside: right\nstart: 2026-11-16\noverrides:\n"
            "  - exercise: not-in-it\n    skip: true\n");
  RunResult r = RunBinary({"validate", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err,
                       "error: override names exercise 'not-in-it' that program "
                       "'medial-knee-pain' does not use"))
      << r.err;
}

TEST(CliErrorsTest, ValidateLocatesAnUnknownProgramAPatientNames) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"),
            "id: p\nprogram: medial-knee-pian\nside: right\nstart: 2026-11-16\n");
  RunResult r = RunBinary({"validate", dir.File("p.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, dir.File("p.yaml") +
                       ":2:10: error: unknown program 'medial-knee-pian', did you mean "
                       "'medial-knee-pain'?\n"
                       "program: medial-knee-pian\n"
                       "         ^\n");
}

TEST(CliErrorsTest, ControlCharactersInAMisspeltVerbNeverReachTheTerminal) {
  RunResult r = RunBinary({"pl\x1b[2Jan"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_TRUE(r.err.starts_with("rehab: unknown verb 'pl?[2Jan'")) << r.err;
}

TEST(CliErrorsTest, ControlCharactersInAnUnknownTargetNeverReachTheTerminal) {
  RunResult r = RunBinary({"exercises", "--target", "quad\x1b]0;x\x07"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x07'), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rehab::testing
