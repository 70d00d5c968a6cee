// End-to-end tests of `rehab batch --format pdf` (cli/pdf.h, PdfPrinter): every patient's
// handout printed by one Chromium, and that Chromium stopped, as a whole process group, on
// its time limit and on SIGTERM. Run in the optimised pass only (Chromium's time).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kToday[] = "2026-11-16";
const std::vector<std::string> kGood = {"p-acl", "p-knee-right", "p-pfp"};

// A stand-in for Chromium at `path`: a shell script that notes its pid in `pids`, then runs
// `then` ("exec /usr/bin/chromium \"$@\"" or "exec sleep 600").
void WriteFakeChromium(const fs::path& path, const fs::path& pids, const std::string& then) {
  WriteFile(path.string(), "#!/bin/sh\necho $$ >> " + ShellQuote(pids.string()) + "\n" + then +
                               "\n");
  fs::permissions(path, fs::perms::owner_all);
}

std::string BatchCommand(const std::string& env, const fs::path& out) {
  return env + " " + ShellQuote(REHAB_BINARY) + " batch " + ShellQuote(DataPath("batch")) +
         " -o " + ShellQuote(out.string()) + " --today " + kToday + " --format pdf -j 2";
}

std::vector<pid_t> Pids(const fs::path& file) {
  std::vector<pid_t> pids;
  for (const std::string& line : Lines(ReadFile(file.string()))) {
    if (!line.empty()) pids.push_back(static_cast<pid_t>(std::stol(line)));
  }
  return pids;
}

bool Alive(pid_t pid) { return ::kill(pid, 0) == 0; }

int Pages(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  return pages;
}

TEST(BatchPdfBrowserTest, PrintsEveryPatientsHandoutWithOneChromiumStart) {
  ScopedTempDir tmp;
  const fs::path chromium = tmp.path() / "chromium", pids = tmp.path() / "pids",
                 out = tmp.path() / "out";
  WriteFakeChromium(chromium, pids, "exec /usr/bin/chromium \"$@\"");
  RunResult r = RunShell(BatchCommand("REHAB_CHROMIUM=" + ShellQuote(chromium.string()), out) +
                         " 2>&1");
  EXPECT_EQ(r.exit_code, 3) << r.out;  // p-acl's alert, and p-typo is bad
  EXPECT_TRUE(Contains(r.out, "batch: 4 patients, 3 written, 0 unchanged, 1 failed")) << r.out;
  EXPECT_EQ(Pids(pids).size(), 1u);
  for (const std::string& id : kGood) {
    EXPECT_TRUE(ReadFile((out / (id + ".pdf")).string()).starts_with("%PDF-")) << id;
  }
  // The same handout as `rehab plan --format pdf` prints with a Chromium of its own.
  const fs::path single = tmp.path() / "single.pdf";
  RunResult plan = RunBinary({"plan", "--patient", DataPath("batch/p-knee-right.yaml"), "--today",
                              kToday, "--format", "pdf", "-o", single.string()});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(Pages(ReadFile((out / "p-knee-right.pdf").string())), Pages(ReadFile(single)));
  EXPECT_GT(Pages(ReadFile(single)), 1);
}

TEST(BatchPdfBrowserTest, AChromiumThatNeverAnswersIsStoppedAtTheTimeLimitForEachPatient) {
  ScopedTempDir tmp;
  const fs::path chromium = tmp.path() / "chromium", pids = tmp.path() / "pids",
                 out = tmp.path() / "out";
  WriteFakeChromium(chromium, pids, "exec sleep 600");
  RunResult r = RunShell(BatchCommand("REHAB_CHROMIUM_TIMEOUT=1 REHAB_CHROMIUM=" +
                                          ShellQuote(chromium.string()),
                                      out) +
                         " 2>&1");
  EXPECT_EQ(r.exit_code, 3) << r.out;  // the triage still runs: p-acl needs a review
  EXPECT_TRUE(Contains(r.out, "rehab: Chromium did not finish within 1 seconds")) << r.out;
  EXPECT_TRUE(Contains(r.out, "batch: 4 patients, 0 written, 0 unchanged, 4 failed")) << r.out;
  // A fresh Chromium for each handout after a failure, and none of them left running.
  const std::vector<pid_t> started = Pids(pids);
  EXPECT_EQ(started.size(), 3u);
  for (pid_t pid : started) EXPECT_FALSE(Alive(pid)) << pid;
  for (const std::string& id : kGood) EXPECT_FALSE(fs::exists(out / (id + ".pdf"))) << id;
}

TEST(BatchPdfBrowserTest, SigtermStopsChromiumsGroupAndEndsBatchByTheSignal) {
  ScopedTempDir tmp;
  const fs::path chromium = tmp.path() / "chromium", pids = tmp.path() / "pids",
                 out = tmp.path() / "out", scratch = tmp.path() / "tmp";
  fs::create_directories(scratch);
  WriteFakeChromium(chromium, pids, "sleep 600 & sleep 600; wait");  // a helper too
  pid_t batch = ::fork();
  ASSERT_GE(batch, 0);
  if (batch == 0) {
    ::setenv("REHAB_CHROMIUM", chromium.c_str(), 1);
    ::setenv("TMPDIR", scratch.c_str(), 1);
    std::string binary = REHAB_BINARY, data = DataPath("batch"), o = out.string();
    ::execl(binary.c_str(), binary.c_str(), "batch", data.c_str(), "-o", o.c_str(), "--today",
            kToday, "--format", "pdf", "-j", "1", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (Pids(pids).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(Pids(pids).size(), 1u);
  ::kill(batch, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(batch, &status, 0), batch);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_FALSE(Alive(Pids(pids).front()));
  // Chromium's process group is gone (the helper too), and so are its folders.
  EXPECT_NE(::kill(-Pids(pids).front(), 0), 0);
  EXPECT_TRUE(fs::is_empty(scratch));
}

}  // namespace
}  // namespace rehab::testing
