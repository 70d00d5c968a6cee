// End-to-end tests of `rehab batch`: the built binary planning the patients
// of tests/data/batch/ (three good, one deliberately bad), re-runs that skip
// unchanged patients, and what is reported for each kind of bad patient; and
// the WriteBatch (cli/io.h) that writes the outputs.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "cli/io.h"
#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kToday[] = "2026-11-16";
const std::vector<std::string> kGood = {"p-acl.ics", "p-knee-right.ics", "p-pfp.ics"};

using testing::Contains;

RunResult Batch(const std::string& dir, const std::string& out_dir,
                std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"batch", dir, "-o", out_dir, "--today", kToday};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunBinary(args);
}

// The summary line without its timing, e.g. "batch: 4 patients, 3 written, 0 unchanged, 1 failed"
// (the triage table follows it, after a blank line: tests/cli_triage_test.cc).
std::string Summary(const std::string& out) {
  static const std::regex kLine(
      R"(^(batch: \d+ patients, \d+ written, \d+ unchanged, \d+ failed) in \d+\.\d\d s\n$)");
  std::smatch m;
  const std::string first = out.substr(0, out.find('\n') + 1);
  if (!std::regex_match(first, m, kLine) || !out.substr(first.size()).starts_with("\nTriage for")) {
    return "no summary line and triage table in: " + out;
  }
  return m[1];
}

int64_t MtimeNs(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// Every regular file in `dir` (hidden ones too) by name, with its bytes.
std::map<std::string, std::string> Contents(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    files[e.path().filename().string()] = ReadFile(e.path().string());
  }
  return files;
}

// Names in `dir` that look like temporary files (".name.tmp-XXXXXX" of
// WriteFileAtomically, ".name.batch-tmp-XXXXXX" of WriteBatch).
std::vector<std::string> TempFiles(const std::string& dir) {
  std::vector<std::string> temps;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (Contains(name, "tmp-")) temps.push_back(name);
  }
  return temps;
}

// A copy of tests/data/batch/ that a test may change.
void CopyFixture(const fs::path& to) {
  fs::copy(DataPath("batch"), to, fs::copy_options::recursive);
}

TEST(BatchTest, WritesOneCalendarPerGoodPatientAndReportsTheBadOneWithItsLocation) {
  ScopedTempDir out;
  RunResult r = Batch(DataPath("batch"), out.path().string());
  // p-typo fails (1), and p-acl's phase is overdue: a therapist alert (3), which wins.
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 3 written, 0 unchanged, 1 failed");
  std::string bad = DataPath("batch/p-typo.yaml");
  EXPECT_EQ(r.err, "rehab: " + bad + ": not planned\n" + bad +
                       ":4:7: error: 'side' must be one of left, right, both, got \"rigth\", did "
                       "you mean 'right'?\n"
                       "side: rigth\n"
                       "      ^\n" +
                       bad +
                       ":5:11: error: unknown time zone 'Mars/Olympus' (use an IANA name such as "
                       "Europe/Berlin or America/New_York)\n"
                       "timezone: Mars/Olympus\n"
                       "          ^\n");
  for (const auto& name : kGood) {
    EXPECT_TRUE(Contains(ReadFile(out.File(name)), "BEGIN:VCALENDAR")) << name;
  }
  EXPECT_FALSE(fs::exists(out.File("p-typo.ics")));
}

