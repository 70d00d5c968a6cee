// End-to-end tests of a sharded `rehab batch` (docs/scaling.md): the built binary planning a
// caseload in three shards into one OUTDIR, `rehab batch merge`, the schedulers' index
// variables, and a shard killed mid-run.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "tests/support/test_util.h"

extern char** environ;

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kToday[] = "2026-11-16";
const std::vector<std::string> kBases = {"p-acl", "p-knee-right", "p-pfp"};

// tests/data/batch's three good patients copied `copies` times each (ids "<base>-<n>", the
// diaries shared), and its bad one (p-typo) once.
// The sanitizer build runs the batches about 5 times slower: smaller
// caseloads there keep this file's runs (a fifth of the sanitizer pass with
// the full ones) short, and still give every shard patients.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REHAB_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(REHAB_TEST_SANITIZED)
constexpr int kCopies = 5;
// The kill test's copies: enough to be caught mid-run at -j 1 (40 copies:
// 120 patients, 40 in the killed shard) without its four full batch runs
// taking two minutes.
constexpr int kKillCopies = 40;
#else
constexpr int kCopies = 10;  // of each of the 3 patients, with p-typo.yaml 31 files
constexpr int kKillCopies = 300;
#endif

void WriteCaseload(const fs::path& dir, int copies) {
  fs::create_directories(dir);
  fs::copy(DataPath("batch/diaries"), dir / "diaries", fs::copy_options::recursive);
  fs::copy(DataPath("batch/p-typo.yaml"), dir / "p-typo.yaml");
  for (const std::string& base : kBases) {
    const std::string text = ReadFile(DataPath("batch/" + base + ".yaml"));
    for (int n = 0; n < copies; ++n) {
      const std::string id = fmt::format("{}-{:03}", base, n);
      WriteFile((dir / (id + ".yaml")).string(),
                std::regex_replace(text, std::regex("\nid: " + base + "\n"), "\nid: " + id + "\n"));
    }
  }
}

RunResult Batch(const fs::path& in, const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"batch", in.string(), "-o", out.string(), "--today", kToday};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunBinary(args);
}

RunResult Shard(const fs::path& in, const fs::path& out, int index, int count,
                std::vector<std::string> extra = {}) {
  extra.insert(extra.begin(), {"--shard-index", std::to_string(index), "--shard-count",
                               std::to_string(count)});
  return Batch(in, out, extra);
}

// `rehab ARGS` with the schedulers' variables unset but `env` ("NAME=value ..."); stdout and
// stderr together.
RunResult WithEnv(const std::string& env, const std::vector<std::string>& args) {
  std::string cmd =
      "env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID -u AWS_BATCH_JOB_ARRAY_INDEX " + env +
      " " + ShellQuote(REHAB_BINARY);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  return RunShell(cmd + " 2>&1 </dev/null");
}

// The outputs in `dir` (not the manifests) by name, with their bytes.
std::map<std::string, std::string> Outputs(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with(".rehab-batch")) files[name] = ReadFile(e.path().string());
  }
  return files;
}

// A manifest with its modification times blanked: they differ between two runs' files.
std::string WithoutMtimes(const std::string& manifest) {
  return std::regex_replace(manifest, std::regex(R"("mtime_ns": \d+)"), R"("mtime_ns": 0)");
}

// The output names a manifest lists.
std::set<std::string> ManifestOutputs(const fs::path& path) {
  std::set<std::string> names;
  auto json = nlohmann::json::parse(ReadFile(path.string()));
  for (const auto& [name, entry] : json.at("outputs").items()) names.insert(name);
  return names;
}

std::string ShardManifest(int index, int count) {
  return fmt::format(".rehab-batch.shard-{}-of-{}.json", index, count);
}

class BatchShardTest : public ::testing::Test {
 protected:
  void SetUp() override { WriteCaseload(in_, kCopies); }
  ScopedTempDir tmp_;
  fs::path in_ = tmp_.path() / "caseload";
};

TEST_F(BatchShardTest, TheUnionOfThreeShardsIsByteIdenticalToTheUnshardedRun) {
  const fs::path whole = tmp_.path() / "whole", sharded = tmp_.path() / "sharded";
  Batch(in_, whole);
  for (int i = 0; i < 3; ++i) Shard(in_, sharded, i, 3);
  const auto expected = Outputs(whole);
  ASSERT_EQ(expected.size(), static_cast<size_t>(3 * kCopies));
  EXPECT_EQ(Outputs(sharded), expected);
}

