// Checks docs/schema/program.schema.json with an independent validator
// (python3-jsonschema via tests/tools/validate_schema.py): it accepts every
// shipped program and the catalogue, and rejects known-bad documents. The
// same for docs/schema/patient.schema.json and patient files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/load/yaml_loader.h"
#include "tests/support/scenario_support.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::DataPath;
using testing::ReadFile;
using testing::RunResult;
using testing::RunShell;
using testing::ScopedTempDir;
using testing::ShellQuote;
using testing::SourcePath;
using testing::WriteFile;

struct ValidatorRun {
  int exit_code = -1;  // 0 all valid, 1 some invalid, 2 the tool failed
  std::string output;  // one line per file or per error
};

// Runs the Python validator on `files` against the shipped `schema`.
ValidatorRun RunValidator(const std::vector<std::string>& files,
                          const std::string& schema = "docs/schema/program.schema.json") {
  std::string cmd = "python3 " + ShellQuote(SourcePath("tests/tools/validate_schema.py")) + " " +
                    ShellQuote(SourcePath(schema));
  for (const auto& f : files) cmd += " " + ShellQuote(f);
  RunResult shell = RunShell(cmd + " 2>&1");
  return {shell.exit_code, shell.out};
}

std::vector<std::string> ShippedYamlFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("programs"))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SchemaTest, ValidatorToolRunsWithItsPythonModules) {
  ValidatorRun run = RunValidator({DataPath("schema/good-minimal-program.yaml")});
  ASSERT_NE(run.exit_code, 2) << "install python3-jsonschema and python3-yaml:\n" << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(SchemaTest, AcceptsEveryShippedProgramAndTheCatalogue) {
  std::vector<std::string> files = ShippedYamlFiles();
  ASSERT_GE(files.size(), 9u) << "expected the catalogue and eight programs";
  ValidatorRun run = RunValidator(files);  // one run: starting Python is the slow part
  EXPECT_EQ(run.exit_code, 0) << run.output;
  for (const auto& file : files) {
    EXPECT_NE(run.output.find(file + ": valid\n"), std::string::npos) << file << "\n" << run.output;
  }
}

TEST(SchemaTest, EveryShippedFileNamesTheSchemaForEditors) {
  for (const auto& file : ShippedYamlFiles()) {
    std::string text = ReadFile(file);
    EXPECT_EQ(text.rfind("# yaml-language-server: $schema=../docs/schema/program.schema.json\n", 0),
              0u)
        << file << " should start with the yaml-language-server schema line";
  }
}

TEST(SchemaTest, RejectsBadDocumentsAtThePlaceOfTheMistake) {
  static const struct {
    const char* file;
    const char* expected;  // a line the validator prints for it
  } kCases[] = {
      {"bad-unknown-dose-key.yaml",
       "invalid at exercises/0/ladder/0: Additional properties are not allowed ('repz' was "
       "unexpected)"},
      {"bad-short-strength-ladder.yaml", "invalid at exercises/0/ladder:"},
      {"bad-heat-on-swollen-knee.yaml",
       "invalid at modalities/0/skip_when_swollen: True was expected"},
      {"bad-duration-words.yaml", "invalid at phases/0/end:"},
      {"bad-criterion-min-and-max.yaml", "invalid at phases/0/exit_criteria/0:"},
      {"bad-criterion-min-and-max.yaml",
       "invalid at anchor: 'surgey' is not one of ['start', 'surgery']"},
      {"bad-illustration-knee.yaml",
       "invalid at exercises/0/illustration/end/working/knee: 170 is greater than the maximum "
       "of 155"},
  };
  std::vector<std::string> files;
  for (const auto& c : kCases) {
    std::string path = DataPath(std::string("schema/") + c.file);
    if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(path);
  }
  ValidatorRun run = RunValidator(files);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  for (const auto& file : files) {
    EXPECT_EQ(run.output.find(file + ": valid\n"), std::string::npos) << file << " was accepted";
  }
  for (const auto& c : kCases) {
    std::string line = DataPath(std::string("schema/") + c.file) + ": " + c.expected;
    EXPECT_NE(run.output.find(line), std::string::npos) << "expected \"" << line << "\" in\n"
                                                        << run.output;
  }
}

// The "complete small example" in docs/formats/program.md must stay valid for
// both the schema and the real loader, so the documentation cannot drift.
TEST(SchemaTest, FormatDocumentationExampleIsValidForSchemaAndLoader) {
  std::string doc = ReadFile(SourcePath("docs/formats/program.md"));
  std::smatch m;
  static const std::regex kExample(R"(<!-- example:program -->\n```yaml\n([\s\S]*?)```)");
  ASSERT_TRUE(std::regex_search(doc, m, kExample)) << "example block not found";
  std::string example = m[1];

  ScopedTempDir dir;
  std::string path = dir.File("sore-knee-starter.yaml");
  WriteFile(path, example);
  ValidatorRun run = RunValidator({path});
  EXPECT_EQ(run.exit_code, 0) << run.output;

  Diagnostics diags;
  auto program = LoadProgramFromCatalogue(example, path, testing::ShippedCatalogue(), &diags);
  EXPECT_TRUE(program.has_value()) << diags.ToString();
}

// ---- docs/schema/patient.schema.json ----------------------------------------

constexpr const char* kPatientSchema = "docs/schema/patient.schema.json";

TEST(SchemaTest, ThePatientSchemaAcceptsTheGoldenPatientsAndTheAwkwardValidOnes) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(DataPath("golden"))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  files.push_back(DataPath("bad/pat-care-team.ok.yaml"));
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u) << "eight golden patients, the care-team one and pat-care-team.ok";
  ValidatorRun run = RunValidator(files, kPatientSchema);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  for (const auto& file : files) {
    EXPECT_NE(run.output.find(file + ": valid\n"), std::string::npos) << file << "\n" << run.output;
  }
}