TEST(BatchTest, WritesTheSameCalendarAsPlanDoesForThatPatient) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  RunResult plan =
      RunBinary({"plan", "total-knee-replacement", "--patient", DataPath("batch/p-knee-right.yaml"),
                 "--today", kToday, "--format", "ics"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(ReadFile(out.File("p-knee-right.ics")), plan.out);
}

// tests/data/batch copied to `dir` with `language: LANGUAGE` added to the patients `ids`.
void CopyFixtureInLanguage(const fs::path& dir, const std::vector<std::string>& ids,
                           const std::string& language) {
  CopyFixture(dir);
  for (const std::string& id : ids) {
    const std::string file = (dir / (id + ".yaml")).string();
    WriteFile(file, ReadFile(file) + "language: " + language + "\n");
  }
}

TEST(BatchTest, WritesASpanishSpeakingPatientTheSpanishCalendarPlanWrites) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "in", out = tmp.path() / "out";
  CopyFixtureInLanguage(in, {"p-pfp"}, "es");
  Batch(in.string(), out.string());
  ASSERT_TRUE(fs::exists(out / "p-pfp.ics"));
  RunResult plan = RunBinary({"plan", "patellofemoral-pain", "--patient",
                              (in / "p-pfp.yaml").string(), "--today", kToday, "--format", "ics"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  ASSERT_TRUE(Contains(plan.out, "SUMMARY:Empieza la etapa 1 de 3")) << "expected in Spanish";
  EXPECT_EQ(ReadFile((out / "p-pfp.ics").string()), plan.out);
}

TEST(BatchTest, WarnsOnceOfAnUnreviewedTranslationForAllItsPatients) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "in";
  CopyFixtureInLanguage(in, {"p-pfp", "p-acl", "p-knee-right"}, "es");
  RunResult run = Batch(in.string(), (tmp.path() / "out").string());
  const std::string warning = "no clinician has reviewed the translation into 'es' (";
  const size_t first = run.err.find(warning);
  ASSERT_NE(first, std::string::npos) << run.err;
  // One warning for each set of translation files: the three programs differ, the
  // catalogue's file is named in each; none is repeated.
  std::set<std::string> lines;
  size_t count = 0;
  for (size_t at = first; at != std::string::npos; at = run.err.find(warning, at + 1)) {
    lines.insert(run.err.substr(at, run.err.find('\n', at) - at));
    ++count;
  }
  EXPECT_EQ(lines.size(), count) << run.err;
  EXPECT_EQ(count, 3u) << run.err;
}

TEST(BatchTest, ACorrectedTranslationReachesTheNextRunsOutputs) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "in", out = tmp.path() / "out", locale = tmp.path() / "locale";
  CopyFixtureInLanguage(in, {"p-pfp"}, "es");
  fs::create_directories(locale);
  auto batch_with = [&](const std::string& po) {
    WriteFile((tmp.path() / "es.po").string(), po);
    ASSERT_EQ(RunShell("msgfmt --check -o " + ShellQuote((locale / "es.mo").string()) + " " +
                       ShellQuote((tmp.path() / "es.po").string()) + " 2>&1")
                  .exit_code,
              0);
    RunShell(fmt::format("REHAB_LOCALE_DIR={} {} batch {} -o {} --today {} >/dev/null 2>&1",
                         ShellQuote(locale.string()), ShellQuote(REHAB_BINARY),
                         ShellQuote(in.string()), ShellQuote(out.string()), kToday));
  };
  const std::string po = ReadFile(SourcePath("po/es.po"));
  batch_with(po);
  ASSERT_TRUE(Contains(ReadFile((out / "p-pfp.ics").string()), "SUMMARY:Empieza la etapa 1 de 3"));
  batch_with(std::regex_replace(po, std::regex("msgstr \"Empieza la etapa \\{n\\}"),
                                "msgstr \"Comienza la etapa {n}"));
  EXPECT_TRUE(Contains(ReadFile((out / "p-pfp.ics").string()), "SUMMARY:Comienza la etapa 1 de 3"));
}

TEST(BatchTest, APatientInALanguageWithoutACatalogueIsNotPlannedAndTheRunSaysWhy) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "in", out = tmp.path() / "out";
  CopyFixtureInLanguage(in, {"p-pfp"}, "xx");
  RunResult run = Batch(in.string(), out.string());
  EXPECT_EQ(Summary(run.out), "batch: 4 patients, 2 written, 0 unchanged, 2 failed");
  EXPECT_TRUE(Contains(run.err, "p-pfp.yaml: not planned\nrehab: there is no catalogue for the "
                                "language 'xx'")) << run.err;
  EXPECT_FALSE(fs::exists(out / "p-pfp.ics"));
}