TEST_F(BatchShardTest, EveryPatientIsInExactlyOneShardAndEachShardHasSome) {
  const fs::path out = tmp_.path() / "out";
  std::map<std::string, int> shard_of;
  for (int i = 0; i < 3; ++i) {
    Shard(in_, out, i, 3);
    const std::set<std::string> mine = ManifestOutputs(out / ShardManifest(i, 3));
    EXPECT_GE(mine.size(), static_cast<size_t>(3 * kCopies / 10)) << "shard " << i;
    for (const std::string& name : mine) {
      EXPECT_TRUE(shard_of.emplace(name, i).second) << name << " is in two shards";
    }
  }
  EXPECT_EQ(shard_of.size(), static_cast<size_t>(3 * kCopies));
}

TEST_F(BatchShardTest, MergeWritesTheUnshardedManifestAndPrintsItsTriageTable) {
  const fs::path whole = tmp_.path() / "whole", sharded = tmp_.path() / "sharded";
  RunResult unsharded = Batch(in_, whole);
  for (int i = 0; i < 3; ++i) Shard(in_, sharded, i, 3);
  RunResult merge = RunBinary({"batch", "merge", sharded.string()});
  // The unsharded run's status (a therapist alert: 3) and its table after the summary line.
  EXPECT_EQ(merge.exit_code, unsharded.exit_code);
  EXPECT_EQ(unsharded.exit_code, 3);
  const size_t table = unsharded.out.find("\n\n");
  ASSERT_NE(table, std::string::npos);
  EXPECT_EQ(merge.out, unsharded.out.substr(table + 2));
  EXPECT_EQ(WithoutMtimes(ReadFile((sharded / ".rehab-batch.json").string())),
            WithoutMtimes(ReadFile((whole / ".rehab-batch.json").string())));
}

TEST_F(BatchShardTest, MergeAsJsonIsWhatTriagePrintsForTheWholeCaseload) {
  const fs::path out = tmp_.path() / "out";
  for (int i = 0; i < 3; ++i) Shard(in_, out, i, 3);
  RunResult merge = RunBinary({"batch", "merge", out.string(), "--format", "json"});
  RunResult triage = RunBinary({"triage", in_.string(), "--today", kToday, "--format", "json"});
  EXPECT_EQ(merge.out, triage.out);
  EXPECT_EQ(merge.exit_code, triage.exit_code);
}

TEST_F(BatchShardTest, MergeWithAShardMissingSaysWhichAndWritesNothing) {
  const fs::path out = tmp_.path() / "out";
  Shard(in_, out, 0, 3);
  Shard(in_, out, 2, 3);
  RunResult merge = RunBinary({"batch", "merge", out.string()});
  EXPECT_EQ(merge.exit_code, 1);
  EXPECT_TRUE(Contains(merge.err, "has no manifest of shard 1 of 3")) << merge.err;
  EXPECT_FALSE(fs::exists(out / ".rehab-batch.json"));
}

TEST_F(BatchShardTest, MergeRefusesShardsThatRanOnDifferentDays) {
  const fs::path out = tmp_.path() / "out";
  Shard(in_, out, 0, 2);
  RunBinary({"batch", in_.string(), "-o", out.string(), "--today", "2026-11-17", "--shard-index",
             "1", "--shard-count", "2"});
  RunResult merge = RunBinary({"batch", "merge", out.string()});
  EXPECT_EQ(merge.exit_code, 1);
  EXPECT_TRUE(Contains(merge.err, "shard 1 ran for 2026-11-17 as ics, shard 0 for 2026-11-16"))
      << merge.err;
}

TEST_F(BatchShardTest, APatientStaysInItsShardWhenItsFileIsRenamed) {
  const fs::path out = tmp_.path() / "out";
  std::map<std::string, int> before;
  for (int i = 0; i < 3; ++i) {
    Shard(in_, out, i, 3);
    for (const auto& name : ManifestOutputs(out / ShardManifest(i, 3))) before[name] = i;
  }
  // Renamed so that it sorts first: the file order changes, the id does not.
  fs::rename(in_ / "p-pfp-003.yaml", in_ / "a-renamed.yaml");
  for (int i = 0; i < 3; ++i) {
    Shard(in_, out, i, 3);
    for (const auto& name : ManifestOutputs(out / ShardManifest(i, 3))) {
      EXPECT_EQ(before.at(name), i) << name;
    }
  }
}

