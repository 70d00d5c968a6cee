// The README's "A short tour" runs as written: every `scripts/rehab ...` line
// of its sh block is run, in order, on the built binary, in a temporary copy
// of examples/ (so nothing is written into the tree), and exits 0.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kPrefix[] = "scripts/rehab ";

// The `scripts/rehab ...` lines of the first ```sh block after "## A short
// tour" in README.md, each without its trailing `# comment`.
std::vector<std::string> TourCommands() {
  std::istringstream readme(ReadFile(SourcePath("README.md")));
  std::vector<std::string> commands;
  std::string line;
  bool in_section = false, in_block = false;
  while (std::getline(readme, line)) {
    if (line.starts_with("## ")) {
      if (in_section) break;
      in_section = line == "## A short tour";
      continue;
    }
    if (!in_section) continue;
    if (line.starts_with("```")) {
      if (in_block) break;
      in_block = line == "```sh";
      continue;
    }
    if (!in_block || !line.starts_with(kPrefix)) continue;
    if (size_t hash = line.find(" #"); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    commands.push_back(line);
  }
  return commands;
}

// The words of `command` (the tour quotes nothing).
std::vector<std::string> Words(const std::string& command) {
  std::istringstream in(command);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool HaveChromium() {
  return RunShell(
             "command -v chromium >/dev/null 2>&1 || command -v chromium-browser "
             ">/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1")
             .exit_code == 0;
}

TEST(ReadmeTourTest, TheTourHasItsCommands) {
  std::vector<std::string> commands = TourCommands();
  ASSERT_GE(commands.size(), 10u);
  std::string all;
  for (const auto& c : commands) all += c + "\n";
  for (const char* verb : {"validate", "plan", "today", "log", "explain", "batch", "init"}) {
    EXPECT_NE(all.find(std::string(kPrefix) + verb + " "), std::string::npos) << verb;
  }
}

TEST(ReadmeTourTest, EveryExampleFileTheTourNamesExists) {
  int named = 0;
  for (const auto& command : TourCommands()) {
    for (const auto& word : Words(command)) {
      if (!word.starts_with("examples/")) continue;
      ++named;
      EXPECT_TRUE(fs::exists(SourcePath(word))) << word << " in: " << command;
    }
  }
  EXPECT_GE(named, 5);
}

TEST(ReadmeTourTest, EveryTourCommandRunsAsWrittenAndExitsZero) {
  ScopedTempDir dir;
  fs::copy(SourcePath("examples"), dir.path() / "examples", fs::copy_options::recursive);
  const bool chromium = HaveChromium();
  int run = 0;
  for (const auto& command : TourCommands()) {
    if (!chromium && command.find("--format pdf") != std::string::npos) continue;
    std::string shell = "cd " + ShellQuote(dir.path().string()) + " && " +
                        ShellQuote(REHAB_BINARY) + " " +
                        command.substr(std::string(kPrefix).size()) + " </dev/null >" +
                        ShellQuote(dir.File("stdout")) + " 2>" + ShellQuote(dir.File("stderr"));
    RunResult r = RunShell(shell);
    ++run;
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << ReadFile(dir.File("stderr"));
  }
  EXPECT_GE(run, 10);
}

}  // namespace
}  // namespace rehab::testing
