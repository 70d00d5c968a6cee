// `rehab serve` in a real browser: the built binary serves a copy of
// tests/data/serve/caseload on 127.0.0.1 and tests/serve_browser/run.js drives
// Debian's Chromium through puppeteer-core (pinned in its package-lock.json,
// installed by scripts/test) as a therapist and a patient on a phone would, with
// axe-core checking every page. Screenshots land in
// build/tests/serve_browser_shots/ for a person to look at.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "cli/pdf.h"
#include "support/test_util.h"

extern char** environ;

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::ShellQuote;

std::string BrowserFolder() { return testing::SourcePath("tests/serve_browser"); }

TEST(ServeBrowserTest, ATherapistAndAPatientDoTheirJobInChromiumAndAxeFindsNoSeriousIssue) {
  std::optional<std::string> chromium = cli::FindChromium();
  if (!chromium) GTEST_SKIP() << "Chromium is not installed (Debian package 'chromium')";
  ASSERT_TRUE(fs::exists(BrowserFolder() + "/node_modules/puppeteer-core"))
      << "run scripts/test, which installs tests/serve_browser's npm packages";
  testing::ScopedTempDir dir;
  fs::copy(testing::DataPath("serve/caseload"), dir.path() / "caseload",
           fs::copy_options::recursive);

  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<std::string> args = {REHAB_BINARY, "serve", (dir.path() / "caseload").string(),
                                   "--listen", "127.0.0.1:0", "--today", "2026-12-02"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, REHAB_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string url;
  char ch;
  while (::read(fds[0], &ch, 1) == 1 && ch != '\n') url += ch;
  ::close(fds[0]);

  const std::string shots = (fs::current_path() / "serve_browser_shots").string();
  testing::RunResult r = testing::RunShell(
      "cd " + ShellQuote(BrowserFolder()) + " && node run.js " + ShellQuote(url) + " " +
      ShellQuote(shots) + " " + ShellQuote(*chromium) + " 2>&1");
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the server did not stop cleanly";
  std::cout << r.out;
}

}  // namespace
}  // namespace rehab