TEST_F(BatchShardTest, AfterAMergeANewShardCountRewritesNothingThatDidNotChange) {
  const fs::path out = tmp_.path() / "out";
  for (int i = 0; i < 3; ++i) Shard(in_, out, i, 3);
  RunBinary({"batch", "merge", out.string()});
  const auto before = Outputs(out);
  size_t unchanged = 0;
  for (int i = 0; i < 2; ++i) {
    RunResult r = Shard(in_, out, i, 2);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(, 0 written, (\d+) unchanged)"))) << r.out;
    unchanged += std::stoul(m[1]);
  }
  EXPECT_EQ(unchanged, static_cast<size_t>(3 * kCopies));
  EXPECT_EQ(Outputs(out), before);
  EXPECT_EQ(RunBinary({"batch", "merge", out.string(), "--shard-count", "2"}).exit_code, 3);
}

TEST_F(BatchShardTest, MergeAsksWhichRunWhenManifestsOfTwoShardCountsAreThere) {
  const fs::path out = tmp_.path() / "out";
  for (int i = 0; i < 2; ++i) Shard(in_, out, i, 2);
  Shard(in_, out, 0, 3);
  RunResult merge = RunBinary({"batch", "merge", out.string()});
  EXPECT_EQ(merge.exit_code, 2);
  EXPECT_TRUE(Contains(merge.err, "several shard counts (2, 3): pass --shard-count N")) << merge.err;
}

TEST_F(BatchShardTest, TwoFilesWithOneIdMeetInOneShardAndBothFail) {
  WriteFile((in_ / "zz-copy.yaml").string(), ReadFile((in_ / "p-acl-004.yaml").string()));
  const fs::path out = tmp_.path() / "out";
  int reported = 0;
  for (int i = 0; i < 3; ++i) {
    RunResult r = Shard(in_, out, i, 3);
    if (Contains(r.err, "patient id 'p-acl-004' is also used by")) ++reported;
  }
  EXPECT_EQ(reported, 1);
}

TEST_F(BatchShardTest, ABadPatientFileIsReportedByExactlyOneShard) {
  const fs::path out = tmp_.path() / "out";
  int reported = 0;
  for (int i = 0; i < 3; ++i) {
    if (Contains(Shard(in_, out, i, 3).err, "p-typo.yaml: not planned")) ++reported;
  }
  EXPECT_EQ(reported, 1);
}

TEST_F(BatchShardTest, TheIndexIsReadFromEachSchedulersVariable) {
  for (const std::string var :
       {"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX"}) {
    const fs::path out = tmp_.path() / ("out-" + var);
    RunResult r = WithEnv(var + "=1", {"batch", in_.string(), "-o", out.string(), "--today",
                                       kToday, "--shard-count", "3"});
    EXPECT_TRUE(r.out.starts_with("batch: shard 1 of 3: ")) << var << ": " << r.out;
    EXPECT_TRUE(fs::exists(out / ShardManifest(1, 3))) << var;
  }
}

TEST_F(BatchShardTest, TheShardIndexFlagWinsOverTheVariable) {
  const fs::path out = tmp_.path() / "out";
  RunResult r = WithEnv("JOB_COMPLETION_INDEX=1", {"batch", in_.string(), "-o", out.string(),
                                                   "--today", kToday, "--shard-index", "2",
                                                   "--shard-count", "3"});
  EXPECT_TRUE(r.out.starts_with("batch: shard 2 of 3: ")) << r.out;
}

