// Bold and colour on the terminal only (cli/terminal.h): the decision
// (a terminal, NO_COLOR, TERM=dumb), the styling itself, which input text can
// never add an escape to, and end to end on the built binary through a pipe,
// a file and a pseudo-terminal (script(1)).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/terminal.h"
#include "planner/present/text_lines.h"
#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

using cli::StyleLines;
using cli::WantsStyle;

TEST(CliStyleTest, OnlyATerminalIsStyled) {
  EXPECT_FALSE(WantsStyle(false, nullptr, "xterm-256color"));
  EXPECT_TRUE(WantsStyle(true, nullptr, "xterm-256color"));
}

TEST(CliStyleTest, AnyNonEmptyNoColorTurnsStylingOff) {
  EXPECT_FALSE(WantsStyle(true, "1", "xterm"));
  EXPECT_FALSE(WantsStyle(true, "0", "xterm"));
  EXPECT_FALSE(WantsStyle(true, "yes please", "xterm"));
  // no-color.org: set to an empty string, it does not count.
  EXPECT_TRUE(WantsStyle(true, "", "xterm"));
}

TEST(CliStyleTest, ADumbTerminalIsNotStyledButAMissingTermIs) {
  EXPECT_FALSE(WantsStyle(true, nullptr, "dumb"));
  EXPECT_TRUE(WantsStyle(true, nullptr, nullptr));
}

TEST(CliStyleTest, UnstyledLinesArePlainText) {
  StyledText lines = {{"Title", LineStyle::kHeading},
                      {"!! Call now.", LineStyle::kAlertHeadline},
                      {"text", LineStyle::kPlain}};
  EXPECT_EQ(StyleLines(lines, false), "Title\n!! Call now.\ntext\n");
  EXPECT_EQ(StyleLines(lines, false), PlainText(lines));
}

TEST(CliStyleTest, HeadingsAreBoldAndAlertsRed) {
  StyledText lines = {{"Title", LineStyle::kHeading},
                      {"!! Call now.", LineStyle::kAlertHeadline},
                      {"   Since Monday.", LineStyle::kAlert},
                      {"text", LineStyle::kPlain},
                      {"", LineStyle::kHeading}};
  EXPECT_EQ(StyleLines(lines, true),
            "\x1b[1mTitle\x1b[0m\n"
            "\x1b[1;31m!! Call now.\x1b[0m\n"
            "\x1b[31m   Since Monday.\x1b[0m\n"
            "text\n"
            "\n");
}

TEST(CliStyleTest, ControlCharactersInALinesTextNeverReachTheTerminal) {
  // A line made by hand with escapes in its text (the renderers never make
  // one: LineBuilder filters them): styling filters it again first.
  StyledText lines = {{"Ex\x1b]0;owned\x07 name\x1b[2J", LineStyle::kHeading},
                      {"plain\x1b[31m", LineStyle::kPlain}};
  std::string out = StyleLines(lines, true);
  EXPECT_EQ(out, "\x1b[1mEx?]0;owned? name?[2J\x1b[0m\nplain?[31m\n");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\x1b'), 2);
}

TEST(CliStyleTest, TheLineBuilderFiltersWhatItIsGiven) {
  LineBuilder builder;
  builder.Add("a\x1b[31mb\x9b\n", LineStyle::kHeading);
  builder.Add("c\r\td");
  StyledText lines = builder.Take();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], (StyledLine{"a?[31mb?", LineStyle::kHeading}));
  EXPECT_EQ(lines[1], (StyledLine{"c??d", LineStyle::kPlain}));
}

TEST(CliStyleTest, ALineTakesTheStrongestStyleOfItsPieces) {
  LineBuilder builder;
  builder.Add("!! ", LineStyle::kAlertHeadline);
  builder.Add("Call now.\nnext\n");
  StyledText lines = builder.Take();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].style, LineStyle::kAlertHeadline);
  EXPECT_EQ(lines[1].style, LineStyle::kPlain);
}

// --- End to end -------------------------------------------------------------

