// End-to-end tests of the rehab CLI: the built binary run on real files,
// checking exit codes, stdout, stderr and the files it writes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

using testing::Contains;

TEST(CliTest, PlanPrintsAReadableMultiWeekPlanForTheStarterProgram) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "--today",
                           "2026-11-25"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(Contains(r.out, "Inner knee pain in runners")) << r.out;
  EXPECT_TRUE(Contains(r.out, "Week 1 · Tue 2026-12-01 to Mon 2026-12-07"));
  EXPECT_TRUE(Contains(r.out, "Week 6 · "));
  EXPECT_TRUE(Contains(r.out, "Quadriceps set"));
  EXPECT_TRUE(Contains(r.out, "Warning signs and what to do"));
}

TEST(CliTest, PlanWritesValidJsonAndTheSameBytesTwice) {
  ScopedTempDir dir;
  std::vector<std::string> args = {"plan",    "medial-knee-pain", "--start", "2026-12-01",
                                   "--today", "2026-11-25",       "--format", "json",
                                   "-o"};
  RunResult first = RunBinary([&] { auto a = args; a.push_back(dir.File("a.json")); return a; }());
  RunResult second = RunBinary([&] { auto a = args; a.push_back(dir.File("b.json")); return a; }());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, "");  // the plan went to the file
  std::string a = ReadFile(dir.File("a.json"));
  EXPECT_EQ(a, ReadFile(dir.File("b.json")));
  nlohmann::json j = nlohmann::json::parse(a);
  EXPECT_EQ(j["schema"], "rehab-plan/1");
  EXPECT_EQ(j["program"]["id"], "medial-knee-pain");
  EXPECT_EQ(j["days"][0]["date"], "2026-12-01");
  EXPECT_FALSE(j["days"][0]["sessions"].empty());
}

TEST(CliTest, ABadProgramGetsEveryLocatedDiagnosticAndLeavesNoOutputFile) {
  ScopedTempDir dir;
  std::string program = DataPath("loader/three-errors.yaml");
  RunResult r = RunBinary({"plan", program, "--start", "2026-12-01", "--format", "json", "-o",
                           dir.File("plan.json")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            program + ":15:25: error: 'reps' must be from 1 to 100, got -3\n"
            "      - {sets: 2, reps: -3}\n"
            "                        ^\n" +
            program + ":23:5: error: unknown key 'exercisez' in a phase, did you mean 'exercises'?\n"
            "    exercisez: [wall-slide]\n"
            "    ^\n" +
            program + ":26:19: error: phase 'one' names exercise 'quad-sett' that is not in the "
            "catalogue, did you mean 'quad-set'?\n"
            "      - exercise: quad-sett\n"
            "                  ^\n");
  EXPECT_FALSE(std::filesystem::exists(dir.File("plan.json")));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));  // no temp file left either
}

