// Control characters from input files or the command line never reach a
// terminal or a page raw: diagnostics, the text renderings, the handout and
// the CLI's own messages replace them.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/terminal.h"
#include "planner/base/diagnostics.h"
#include "planner/base/utf8.h"
#include "planner/present/render_html.h"
#include "planner/present/render_text.h"
#include "planner/present/render_today.h"
#include "support/test_util.h"
#include "tests/handout_plans.h"

namespace rehab {
namespace {

// ESC [2J clears the screen, ESC ] 0;... BEL retitles the window, U+009B is
// the one-byte (C1) form of ESC [, DEL and a stray byte that is not UTF-8.
const std::string kPayload = "Knee\x1b[2J\x1b]0;owned\x07 \xc2\x9b" "31m\x7f\xff end";

// Each byte that must never be passed on raw.
bool HasRawControl(const std::string& text, const std::string& allowed) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 || c == 0x7f) && allowed.find(text[i]) == std::string::npos) return true;
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      return true;
    }
    if (c == 0xff) return true;
  }
  return false;
}

Plan PlanWithPayloadEverywhere() {
  auto edit = [](Program& program) {
    program.title = kPayload;
    for (auto& e : program.exercises) e.name = e.instructions = e.stop_if = kPayload;
    for (auto& p : program.phases) p.goals = {kPayload};
    for (auto& f : program.red_flags) f.text = f.action = kPayload;
    for (auto& s : program.sources) s.citation = kPayload;
  };
  Plan plan = testing::BuildHandoutPlan({.diary = true, .red_flag = true, .edit_program = edit});
  plan.patient.id = kPayload;
  for (auto& p : plan.phases) p.title = kPayload;
  for (auto& a : plan.alerts) a.text = a.action = Message::Verbatim(kPayload);
  for (auto& c : plan.changes) c.reason.message = Message::Verbatim(kPayload);
  return plan;
}

TEST(TerminalSafetyTest, ReplaceControlCharactersKeepsOnlyTheListedOnes) {
  EXPECT_EQ(ReplaceControlCharacters("a\tb\nc\x1b" "d", "\t\n", "?"), "a\tb\nc?d");
  EXPECT_EQ(ReplaceControlCharacters("a\tb", "", "?"), "a?b");
}

TEST(TerminalSafetyTest, ReplaceControlCharactersReplacesC1DelAndInvalidBytes) {
  EXPECT_EQ(ReplaceControlCharacters("\xc2\x9b" "1\x7f\xff", "", "?"), "?1??");
}

TEST(TerminalSafetyTest, ReplaceControlCharactersLeavesOtherUnicodeAlone) {
  const std::string text = "Kniebeuge · 90° é ✓ \xc2\xa0 nbsp";
  EXPECT_EQ(ReplaceControlCharacters(text, "", "?"), text);
}

TEST(TerminalSafetyTest, DiagnosticsShowQuotedValuesAndFileNamesWithoutControls) {
  Diagnostics diags;
  diags.AddSource("p\x1b[1m.yaml", "title: \"x\"\n");
  diags.Error({"p\x1b[1m.yaml", 1, 8}, "'reps' must be a number, got \"\x1b]0;owned\x07\"");
  std::string text = diags.ToString();
  EXPECT_FALSE(HasRawControl(text, "\n")) << text;
  EXPECT_NE(text.find("p?[1m.yaml:1:8: error: 'reps' must be a number, got \"?]0;owned?\""),
            std::string::npos)
      << text;
}

TEST(TerminalSafetyTest, TextPlanShowsNoControlCharacterFromTheProgram) {
  std::string text = RenderText(PlanWithPayloadEverywhere());
  EXPECT_FALSE(HasRawControl(text, "\n"));
  EXPECT_NE(text.find("Knee?[2J"), std::string::npos);
}