TEST(SchemaTest, ThePatientSchemaRejectsABadCareTeamAtThePlaceOfTheMistake) {
  static const struct {
    const char* file;
    const char* expected;  // a line the validator prints for it
  } kCases[] = {
      {"pat-care-team-unknown-key.yaml",
       "invalid at care_team: Additional properties are not allowed ('clinic_fone', "
       "'surgeon_phone' were unexpected)"},
      {"pat-care-team-bad-phones.yaml", "invalid at care_team/clinic_phone:"},
      {"pat-care-team-bad-phones.yaml", "invalid at care_team/surgeon_team_phone:"},
      {"pat-care-team-bad-phones.yaml", "invalid at care_team/surgeon_team_after_hours_phone:"},
      {"pat-care-team-bad-texts.yaml", "invalid at care_team/clinic:"},
      {"pat-care-team-bad-texts.yaml", "invalid at care_team/therapist:"},
      {"pat-care-team-bad-texts.yaml",
       "invalid at care_team: 'clinic_phone' is a dependency of 'clinic_hours'"},
      {"pat-care-team-empty.yaml", "invalid at care_team: {} should be non-empty"},
  };
  std::vector<std::string> files;
  for (const auto& c : kCases) {
    std::string path = DataPath(std::string("bad/") + c.file);
    if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(path);
  }
  ValidatorRun run = RunValidator(files, kPatientSchema);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  for (const auto& c : kCases) {
    std::string line = DataPath(std::string("bad/") + c.file) + ": " + c.expected;
    EXPECT_NE(run.output.find(line), std::string::npos) << "expected \"" << line << "\" in\n"
                                                        << run.output;
  }
}

// The example in docs/formats/patient.md stays valid for the schema and the loader.
TEST(SchemaTest, PatientFormatDocumentationExampleIsValidForSchemaAndLoader) {
  std::string doc = ReadFile(SourcePath("docs/formats/patient.md"));
  std::smatch m;
  static const std::regex kExample(R"(<!-- example:patient -->\n```yaml\n([\s\S]*?)```)");
  ASSERT_TRUE(std::regex_search(doc, m, kExample)) << "example block not found";
  std::string example = m[1];

  ScopedTempDir dir;
  std::string path = dir.File("p-0042.yaml");
  WriteFile(path, example);
  ValidatorRun run = RunValidator({path}, kPatientSchema);
  EXPECT_EQ(run.exit_code, 0) << run.output;

  Diagnostics diags;
  auto patient = LoadPatient(example, path, &diags);
  ASSERT_TRUE(patient.has_value()) << diags.ToString();
  EXPECT_TRUE(patient->care_team.has_value());
}

}  // namespace
}  // namespace rehab
