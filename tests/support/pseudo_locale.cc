// The pseudo-locale en-XA (pseudo_locale.h).
#include "tests/support/pseudo_locale.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/load/translation.h"
#include "tests/support/test_util.h"

namespace rehab::testing {

namespace fs = std::filesystem;

namespace {

// Accented forms of the ASCII letters that have a common one.
const std::map<char, std::string_view>& Accents() {
  static const std::map<char, std::string_view> accents = {
      {'a', "á"}, {'e', "é"}, {'i', "í"}, {'o', "ó"}, {'u', "ú"}, {'c', "ç"}, {'n', "ñ"},
      {'y', "ý"}, {'A', "Á"}, {'E', "É"}, {'I', "Í"}, {'O', "Ó"}, {'U', "Ú"}, {'C', "Ç"},
      {'N', "Ñ"}, {'Y', "Ý"}};
  return accents;
}

// `s` escaped for a double-quoted string of a .po file or of YAML.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// The value of a one-line .po string ("a \"b\"" -> a "b").
std::string Unquoted(std::string_view s) {
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) {
      ++i;
      out += s[i] == 'n' ? '\n' : s[i];
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string Pseudo(std::string_view english) {
  std::string out;
  size_t letters = 0;
  for (size_t i = 0; i < english.size(); ++i) {
    char c = english[i];
    if (c == '{') {  // a placeholder, kept whole
      size_t close = english.find('}', i);
      if (close != std::string_view::npos) {
        out.append(english.substr(i, close - i + 1));
        i = close;
        continue;
      }
    }
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    letters += letter ? 1 : 0;
    auto accented = Accents().find(c);
    if (accented != Accents().end()) {
      out.append(accented->second);
    } else {
      out += c;
    }
  }
  if (letters == 0) return std::string(english);
  // About 40 % longer, in words a line can wrap between.
  static const std::vector<std::string_view> kPadding = {"ōñé", "ţŵó", "ţĥŕéé", "ƒóúŕ", "ƒíṽé"};
  size_t want = (letters * 2 + 4) / 5;
  for (size_t added = 0, k = 0; added < want; ++k) {
    std::string_view word = kPadding[k % kPadding.size()];
    out += ' ';
    out.append(word);
    added += 1 + word.size() / 2;  // each padding letter is two bytes
  }
  return kPseudoOpen + out + kPseudoClose;
}

std::string OutsideBrackets(std::string_view text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '[') {
      ++depth;
    } else if (c == ']' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

PseudoLocale WritePseudoLocale(const fs::path& dir) {
  PseudoLocale where{dir / "programs", dir / "locale"};
  fs::copy(SourcePath("programs"), where.programs, fs::copy_options::recursive);
  fs::path content = where.programs / "i18n" / kPseudoLanguage;
  fs::create_directories(content);
  std::vector<std::string> files = {"exercises.yaml"};
  for (const auto& id : ShippedProgramIds()) files.push_back(id + ".yaml");
  for (const auto& file : files) {
    Diagnostics diags;
    auto texts = TranslatableTexts(ReadFile(SourcePath("programs/" + file)), file, &diags);
    EXPECT_TRUE(texts) << diags.ToString();
    if (!texts) return {};
    std::string yaml = std::string("language: ") + kPseudoLanguage + "\ntranslates: " + file +
                       "\ntexts:\n";
    for (const auto& t : *texts) {
      yaml += "  " + t.key + ":\n    source: \"" + SourceHash(t.english) + "\"\n    text: " +
              Quoted(Pseudo(t.english)) + "\n";
    }
    WriteFile((content / file).string(), yaml);
  }

  // po/rehab.pot with each msgstr the pseudo text of its msgid (one line each), and
  // a plural entry's msgstr[0] and msgstr[1] those of its msgid and msgid_plural (the
  // template's Plural-Forms are English's).
  std::string pot = ReadFile(SourcePath("po/rehab.pot"));
  static const std::regex kEntry(
      "\nmsgid (\"(?:[^\"\\\\]|\\\\.)*\")\n(?:msgid_plural (\"(?:[^\"\\\\]|\\\\.)*\")\n"
      "msgstr\\[0\\] \"\"\nmsgstr\\[1\\] \"\"|msgstr \"\")");
  auto pseudo = [](const std::string& quoted) {
    std::string english = Unquoted(quoted);
    return english.empty() ? std::string("\"\"") : Quoted(Pseudo(english));
  };
  std::string po;
  size_t last = 0;
  for (std::sregex_iterator it(pot.begin(), pot.end(), kEntry), end; it != end; ++it) {
    po.append(pot, last, it->position() - last);
    std::string msgid = (*it)[1].str();
    if ((*it)[2].matched) {
      std::string plural = (*it)[2].str();
      po += "\nmsgid " + msgid + "\nmsgid_plural " + plural + "\nmsgstr[0] " + pseudo(msgid) +
            "\nmsgstr[1] " + pseudo(plural);
    } else {
      po += "\nmsgid " + msgid + "\nmsgstr " + pseudo(msgid);
    }
    last = it->position() + it->length();
  }
  po.append(pot, last);
  po = std::regex_replace(po, std::regex("\"Language: \\\\n\""),
                          std::string("\"Language: ") + kPseudoLanguage + "\\n\"");
  fs::create_directories(where.locale);
  std::string po_path = (dir / "en-XA.po").string();
  WriteFile(po_path, po);
  RunResult msgfmt = RunShell("msgfmt --check -o " +
                              ShellQuote((where.locale / "en-XA.mo").string()) + " " +
                              ShellQuote(po_path) + " 2>&1");
  EXPECT_EQ(msgfmt.exit_code, 0) << msgfmt.out;
  if (msgfmt.exit_code != 0) return {};
  return where;
}

}  // namespace rehab::testing
