// Tests for `rehab log`: in-process through RunCli and end to end on the built
// binary, including concurrent writers and a write that hits a full disk.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "planner/load/diary.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using rehab::testing::ReadFile;
using rehab::testing::RunBinary;
using rehab::testing::RunCli;
using rehab::testing::ScopedTempDir;
using rehab::testing::WriteFile;

const std::string kHeader = "date,during,after,morning,swelling,measures,flags,note\n";

std::vector<std::string> LogArgs(const std::string& diary, std::vector<std::string> extra) {
  std::vector<std::string> args = {"log", diary};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// `rehab log` in-process on d.csv in a fresh directory, with `options`.
testing::RunResult LogInFreshDir(const std::vector<std::string>& options) {
  ScopedTempDir dir;
  return RunCli(LogArgs(dir.File("d.csv"), options));
}

// What `rehab log` prints on stderr when it refuses an entry: `errors`, then
// that nothing was written.
std::string Refusal(const std::string& errors) {
  return errors + "rehab log: nothing was written\n";
}

TEST(LogTest, CreatesTheDiaryWithItsHeaderWhenMissing) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  auto r = RunCli(LogArgs(
      diary, {"--date", "2026-03-01", "--during", "3", "--after", "2", "--today", "2026-03-01"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "Logged 2026-03-01 in " + diary +
                       ": pain during 3/10, after 2/10 (1 entry in the diary)\n");
  EXPECT_EQ(ReadFile(diary), kHeader + "2026-03-01,3,2,,,,,\n");
}

TEST(LogTest, AppendsEveryKindOfValueAfterTheEarlierBytes) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = kHeader + "2026-03-01,3,2,1,,,,first\n";
  WriteFile(diary, before);
  auto r = RunCli(
      LogArgs(diary, {"--date", "2026-03-02", "--during", "4", "--morning", "1", "--swelling",
                      "mild", "--measure", "flexion=95", "--measure", "extension=-3", "--flag",
                      "giving-way", "--note", "knee gave way, \"once\"", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Logged 2026-03-02 in " + diary +
                       ": pain during 4/10, next morning 1/10; swelling mild; extension -3; "
                       "flexion 95; flags giving-way (2 entries in the diary)\n");
  EXPECT_EQ(ReadFile(diary), before +
                                 "2026-03-02,4,,1,mild,extension=-3;flexion=95,giving-way,"
                                 "\"knee gave way, \"\"once\"\"\"\n");
}

TEST(LogTest, RejectsPainOutOfRangeAndLeavesTheFileByteIdentical) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = kHeader + "2026-03-01,3,2,1,,,,first\n";
  WriteFile(diary, before);
  auto r =
      RunCli(LogArgs(diary, {"--date", "2026-03-02", "--during", "11", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      Refusal("rehab log: error: pain 'during' must be a whole number from 0 to 10, got 11\n"));
  EXPECT_EQ(ReadFile(diary), before);
}

TEST(LogTest, TakesANegativePainAsAnOutOfRangeValueNotAnOption) {
  auto r = LogInFreshDir({"--date", "2026-03-02", "--after", "-1", "--today", "2026-03-02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.err,
      Refusal("rehab log: error: pain 'after' must be a whole number from 0 to 10, got -1\n"));
}

TEST(LogTest, RejectsADateAfterToday) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  auto r =
      RunCli(LogArgs(diary, {"--date", "2026-03-03", "--during", "2", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.err,
      Refusal("rehab log: error: the date 2026-03-03 is in the future (today is 2026-03-02)\n"));
  EXPECT_FALSE(std::filesystem::exists(diary));
  EXPECT_FALSE(std::filesystem::exists(diary + ".lock"));
}

TEST(LogTest, RejectsAnUnknownFlagWithASuggestion) {
  auto r = LogInFreshDir({"--date", "2026-03-02", "--flag", "calfpain", "--today", "2026-03-02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            Refusal("rehab log: error: unknown flag 'calfpain', did you mean 'calf-pain'?\n"));
}

TEST(LogTest, ReportsEveryBadValueAtOnce) {
  auto r =
      LogInFreshDir({"--date", "2026-03-02", "--during", "lots", "--swelling", "moderat",
                     "--measure", "flexion", "--measure", "extension=x", "--today", "2026-3-2"});
  EXPECT_EQ(r.exit_code, 2);  // a bad date is a usage error, as in every verb
  EXPECT_EQ(
      r.err,
      Refusal("rehab log: error: --today must be a date as YYYY-MM-DD, got \"2026-3-2\"\n"
              "rehab log: error: --during must be a whole number from 0 to 10, got \"lots\"\n"
              "rehab log: error: unknown swelling 'moderat', did you mean 'moderate'?\n"
              "rehab log: error: --measure must be NAME=VALUE, e.g. flexion=95, got \"flexion\"\n"
              "rehab log: error: measure 'extension' must be a number, got \"x\"\n"));
}

TEST(LogTest, RefusesToAppendToADiaryWithErrorsAndShowsThem) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = "date,during\n2026-03-01,12\n";
  WriteFile(diary, before);
  auto r =
      RunCli(LogArgs(diary, {"--date", "2026-03-02", "--during", "2", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, diary +
                       ":2:12: error: 'during' must be a whole number from 0 to 10, got "
                       "\"12\"\n"
                       "2026-03-01,12\n"
                       "           ^\n"
                       "rehab log: error: '" +
                       diary + "' has errors; fix them first, nothing was added\n");
  EXPECT_EQ(ReadFile(diary), before);
}

TEST(LogTest, KeepsTheFilesColumnOrderAndLineEnds) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = "\xEF\xBB\xBFnote,date,during\r\nold,2026-03-01,3\r\n";
  WriteFile(diary, before);
  auto r = RunCli(LogArgs(
      diary, {"--date", "2026-03-02", "--during", "2", "--note", "new", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(diary), before + "new,2026-03-02,2\r\n");
}

TEST(LogTest, EndsAnUnterminatedLastLineBeforeAppending) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  WriteFile(diary, "date,during\n2026-03-01,3");
  auto r =
      RunCli(LogArgs(diary, {"--date", "2026-03-02", "--during", "2", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(diary), "date,during\n2026-03-01,3\n2026-03-02,2\n");
}

TEST(LogTest, WritesTheHeaderIntoAnEmptyExistingFile) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  WriteFile(diary, "");
  auto r =
      RunCli(LogArgs(diary, {"--date", "2026-03-02", "--morning", "0", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(diary), kHeader + "2026-03-02,,,0,,,,\n");
}

TEST(LogTest, RefusesAValueWhoseColumnTheFileLacks) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = "date,during\n2026-03-01,3\n";
  WriteFile(diary, before);
  auto r = RunCli(LogArgs(diary, {"--date", "2026-03-02", "--during", "2", "--flag", "fever",
                                  "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "rehab log: error: '" + diary +
                       "' has no 'flags' column; add it to the header line to log this entry\n");
  EXPECT_EQ(ReadFile(diary), before);
}

TEST(LogTest, KeepsAPrivateDiaryPrivate) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  WriteFile(diary, kHeader);
  ASSERT_EQ(::chmod(diary.c_str(), 0600), 0);
  auto r =
      RunCli(LogArgs(diary, {"--date", "2026-03-02", "--during", "1", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  struct stat info {};
  ASSERT_EQ(::stat(diary.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(LogTest, WritesThroughASymlinkAndKeepsTheLink) {
  ScopedTempDir dir;
  std::string target = dir.File("real.csv"), link = dir.File("link.csv");
  WriteFile(target, kHeader);
  std::filesystem::create_symlink(target, link);
  auto r =
      RunCli(LogArgs(link, {"--date", "2026-03-02", "--during", "1", "--today", "2026-03-02"}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(ReadFile(target), kHeader + "2026-03-02,1,,,,,,\n");
}

TEST(LogTest, MissingDateIsAUsageError) {
  auto r = LogInFreshDir({"--during", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "rehab log: missing --date");
}

TEST(LogTest, AnEntryWithNothingToLogIsAUsageError) {
  auto r = LogInFreshDir({"--date", "2026-03-02", "--note", "hi"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            "rehab log: nothing to log: give --during, --after, --morning, --swelling, "
            "--measure or --flag");
}

TEST(LogTest, UnknownOptionIsAUsageErrorWithASuggestion) {
  auto r = LogInFreshDir({"--date", "2026-03-02", "--durin", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            "rehab log: unknown option '--durin', did you mean '--during'?");
}

TEST(LogTest, MissingDiaryIsAUsageError) {
  auto r = RunCli({"log", "--date", "2026-03-02", "--during", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "rehab log: missing the DIARY file");
}

TEST(LogTest, HelpListsTheOptions) {
  auto r = RunCli({"log", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  for (const char* option : {"--date", "--during", "--after", "--morning", "--swelling",
                             "--measure", "--flag", "--note", "--today"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

TEST(LogTest, BinaryAppendsAndUsesTheClockForToday) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  // 2000-01-01 is before any clock this test will run on.
  auto r = RunBinary({"log", diary, "--date", "2000-01-01", "--during", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(diary), kHeader + "2000-01-01,2,,,,,,\n");
  auto future = RunBinary({"log", diary, "--date", "9999-12-31", "--during", "2"});
  EXPECT_EQ(future.exit_code, 1);
  EXPECT_EQ(ReadFile(diary), kHeader + "2000-01-01,2,,,,,,\n");
}

// argv for execv, kept alive by `storage`.
std::vector<char*> Argv(std::vector<std::string>& storage) {
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

// In a forked child: silence the output and exec the binary. Never returns.
[[noreturn]] void ExecQuietly(char* const argv[]) {
  int null_fd = ::open("/dev/null", O_WRONLY);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
  }
  ::execv(argv[0], argv);
  ::_exit(127);
}

TEST(LogTest, ConcurrentAppendsLoseNothing) {
  constexpr int kWriters = 8;
  constexpr int kAppendsEach = 25;
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = kHeader + "2026-01-01,1,,,,,,earlier entry\n";
  WriteFile(diary, before);

  // Everything the children need is built before fork().
  std::vector<std::vector<std::string>> args(kWriters * kAppendsEach);
  std::vector<std::vector<char*>> argvs;
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kAppendsEach; ++i) {
      auto& a = args[w * kAppendsEach + i];
      a = {REHAB_BINARY,
           "log",
           diary,
           "--date",
           "2026-03-01",
           "--during",
           std::to_string(i % 11),
           "--note",
           "w" + std::to_string(w) + "-" + std::to_string(i),
           "--today",
           "2026-03-01"};
    }
  }
  for (auto& a : args) argvs.push_back(Argv(a));

  std::vector<pid_t> writers;
  for (int w = 0; w < kWriters; ++w) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int failures = 0;
      for (int i = 0; i < kAppendsEach; ++i) {
        pid_t child = ::fork();
        if (child == 0) ExecQuietly(argvs[w * kAppendsEach + i].data());
        int status = 0;
        if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
          ++failures;
        }
      }
      ::_exit(failures > 0 ? 1 : 0);
    }
    writers.push_back(pid);
  }
  for (pid_t pid : writers) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer had failures";
  }

  std::string after = ReadFile(diary);
  EXPECT_EQ(after.substr(0, before.size()), before);
  Diagnostics diags;
  Diary parsed = ParseDiary(after, diary, &diags);
  EXPECT_EQ(diags.ToString(), "");
  ASSERT_EQ(parsed.entries.size(), 1u + kWriters * kAppendsEach);
  std::set<std::string> notes;
  for (const auto& e : parsed.entries) notes.insert(e.note);
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kAppendsEach; ++i) {
      std::string note = "w" + std::to_string(w) + "-" + std::to_string(i);
      EXPECT_EQ(notes.count(note), 1u) << note;
    }
  }
  EXPECT_EQ(notes.count("earlier entry"), 1u);
}

TEST(LogTest, AFullDiskLeavesTheEarlierEntriesAndNoTemporaryFiles) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  std::string before = kHeader + "2026-03-01,3,2,1,,,,first\n";
  WriteFile(diary, before);
  std::vector<std::string> args = {REHAB_BINARY, "log", diary,     "--date",    "2026-03-02",
                                   "--during",   "2",   "--today", "2026-03-02"};
  std::vector<char*> argv = Argv(args);

  // A file-size limit just at the old size makes the rewrite fail the way a
  // full disk does: write() stops short with an error.
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = {before.size(), before.size()};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    ExecQuietly(argv.data());
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(ReadFile(diary), before);
  std::set<std::string> names;
  for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
    names.insert(f.path().filename().string());
  }
  EXPECT_EQ(names, (std::set<std::string>{"diary.csv", "diary.csv.lock"}));
}

}  // namespace
}  // namespace rehab