const std::vector<std::string> kRedFlagToday = {
    "today",     "total-knee-replacement",
    "--patient", DataPath("golden/total-knee-replacement.yaml"),
    "--diary",   DataPath("golden/red-flag.csv"),
    "--today",   "2026-11-23"};

std::string Command(const std::vector<std::string>& args) {
  std::string command = ShellQuote(REHAB_BINARY);
  for (const auto& a : args) command += " " + ShellQuote(a);
  return command;
}

bool HaveScript() { return RunShell("command -v script >/dev/null 2>&1").exit_code == 0; }

// `args` run on a pseudo-terminal by script(1), in environment `env`
// (assignments for env(1), NO_COLOR unset first): what the terminal got.
std::string OnATerminal(const std::vector<std::string>& args, const std::string& env) {
  std::string command = "env -u NO_COLOR TERM=xterm " + env + " script -qec " +
                        ShellQuote(Command(args)) + " /dev/null </dev/null";
  RunResult r = RunShell(command);
  EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out;
  return r.out;
}

TEST(CliStyleTest, APipeOrAFileGetsNoEscapes) {
  RunResult piped = RunShell("env -u NO_COLOR TERM=xterm " + Command(kRedFlagToday) + " | cat");
  ASSERT_EQ(piped.exit_code, 0);
  EXPECT_TRUE(piped.out.starts_with("Today: Monday 23 November 2026\n")) << piped.out;
  EXPECT_EQ(piped.out.find('\x1b'), std::string::npos);
  RunResult run = RunBinary(kRedFlagToday);  // stdout to a file
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
}

TEST(CliStyleTest, ATerminalGetsBoldHeadingsAndRedAlerts) {
  if (!HaveScript()) GTEST_SKIP() << "script(1) is not installed";
  std::string out = OnATerminal(kRedFlagToday, "");
  EXPECT_TRUE(out.starts_with("\x1b[1mToday: Monday 23 November 2026\x1b[0m\r\n")) << out;
  EXPECT_NE(out.find("\x1b[1;31m!! Call your surgeon's team today."), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[31m   Stop your exercises until a doctor has checked you.\x1b[0m"),
            std::string::npos)
      << out;
}

TEST(CliStyleTest, TheTextPlanOnATerminalHasBoldWeekHeadings) {
  if (!HaveScript()) GTEST_SKIP() << "script(1) is not installed";
  std::string out = OnATerminal(
      {"plan", "medial-knee-pain", "--start", "2026-12-01", "--today", "2026-12-01"}, "");
  EXPECT_NE(out.find("\x1b[1mWeek 1 \u00b7 Tue 2026-12-01"), std::string::npos) << out;
}

TEST(CliStyleTest, NoColorAndADumbTerminalGetPlainTextOnATerminal) {
  if (!HaveScript()) GTEST_SKIP() << "script(1) is not installed";
  std::string no_color = OnATerminal(kRedFlagToday, "NO_COLOR=1");
  EXPECT_TRUE(no_color.starts_with("Today: Monday 23 November 2026\r\n")) << no_color;
  EXPECT_EQ(no_color.find('\x1b'), std::string::npos) << no_color;
  std::string dumb = OnATerminal(kRedFlagToday, "TERM=dumb");
  EXPECT_EQ(dumb.find('\x1b'), std::string::npos) << dumb;
  // An empty NO_COLOR does not count.
  EXPECT_NE(OnATerminal(kRedFlagToday, "NO_COLOR=").find("\x1b[1m"), std::string::npos);
}

TEST(CliStyleTest, TheFileOFileNamesGetsNoEscapesEvenFromATerminal) {
  if (!HaveScript()) GTEST_SKIP() << "script(1) is not installed";
  ScopedTempDir dir;
  OnATerminal({"plan", "medial-knee-pain", "--start", "2026-12-01", "--today", "2026-12-01", "-o",
               dir.File("plan.txt")},
              "");
  std::string text = ReadFile(dir.File("plan.txt"));
  EXPECT_NE(text.find("Week 1 "), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace rehab::testing