TEST(BatchTest, SecondRunSkipsEveryPatientAndTouchesNoFile) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  auto before = Contents(out.path().string());
  std::map<std::string, int64_t> mtimes;
  for (const auto& [name, bytes] : before) mtimes[name] = MtimeNs(out.File(name));
  ASSERT_EQ(before.size(), 4u);  // three calendars and the manifest

  RunResult again = Batch(DataPath("batch"), out.path().string());
  EXPECT_EQ(again.exit_code, 3);  // p-acl still needs a review (and p-typo is still bad)
  EXPECT_EQ(Summary(again.out), "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
  EXPECT_EQ(Contents(out.path().string()), before);
  for (const auto& [name, mtime] : mtimes) EXPECT_EQ(MtimeNs(out.File(name)), mtime) << name;
}

TEST(BatchTest, UnchangedInputsAndOutputSkipPlanningAltogether) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  // Same size and modification time as the manifest records, different bytes:
  // only a run that trusts the manifest leaves them alone.
  std::string path = out.File("p-pfp.ics");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  std::string marker(ReadFile(path).size(), 'x');
  WriteFile(path, marker);
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);

  RunResult r = Batch(DataPath("batch"), out.path().string());
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
  EXPECT_EQ(ReadFile(path), marker);
}

TEST(BatchTest, ChangingOneDiaryRegeneratesOnlyThatPatient) {
  ScopedTempDir work;
  fs::path in = work.path() / "patients", out = work.path() / "out";
  CopyFixture(in);
  Batch(in.string(), out.string());
  auto before = Contents(out.string());
  int64_t pfp_mtime = MtimeNs((out / "p-pfp.ics").string());
  int64_t knee_mtime = MtimeNs((out / "p-knee-right.ics").string());

  std::string diary = (in / "diaries/p-acl.csv").string();
  WriteFile(diary, ReadFile(diary) + "2026-11-15,7,7,6,moderate,flexion=100,,twisted it\n");
  RunResult r = Batch(in.string(), out.string());
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 1 written, 2 unchanged, 1 failed");
  EXPECT_NE(ReadFile((out / "p-acl.ics").string()), before["p-acl.ics"]);
  EXPECT_EQ(MtimeNs((out / "p-pfp.ics").string()), pfp_mtime);
  EXPECT_EQ(MtimeNs((out / "p-knee-right.ics").string()), knee_mtime);
}

// Every patient is planned again (today is an input), but only p-acl's calendar changed (its
// alert moves to the new today): the others keep their bytes, DTSTAMP included
// (tests/cli_batch_nightly_test.cc).
TEST(BatchTest, ANewDayWithNoDiaryChangedRewritesNoCalendar) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  RunResult r =
      RunBinary({"batch", DataPath("batch"), "-o", out.path().string(), "--today", "2026-11-17"});
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
}

TEST(BatchTest, ForceRegeneratesEveryPatientToTheSameBytes) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  auto before = Contents(out.path().string());
  RunResult r = Batch(DataPath("batch"), out.path().string(), {"--force"});
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 3 written, 0 unchanged, 1 failed");
  for (const auto& name : kGood) EXPECT_EQ(ReadFile(out.File(name)), before[name]) << name;
}

TEST(BatchTest, AnOutputChangedOrRemovedByHandIsRegenerated) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  std::string original = ReadFile(out.File("p-pfp.ics"));
  WriteFile(out.File("p-pfp.ics"), "edited by hand");
  fs::remove(out.File("p-acl.ics"));
  RunResult r = Batch(DataPath("batch"), out.path().string());
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 2 written, 1 unchanged, 1 failed");
  EXPECT_EQ(ReadFile(out.File("p-pfp.ics")), original);
  EXPECT_TRUE(fs::exists(out.File("p-acl.ics")));
}

TEST(BatchTest, OneAndFourWorkersWriteIdenticalOutputsAndReports) {
  ScopedTempDir one, four;
  RunResult a = Batch(DataPath("batch"), one.path().string(), {"-j", "1"});
  RunResult b = Batch(DataPath("batch"), four.path().string(), {"-j", "4"});
  EXPECT_EQ(a.err, b.err);
  EXPECT_EQ(Summary(a.out), Summary(b.out));
  auto x = Contents(one.path().string()), y = Contents(four.path().string());
  x.erase(".rehab-batch.json");  // records modification times
  y.erase(".rehab-batch.json");
  EXPECT_EQ(x.size(), 3u);
  EXPECT_EQ(x, y);
}