TEST_F(BatchShardTest, AVariableWithoutShardCountIsAClearError) {
  const fs::path out = tmp_.path() / "out";
  RunResult r = WithEnv("SLURM_ARRAY_TASK_ID=4",
                        {"batch", in_.string(), "-o", out.string(), "--today", kToday});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "$SLURM_ARRAY_TASK_ID=4 is set") &&
              Contains(r.out, "pass --shard-count N") && Contains(r.out, "--shard-count 1"))
      << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(BatchShardTest, AnIndexPastTheCountNamesTheRangeAndSlurmsArrayOption) {
  RunResult r = WithEnv("SLURM_ARRAY_TASK_ID=3", {"batch", in_.string(), "-o",
                                                  (tmp_.path() / "out").string(), "--today",
                                                  kToday, "--shard-count", "3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "$SLURM_ARRAY_TASK_ID must be a whole number from 0 to 2") &&
              Contains(r.out, "sbatch --array=0-2") && Contains(r.out, "got '3'"))
      << r.out;
}

TEST_F(BatchShardTest, ShardIndexWithoutShardCountIsAUsageError) {
  RunResult r = WithEnv("", {"batch", in_.string(), "-o", (tmp_.path() / "out").string(),
                             "--shard-index", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "--shard-index needs --shard-count N")) << r.out;
}

TEST_F(BatchShardTest, ShardCountOneIsTheUnshardedRun) {
  const fs::path one = tmp_.path() / "one", whole = tmp_.path() / "whole";
  RunResult r = WithEnv("JOB_COMPLETION_INDEX=0", {"batch", in_.string(), "-o", one.string(),
                                                   "--today", kToday, "--shard-count", "1"});
  EXPECT_TRUE(Contains(r.out, fmt::format("\nbatch: {} patients, {} written", 3 * kCopies + 1,
                                          3 * kCopies)))
      << r.out;
  Batch(in_, whole);
  EXPECT_EQ(Outputs(one), Outputs(whole));
  EXPECT_TRUE(fs::exists(one / ".rehab-batch.json"));
}

TEST_F(BatchShardTest, AShardLeavesOtherShardsTemporaryFilesAlone) {
  const fs::path out = tmp_.path() / "out";
  Shard(in_, out, 0, 3);
  Shard(in_, out, 1, 3);
  const std::set<std::string> mine = ManifestOutputs(out / ShardManifest(0, 3));
  const std::string theirs = *ManifestOutputs(out / ShardManifest(1, 3)).begin();
  // A temporary file of another shard's patient (as while that shard runs) and one of ours
  // (as a killed run of this shard leaves).
  const fs::path their_temp = out / ("." + theirs + ".batch-tmp-AbC123");
  const fs::path our_temp = out / ("." + *mine.begin() + ".batch-tmp-XyZ789");
  WriteFile(their_temp.string(), "half a calendar");
  WriteFile(our_temp.string(), "half a calendar");
  Shard(in_, out, 0, 3);
  EXPECT_TRUE(fs::exists(their_temp));
  EXPECT_FALSE(fs::exists(our_temp));
}

// Starts `rehab args...`; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {REHAB_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  if (posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

bool HasTempFile(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (Contains(it->path().filename().string(), ".batch-tmp-")) return true;
  }
  return false;
}


TEST(BatchShardKillTest, AShardReRunAfterSigkillMidRunCompletesAndMatchesTheUnshardedRun) {
  ScopedTempDir tmp;
  const fs::path in = tmp.path() / "caseload", out = tmp.path() / "out",
                 whole = tmp.path() / "whole";
  WriteCaseload(in, kKillCopies);
  pid_t pid = Spawn({"batch", in.string(), "-o", out.string(), "--today", kToday, "-j", "1",
                     "--shard-index", "1", "--shard-count", "3"});
  ASSERT_GT(pid, 0);
  // Killed once it has written its first outputs, before it commits them and its manifest.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!HasTempFile(out) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the shard ended before it could be killed mid-run";
  EXPECT_TRUE(HasTempFile(out));
  EXPECT_FALSE(fs::exists(out / ShardManifest(1, 3)));

  RunResult again = Shard(in, out, 1, 3);
  EXPECT_TRUE(again.out.starts_with("batch: shard 1 of 3: ")) << again.out << again.err;
  EXPECT_FALSE(HasTempFile(out));
  Shard(in, out, 0, 3);
  Shard(in, out, 2, 3);
  Batch(in, whole);
  const auto expected = Outputs(whole);
  ASSERT_EQ(expected.size(), static_cast<size_t>(3 * kKillCopies));
  EXPECT_EQ(Outputs(out), expected);
  EXPECT_EQ(RunBinary({"batch", "merge", out.string()}).exit_code, 3);
  EXPECT_EQ(WithoutMtimes(ReadFile((out / ".rehab-batch.json").string())),
            WithoutMtimes(ReadFile((whole / ".rehab-batch.json").string())));
}

}  // namespace
}  // namespace rehab::testing
