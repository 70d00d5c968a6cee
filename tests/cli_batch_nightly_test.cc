// End-to-end tests of the nightly run of `rehab batch`: the next day, over the previous
// day's outputs, a calendar whose events did not change is left as it is (DTSTAMP alone is
// no change), and every output is the bytes a --force run gives.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "planner/model/model.h"
#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kDay1[] = "2026-11-16";
constexpr char kDay2[] = "2026-11-17";

RunResult Batch(const fs::path& in, const fs::path& out, const std::string& today,
                std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"batch", in.string(), "-o", out.string(), "--today", today};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunBinary(args);
}

// "batch: 4 patients, 1 written, 2 unchanged, 1 failed" of a run's first line.
std::string Summary(const RunResult& r) {
  std::string first = r.out.substr(0, r.out.find('\n'));
  return first.substr(0, first.rfind(" in "));
}

nlohmann::json Manifest(const fs::path& out) {
  return nlohmann::json::parse(ReadFile((out / ".rehab-batch.json").string()));
}

int64_t MtimeNs(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// The calendars in `dir` by name, with their bytes.
std::map<std::string, std::string> Calendars(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".ics") files[e.path().filename().string()] = ReadFile(e.path());
  }
  return files;
}

// tests/data/batch's good patients copied `copies` times each, each copy with a diary of its
// own (p-pfp's empty one made on the fly), for diaries to change one by one.
void WriteCaseload(const fs::path& dir, int copies) {
  fs::create_directories(dir / "diaries");
  const std::string header = "date,during,after,morning,swelling,measures,flags,note\n";
  for (const std::string base : {"p-acl", "p-knee-right", "p-pfp"}) {
    std::string text = ReadFile(DataPath("batch/" + base + ".yaml"));
    const std::string diary = base == "p-pfp" ? header
                                              : ReadFile(DataPath("batch/diaries/" + base + ".csv"));
    text = std::regex_replace(text, std::regex("\ndiary: [^\n]*\n"), "\n");
    for (int n = 0; n < copies; ++n) {
      const std::string id = fmt::format("{}-{:02}", base, n);
      std::string patient =
          std::regex_replace(text, std::regex("\nid: " + base + "\n"),
                             "\nid: " + id + "\ndiary: diaries/" + id + ".csv\n");
      WriteFile((dir / (id + ".yaml")).string(), patient);
      WriteFile((dir / "diaries" / (id + ".csv")).string(), diary);
    }
  }
}

// Logs a row for `date` in the diary of every third patient (the nightly run's new rows).
void ChangeEveryThirdDiary(const fs::path& dir, const std::string& date) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir / "diaries")) {
    if (n++ % 3 != 0) continue;
    WriteFile(e.path().string(), ReadFile(e.path().string()) + date + ",2,2,1,mild,,,\n");
  }
}

TEST(BatchNightlyTest, TheNextDayLeavesACalendarWhoseEventsDidNotChangeAsItWas) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path(), kDay1);
  const fs::path kept = out.path() / "p-acl.ics";  // with an alert in force
  const std::string bytes = ReadFile(kept.string());
  const int64_t mtime = MtimeNs(kept);
  RunResult next = Batch(DataPath("batch"), out.path(), kDay2);
  // No diary changed: every calendar stays as it was, the alert's days included.
  EXPECT_EQ(Summary(next), "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
  EXPECT_TRUE(Contains(bytes, "CATEGORIES:Rehab,Alert"));
  EXPECT_EQ(ReadFile(kept.string()), bytes);
  EXPECT_EQ(MtimeNs(kept), mtime);
}

TEST(BatchNightlyTest, AnEventThatChangedIsStampedTodayAndTheOthersKeepTheirStamp) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "caseload", out = tmp.path() / "out";
  WriteCaseload(in, 1);
  Batch(in, out, kDay1);
  const fs::path diary = in / "diaries" / "p-knee-right-00.csv";
  WriteFile(diary.string(), ReadFile(diary.string()) + kDay1 + ",7,7,6,moderate,,,\n");
  Batch(in, out, kDay2);
  const std::string calendar = ReadFile((out / "p-knee-right-00.ics").string());
  EXPECT_TRUE(Contains(calendar, "DTSTAMP:20261117T000000Z"));  // changed by the new row
  EXPECT_TRUE(Contains(calendar, "DTSTAMP:20261116T000000Z"));  // before it, unchanged
}

