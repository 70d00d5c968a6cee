// The built `rehab` binary against hostile files and targets: endless or huge
// inputs, FIFOs, devices and links as -o, the permissions of what is written,
// and Chromium's processes and folders when `plan --format pdf` is
// interrupted or times out. Each run is bounded: a hang fails the test.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/test_util.h"

extern char** environ;

namespace rehab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::DataPath;
using testing::ReadFile;
using testing::ScopedTempDir;
using testing::WriteFile;

using testing::Contains;

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode;
}

struct Options {
  std::map<std::string, std::string> env;  // added to (or replacing in) the environment
  mode_t umask = 022;
  std::string cwd;  // empty: the test's
};

// A running `rehab`, its stdout and stderr on pipes.
class Rehab {
 public:
  Rehab(const std::vector<std::string>& args, const Options& options = {}) {
    std::vector<std::string> argv = {REHAB_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry(*e);
      std::string name = entry.substr(0, entry.find('='));
      if (options.env.count(name) == 0) env.push_back(entry);
    }
    for (const auto& [name, value] : options.env) env.push_back(name + "=" + value);
    std::vector<char*> c_argv, c_env;
    for (auto& a : argv) c_argv.push_back(a.data());
    c_argv.push_back(nullptr);
    for (auto& e : env) c_env.push_back(e.data());
    c_env.push_back(nullptr);
    int out_pipe[2], err_pipe[2];
    EXPECT_EQ(::pipe2(out_pipe, O_CLOEXEC), 0);
    EXPECT_EQ(::pipe2(err_pipe, O_CLOEXEC), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      // rehab gets the signals' default actions whatever this test inherited
      // (a background job's shell ignores SIGINT).
      for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::signal(sig, SIG_DFL);
      ::umask(options.umask);
      if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
      int null_fd = ::open("/dev/null", O_RDONLY);
      ::dup2(null_fd, STDIN_FILENO);
      ::dup2(out_pipe[1], STDOUT_FILENO);
      ::dup2(err_pipe[1], STDERR_FILENO);
      ::execve(c_argv[0], c_argv.data(), c_env.data());
      ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
  }
  ~Rehab() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
  }
  Rehab(const Rehab&) = delete;
  Rehab& operator=(const Rehab&) = delete;

  pid_t pid() const { return pid_; }

  // Reads the output until both pipes close and reaps the process; after
  // `limit`, kills it and sets timed_out.
  void Wait(std::chrono::seconds limit = std::chrono::seconds(60)) {
    auto deadline = Clock::now() + limit;
    while (out_fd_ >= 0 || err_fd_ >= 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        timed_out = true;
        ::kill(pid_, SIGKILL);
        break;
      }
      pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
      if (::poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), 100))) < 0) continue;
      Drain(&out_fd_, fds[0].revents, &out);
      Drain(&err_fd_, fds[1].revents, &err);
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    if (WIFEXITED(status)) exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) signal = WTERMSIG(status);
  }

  std::string out, err;
  int exit_code = -1;
  int signal = 0;
  bool timed_out = false;

 private:
  static void Drain(int* fd, short revents, std::string* into) {
    if (*fd < 0 || revents == 0) return;
    char buffer[65536];
    ssize_t n = ::read(*fd, buffer, sizeof buffer);
    if (n > 0) {
      into->append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      ::close(*fd);
      *fd = -1;
    }
  }

  pid_t pid_ = -1;
  int out_fd_ = -1, err_fd_ = -1;
  bool reaped_ = false;
};

struct Finished {
  std::string out, err;
  int exit_code = -1;
  int signal = 0;
  bool timed_out = false;
};

Finished RunRehab(const std::vector<std::string>& args, const Options& options = {},
                  std::chrono::seconds limit = std::chrono::seconds(60)) {
  Rehab rehab(args, options);
  rehab.Wait(limit);
  return {rehab.out, rehab.err, rehab.exit_code, rehab.signal, rehab.timed_out};
}

void MakeSparseFile(const std::string& path, off_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, size), 0);
  ::close(fd);
}

// A caseload folder holding tests/data/batch's p-acl and its diary.
void CopyOnePatient(const ScopedTempDir& in) {
  fs::create_directory(in.File("diaries"));
  fs::copy_file(DataPath("batch/p-acl.yaml"), in.File("p-acl.yaml"));
  fs::copy_file(DataPath("batch/diaries/p-acl.csv"), in.File("diaries/p-acl.csv"));
}