TEST(BatchTest, JsonAndHtmlFormatsUseTheirOwnExtension) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string(), {"--format", "json"});
  Batch(DataPath("batch"), out.path().string(), {"--format", "html"});
  nlohmann::json plan = nlohmann::json::parse(ReadFile(out.File("p-acl.json")));
  EXPECT_EQ(plan["program"]["id"], "acl-reconstruction");
  EXPECT_TRUE(Contains(ReadFile(out.File("p-pfp.html")), "<!DOCTYPE html>"));
  // The manifest keeps both formats, so switching back costs nothing.
  RunResult r = Batch(DataPath("batch"), out.path().string(), {"--format", "json"});
  EXPECT_EQ(Summary(r.out), "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
}

TEST(BatchTest, ManifestRecordsEachOutputsInputHashWithSortedKeys) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string());
  std::string text = ReadFile(out.File(".rehab-batch.json"));
  nlohmann::json manifest = nlohmann::json::parse(text);
  EXPECT_EQ(manifest["schema"], "rehab-batch/1");
  ASSERT_EQ(manifest["outputs"].size(), 3u);
  const auto& entry = manifest["outputs"]["p-knee-right.ics"];
  EXPECT_EQ(entry["source"], "p-knee-right.yaml");
  EXPECT_TRUE(
      std::regex_match(entry["inputs"].get<std::string>(), std::regex("fnv1a64:[0-9a-f]{16}")));
  EXPECT_EQ(entry["size"], ReadFile(out.File("p-knee-right.ics")).size());
  EXPECT_LT(text.find("\"outputs\""), text.find("\"rehab\""));
  EXPECT_LT(text.find("\"rehab\""), text.find("\"schema\""));
}

TEST(BatchTest, ManifestStaysValidJsonForPatientFileNamesThatNeedEscaping) {
  ScopedTempDir work, out;
  const fs::path dir = work.path() / "in";
  CopyFixture(dir);
  const std::string quoted = "knee \"right\" \\ \t\u00e9.yaml";
  const std::string not_utf8 = "pfp-\xff.yaml";
  fs::rename(dir / "p-knee-right.yaml", dir / quoted);
  fs::rename(dir / "p-pfp.yaml", dir / not_utf8);
  Batch(dir.string(), out.path().string());
  nlohmann::json manifest = nlohmann::json::parse(ReadFile(out.File(".rehab-batch.json")));
  EXPECT_EQ(manifest["outputs"]["p-knee-right.ics"]["source"], quoted);
  EXPECT_EQ(manifest["outputs"]["p-pfp.ics"]["source"], "pfp-\uFFFD.yaml");
  // Re-run: the escaped name reads back as itself; the replaced one does not,
  // so that patient is planned again, to the same bytes, and left unchanged.
  EXPECT_EQ(Summary(Batch(dir.string(), out.path().string()).out),
            "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
}

TEST(BatchTest, LeavesCompleteOutputsAndNoTemporaryFiles) {
  ScopedTempDir out;
  RunResult r = Batch(DataPath("batch"), out.path().string(), {"-j", "2"});
  EXPECT_EQ(r.exit_code, 3);  // p-typo fails, and p-acl needs a review (3 wins)
  auto files = Contents(out.path().string());
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{".rehab-batch.json", "p-acl.ics", "p-knee-right.ics",
                                             "p-pfp.ics"}));
  for (const auto& name : kGood) {
    EXPECT_TRUE(files[name].starts_with("BEGIN:VCALENDAR\r\n")) << name;
    EXPECT_TRUE(files[name].ends_with("END:VCALENDAR\r\n")) << name;
    struct stat st;
    ASSERT_EQ(::stat(out.File(name).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u) << name;
  }
}

