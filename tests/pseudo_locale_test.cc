// Issue 21: the pseudo-locale en-XA (tests/support/pseudo_locale.h), added as
// any language is, from files alone. Every shipped program planned in it:
// each text of the terminal view came through a translation (it is
// bracketed), and every line of it fits 100 columns with 40 % longer words.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "planner/base/utf8.h"
#include "planner/present/ics_lines.h"
#include "tests/support/pseudo_locale.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::PseudoLocale;
using testing::RunResult;
using testing::ShellQuote;

class PseudoLocaleTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::ScopedTempDir();
    locale_ = new PseudoLocale(testing::WritePseudoLocale(dir_->path()));
  }
  static void TearDownTestSuite() {
    delete locale_;
    delete dir_;
  }

  // The plan of `GetParam()` in en-XA, as `format` (the text view with its past weeks),
  // with a red flag in the diary (so that alerts and stopped days are worded too).
  static RunResult Plan(const std::string& program, const std::string& format) {
    return testing::RunShell(fmt::format(
        "REHAB_PROGRAMS_DIR={} REHAB_LOCALE_DIR={} {} plan {} --patient {} --diary {} "
        "--today 2026-11-23 --language en-XA --format {} {} -o - 2>/dev/null",
        ShellQuote(locale_->programs.string()), ShellQuote(locale_->locale.string()),
        ShellQuote(REHAB_BINARY), program,
        ShellQuote(testing::DataPath("golden/" + program + ".yaml")),
        ShellQuote(testing::DataPath("golden/red-flag.csv")), format,
        format == "text" ? "--all" : ""));
  }

  static testing::ScopedTempDir* dir_;
  static PseudoLocale* locale_;
};

testing::ScopedTempDir* PseudoLocaleTest::dir_ = nullptr;
PseudoLocale* PseudoLocaleTest::locale_ = nullptr;

TEST(PseudoTest, BracketsAccentsAndLengthensATextAndKeepsItsPlaceholders) {
  std::string pseudo = testing::Pseudo("Exercise {n} of {total}");
  EXPECT_TRUE(pseudo.starts_with("[Éxérçísé {n} óf {total} ")) << pseudo;
  EXPECT_TRUE(pseudo.ends_with("]")) << pseudo;
  EXPECT_GE(CountCharacters(pseudo), CountCharacters("Exercise {n} of {total}") * 13 / 10);
  EXPECT_EQ(testing::Pseudo("–"), "–");
}

TEST(PseudoTest, OutsideBracketsDropsNestedPieces) {
  EXPECT_EQ(testing::OutsideBrackets("a [b [5] c] d"), "a  d");
}

// The words of three letters or more in `text`: English a translation did not reach,
// when `text` is what is left outside a pseudo-locale page's brackets.
std::set<std::string> WordsOf(const std::string& text) {
  static const std::regex kWord("[A-Za-z]{3,}");
  std::set<std::string> words;
  for (std::sregex_iterator it(text.begin(), text.end(), kWord), end; it != end; ++it) {
    words.insert(it->str());
  }
  return words;
}

TEST_P(PseudoLocaleTest, EveryTextOfTheTerminalViewCameThroughATranslation) {
  ASSERT_FALSE(locale_->programs.empty());
  RunResult run = Plan(GetParam(), "text");
  ASSERT_EQ(run.exit_code, 0);
  // A text wraps over lines, so its brackets are matched over the whole view.
  std::string outside = testing::OutsideBrackets(run.out);
  // A stray "[" would hide the rest of the view: the dates, the numbers and
  // the marks drawn between texts stay outside.
  EXPECT_GT(outside.size(), run.out.size() / 20) << run.out.substr(0, 3000);
  for (const auto& word : WordsOf(outside)) ADD_FAILURE() << "outside the catalogue: " << word;
}

// Texts 40 % longer still fit the terminal view's 100 columns: a text wraps, a table's
// columns give way.
TEST_P(PseudoLocaleTest, EveryLineOfTheTerminalViewFitsAHundredColumns) {
  ASSERT_FALSE(locale_->programs.empty());
  RunResult run = Plan(GetParam(), "text");
  ASSERT_EQ(run.exit_code, 0);
  std::vector<std::string> lines = testing::Lines(run.out);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(CountCharacters(lines[i]), 100u) << "line " << i + 1 << ": " << lines[i];
  }
}

// The calendar's texts as a phone shows them: each SUMMARY, DESCRIPTION and LOCATION
// value of `ics`, unfolded and unescaped, as "NAME:text".
std::vector<std::string> CalendarTexts(const std::string& ics) {
  std::vector<std::string> texts;
  for (const std::string& line : UnfoldIcsLines(ics)) {
    ics::ContentLineParts parts = ics::SplitParts(line);
    if (parts.name == "SUMMARY" || parts.name == "DESCRIPTION" || parts.name == "LOCATION") {
      texts.push_back(std::string(parts.name) + ":" + UnescapeIcsText(parts.value));
    }
  }
  return texts;
}

TEST(CalendarTextsTest, UnfoldsAndUnescapesTheTextsAPhoneShows) {
  EXPECT_EQ(CalendarTexts("BEGIN:VEVENT\r\nSUMMARY:Knee\\, 1/3\r\nDESCRIPTION:a\\nb\r\n c\r\n"
                          "UID:x@y\r\nEND:VEVENT\r\n"),
            (std::vector<std::string>{"SUMMARY:Knee, 1/3", "DESCRIPTION:a\nbc"}));
}

TEST_P(PseudoLocaleTest, EveryTextOfTheCalendarCameThroughATranslation) {
  ASSERT_FALSE(locale_->programs.empty());
  RunResult run = Plan(GetParam(), "ics");
  ASSERT_EQ(run.exit_code, 0);
  std::vector<std::string> texts = CalendarTexts(run.out);
  ASSERT_GT(texts.size(), 20u) << run.out.substr(0, 2000);
  EXPECT_TRUE(std::any_of(texts.begin(), texts.end(), [](const std::string& t) {
    return t.starts_with("SUMMARY:[");
  })) << "no bracketed title: was the calendar planned in en-XA?";
  std::set<std::string> left;
  for (const std::string& entry : texts) {
    for (const auto& word : WordsOf(testing::OutsideBrackets(entry.substr(entry.find(':') + 1)))) {
      if (left.insert(word).second) {
        ADD_FAILURE() << "outside the catalogue: " << word << " in " << entry;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryShippedProgram, PseudoLocaleTest,
                         ::testing::ValuesIn(testing::ShippedProgramIds()),
                         [](const ::testing::TestParamInfo<std::string>& program) {
                           return testing::TestNameOf(program.param);
                         });

}  // namespace
}  // namespace rehab