const std::vector<std::string> kPlan = {"plan",       "medial-knee-pain", "--start",
                                        "2026-12-01", "--today",          "2026-12-01"};

std::vector<std::string> PlanArgs(std::vector<std::string> more) {
  std::vector<std::string> args = kPlan;
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// --- Unbounded reads (issue 13, item 2) ----------------------------------

TEST(HostileInputTest, ValidateRefusesDevZero) {
  Finished r = RunRehab({"validate", "/dev/zero"});
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "rehab: cannot read '/dev/zero': not a regular file\n");
}

TEST(HostileInputTest, ValidateRefusesAFifoWithoutHanging) {
  ScopedTempDir dir;
  std::string fifo = dir.File("program.yaml");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Finished r = RunRehab({"validate", fifo}, {}, std::chrono::seconds(20));
  ASSERT_FALSE(r.timed_out) << "rehab validate hung on a FIFO";
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot read '{}': not a regular file\n", fifo));
}

TEST(HostileInputTest, ValidateRefusesASparseFileOfOneAndAHalfGigabytes) {
  ScopedTempDir dir;
  std::string path = dir.File("huge.yaml");
  constexpr off_t kSize = off_t{1536} << 20;
  MakeSparseFile(path, kSize);
  Finished r = RunRehab({"validate", path});
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot read '{}': the file is {} bytes, over the limit of "
                               "4 MiB\n",
                               path, kSize));
}

TEST(HostileInputTest, ValidateRefusesADirectory) {
  ScopedTempDir dir;
  Finished r = RunRehab({"validate", dir.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot read '{}': is a directory\n", dir.path().string()));
}

TEST(HostileInputTest, PlanRefusesADiaryOf470MegabytesWithoutReadingIt) {
  ScopedTempDir dir;
  std::string diary = dir.File("diary.csv");
  constexpr off_t kSize = off_t{470} << 20;
  MakeSparseFile(diary, kSize);
  Finished r = RunRehab(PlanArgs({"--diary", diary}));
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot read '{}': the file is {} bytes, over the limit of "
                               "4 MiB\n",
                               diary, kSize));
  EXPECT_EQ(r.out, "");
}

TEST(HostileInputTest, PlanRefusesAFifoAsTheDiaryOrThePatient) {
  ScopedTempDir dir;
  std::string fifo = dir.File("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const char* option : {"--diary", "--patient"}) {
    Finished r = RunRehab(PlanArgs({option, fifo}), {}, std::chrono::seconds(20));
    ASSERT_FALSE(r.timed_out) << option;
    EXPECT_EQ(r.exit_code, 1) << option;
    EXPECT_EQ(r.err, fmt::format("rehab: cannot read '{}': not a regular file\n", fifo)) << option;
  }
}

TEST(HostileInputTest, PlanRefusesAFifoAsThePreviousCalendarWithoutHanging) {
  ScopedTempDir dir;
  std::string fifo = dir.File("plan.ics");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Finished r = RunRehab(PlanArgs({"--format", "ics", "-o", fifo}), {}, std::chrono::seconds(20));
  ASSERT_FALSE(r.timed_out) << "rehab plan hung reading a FIFO as the previous calendar";
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot write '{}': not a regular file\n", fifo));
  EXPECT_TRUE(S_ISFIFO(ModeOf(fifo)));
}

TEST(HostileInputTest, BatchSkipsAFifoInTheCaseloadWithAMessage) {
  ScopedTempDir in, out;
  CopyOnePatient(in);
  std::string fifo = in.File("p-fifo.yaml");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Finished r = RunRehab(
      {"batch", in.path().string(), "-o", out.path().string(), "--today", "2026-03-02", "-j", "2"},
      {}, std::chrono::seconds(60));
  ASSERT_FALSE(r.timed_out) << "rehab batch hung on a FIFO in the caseload";
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, fmt::format("rehab: {}: skipped: not a regular file\n", fifo));
  EXPECT_TRUE(Contains(r.out, "batch: 1 patients, 1 written")) << r.out;
  EXPECT_TRUE(fs::exists(out.File("p-acl.ics")));
}

// --- Odd -o targets (item 6) ------------------------------------------------

