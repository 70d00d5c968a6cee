// End-to-end tests of the caseload triage on the built binary: `rehab triage DIR` and the
// table `rehab batch` prints after its summary, over the caseload in tests/data/triage/
// (docs/triage.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kToday[] = "2026-11-20";

// The table for tests/data/triage on kToday.
constexpr char kTable[] =
    "Triage for 2026-11-20: 5 patients, 2 need a call or a review\n"
    "  Patient          Since       To do                      What\n"
    "Red flags: emergency\n"
    "  p-chest          2026-11-18  Call now                   Chest pain, coughing up blood, a "
    "racing heart or feeling faint (a possible clot in the lung)\n"
    "Red flags: same day\n"
    "  p-calf           2026-11-19  Call today                 Pain, tenderness or redness in the "
    "calf, even when resting (a possible blood clot) (and 1 more)\n"
    "Outcome measures due this week\n"
    "  p-starts-monday  2026-11-23  Take the measure           Due: KOOS (Knee injury and "
    "Osteoarthritis Outcome Score)\n"
    "No diary entries\n"
    "  p-silent         2026-11-11  Remind the patient to log  No diary entry for 9 days\n"
    "1 patient: nothing to do\n";

// A copy of some of tests/data/triage's patients (and all its diaries) in `to`.
void CopyPatients(const fs::path& to, const std::vector<std::string>& ids) {
  fs::create_directories(to);
  fs::copy(DataPath("triage/diaries"), to / "diaries", fs::copy_options::recursive);
  for (const auto& id : ids) fs::copy_file(DataPath("triage/" + id + ".yaml"), to / (id + ".yaml"));
}

TEST(CliTriageTest, ListsTheCaseloadByUrgencyThenPatientIdAndCountsTheQuietOnes) {
  RunResult r = RunBinary({"triage", DataPath("triage"), "--today", kToday});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, kTable);
}

TEST(CliTriageTest, ExitsWithThreeWhenSomePatientNeedsACall) {
  RunResult r = RunBinary({"triage", DataPath("triage"), "--today", kToday});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST(CliTriageTest, ExitsWithZeroWhenNobodyNeedsACall) {
  ScopedTempDir dir;
  CopyPatients(dir.path(), {"p-quiet", "p-silent", "p-starts-monday"});
  RunResult r = RunBinary({"triage", dir.path().string(), "--today", kToday});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_TRUE(Contains(r.out, "3 patients, 0 need a call or a review")) << r.out;
}

TEST(CliTriageTest, ABrokenPatientFileDoesNotHideARedFlag) {
  ScopedTempDir dir;
  CopyPatients(dir.path(), {"p-calf"});
  WriteFile((dir.path() / "p-broken.yaml").string(), "id: p-broken\nside: rigth\n");
  RunResult r = RunBinary({"triage", dir.path().string(), "--today", kToday});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Contains(r.err, "p-broken.yaml: not planned")) << r.err;
  EXPECT_TRUE(Contains(r.out, "1 patient could not be planned (see the errors above)\n")) << r.out;
}

TEST(CliTriageTest, ABrokenPatientFileAloneExitsWithOne) {
  ScopedTempDir dir;
  CopyPatients(dir.path(), {"p-quiet"});
  WriteFile((dir.path() / "p-broken.yaml").string(), "id: p-broken\nside: rigth\n");
  RunResult r = RunBinary({"triage", dir.path().string(), "--today", kToday});
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

TEST(CliTriageTest, JsonListsTheSameOrderWithCategoriesAndTheQuietPatientsById) {
  RunResult r = RunBinary({"triage", DataPath("triage"), "--today", kToday, "--format", "json"});
  ASSERT_EQ(r.exit_code, 3) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "rehab-triage/1");
  EXPECT_EQ(j["today"], kToday);
  EXPECT_EQ(j["patients"], 5);
  EXPECT_EQ(j["needs_attention"], 2);
  std::vector<std::string> order, categories;
  for (const auto& e : j["entries"]) {
    order.push_back(e["patient"]);
    categories.push_back(e["category"]);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"p-chest", "p-calf", "p-starts-monday", "p-silent"}));
  EXPECT_EQ(categories,
            (std::vector<std::string>{"emergency", "same-day", "measure-due", "no-diary"}));
  EXPECT_EQ(j["nothing_to_do"], nlohmann::json::array({"p-quiet"}));
  const auto& calf = j["entries"][1];
  EXPECT_EQ(calf["rule"], "calf-pain");
  EXPECT_EQ(calf["since"], "2026-11-19");
  EXPECT_EQ(calf["todo"], "Call today");
  ASSERT_EQ(calf["reasons"].size(), 2u);
  EXPECT_EQ(calf["reasons"][1]["category"], "therapist");
}