TEST(BatchTest, ManifestIsWrittenAfterTheOutputsAndRecordsThemAsRenamed) {
  ScopedTempDir out;
  Batch(DataPath("batch"), out.path().string(), {"-j", "4"});
  int64_t manifest_mtime = MtimeNs(out.File(".rehab-batch.json"));
  nlohmann::json manifest = nlohmann::json::parse(ReadFile(out.File(".rehab-batch.json")));
  for (const auto& name : kGood) {
    // The size and modification time are the output's in place, so the next run trusts them.
    EXPECT_EQ(manifest["outputs"][name]["mtime_ns"].get<int64_t>(), MtimeNs(out.File(name)))
        << name;
    EXPECT_EQ(manifest["outputs"][name]["size"].get<uint64_t>(), ReadFile(out.File(name)).size())
        << name;
    EXPECT_LE(MtimeNs(out.File(name)), manifest_mtime) << name;
  }
  EXPECT_EQ(Summary(Batch(DataPath("batch"), out.path().string()).out),
            "batch: 4 patients, 0 written, 3 unchanged, 1 failed");
}

TEST(BatchTest, RemovesTheTemporaryFilesOfAnInterruptedRunOnly) {
  ScopedTempDir out;
  WriteFile(out.File(".p-acl.ics.batch-tmp-Ab3xZ9"), "half a calen");
  WriteFile(out.File(".notes.batch-tmp-keep"), "not ours: wrong length");
  WriteFile(out.File(".keep"), "");
  WriteFile(out.File(".p-pfp.ics.tmp-Ab3xZ9"), "rehab plan -o's temporary file: not batch's");
  Batch(DataPath("batch"), out.path().string());
  EXPECT_FALSE(fs::exists(out.File(".p-acl.ics.batch-tmp-Ab3xZ9")));
  EXPECT_TRUE(fs::exists(out.File(".notes.batch-tmp-keep")));
  EXPECT_TRUE(fs::exists(out.File(".keep")));
  EXPECT_TRUE(fs::exists(out.File(".p-pfp.ics.tmp-Ab3xZ9")));
  EXPECT_TRUE(fs::exists(out.File("p-acl.ics")));
}

// A folder of patient files written by the test, each with one problem.
class BatchProblemsTest : public ::testing::Test {
 protected:
  void Add(const std::string& name, const std::string& text) {
    WriteFile((dir_.path() / name).string(), text);
  }
  std::string Path(const std::string& name) const { return (dir_.path() / name).string(); }
  RunResult Run(std::vector<std::string> extra = {}) {
    return Batch(dir_.path().string(), out_.path().string(), extra);
  }

  ScopedTempDir dir_, out_;
};

TEST_F(BatchProblemsTest, MissingDiaryIsReportedAtTheDiaryKeyAndOthersStillRun) {
  Add("a.yaml", "id: a\nprogram: knee-osteoarthritis\nside: left\nstart: 2026-11-02\n");
  Add("b.yaml",
      "id: b\nprogram: knee-osteoarthritis\ndiary: nowhere.csv\nside: left\n"
      "start: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Summary(r.out), "batch: 2 patients, 1 written, 0 unchanged, 1 failed");
  EXPECT_TRUE(Contains(r.err, Path("b.yaml") + ":3:8: error: cannot read '" +
                                  (dir_.path() / "nowhere.csv").string() + "'"))
      << r.err;
  EXPECT_TRUE(fs::exists(out_.File("a.ics")));
}

TEST_F(BatchProblemsTest, UnknownProgramGetsASuggestion) {
  Add("a.yaml", "id: a\nprogram: knee-osteoarthritus\nside: left\nstart: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, Path("a.yaml") +
                                  ":2:10: error: unknown program 'knee-osteoarthritus', did you "
                                  "mean 'knee-osteoarthritis'?"))
      << r.err;
}