TEST(OutputTargetTest, PlanRefusesAFifo) {
  ScopedTempDir dir;
  std::string fifo = dir.File("plan.txt");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Finished r = RunRehab(PlanArgs({"-o", fifo}), {}, std::chrono::seconds(20));
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot write '{}': not a regular file\n", fifo));
  EXPECT_TRUE(S_ISFIFO(ModeOf(fifo)));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(OutputTargetTest, PlanRefusesACharacterDeviceAndLeavesItAsItIs) {
  ScopedTempDir dir;
  std::string node = dir.File("null");
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "cannot make a device node here (needs root): " << std::strerror(errno);
  }
  for (const char* format : {"text", "ics", "html"}) {
    Finished r = RunRehab(PlanArgs({"--format", format, "-o", node}));
    EXPECT_EQ(r.exit_code, 1) << format;
    EXPECT_EQ(r.err, fmt::format("rehab: cannot write '{}': not a regular file\n", node)) << format;
    struct stat st {};
    ASSERT_EQ(::lstat(node.c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << format;
    EXPECT_EQ(st.st_rdev, makedev(1, 3)) << format;
  }
  EXPECT_TRUE(S_ISCHR(ModeOf("/dev/null")));
}

TEST(OutputTargetTest, PlanRefusesALinkToProcSelfFd1WhenStdoutIsAPipe) {
  ScopedTempDir dir;
  std::string link = dir.File("out.txt");
  fs::create_symlink("/proc/self/fd/1", link);
  Finished r = RunRehab(PlanArgs({"-o", link}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, fmt::format("rehab: cannot write '{}': not a regular file\n", link));
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "/proc/self/fd/1");
}

TEST(OutputTargetTest, AnEmptyOutputNameIsAUsageError) {
  Finished r = RunRehab(PlanArgs({"-o", ""}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: -o needs a file name (-o - for standard output)\n");
  EXPECT_EQ(r.out, "");
}

TEST(OutputTargetTest, AnEmptyBatchOutputFolderIsAUsageError) {
  ScopedTempDir dir;
  Finished r = RunRehab({"batch", dir.path().string(), "-o", ""});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: -o needs a folder name\n");
}

TEST(OutputTargetTest, DashIsStandardOutput) {
  ScopedTempDir dir;
  Finished plain = RunRehab(kPlan);
  Options in_dir;
  in_dir.cwd = dir.path().string();
  Finished dash = RunRehab(PlanArgs({"-o", "-"}), in_dir);
  EXPECT_EQ(dash.exit_code, 0) << dash.err;
  EXPECT_EQ(dash.err, "");
  EXPECT_FALSE(dash.out.empty());
  EXPECT_EQ(dash.out, plain.out);
  EXPECT_FALSE(fs::exists(dir.File("-")));
  Finished ics = RunRehab(PlanArgs({"--format", "ics", "-o", "-"}), in_dir);
  EXPECT_EQ(ics.exit_code, 0) << ics.err;
  EXPECT_TRUE(ics.out.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_FALSE(fs::exists(dir.File("-")));
}

// --- Permissions (item 7) ---------------------------------------------------

TEST(OutputModeTest, PlanHonoursTheUmaskForANewFile) {
  ScopedTempDir dir;
  Options private_umask;
  private_umask.umask = 077;
  std::string out = dir.File("plan.ics");
  Finished r = RunRehab(PlanArgs({"--format", "ics", "-o", out}), private_umask);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ModeOf(out) & 07777, 0600u);
}

TEST(OutputModeTest, PlanKeepsTheModeOfTheFileItReplaces) {
  ScopedTempDir dir;
  std::string out = dir.File("plan.csv");
  WriteFile(out, "old");
  ASSERT_EQ(::chmod(out.c_str(), 0600), 0);
  Finished r = RunRehab(PlanArgs({"--format", "csv", "-o", out}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(out), "old");
  EXPECT_EQ(ModeOf(out) & 07777, 0600u);
}

TEST(OutputModeTest, BatchOutputsAndManifestHonourTheUmask) {
  ScopedTempDir in, out;
  CopyOnePatient(in);
  Options private_umask;
  private_umask.umask = 077;
  Finished r =
      RunRehab({"batch", in.path().string(), "-o", out.path().string(), "--today", "2026-03-02"},
               private_umask);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ModeOf(out.File("p-acl.ics")) & 07777, 0600u);
  EXPECT_EQ(ModeOf(out.File(".rehab-batch.json")) & 07777, 0600u);
}

TEST(OutputModeTest, BatchKeepsTheModeOfAnOutputItReplaces) {
  ScopedTempDir in, out;
  CopyOnePatient(in);
  WriteFile(out.File("p-acl.ics"), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  ASSERT_EQ(::chmod(out.File("p-acl.ics").c_str(), 0600), 0);
  Finished r =
      RunRehab({"batch", in.path().string(), "-o", out.path().string(), "--today", "2026-03-02"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(out.File("p-acl.ics")), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_EQ(ModeOf(out.File("p-acl.ics")) & 07777, 0600u);
}

// A stand-in for Chromium: writes a tiny PDF where --print-to-pdf= says.
std::string FakeChromium(const ScopedTempDir& dir) {
  std::string path = dir.File("fake-chromium");
  WriteFile(path,
            "#!/bin/sh\n"
            "for a in \"$@\"; do\n"
            "  case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 fake\\n' > \"${a#*=}\";; esac\n"
            "done\n");
  EXPECT_EQ(::chmod(path.c_str(), 0755), 0);
  return path;
}

TEST(OutputModeTest, PdfHonoursTheUmaskAndKeepsTheModeOfTheFileItReplaces) {
  ScopedTempDir tools, dir;
  Options options;
  options.env["REHAB_CHROMIUM"] = FakeChromium(tools);
  options.umask = 077;
  std::string fresh = dir.File("new.pdf"), old = dir.File("old.pdf");
  Finished r = RunRehab(PlanArgs({"--format", "pdf", "-o", fresh}), options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(fresh), "%PDF-1.4 fake\n");
  EXPECT_EQ(ModeOf(fresh) & 07777, 0600u);
  WriteFile(old, "old");
  ASSERT_EQ(::chmod(old.c_str(), 0640), 0);
  options.umask = 022;
  r = RunRehab(PlanArgs({"--format", "pdf", "-o", old}), options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(old), "%PDF-1.4 fake\n");
  EXPECT_EQ(ModeOf(old) & 07777, 0640u);
}

TEST(OutputModeTest, PdfToDashIsStandardOutput) {
  ScopedTempDir tools;
  Options options;
  options.env["REHAB_CHROMIUM"] = FakeChromium(tools);
  Finished r = RunRehab(PlanArgs({"--format", "pdf", "-o", "-"}), options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "%PDF-1.4 fake\n");
}

// --- Chromium does not outlive rehab (item 8) ------------------------------

struct ProcStat {
  pid_t pid = 0;
  pid_t ppid = 0;
  pid_t pgrp = 0;
};

// Every process's parent and group, from /proc/*/stat.
std::vector<ProcStat> Processes() {
  std::vector<ProcStat> all;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    size_t paren = line.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream rest(line.substr(paren + 2));
    char state;
    ProcStat p;
    p.pid = std::stoi(name);
    if (rest >> state >> p.ppid >> p.pgrp) all.push_back(p);
  }
  return all;
}

// The process group of rehab's child (Chromium) once it holds at least
// `members` processes; nullopt if that does not happen within `limit`.
std::optional<pid_t> WaitForChromiumGroup(pid_t rehab, size_t members, std::chrono::seconds limit) {
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    auto all = Processes();
    for (const auto& p : all) {
      // Chromium leads a group of its own (setpgid in cli/pdf.cc). A child just forked,
      // before its setpgid, is still in rehab's group, which is this test's and ctest's:
      // taking that one would SIGKILL the test run at the end of the test.
      if (p.ppid != rehab || p.pgrp != p.pid || p.pgrp == ::getpgrp()) continue;
      size_t count = 0;
      for (const auto& q : all) count += q.pgrp == p.pgrp;
      if (count >= members) return p.pgrp;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::nullopt;
}

// Kills process group `pgid` when it goes out of scope, so a failing test
// leaves nothing running.
class KillGroupAtEnd {
 public:
  explicit KillGroupAtEnd(pid_t pgid) : pgid_(pgid) {}
  ~KillGroupAtEnd() { ::kill(-pgid_, SIGKILL); }
  KillGroupAtEnd(const KillGroupAtEnd&) = delete;
  KillGroupAtEnd& operator=(const KillGroupAtEnd&) = delete;

 private:
  pid_t pgid_;
};

// True once no process of group `pgid` is left (bounded by `limit`).
bool GroupIsGone(pid_t pgid, std::chrono::seconds limit) {
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (::kill(-pgid, 0) != 0 && errno == ESRCH) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

// Starts `plan --format pdf -o x.pdf` with a private TMPDIR, waits for its
// Chromium group to have `members` processes, sends `signal` to rehab, and
// checks rehab ended by it, leaving no process of the group, nothing in
// TMPDIR and no x.pdf.
void ExpectInterruptCleansUp(int signal, const Options& base, size_t members) {
  ScopedTempDir tmp, out;
  Options options = base;
  options.env["TMPDIR"] = tmp.path().string();
  std::string pdf = out.File("x.pdf");
  Rehab rehab(PlanArgs({"--weeks", "104", "--format", "pdf", "-o", pdf}), options);
  std::optional<pid_t> group = WaitForChromiumGroup(rehab.pid(), members, std::chrono::seconds(60));
  ASSERT_TRUE(group) << "no Chromium process group appeared under rehab";
  KillGroupAtEnd kill_at_end(*group);
  ASSERT_EQ(::kill(rehab.pid(), signal), 0);
  rehab.Wait(std::chrono::seconds(20));
  ASSERT_FALSE(rehab.timed_out) << "rehab did not end after signal " << signal;
  EXPECT_EQ(rehab.signal, signal) << "exit code " << rehab.exit_code << "\n" << rehab.err;
  EXPECT_TRUE(GroupIsGone(*group, std::chrono::seconds(5)))
      << "Chromium's process group " << *group << " outlived rehab";
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{}) << "left behind in TMPDIR";
  EXPECT_FALSE(fs::exists(pdf));
  EXPECT_EQ(Entries(out.path()), std::vector<std::string>{});
}

bool HaveChromium() { return ::access("/usr/bin/chromium", X_OK) == 0; }

TEST(ChromiumCleanupTest, SigtermStopsChromiumsGroupAndRemovesItsFolders) {
  if (!HaveChromium()) GTEST_SKIP() << "needs /usr/bin/chromium";
  Options options;
  options.env["REHAB_CHROMIUM"] = "/usr/bin/chromium";
  ExpectInterruptCleansUp(SIGTERM, options, 2);
}

TEST(ChromiumCleanupTest, SigintStopsChromiumsGroupAndRemovesItsFolders) {
  if (!HaveChromium()) GTEST_SKIP() << "needs /usr/bin/chromium";
  Options options;
  options.env["REHAB_CHROMIUM"] = "/usr/bin/chromium";
  ExpectInterruptCleansUp(SIGINT, options, 2);
}

// A Chromium that never finishes: it starts helpers that ignore SIGTERM (as
// a busy renderer may), leaves a folder in its TMPDIR, and waits.
std::string HangingChromium(const ScopedTempDir& dir) {
  std::string path = dir.File("hanging-chromium");
  WriteFile(path,
            "#!/bin/sh\n"
            "trap '' TERM\n"
            "mkdir \"$TMPDIR/.org.chromium.Chromium.fake\"\n"
            "sleep 1000 &\n"
            "sh -c 'trap \"\" TERM; sleep 1000' &\n"
            "sleep 1000\n");
  EXPECT_EQ(::chmod(path.c_str(), 0755), 0);
  return path;
}

TEST(ChromiumCleanupTest, SighupStopsAGroupThatIgnoresSigterm) {
  ScopedTempDir tools;
  Options options;
  options.env["REHAB_CHROMIUM"] = HangingChromium(tools);
  ExpectInterruptCleansUp(SIGHUP, options, 4);
}

TEST(ChromiumCleanupTest, TheTimeLimitStopsChromiumsGroupAndRemovesItsFolders) {
  ScopedTempDir tools, tmp, out;
  Options options;
  options.env["REHAB_CHROMIUM"] = HangingChromium(tools);
  options.env["REHAB_CHROMIUM_TIMEOUT"] = "3";
  options.env["TMPDIR"] = tmp.path().string();
  std::string pdf = out.File("x.pdf");
  Rehab rehab(PlanArgs({"--format", "pdf", "-o", pdf}), options);
  std::optional<pid_t> group = WaitForChromiumGroup(rehab.pid(), 4, std::chrono::seconds(30));
  ASSERT_TRUE(group) << "no Chromium process group appeared under rehab";
  KillGroupAtEnd kill_at_end(*group);
  rehab.Wait(std::chrono::seconds(30));
  ASSERT_FALSE(rehab.timed_out);
  EXPECT_EQ(rehab.exit_code, 1);
  EXPECT_EQ(rehab.err, "rehab: Chromium did not finish within 3 seconds\n");
  EXPECT_TRUE(GroupIsGone(*group, std::chrono::seconds(5)))
      << "Chromium's process group " << *group << " outlived rehab";
  EXPECT_EQ(Entries(tmp.path()), std::vector<std::string>{}) << "left behind in TMPDIR";
  EXPECT_FALSE(fs::exists(pdf));
}

}  // namespace
}  // namespace rehab