TEST(BatchNightlyTest, ANextDayRunGivesTheBytesOfAForcedRunForEveryPatient) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "caseload", nightly = tmp.path() / "nightly",
                 forced = tmp.path() / "forced";
  WriteCaseload(in, 6);
  Batch(in, nightly, kDay1);
  const auto day1 = Calendars(nightly);
  fs::copy(nightly, forced, fs::copy_options::recursive);
  ChangeEveryThirdDiary(in, kDay1);

  Batch(in, nightly, kDay2);
  Batch(in, forced, kDay2, {"--force"});
  const auto kept = Calendars(nightly);
  EXPECT_EQ(kept, Calendars(forced));
  // Both kinds were there: calendars kept as they were, and calendars rewritten.
  int same = 0;
  for (const auto& [name, bytes] : kept) same += day1.at(name) == bytes;
  EXPECT_GT(same, 0);
  EXPECT_LT(same, static_cast<int>(kept.size()));
}

TEST(BatchNightlyTest, PlanOverItsOwnCalendarTheNextDayWritesTheSameBytes) {
  ScopedTempDir out;
  const std::string ics = out.File("pfp.ics");
  std::vector<std::string> args = {"plan", "--patient", DataPath("batch/p-pfp.yaml"),
                                   "--format", "ics", "-o", ics, "--today"};
  auto with_day = [&](const std::string& day) {
    std::vector<std::string> a = args;
    a.push_back(day);
    return RunBinary(a);
  };
  ASSERT_EQ(with_day(kDay1).exit_code, 0);
  const std::string before = ReadFile(ics);
  ASSERT_EQ(with_day(kDay2).exit_code, 0);
  EXPECT_EQ(ReadFile(ics), before);
}

// The manifest's record of one output: planned_on and valid_through.
std::pair<std::string, std::string> PlannedOn(const fs::path& out, const std::string& output) {
  nlohmann::json m = nlohmann::json::parse(ReadFile((out / ".rehab-batch.json").string()));
  const auto& e = m.at("outputs").at(output);
  return {e.value("planned_on", ""), e.value("valid_through", "")};
}

TEST(BatchNightlyTest, APatientWhoseFilesDidNotChangeIsNotPlannedAgainWhileThePlanHolds) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path(), kDay1);
  auto [planned, through] = PlannedOn(out.path(), "p-acl.ics");
  ASSERT_EQ(planned, kDay1);
  ASSERT_GE(through, kDay2) << "p-acl's plan is expected to hold into the next day";
  Batch(DataPath("batch"), out.path(), kDay2);
  EXPECT_EQ(PlannedOn(out.path(), "p-acl.ics").first, kDay1);  // kept, not planned on day 2
}

TEST(BatchNightlyTest, AKeptTriageCountsTheDaysWithoutADiaryToTheNewDay) {
  ScopedTempDir out;
  ASSERT_TRUE(Contains(Batch(DataPath("batch"), out.path(), kDay1).out,
                       "No diary entry since the start, 7 days ago"));
  RunResult next = Batch(DataPath("batch"), out.path(), kDay2);
  EXPECT_EQ(PlannedOn(out.path(), "p-pfp.ics").first, kDay1);  // kept, not planned again
  EXPECT_TRUE(Contains(next.out, "No diary entry since the start, 8 days ago")) << next.out;
}

// A patient three days into the plan with no diary: the "no diary entry" alert falls due
// on a later day while the plan itself still holds.
void WriteQuietNewPatient(const fs::path& dir) {
  fs::create_directories(dir);
  std::string text = ReadFile(DataPath("batch/p-pfp.yaml"));
  text = std::regex_replace(text, std::regex("\nstart: [^\n]*\n"), "\nstart: 2026-11-13\n");
  WriteFile((dir / "p-pfp.yaml").string(), text);
}

// The triage table of a run's output (everything after the summary line).
std::string TriageOf(const RunResult& r) { return r.out.substr(r.out.find('\n')); }

TEST(BatchNightlyTest, ATriageThatChangesWhileThePlanHoldsIsKeptForEachDayWithoutPlanning) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "caseload", out = tmp.path() / "out";
  WriteQuietNewPatient(in);
  ASSERT_EQ(Batch(in, out, kDay1).exit_code, 0);
  nlohmann::json m = nlohmann::json::parse(ReadFile((out / ".rehab-batch.json").string()));
  const auto& entry = m.at("outputs").at("p-pfp.ics");
  ASSERT_TRUE(entry.contains("later_triage")) << entry.dump();
  const std::string change = entry.at("later_triage").at(0).at("from");
  const std::string through = entry.at("valid_through");
  ASSERT_LE(change, through);
  // Every day up to the last the plan holds through: the same triage as a run from scratch,
  // and the patient still planned on day 1.
  for (Date day = *ParseDate(kDay2); day <= *ParseDate(through); day += date::days(1)) {
    const std::string today = FormatDate(day);
    ScopedTempDir fresh;
    RunResult kept = Batch(in, out, today);
    EXPECT_EQ(TriageOf(kept), TriageOf(Batch(in, fresh.path(), today))) << today;
    EXPECT_EQ(PlannedOn(out, "p-pfp.ics").first, kDay1) << today;
  }
}