TEST_F(BatchProblemsTest, PatientWithoutProgramIsReported) {
  Add("a.yaml", "id: a\nside: left\nstart: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "error: a patient file for batch needs 'program:'")) << r.err;
}

TEST_F(BatchProblemsTest, ABadDiaryRowFailsOnlyThatPatient) {
  Add("a.yaml",
      "id: a\nprogram: knee-osteoarthritis\ndiary: a.csv\nside: left\n"
      "start: 2026-11-02\n");
  Add("a.csv", "date,during\n2026-11-03,11\n");
  Add("b.yaml", "id: b\nprogram: knee-osteoarthritis\nside: left\nstart: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(Summary(r.out), "batch: 2 patients, 1 written, 0 unchanged, 1 failed");
  EXPECT_TRUE(Contains(r.err, Path("a.csv") + ":2:12: error:")) << r.err;
}

TEST_F(BatchProblemsTest, TwoFilesWithOnePatientIdBothFail) {
  Add("a.yaml", "id: same\nprogram: knee-osteoarthritis\nside: left\nstart: 2026-11-02\n");
  Add("b.yaml", "id: same\nprogram: knee-osteoarthritis\nside: right\nstart: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(Summary(r.out), "batch: 2 patients, 0 written, 0 unchanged, 2 failed");
  EXPECT_TRUE(Contains(
      r.err, Path("a.yaml") + ":1:5: error: patient id 'same' is also used by " + Path("b.yaml")))
      << r.err;
  EXPECT_FALSE(fs::exists(out_.File("same.ics")));
}

TEST_F(BatchProblemsTest, PatientIdThatIsNoFileNameIsRejected) {
  Add("a.yaml", "id: ../escape\nprogram: knee-osteoarthritis\nside: left\nstart: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, Path("a.yaml") +
                                  ":1:5: error: patient id '../escape' cannot name an output "
                                  "file: it starts with '.'"))
      << r.err;
}

TEST_F(BatchProblemsTest, ProgramFileBesideThePatientsIsUsedByPathAndNotPlannedItself) {
  fs::copy_file(SourcePath("programs/knee-osteoarthritis.yaml"), Path("clinic-knee.yaml"));
  Add("a.yaml", "id: a\nprogram: clinic-knee.yaml\nside: left\nstart: 2026-11-02\n");
  RunResult r = Run();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Summary(r.out), "batch: 1 patients, 1 written, 0 unchanged, 0 failed");
  // Editing the program file is an input change.
  std::string program = ReadFile(Path("clinic-knee.yaml"));
  size_t title = program.find("\ntitle: ");
  ASSERT_NE(title, std::string::npos);
  WriteFile(Path("clinic-knee.yaml"), program.insert(title + 8, "Clinic "));
  EXPECT_EQ(Summary(Run().out), "batch: 1 patients, 1 written, 0 unchanged, 0 failed");
}

TEST_F(BatchProblemsTest, BadProgramFailsEveryPatientUsingIt) {
  Add("prog.yaml", "id: broken\nanchor: start\nweeks: 0\nphases: []\n");
  Add("a.yaml", "id: a\nprogram: prog.yaml\nside: left\nstart: 2026-11-02\n");
  Add("b.yaml", "id: b\nprogram: ./prog.yaml\nside: left\nstart: 2026-11-02\n");
  RunResult r = Run({"-j", "2"});
  EXPECT_EQ(Summary(r.out), "batch: 2 patients, 0 written, 0 unchanged, 2 failed");
  EXPECT_TRUE(Contains(r.err, Path("prog.yaml") + ":")) << r.err;
}

TEST_F(BatchProblemsTest, FailuresAreReportedInFileOrderWhateverTheWorkerCount) {
  for (char c = 'a'; c <= 'h'; ++c) {
    Add(std::string(1, c) + ".yaml", std::string("id: ") + c +
                                         "\nprogram: nope\nside: left\n"
                                         "start: 2026-11-02\n");
  }
  RunResult r = Run({"-j", "4"});
  EXPECT_EQ(r.err, Run({"-j", "1"}).err);
  EXPECT_LT(r.err.find(Path("a.yaml")), r.err.find(Path("b.yaml")));
  EXPECT_LT(r.err.find(Path("g.yaml")), r.err.find(Path("h.yaml")));
}

TEST_F(BatchProblemsTest, AnOutputThatCannotBeWrittenFailsOnlyThatPatientAndLeavesNoTemporaryFile) {
  for (const char* id : {"a", "b", "c"}) {
    Add(std::string(id) + ".yaml", std::string("id: ") + id +
                                       "\nprogram: knee-osteoarthritis\nside: left\n"
                                       "start: 2026-11-02\n");
  }
  fs::create_directories(out_.path() / "b.json" / "inside");  // where b's output should go
  RunResult r = Run({"--format", "json", "-j", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Summary(r.out), "batch: 3 patients, 2 written, 0 unchanged, 1 failed");
  EXPECT_TRUE(Contains(r.err, "rehab: " + Path("b.yaml") + ": not planned\n")) << r.err;
  EXPECT_TRUE(Contains(r.err, out_.File("b.json"))) << r.err;
  EXPECT_TRUE(fs::exists(out_.path() / "b.json" / "inside"));
  EXPECT_TRUE(fs::is_regular_file(out_.File("a.json")));
  EXPECT_TRUE(fs::is_regular_file(out_.File("c.json")));
  EXPECT_EQ(TempFiles(out_.path().string()), std::vector<std::string>{});
  nlohmann::json manifest = nlohmann::json::parse(ReadFile(out_.File(".rehab-batch.json")));
  EXPECT_TRUE(manifest["outputs"].contains("a.json"));
  EXPECT_FALSE(manifest["outputs"].contains("b.json"));
}

// WriteBatch on its own: the failures `rehab batch` cannot easily provoke.
TEST(WriteBatchTest, TargetsKeepTheirOldBytesUntilCommit) {
  ScopedTempDir dir;
  WriteFile(dir.File("a"), "old a");
  cli::WriteBatch batch;
  std::string error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("a"), "new a", &error)) << error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("b"), "new b", &error)) << error;
  EXPECT_EQ(ReadFile(dir.File("a")), "old a");
  EXPECT_FALSE(fs::exists(dir.File("b")));
  EXPECT_EQ(TempFiles(dir.path().string()).size(), 2u);
  EXPECT_TRUE(batch.Commit().empty());
  EXPECT_EQ(ReadFile(dir.File("a")), "new a");
  EXPECT_EQ(ReadFile(dir.File("b")), "new b");
  EXPECT_EQ(TempFiles(dir.path().string()), std::vector<std::string>{});
  struct stat st;
  ASSERT_EQ(::stat(dir.File("b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(WriteBatchTest, WithoutCommitTheTemporaryFilesAreRemovedAndTargetsUntouched) {
  ScopedTempDir dir;
  WriteFile(dir.File("a"), "old a");
  {
    cli::WriteBatch batch;
    std::string error;
    ASSERT_TRUE(batch.WriteTemp(dir.File("a"), "new a", &error)) << error;
    ASSERT_TRUE(batch.WriteTemp(dir.File("b"), "new b", &error)) << error;
  }
  EXPECT_EQ(Contents(dir.path().string()), (std::map<std::string, std::string>{{"a", "old a"}}));
}

TEST(WriteBatchTest, ARenameThatFailsIsReportedForItsTargetAloneAndLeavesNoTemporaryFile) {
  ScopedTempDir dir;
  fs::create_directories(dir.path() / "b" / "inside");
  cli::WriteBatch batch;
  std::string error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("a"), "new a", &error)) << error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("b"), "new b", &error)) << error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("c"), "new c", &error)) << error;
  auto failed = batch.Commit();
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed.begin()->first, dir.File("b"));
  EXPECT_TRUE(Contains(failed.begin()->second, "cannot write '" + dir.File("b") + "': "))
      << failed.begin()->second;
  EXPECT_EQ(ReadFile(dir.File("a")), "new a");
  EXPECT_EQ(ReadFile(dir.File("c")), "new c");
  EXPECT_TRUE(fs::is_directory(dir.path() / "b" / "inside"));
  EXPECT_EQ(TempFiles(dir.path().string()), std::vector<std::string>{});
}