TEST(CliTriageTest, BatchPrintsTheTableAfterItsSummaryAndExitsWithThree) {
  ScopedTempDir out;
  RunResult r =
      RunBinary({"batch", DataPath("triage"), "-o", out.path().string(), "--today", kToday});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  ASSERT_TRUE(r.out.starts_with("batch: 5 patients, 5 written, 0 unchanged, 0 failed in "))
      << r.out;
  EXPECT_EQ(r.out.substr(r.out.find('\n') + 1), std::string("\n") + kTable);
}

TEST(CliTriageTest, BatchStillTriagesPatientsWhoseOutputsAreUnchanged) {
  ScopedTempDir out;
  RunBinary({"batch", DataPath("triage"), "-o", out.path().string(), "--today", kToday});
  RunResult r =
      RunBinary({"batch", DataPath("triage"), "-o", out.path().string(), "--today", kToday});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  ASSERT_TRUE(r.out.starts_with("batch: 5 patients, 0 written, 5 unchanged, 0 failed in "))
      << r.out;
  EXPECT_EQ(r.out.substr(r.out.find('\n') + 1), std::string("\n") + kTable);
}

TEST(CliTriageTest, BatchRecordsEachPatientsTriageInTheManifest) {
  ScopedTempDir out;
  RunBinary({"batch", DataPath("triage"), "-o", out.path().string(), "--today", kToday});
  nlohmann::json manifest = nlohmann::json::parse(ReadFile(out.File(".rehab-batch.json")));
  const auto& triage = manifest["outputs"]["p-calf.ics"]["triage"];
  EXPECT_EQ(triage["no_diary_days"], nullptr);
  ASSERT_EQ(triage["reasons"].size(), 2u);
  EXPECT_EQ(triage["reasons"][0]["rule"], "calf-pain");
  EXPECT_EQ(triage["reasons"][0]["category"], 2);
  EXPECT_EQ(manifest["outputs"]["p-quiet.ics"]["triage"]["reasons"], nlohmann::json::array());
}

TEST(CliTriageTest, BatchTriagesUnchangedPatientsAgainUnderAnotherNoDiaryDays) {
  ScopedTempDir work, out;
  CopyPatients(work.path(), {"p-quiet"});  // last entry 2026-11-18
  RunBinary({"batch", work.path().string(), "-o", out.path().string(), "--today", kToday});
  RunResult r = RunBinary({"batch", work.path().string(), "-o", out.path().string(), "--today",
                           kToday, "--no-diary-days", "2"});
  ASSERT_TRUE(r.out.starts_with("batch: 1 patients, 0 written, 1 unchanged, 0 failed in "))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "No diary entry for 2 days\n")) << r.out;
}

TEST(CliTriageTest, BatchTriagesAnUnchangedPatientAgainWhenItsManifestTriageIsDamaged) {
  ScopedTempDir out;
  RunBinary({"batch", DataPath("triage"), "-o", out.path().string(), "--today", kToday});
  const std::string path = out.File(".rehab-batch.json");
  nlohmann::json manifest = nlohmann::json::parse(ReadFile(path));
  manifest["outputs"]["p-calf.ics"]["triage"] = {{"reasons", "not a list"}};
  WriteFile(path, manifest.dump(2));
  RunResult r =
      RunBinary({"batch", DataPath("triage"), "-o", out.path().string(), "--today", kToday});
  ASSERT_TRUE(r.out.starts_with("batch: 5 patients, 0 written, 5 unchanged, 0 failed in "))
      << r.out;
  EXPECT_EQ(r.out.substr(r.out.find('\n') + 1), std::string("\n") + kTable);
}

TEST(CliTriageTest, TriageWritesNothing) {
  ScopedTempDir dir;
  CopyPatients(dir.path(), {"p-calf", "p-quiet"});
  RunBinary({"triage", dir.path().string(), "--today", kToday});
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"diaries", "p-calf.yaml", "p-quiet.yaml"}));
}

TEST(CliTriageTest, TheNoDiaryDaysOptionListsPatientsSilentForFewerDays) {
  ScopedTempDir dir;
  CopyPatients(dir.path(), {"p-quiet"});  // last entry 2026-11-18
  RunResult r =
      RunBinary({"triage", dir.path().string(), "--today", kToday, "--no-diary-days", "2"});
  EXPECT_TRUE(Contains(r.out,
                       "p-quiet  2026-11-18  Remind the patient to log  No diary entry "
                       "for 2 days\n"))
      << r.out;
}

TEST(CliTriageTest, TriageAndBatchHelpNameTheExitStatusForAttention) {
  for (const char* verb : {"triage", "batch"}) {
    RunResult r = RunBinary({verb, "--help"});
    EXPECT_EQ(r.exit_code, 0) << verb << r.err;
    EXPECT_TRUE(Contains(r.out, std::string("usage: rehab ") + verb)) << r.out;
    EXPECT_TRUE(Contains(r.out, "3 when some patient needs a call")) << r.out;
  }
}

TEST(CliTriageTest, AnUnknownFormatIsAUsageError) {
  RunResult r = RunBinary({"triage", DataPath("triage"), "--format", "csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: triage --format is text or json, got 'csv'\n");
}

}  // namespace
}  // namespace rehab::testing