TEST(CliTest, AnUnknownProgramIsAUsageErrorWithASuggestion) {
  RunResult r = RunBinary({"plan", "medial-knee-pian", "--start", "2026-12-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "unknown program 'medial-knee-pian', did you mean 'medial-knee-pain'?"))
      << r.err;
}

TEST(CliTest, CommandLineMistakesExitWithTwo) {
  static const struct {
    std::vector<std::string> args;
    const char* message;
  } kCases[] = {
      {{}, "usage: rehab VERB"},
      {{"frobnicate"}, "unknown verb 'frobnicate'"},
      {{"plan", "medial-knee-pain", "--format", "docx"}, "--format must be one of"},
      {{"plan", "medial-knee-pain", "--start", "2026-02-30"}, "--start 2026-02-30: that day does not exist"},
      {{"plan", "medial-knee-pain", "--weeks", "0"}, "--weeks must be from 1 to 104"},
      {{"plan", "medial-knee-pain", "--tz", "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"},
      {{"plan", "medial-knee-pain", "--bogus"}, "unrecognised option '--bogus'"},
      {{"plan"}, "plan needs a PROGRAM"},
      {{"plan", "total-knee-replacement"}, "give --surgery DATE"},
      {{"plan", "medial-knee-pain", "--format", "pdf"}, "--format pdf needs -o FILE"},
      {{"explain"}, "explain needs a PROGRAM, or --patient FILE naming its program"},
      {{"validate"}, "validate needs at least one FILE"},
      {{"show"}, "show needs a PROGRAM"},
  };
  for (const auto& c : kCases) {
    RunResult r = RunBinary(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined << "\n" << r.err;
    EXPECT_TRUE(Contains(r.err, c.message)) << joined << "\n" << r.err;
    EXPECT_EQ(r.out, "") << joined;
  }
}

TEST(CliTest, EveryVerbHasHelp) {
  for (const char* verb : {"programs", "show", "validate", "plan", "explain", "log"}) {
    RunResult r = RunBinary({verb, "--help"});
    EXPECT_EQ(r.exit_code, 0) << verb << "\n" << r.err;
    EXPECT_TRUE(Contains(r.out, std::string("usage: rehab ") + verb)) << verb << "\n" << r.out;
  }
}

TEST(CliTest, ProgramsListsEveryBuiltInProgram) {
  RunResult r = RunBinary({"programs", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& p : j) ids.push_back(p["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "acl-reconstruction", "arthroscopic-meniscectomy", "knee-osteoarthritis",
                     "medial-knee-pain", "meniscus-repair", "patellofemoral-pain",
                     "total-knee-replacement", "unicompartmental-knee-replacement"}));
}

TEST(CliTest, ShowPrintsAProgramsPhasesLaddersAndSources) {
  RunResult r = RunBinary({"show", "medial-knee-pain"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Phases"));
  EXPECT_TRUE(Contains(r.out, "step 1:"));
  EXPECT_TRUE(Contains(r.out, "Sources"));
  RunResult json = RunBinary({"show", "medial-knee-pain", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["id"], "medial-knee-pain");
}

TEST(CliTest, ValidateAcceptsGoodFilesOfEveryKind) {
  RunResult r = RunBinary({"validate", SourcePath("programs/medial-knee-pain.yaml"),
                           SourcePath("programs/exercises.yaml"), DataPath("cli/patient.yaml"),
                           DataPath("cli/diary.csv")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "medial-knee-pain.yaml: ok (program)"));
  EXPECT_TRUE(Contains(r.out, "exercises.yaml: ok (exercise catalogue)"));
  EXPECT_TRUE(Contains(r.out, "patient.yaml: ok (patient)"));
  EXPECT_TRUE(Contains(r.out, "diary.csv: ok (diary)"));
}

TEST(CliTest, ValidateReportsAllErrorsOfEveryFile) {
  std::string patient = DataPath("cli/bad-patient.yaml");
  std::string program = DataPath("loader/three-errors.yaml");
  RunResult r = RunBinary({"validate", patient, program});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, patient + ":2:7: error: 'side' must be one of left, right, both"));
  EXPECT_TRUE(Contains(r.err, patient + ":3:11: error: unknown time zone 'Mars/Olympus'"));
  EXPECT_TRUE(Contains(r.err, patient + ":4:8: error: 'start' must be a real date"));
  EXPECT_TRUE(Contains(r.err, program + ":26:19: error:"));
}

TEST(CliTest, ValidateReportsAPatientLanguageWithoutACatalogueAtItsKey) {
  ScopedTempDir dir;
  const std::string patient = dir.File("patient.yaml");
  WriteFile(patient, ReadFile(DataPath("cli/patient.yaml")) + "language: xx\n");
  const std::string text = ReadFile(patient);
  const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  RunResult r = RunBinary({"validate", patient});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, patient + ":" + std::to_string(line) +
                                  ":11: error: there is no catalogue for the language 'xx'"))
      << r.err;
}

TEST(CliTest, ValidateAcceptsAPatientInALanguageThereIsACatalogueFor) {
  ScopedTempDir dir;
  const std::string patient = dir.File("patient.yaml");
  WriteFile(patient, ReadFile(DataPath("cli/patient.yaml")) + "language: es\n");
  RunResult r = RunBinary({"validate", patient});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliTest, ValidateSaysWhenItCannotTellWhatAFileIs) {
  ScopedTempDir dir;
  WriteFile(dir.File("what.yaml"), "hello: world\n");
  RunResult r = RunBinary({"validate", dir.File("what.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "cannot tell what this file is")) << r.err;
}

TEST(CliTest, PlanReadsThePatientFileAndItsDiary) {
  RunResult r = RunBinary({"plan", "total-knee-replacement", "--patient",
                           DataPath("cli/patient.yaml"), "--today", "2026-11-20", "--format",
                           "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["patient"]["id"], "p-0042");
  EXPECT_EQ(j["patient"]["timezone"], "America/New_York");
  EXPECT_EQ(j["anchor"]["date"], "2026-11-02");
  EXPECT_EQ(j["days"][0]["sessions"][0]["time"], "09:00");
  bool stepped_back = false;
  for (const auto& c : j["changes"]) {
    if (c["change"] == "back" && c["reason"]["diary_dates"][0] == "2026-11-12") stepped_back = true;
  }
  EXPECT_TRUE(stepped_back) << "the 8/10 entry on 2026-11-12 should step exercises back";
}

TEST(CliTest, StartOverridesThePatientFileDate) {
  // The patient file names total-knee-replacement: planning it with a
  // conservative program (counting from --start) needs --program-override.
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--patient", DataPath("cli/patient.yaml"),
                           "--program-override", "--start", "2026-12-07", "--today", "2026-12-01",
                           "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["anchor"]["date"], "2026-12-07");
}

TEST(CliTest, ABadPatientFileIsReportedWithExitOne) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--patient", DataPath("cli/bad-patient.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "unknown time zone 'Mars/Olympus'")) << r.err;
}

// `plan` reads the patient file while the catalogue loads on another thread;
// what it reports must still come in order: a bad program stops the run
// before anything about the patient is said.
TEST(CliTest, PlanReportsABadProgramAndNothingAboutThePatient) {
  ScopedTempDir dir;
  WriteFile(dir.File("p.yaml"), "id: p\ntitle: [\n");
  RunResult r =
      RunBinary({"plan", dir.File("p.yaml"), "--patient", DataPath("cli/bad-patient.yaml")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "invalid YAML")) << r.err;
  EXPECT_FALSE(Contains(r.err, "Mars/Olympus")) << r.err;
  EXPECT_EQ(r.out, "");
}

// A broken catalogue (REHAB_PROGRAMS_DIR) is reported by `plan` before, and
// instead of, the program's and the patient's problems; `programs` (which
// reads it once) still reports it with each program, as it always did.
TEST(CliTest, ABrokenCatalogueIsReportedBeforeAnythingElse) {
  ScopedTempDir dir;
  std::filesystem::copy(SourcePath("programs"), dir.path());
  std::string catalogue = ReadFile(dir.File("exercises.yaml"));
  size_t at = catalogue.find("kind: strength");
  ASSERT_NE(at, std::string::npos);
  catalogue.replace(at, 14, "kind: strenght");
  WriteFile(dir.File("exercises.yaml"), catalogue);
  ASSERT_EQ(setenv("REHAB_PROGRAMS_DIR", dir.path().c_str(), 1), 0);
  RunResult plan = RunBinary({"plan", "total-knee-replacement", "--patient",
                              DataPath("cli/bad-patient.yaml")});
  RunResult programs = RunBinary({"programs"});
  unsetenv("REHAB_PROGRAMS_DIR");
  const std::string error = "error: 'kind' must be one of stretch, strength,";
  EXPECT_EQ(plan.exit_code, 1);
  EXPECT_TRUE(plan.err.starts_with(dir.File("exercises.yaml") + ":")) << plan.err;
  EXPECT_TRUE(Contains(plan.err, error)) << plan.err;
  EXPECT_EQ(plan.err.find(error), plan.err.rfind(error)) << plan.err;
  EXPECT_FALSE(Contains(plan.err, "Mars/Olympus")) << plan.err;
  EXPECT_EQ(programs.exit_code, 1);
  size_t count = 0;
  for (size_t pos = programs.err.find(error); pos != std::string::npos;
       pos = programs.err.find(error, pos + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 8u) << programs.err;  // once for each built-in program
}

TEST(CliTest, ExplainGivesTheChainOfDecisionsForADay) {
  RunResult r = RunBinary({"explain", "total-knee-replacement", "--patient",
                           DataPath("cli/patient.yaml"), "--today", "2026-11-20", "--date",
                           "2026-11-16"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Quadriceps set")) << r.out;
  EXPECT_TRUE(Contains(r.out, "Pain was 8/10 on 2026-11-12")) << r.out;
  EXPECT_TRUE(Contains(r.out, "This day is in the past")) << r.out;
}

TEST(CliTest, WritingIntoAMissingFolderFailsCleanly) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "-o",
                           "/nonexistent-folder/plan.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "cannot write '/nonexistent-folder/plan.txt'")) << r.err;
}

TEST(CliTest, OutputReplacesAnExistingFileWhole) {
  ScopedTempDir dir;
  WriteFile(dir.File("plan.txt"), std::string(100000, 'x'));
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "--today",
                           "2026-11-25", "-o", dir.File("plan.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text = ReadFile(dir.File("plan.txt"));
  EXPECT_EQ(text.find('x' + std::string(10, 'x')), std::string::npos);
  EXPECT_TRUE(Contains(text, "Week 1"));
}

TEST(CliTest, EveryExportFormatRendersFromTheCommandLine) {
  static const struct {
    const char* format;
    const char* starts_with;
  } kCases[] = {{"ics", "BEGIN:VCALENDAR\r\n"}, {"csv", "\xEF\xBB\xBF"}, {"html", "<!DOCTYPE html>"}};
  for (const auto& c : kCases) {
    RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "--today",
                             "2026-11-25", "--format", c.format});
    EXPECT_EQ(r.exit_code, 0) << c.format << "\n" << r.err;
    EXPECT_EQ(r.out.rfind(c.starts_with, 0), 0u) << c.format;
  }
}

}  // namespace
}  // namespace rehab::testing

namespace rehab::testing {
namespace {

TEST(CliTest, PrintsThePdfHandoutOnTheRequestedPaper) {
  if (!std::filesystem::exists("/usr/bin/chromium")) GTEST_SKIP() << "chromium is not installed";
  ScopedTempDir dir;
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--start", "2026-12-01", "--today",
                           "2026-11-25", "--format", "pdf", "--paper", "a4", "-o",
                           dir.File("handout.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string info_file = dir.File("info.txt");
  std::string command = "pdfinfo '" + dir.File("handout.pdf") + "' > '" + info_file + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::string info = ReadFile(info_file);
  EXPECT_TRUE(Contains(info, "(A4)")) << info;
}

TEST(CliTest, NoFiguresLeavesTheFiguresOutOfTheHandoutAndKeepsEveryCard) {
  std::vector<std::string> args = {"plan",    "total-knee-replacement", "--surgery", "2026-11-02",
                                   "--today", "2026-11-30",             "--format",  "html"};
  RunResult with = RunBinary(args);
  args.push_back("--no-figures");
  RunResult without = RunBinary(args);
  ASSERT_EQ(with.exit_code, 0) << with.err;
  ASSERT_EQ(without.exit_code, 0) << without.err;
  auto count = [](const std::string& text, const std::string& part) {
    int n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
  };
  int cards = count(with.out, "<article class=\"card\"");
  EXPECT_GT(cards, 0);
  EXPECT_EQ(count(with.out, "<div class=\"figure\"><svg"), cards);
  EXPECT_EQ(count(without.out, "<article class=\"card\""), cards);
  EXPECT_EQ(count(without.out, "<div class=\"figure\">"), 0);
  EXPECT_LT(without.out.size(), with.out.size());
}

TEST(CliTest, RejectsAnUnknownPaperSize) {
  RunResult r = RunBinary({"plan", "medial-knee-pain", "--format", "html", "--paper", "a3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "--paper must be a4, letter or auto")) << r.err;
}

}  // namespace
}  // namespace rehab::testing