TEST(WriteBatchTest, WithoutSyncfsEachFileIsSyncedAndCommittedTheSame) {
  ScopedTempDir dir;
  fs::create_directories(dir.path() / "b" / "inside");
  cli::WriteBatch batch(0, cli::WriteBatch::Sync::kFsyncEach);
  std::string error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("a"), "new a", &error)) << error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("b"), "new b", &error)) << error;
  auto failed = batch.Commit();
  EXPECT_EQ(failed.size(), 1u);
  EXPECT_TRUE(failed.contains(dir.File("b")));
  EXPECT_EQ(ReadFile(dir.File("a")), "new a");
  EXPECT_EQ(TempFiles(dir.path().string()), std::vector<std::string>{});
}

TEST(WriteBatchTest, AFileThatCannotBeCreatedIsReportedAtOnce) {
  ScopedTempDir dir;
  cli::WriteBatch batch;
  std::string error;
  EXPECT_FALSE(batch.WriteTemp(dir.File("missing/a"), "a", &error));
  EXPECT_EQ(error, "cannot write '" + dir.File("missing/a") + "': No such file or directory");
  EXPECT_TRUE(batch.Commit().empty());
  EXPECT_EQ(Contents(dir.path().string()).size(), 0u);
}

TEST(WriteBatchTest, PastItsLimitItCommitsAsItGoesAndReportsFailuresAtTheEnd) {
  ScopedTempDir dir;
  fs::create_directories(dir.path() / "b" / "inside");
  cli::WriteBatch batch(/*commit_every_bytes=*/10);
  std::string error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("a"), "12345", &error)) << error;
  EXPECT_FALSE(fs::exists(dir.File("a")));  // 5 bytes pending
  ASSERT_TRUE(batch.WriteTemp(dir.File("b"), "12345", &error)) << error;
  batch.WaitForAutomaticCommits();              // 10 bytes: committed in the background
  EXPECT_EQ(ReadFile(dir.File("a")), "12345");
  EXPECT_EQ(TempFiles(dir.path().string()), std::vector<std::string>{});
  ASSERT_TRUE(batch.WriteTemp(dir.File("c"), "123", &error)) << error;
  auto failed = batch.Commit();
  EXPECT_EQ(failed.size(), 1u);
  EXPECT_TRUE(failed.contains(dir.File("b")));
  EXPECT_EQ(ReadFile(dir.File("c")), "123");
  EXPECT_TRUE(batch.Commit().empty());  // reported once
}