TEST(BatchNightlyTest, APatientIsPlannedAgainTheDayAfterItsPlanStopsHolding) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path(), kDay1);
  const std::string through = PlannedOn(out.path(), "p-pfp.ics").second;
  std::optional<Date> last = ParseDate(through);
  ASSERT_TRUE(last.has_value()) << through;
  const std::string after = FormatDate(*last + date::days(1));
  Batch(DataPath("batch"), out.path(), through);
  EXPECT_EQ(PlannedOn(out.path(), "p-pfp.ics").first, kDay1);
  Batch(DataPath("batch"), out.path(), after);
  EXPECT_EQ(PlannedOn(out.path(), "p-pfp.ics").first, after);
}

TEST(BatchNightlyTest, ANewDiaryRowPlansThatPatientAgain) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "caseload", out = tmp.path() / "out";
  WriteCaseload(in, 1);
  Batch(in, out, kDay1);
  const fs::path diary = in / "diaries" / "p-pfp-00.csv";
  WriteFile(diary.string(), ReadFile(diary.string()) + kDay1 + ",2,2,1,mild,,,\n");
  Batch(in, out, kDay2);
  EXPECT_EQ(PlannedOn(out, "p-pfp-00.ics").first, kDay2);
  EXPECT_EQ(PlannedOn(out, "p-acl-00.ics").first, kDay1);
}

// A patient past a phase's maximum (tests/data/batch-nightly), after `Batch` on day 1 and a
// new diary row for day 1 that changes only what the therapist's alert cites.
struct OverduePatient {
  ScopedTempDir tmp;
  fs::path in = tmp.path() / "caseload", out = tmp.path() / "out";
  fs::path calendar = out / "p-overdue.ics";
  OverduePatient() {
    fs::copy(DataPath("batch-nightly"), in, fs::copy_options::recursive);
    Batch(in, out, kDay1);
    const fs::path diary = in / "diaries" / "p-overdue.csv";
    WriteFile(diary.string(), ReadFile(diary.string()) + kDay1 + ",4,4,1,mild,,,\n");
  }
};

TEST(BatchNightlyTest, ARowThatChangesNothingTheCalendarShowsPlansAgainAndKeepsTheCalendar) {
  OverduePatient p;
  const std::string bytes = ReadFile(p.calendar.string());
  const int64_t mtime = MtimeNs(p.calendar);
  const std::string outcome = Manifest(p.out).at("outputs").at("p-overdue.ics").at("outcome");
  RunResult next = Batch(p.in, p.out, kDay2);
  EXPECT_EQ(Summary(next), "batch: 1 patients, 0 written, 1 unchanged, 0 failed");
  const nlohmann::json entry = Manifest(p.out).at("outputs").at("p-overdue.ics");
  EXPECT_EQ(entry.at("planned_on"), kDay2);  // planned for the new row
  EXPECT_EQ(entry.at("outcome"), outcome);   // to the same outcome
  EXPECT_EQ(ReadFile(p.calendar.string()), bytes);
  EXPECT_EQ(MtimeNs(p.calendar), mtime);
}

TEST(BatchNightlyTest, AKeptCalendarIsTheOneAForcedRunWritesOverIt) {
  OverduePatient p;
  const fs::path forced = p.tmp.path() / "forced";
  fs::copy(p.out, forced, fs::copy_options::recursive);
  Batch(p.in, p.out, kDay2);
  Batch(p.in, forced, kDay2, {"--force"});
  EXPECT_EQ(ReadFile(p.calendar.string()), ReadFile((forced / "p-overdue.ics").string()));
}

TEST(BatchNightlyTest, ARowThatChangesNothingTheCalendarShowsStillChangesTheTriage) {
  OverduePatient p;
  RunResult next = Batch(p.in, p.out, kDay2);
  ScopedTempDir fresh;
  EXPECT_EQ(TriageOf(next), TriageOf(Batch(p.in, fresh.path(), kDay2)));
}

TEST(BatchNightlyTest, AFormatThatShowsTodayIsMadeAgainEveryDay) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path(), kDay1, {"--format", "json"});
  EXPECT_EQ(PlannedOn(out.path(), "p-pfp.json").second, kDay1);
  Batch(DataPath("batch"), out.path(), kDay2, {"--format", "json"});
  EXPECT_EQ(PlannedOn(out.path(), "p-pfp.json").first, kDay2);
  EXPECT_TRUE(Contains(ReadFile(out.File("p-pfp.json")), "\"today\": \"2026-11-17\""));
}

}  // namespace
}  // namespace rehab::testing
