// The FHIR Bundles validated by two independent validators (the official
// FHIR R4 JSON Schema and the R4 StructureDefinitions, through Node.js and
// the npm packages pinned in tests/fhir/, which scripts/test installs), with
// every reference and canonical resolved inside its Bundle
// (tests/fhir/validate.js, docs/formats/fhir.md). Runs in the Release pass
// (label release-only): its time is Node's.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

// tests/fhir, where validate.js and its node_modules live.
std::string FhirFolder() { return SourcePath("tests/fhir"); }

// Runs validate.js over `files`; its output (one line per problem, then
// "N passed, N failed") and exit code.
RunResult Validate(const std::vector<std::string>& files) {
  std::string command = "cd " + ShellQuote(FhirFolder()) + " && node validate.js";
  for (const auto& f : files) command += " " + ShellQuote(f);
  return RunShell(command + " 2>&1");
}

class FhirValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(FhirFolder() + "/node_modules/@medplum/core"))
        << "the FHIR validators are not installed: run scripts/test, or "
           "(cd tests/fhir && npm ci --no-audit --no-fund)";
  }

  // Writes the golden patient's Bundle of `program` with `diary` ("none",
  // "flare", "red-flag") to the temp folder; returns its path.
  std::string Export(const std::string& program, const std::string& diary, bool transaction) {
    std::string path = dir_.File(
        fmt::format("{}.{}.{}.json", program, diary, transaction ? "transaction" : "collection"));
    std::vector<std::string> args = {
        "plan",     program,      "--patient", DataPath("golden/" + program + ".yaml"),
        "--today",  "2026-11-23", "--weeks",   "5",
        "--format", "fhir",       "-o",        path};
    if (diary != "none") {
      args.push_back("--diary");
      args.push_back(DataPath("golden/" + diary + ".csv"));
    }
    if (transaction) args.push_back("--fhir-transaction");
    RunResult r = RunBinary(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return path;
  }

  ScopedTempDir dir_;
};

TEST_F(FhirValidationTest, EveryProgramsBundleWithAndWithoutADiaryAndWithARedFlagIsValid) {
  std::vector<std::string> files;
  for (const auto& program : ShippedProgramIds()) {
    for (const std::string diary : {"none", "flare", "red-flag"}) {
      for (bool transaction : {false, true}) files.push_back(Export(program, diary, transaction));
    }
  }
  ASSERT_EQ(files.size(), 8u * 3 * 2);
  RunResult r = Validate(files);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(Contains(r.out, fmt::format("{} passed, 0 failed", files.size()))) << r.out;
}

TEST_F(FhirValidationTest, TheBundlesOfABatchAreValid) {
  fs::path out = dir_.path() / "batch";
  RunResult run = RunBinary({"batch", DataPath("batch"), "-o", out.string(), "--today",
                             "2026-11-23", "--format", "fhir", "--fhir-transaction"});
  EXPECT_NE(run.exit_code, 2) << run.err;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (entry.path().string().ends_with(".fhir.json")) files.push_back(entry.path().string());
  }
  ASSERT_EQ(files.size(), 3u);  // p-typo does not plan
  RunResult r = Validate(files);
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST_F(FhirValidationTest, ThePatientWithOddIdsMeasuresAndFlagsGivesAValidBundle) {
  std::string path = dir_.File("fixture.json");
  RunResult run = RunBinary({"plan", "--patient", DataPath("fhir/patient.yaml"), "--diary",
                             DataPath("fhir/diary.csv"), "--today", "2026-11-10", "--weeks", "4",
                             "--format", "fhir", "-o", path});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  RunResult r = Validate({path});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// The validators can fail: a Bundle with a dangling reference, a resource
// missing a required element, a value of the wrong type and a date that is
// none is rejected, with each problem named by the check that found it.
TEST_F(FhirValidationTest, ABrokenBundleIsRejectedWithItsProblemsNamed) {
  WriteFile(dir_.File("broken.json"), R"({
  "resourceType": "Bundle", "id": "broken", "type": "collection",
  "entry": [
    {"fullUrl": "https://rehab.invalid/fhir/Patient/p", "resource": {"resourceType": "Patient", "id": "p"}},
    {"fullUrl": "https://rehab.invalid/fhir/Observation/o",
     "resource": {"resourceType": "Observation", "id": "o",
                  "code": {"text": "pain"}, "subject": {"reference": "Patient/nobody"},
                  "effectiveDateTime": "2026-13-45", "valueInteger": 2.5}}
  ]
})");
  RunResult r = Validate({dir_.File("broken.json")});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(Contains(r.out, "reference Patient/nobody resolves to no entry")) << r.out;
  EXPECT_TRUE(Contains(r.out, "Observation.status Missing required property")) << r.out;
  EXPECT_TRUE(Contains(r.out, "structure: Observation.value[x] Expected number to be an integer"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "schema: .effectiveDateTime should match pattern")) << r.out;
  EXPECT_TRUE(Contains(r.out, "0 passed, 1 failed")) << r.out;
}

}  // namespace
}  // namespace rehab::testing
