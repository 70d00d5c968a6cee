// The message catalogue holds every patient-facing word (issue 15): the dose
// words and the terminal views take theirs from planner/present/messages_en.cc,
// so a translation is one more column there. These tests read the renderers'
// source and fail when one of them gains an English literal of its own.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::ReadFile;
using testing::SourcePath;

// The string literals of C++ `source`, outside comments, character literals
// and preprocessor lines, as written (escapes kept). Adjacent literals stay
// separate: each is checked on its own.
std::vector<std::string> StringLiterals(const std::string& source) {
  std::vector<std::string> out;
  size_t i = 0;
  bool line_start = true;
  while (i < source.size()) {
    char c = source[i];
    if (line_start && c == '#') {  // #include "…": a path, not words
      i = source.find('\n', i);
      if (i == std::string::npos) break;
      continue;
    }
    if (c == '\n') {
      line_start = true;
      ++i;
      continue;
    }
    if (c != ' ' && c != '\t') line_start = false;
    if (source.compare(i, 2, "//") == 0) {
      i = source.find('\n', i);
      if (i == std::string::npos) break;
    } else if (source.compare(i, 2, "/*") == 0) {
      i = source.find("*/", i + 2);
      if (i == std::string::npos) break;
      i += 2;
    } else if (c == '\'') {
      for (++i; i < source.size() && source[i] != '\''; ++i) {
        if (source[i] == '\\') ++i;
      }
      ++i;
    } else if (c == 'R' && source.compare(i + 1, 1, "\"") == 0) {  // R"d(…)d"
      size_t open = source.find('(', i);
      std::string close = ")" + source.substr(i + 2, open - i - 2) + "\"";
      size_t end = source.find(close, open);
      out.push_back(source.substr(open + 1, end - open - 1));
      i = end + close.size();
    } else if (c == '"') {
      std::string literal;
      for (++i; i < source.size() && source[i] != '"'; ++i) {
        if (source[i] == '\\') literal += source[i++];
        literal += source[i];
      }
      out.push_back(literal);
      ++i;
    } else {
      ++i;
    }
  }
  return out;
}

// True when `literal` holds words: after its escapes ("\n", "\u00b7") and
// format fields ("{}", "{name}") are taken out, it has a word of two letters
// or more and is not an identifier (a message id "text.change.up", a JSON
// key, a unit code "kg", a map key prefix "modality:").
bool HasWords(const std::string& literal) {
  static const std::regex kEscape(R"(\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.))");
  static const std::regex kField(R"(\{[^{}]*\})");
  static const std::regex kIdentifier(R"([a-z0-9._:-]*)");
  static const std::regex kWord(R"(\b[A-Za-z]{2,}\b)");
  std::string text = std::regex_replace(literal, kEscape, " ");
  text = std::regex_replace(text, kField, " ");
  if (std::regex_match(text, kIdentifier)) return false;
  return std::regex_search(text, kWord);
}

// Literals with words that are not the patient's to read, each with why.
const std::set<std::string> kAllowed = {
    // render_today.cc: the metavariable of `rehab log DIARY` when the patient
    // file names no diary, like VALUE in "--measure NAME=VALUE".
    "DIARY",
};

std::vector<std::string> EnglishLiterals(const std::string& source) {
  std::vector<std::string> out;
  for (const auto& literal : StringLiterals(source)) {
    if (HasWords(literal) && kAllowed.count(literal) == 0) out.push_back(literal);
  }
  return out;
}

std::string Listed(const std::vector<std::string>& literals) {
  std::string out;
  for (const auto& l : literals) out += "\n  \"" + l + "\"";
  return out;
}

TEST(CatalogueTest, TheDoseWordsAndTheTerminalViewsHaveNoEnglishOfTheirOwn) {
  for (const char* file : {"planner/present/dose_text.cc", "planner/present/render_text.cc",
                           "planner/present/render_today.cc"}) {
    std::vector<std::string> english = EnglishLiterals(ReadFile(SourcePath(file)));
    EXPECT_TRUE(english.empty()) << file << " words these itself; move them into "
                                 << "planner/present/messages_en.cc:" << Listed(english);
  }
}

size_t Found(const std::string& code) { return EnglishLiterals(code).size(); }

TEST(CatalogueTest, TheScanFindsASentenceAPhraseAndAHeadingWrittenInCode) {
  // Lines as render_text.cc and dose_text.cc had them before the catalogue.
  EXPECT_EQ(Found(R"cc(out += "No exercise is scheduled on this day.\n";)cc"), 1u);
  EXPECT_EQ(Found(R"cc(parts.push_back(fmt::format("hold {}", Plural(n)));)cc"), 1u);
  EXPECT_EQ(Found(R"cc(out.Add("Phases\n", LineStyle::kHeading);)cc"), 1u);
  EXPECT_EQ(Found(R"cc(case Side::kLeft: return "left leg";)cc"), 1u);
  EXPECT_EQ(Found(R"cc(fmt::format("{} minutes each time ({})", m.minutes, when);)cc"), 1u);
}

TEST(CatalogueTest, TheScanPassesIdsFormatsSymbolsAndComments) {
  EXPECT_TRUE(EnglishLiterals(R"cc(
#include "planner/present/messages.h"
// "Stop your exercises" in a comment is documentation.
/* so is "left leg" here */
Say(Message("text.explain.none").With("n", 1), language);
std::string key = id + '\x1f' + "modality:" + fmt::format("{} \u00b7 {}\n", a, b);
std::string unit = "kg";
char quote = '"';
m = "✓";
)cc")
                  .empty());
}

}  // namespace
}  // namespace rehab
