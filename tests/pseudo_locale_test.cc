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

TEST_P(PseudoLocaleTest, EveryTextOfTheTerminalViewCameThroughATranslation) {
  ASSERT_FALSE(locale_->programs.empty());
  RunResult run = Plan(GetParam(), "text");
  ASSERT_EQ(run.exit_code, 0);
  // A text wraps over lines, so its brackets are matched over the whole view.
  std::string outside = testing::OutsideBrackets(run.out);
  // A stray "[" would hide the rest of the view: the dates, the numbers and
  // the marks drawn between texts stay outside.
  EXPECT_GT(outside.size(), run.out.size() / 20) << run.out.substr(0, 3000);
  static const std::regex kWord("[A-Za-z]{3,}");
  std::set<std::string> left;
  for (std::sregex_iterator it(outside.begin(), outside.end(), kWord), end; it != end; ++it) {
    left.insert(it->str());
  }
  for (const auto& word : left) ADD_FAILURE() << "outside the catalogue: " << word;
}

// Texts 40 % longer still fit the terminal view's 100 columns: a text wraps, a table's
// columns give way.
TEST_P(PseudoLocaleTest, EveryLineOfTheTerminalViewFitsAHundredColumns) {
  ASSERT_FALSE(locale_->programs.empty());
  RunResult run = Plan(GetParam(), "text");
  ASSERT_EQ(run.exit_code, 0);
  size_t start = 0, line = 1;
  while (start < run.out.size()) {
    size_t end = run.out.find('\n', start);
    if (end == std::string::npos) end = run.out.size();
    const std::string text = run.out.substr(start, end - start);
    EXPECT_LE(CountCharacters(text), 100u) << "line " << line << ": " << text;
    start = end + 1;
    ++line;
  }
}

// The calendar's texts as a phone shows them: each SUMMARY, DESCRIPTION and LOCATION
// value of `ics`, unfolded (RFC 5545 3.1) and unescaped (3.3.11), one per entry.
std::vector<std::string> CalendarTexts(const std::string& ics) {
  std::string unfolded;
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0 || ics.compare(i, 3, "\r\n\t") == 0) {
      i += 2;
    } else if (ics[i] != '\r') {
      unfolded += ics[i];
    }
  }
  std::vector<std::string> texts;
  size_t start = 0;
  while (start < unfolded.size()) {
    size_t end = unfolded.find('\n', start);
    if (end == std::string::npos) end = unfolded.size();
    std::string line = unfolded.substr(start, end - start);
    start = end + 1;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, line.find_first_of(";:"));
    if (name != "SUMMARY" && name != "DESCRIPTION" && name != "LOCATION") continue;
    std::string text;
    for (size_t i = colon + 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        ++i;
        text += line[i] == 'n' || line[i] == 'N' ? '\n' : line[i];
      } else {
        text += line[i];
      }
    }
    texts.push_back(name + ":" + text);
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
  static const std::regex kWord("[A-Za-z]{3,}");
  std::set<std::string> left;
  for (const std::string& entry : texts) {
    const std::string text = entry.substr(entry.find(':') + 1);
    std::string outside = testing::OutsideBrackets(text);
    for (std::sregex_iterator it(outside.begin(), outside.end(), kWord), end; it != end; ++it) {
      if (left.insert(it->str()).second) {
        ADD_FAILURE() << "outside the catalogue: " << it->str() << " in " << entry;
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