TEST(TerminalSafetyTest, ExplainShowsNoControlCharacterFromTheProgram) {
  Plan plan = PlanWithPayloadEverywhere();
  std::string text = RenderExplain(plan, plan.days.at(3).date);
  EXPECT_FALSE(HasRawControl(text, "\n"));
  EXPECT_NE(text.find("Knee?[2J"), std::string::npos);
}

TEST(TerminalSafetyTest, ShowPrintsNoControlCharacterFromTheProgram) {
  Plan plan = PlanWithPayloadEverywhere();
  std::string text = RenderProgramText(*plan.program, "en");
  EXPECT_FALSE(HasRawControl(text, "\n"));
  EXPECT_NE(text.find("Knee?[2J"), std::string::npos);
}

TEST(TerminalSafetyTest, TheDayViewShowsNoControlCharacterFromTheProgram) {
  Plan plan = PlanWithPayloadEverywhere();
  for (const DayPlan& day : plan.days) {
    std::string text = RenderToday(plan, day.date);
    ASSERT_FALSE(HasRawControl(text, "\n")) << text;
  }
  EXPECT_NE(RenderToday(plan, plan.today).find("Knee?[2J"), std::string::npos);
}

// `text` without the SGR sequences the CLI styles lines with.
std::string WithoutOwnStyling(std::string text) {
  for (const char* sgr : {"\x1b[1m", "\x1b[1;31m", "\x1b[31m", "\x1b[0m"}) {
    for (size_t at = text.find(sgr); at != std::string::npos; at = text.find(sgr, at)) {
      text.erase(at, std::string(sgr).size());
    }
  }
  return text;
}

TEST(TerminalSafetyTest, StyledOutputHasNoEscapeButItsOwnStyling) {
  Plan plan = PlanWithPayloadEverywhere();
  std::string styled = cli::StyleLines(RenderTextLines(plan), true) +
                       cli::StyleLines(RenderTodayLines(plan, plan.today), true);
  EXPECT_NE(styled.find("\x1b[1m"), std::string::npos) << "the headings are styled";
  EXPECT_NE(styled.find("\x1b[1;31m"), std::string::npos) << "the alerts are styled";
  EXPECT_FALSE(HasRawControl(WithoutOwnStyling(styled), "\n")) << styled;
}

TEST(TerminalSafetyTest, HandoutTitleAndTextsHoldNoControlCharacter) {
  std::string html = RenderHtml(PlanWithPayloadEverywhere());
  EXPECT_FALSE(HasRawControl(html, "\n"));
  EXPECT_NE(html.find("<title>Knee\xef\xbf\xbd[2J"), std::string::npos);
}

TEST(TerminalSafetyTest, FilterBufPassesLinesOnWithoutControls) {
  std::ostringstream sink;
  {
    rehab::cli::ControlFilterBuf filter(sink.rdbuf());
    std::ostream out(&filter);
    out << "one\x1b[2J\ttab\n" << "two \xc2";  // a character split across writes
    out << "\x9b" "end" << std::flush;
    EXPECT_EQ(sink.str(), "one?[2J\ttab\n") << "an unfinished line waits";
  }
  EXPECT_EQ(sink.str(), "one?[2J\ttab\ntwo ?end");
}

TEST(TerminalSafetyTest, CliMessagesQuoteArgumentsWithoutControls) {
  auto result = testing::RunBinary({"plan", "no-such-program\x1b]0;owned\x07"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("no-such-program?]0;owned?"), std::string::npos) << result.err;
  EXPECT_FALSE(HasRawControl(result.err, "\n\t")) << result.err;
}

TEST(TerminalSafetyTest, ValidateQuotesAFileNameWithoutControls) {
  testing::ScopedTempDir dir;
  std::string path = dir.File("diary\x1b[31m.csv");
  testing::WriteFile(path, "date,during\n2026-12-01,3\n");
  auto result = testing::RunBinary({"validate", path});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(HasRawControl(result.out, "\n")) << result.out;
  EXPECT_NE(result.out.find("diary?[31m.csv: ok"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace rehab