TEST(WriteBatchTest, ManyThreadsWriteIntoOneBatch) {
  ScopedTempDir dir;
  cli::WriteBatch batch(/*commit_every_bytes=*/1000);
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string name = fmt::format("{}-{}", t, i), error;
        if (!batch.WriteTemp(dir.File(name), std::string(100, static_cast<char>('a' + t)) + name,
                             &error)) {
          ++errors;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(batch.Commit().empty());
  EXPECT_EQ(errors, 0);
  auto files = Contents(dir.path().string());
  EXPECT_EQ(files.size(), 200u);
  EXPECT_EQ(files["3-49"], std::string(100, 'd') + "3-49");
}

TEST(WriteBatchTest, RemoveStaleTempsRemovesOnlyBatchTemporaryFiles) {
  ScopedTempDir dir;
  WriteFile(dir.File(".a.ics.batch-tmp-123456"), "");
  WriteFile(dir.File(".a.ics.batch-tmp-12345"), "");
  WriteFile(dir.File("a.ics.batch-tmp-123456"), "");
  WriteFile(dir.File(".batch-tmp-123456"), "");
  fs::create_directories(dir.path() / ".b.ics.batch-tmp-123456");
  EXPECT_EQ(cli::WriteBatch::RemoveStaleTemps(dir.path().string()), 1u);
  EXPECT_FALSE(fs::exists(dir.File(".a.ics.batch-tmp-123456")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 4);
}

TEST(BatchUsageTest, WithoutAnOutputFolderIsAUsageError) {
  RunResult r = RunBinary({"batch", DataPath("batch")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "batch needs a patient folder DIR and -o OUTDIR")) << r.err;
}

TEST(BatchUsageTest, AnUnknownFormatIsAUsageError) {
  ScopedTempDir out;
  RunResult r = Batch(DataPath("batch"), out.path().string(), {"--format", "csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "--format must be one of ics, json, html, fhir")) << r.err;
}

TEST(BatchUsageTest, AMissingPatientFolderIsReported) {
  ScopedTempDir out;
  RunResult r = Batch(out.File("no-such-folder"), out.File("o"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "cannot read folder")) << r.err;
}

}  // namespace
}  // namespace rehab::testing
