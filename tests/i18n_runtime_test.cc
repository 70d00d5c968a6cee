// A plan in another language (issue 21): translated program texts, the
// interface catalogue read from its compiled .mo, and no English left in a
// Spanish plan of any shipped program.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "planner/load/translation.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::DataPath;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunResult;
using testing::RunShell;
using testing::ScopedTempDir;
using testing::ShellQuote;
using testing::ShippedProgramIds;
using testing::SourcePath;
using testing::TestNameOf;
using testing::WriteFile;

// The compiled catalogues of the build the tests run (CMakeLists.txt).
std::string LocaleFile(const std::string& language) {
  return (fs::path(REHAB_BINARY).parent_path() / "locale" / (language + ".mo")).string();
}

// A shipped program, loaded with the shipped catalogue.
std::optional<Program> LoadTranslated(const ParsedYaml& parsed) {
  Diagnostics diags;
  auto catalogue =
      LoadCatalogueFile(ReadFile(SourcePath("programs/exercises.yaml")), "exercises.yaml", &diags);
  if (!catalogue) return std::nullopt;
  auto program = LoadProgramFromCatalogue(parsed, *catalogue, &diags);
  EXPECT_TRUE(program) << diags.ToString();
  return program;
}

constexpr const char* kTitle = "Knee osteoarthritis - strength and movement";

ParsedYaml ParsedProgram() {
  return ParseYamlText(ReadFile(SourcePath("programs/knee-osteoarthritis.yaml")),
                       "knee-osteoarthritis.yaml");
}

// key, English, translation
using Text3 = std::tuple<std::string, std::string, std::string>;

Translation TranslationOf(const std::vector<Text3>& texts) {
  Translation t;
  t.language = "es";
  t.translates = "knee-osteoarthritis.yaml";
  for (const auto& [key, english, text] : texts) {
    Translation::Entry e;
    e.key = key;
    e.source = SourceHash(english);
    e.text = text;
    t.entries.push_back(e);
  }
  return t;
}

TEST(TranslateTest, PutsEachTranslationOfTheEnglishNowInItsPlace) {
  ParsedYaml parsed = ParsedProgram();
  Translation t = TranslationOf({{"title", kTitle, "Un programa"},
                                 {"condition", "Osteoarthritis of the knee (wear-and-tear arthritis)",
                                  "Artrosis"}});
  TranslationOutcome outcome = Translate(t, &parsed);
  auto program = LoadTranslated(parsed);
  ASSERT_TRUE(program);
  EXPECT_EQ(program->title, "Un programa");
  EXPECT_EQ(program->condition, "Artrosis");
  EXPECT_EQ(outcome.translated, 2);
}

TEST(TranslateTest, KeepsTheEnglishOfATextTranslatedFromAnOlderEnglish) {
  ParsedYaml parsed = ParsedProgram();
  Translation t = TranslationOf({{"title", "Knee osteoarthritis", "Artrosis de rodilla"}});
  TranslationOutcome outcome = Translate(t, &parsed);
  auto program = LoadTranslated(parsed);
  ASSERT_TRUE(program);
  EXPECT_EQ(program->title, kTitle);
  EXPECT_EQ(outcome.translated, 0);
  EXPECT_NE(std::find(outcome.english.begin(), outcome.english.end(), "title"),
            outcome.english.end());
}

TEST(CatalogueTest, GivesTheSpanishOfAnInterfaceTextOnceItsCatalogueIsAdded) {
  ASSERT_EQ(AddCatalogue("es", ReadFile(LocaleFile("es"))), "");
  EXPECT_STREQ(Text(StringId::kAlertHeading, "es"), "Importante: actúe ahora mismo");
  EXPECT_STREQ(Text(StringId::kAlertHeading, "es-MX"), "Importante: actúe ahora mismo");
  EXPECT_STREQ(Text(StringId::kAlertHeading, "en"), "Important: act now");
  EXPECT_TRUE(HasLanguage("es"));
}

TEST(CatalogueTest, WordsAMessageByItsSpanishTemplate) {
  ASSERT_EQ(AddCatalogue("es", ReadFile(LocaleFile("es"))), "");
  Message m("step");
  m.With("n", 2).With("steps", 5);
  EXPECT_EQ(MessageText(m, "en"), "step 2 of 5");
  EXPECT_EQ(MessageText(m, "es"), "nivel 2 de 5");
}

// A catalogue of one text, the decimal comma, compiled with msgfmt as the build compiles
// po/: the language "zz-comma" (the Spanish catalogue keeps the point).
std::string DecimalCommaCatalogue() {
  ScopedTempDir dir;
  WriteFile(dir.File("zz.po"),
            "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
            "msgctxt \"number.decimal\"\nmsgid \".\"\nmsgstr \",\"\n");
  EXPECT_EQ(RunShell("msgfmt --check -o " + ShellQuote(dir.File("zz.mo")) + " " +
                     ShellQuote(dir.File("zz.po")) + " 2>&1")
                .exit_code,
            0);
  return ReadFile(dir.File("zz.mo"));
}

TEST(CatalogueTest, WritesANumbersTenthsAfterTheLanguagesDecimalSeparator) {
  ASSERT_EQ(AddCatalogue("zz-comma", DecimalCommaCatalogue()), "");
  EXPECT_EQ(FormatDecimal(1.5, "en"), "1.5");
  EXPECT_EQ(FormatDecimal(1.5, "zz-comma"), "1,5");
  EXPECT_EQ(FormatDecimal(2.0, "zz-comma"), "2");
  EXPECT_EQ(DescribeLoad(Load{LoadKind::kKg, 2.5, ""}, "kg", "zz-comma"), "2,5 kg");
}

TEST(CatalogueTest, WordsADecimalArgumentOfAMessageInTheLanguagesForm) {
  ASSERT_EQ(AddCatalogue("zz-comma", DecimalCommaCatalogue()), "");
  Message m("rising-week");
  m.With("from_mean", 2.25).With("to_mean", 3.5).With("dates", std::vector<Date>{}).With(
      "to", std::string("x"));
  EXPECT_TRUE(Contains(MessageText(m, "en"), "from 2.2 to 3.5")) << MessageText(m, "en");
  EXPECT_TRUE(Contains(MessageText(m, "zz-comma"), "from 2,2 to 3,5"))
      << MessageText(m, "zz-comma");
}

// A catalogue with Polish's three plural forms (1; 2-4, 22-24, ...; the rest) and one
// text by count, compiled with msgfmt as the build compiles po/.
std::string ThreeFormCatalogue() {
  ScopedTempDir dir;
  WriteFile(dir.File("zz.po"),
            "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
            "\"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n\n"
            "#, python-brace-format\n"
            "msgctxt \"dose.minutes\"\nmsgid \"1 minute\"\nmsgid_plural \"{n} minutes\"\n"
            "msgstr[0] \"{n} minuta\"\nmsgstr[1] \"{n} minuty\"\nmsgstr[2] \"{n} minut\"\n");
  RunResult msgfmt = RunShell("msgfmt --check -o " + ShellQuote(dir.File("zz.mo")) + " " +
                              ShellQuote(dir.File("zz.po")) + " 2>&1");
  EXPECT_EQ(msgfmt.exit_code, 0) << msgfmt.out;
  return ReadFile(dir.File("zz.mo"));
}

TEST(CatalogueTest, PicksATextsFormByCountByTheCataloguesPluralForms) {
  ASSERT_EQ(AddCatalogue("zz-three", ThreeFormCatalogue()), "");
  auto minutes = [](int n) { return MessageText(Message("dose.minutes").With("n", n), "zz-three"); };
  EXPECT_EQ(minutes(1), "1 minuta");
  EXPECT_EQ(minutes(2), "2 minuty");
  EXPECT_EQ(minutes(5), "5 minut");
  EXPECT_EQ(minutes(12), "12 minut");
  EXPECT_EQ(minutes(22), "22 minuty");
  EXPECT_EQ(MessageText(Message("dose.minutes").With("n", 1), "en"), "1 minute");
  EXPECT_EQ(MessageText(Message("dose.minutes").With("n", 22), "en"), "22 minutes");
}

TEST(CatalogueTest, WordsSpanishSingularAndPluralFromOnePluralEntry) {
  ASSERT_EQ(AddCatalogue("es", ReadFile(LocaleFile("es"))), "");
  EXPECT_EQ(MessageText(Message("dose.minutes").With("n", 1), "es"), "1 minuto");
  EXPECT_EQ(MessageText(Message("dose.minutes").With("n", 15), "es"), "15 minutos");
}

TEST(CatalogueTest, WordsARangeOfMotionInTheLanguage) {
  ASSERT_EQ(AddCatalogue("es", ReadFile(LocaleFile("es"))), "");
  Dose dose;
  dose.sets = 2;
  dose.reps = 10;
  dose.range = "0-45 degrees";
  EXPECT_EQ(DescribeDose(dose, "kg", "en"), "2 sets of 10, 0-45 degrees");
  EXPECT_EQ(DescribeDose(dose, "kg", "es"), "2 series de 10, 0-45 grados");
}

TEST(CatalogueTest, NamesABandsColourWithTheLanguagesGrammar) {
  ASSERT_EQ(AddCatalogue("es", ReadFile(LocaleFile("es"))), "");
  EXPECT_EQ(DescribeLoad(Load{LoadKind::kBand, 0, "yellow"}, "kg", "es"), "banda amarilla");
  EXPECT_EQ(DescribeLoad(Load{LoadKind::kBand, 0, "red"}, "kg", "en"), "red band");
  EXPECT_EQ(DescribeLoad(Load{LoadKind::kBand, 0, "purple"}, "kg", "es"), "banda purple");
}

TEST(CatalogueTest, RefusesBytesThatAreNoCompiledCatalogue) {
  EXPECT_NE(AddCatalogue("zz", "msgid \"not compiled\"\n"), "");
  EXPECT_FALSE(HasLanguage("zz"));
}

// The English sentences a Spanish plan must not contain: of the interface
// catalogue (po/rehab.pot, each msgid cut at its placeholders), and of the
// programs and the exercise catalogue (their patient-facing texts). Only
// pieces of three words or more: a word such as "Plan" or "no" is Spanish too;
// and not a name the Spanish keeps on purpose ("Formulario IKDC ... (IKDC
// Subjective Knee Form)").
std::vector<std::string> EnglishSentences() {
  std::vector<std::string> out;
  auto add = [&out](const std::string& text, const std::string& spanish = "") {
    static const std::regex kPlaceholder(R"(\{[a-z_]+(:[^{}]*)?\})");
    for (std::sregex_token_iterator it(text.begin(), text.end(), kPlaceholder, -1), end; it != end;
         ++it) {
      std::string piece = std::regex_replace(it->str(), std::regex(R"(^[\s.,:;()“”-]+|[\s.,:;()“”-]+$)"), "");
      if (std::count(piece.begin(), piece.end(), ' ') >= 2 && !Contains(spanish, piece)) {
        out.push_back(piece);
      }
    }
  };
  static const std::regex kMsgid("\nmsgid \"((?:[^\"\\\\]|\\\\.)*)\"");
  std::string pot = ReadFile(SourcePath("po/rehab.pot"));
  for (std::sregex_iterator it(pot.begin(), pot.end(), kMsgid), end; it != end; ++it) {
    add(std::regex_replace((*it)[1].str(), std::regex(R"(\\(.))"), "$1"));
  }
  std::vector<std::string> files = {"exercises.yaml"};
  for (const auto& id : ShippedProgramIds()) files.push_back(id + ".yaml");
  for (const auto& file : files) {
    Diagnostics diags;
    auto texts = TranslatableTexts(ReadFile(SourcePath("programs/" + file)), file, &diags);
    auto spanish = LoadTranslation(ReadFile(SourcePath("programs/i18n/es/" + file)), file, &diags);
    if (!texts || !spanish) continue;
    std::map<std::string, std::string> by_key;
    for (const auto& e : spanish->entries) by_key[e.key] = e.text;
    for (const auto& t : *texts) add(t.english, by_key[t.key]);
  }
  return out;
}

// `text` as a reader sees it: calendar lines unfolded and unescaped, HTML
// entities decoded, every run of white space one space.
std::string AsRead(std::string text) {
  text = std::regex_replace(text, std::regex("\r\n[ \t]"), "");
  text = std::regex_replace(text, std::regex(R"(\\n)"), " ");
  text = std::regex_replace(text, std::regex(R"(\\([,;\\]))"), "$1");
  for (auto [entity, c] : {std::pair{"&amp;", "&"}, std::pair{"&#39;", "'"},
                           std::pair{"&quot;", "\""}, std::pair{"&lt;", "<"},
                           std::pair{"&gt;", ">"}}) {
    text = std::regex_replace(text, std::regex(entity), c);
  }
  return std::regex_replace(text, std::regex(R"(\s+)"), " ");
}

class SpanishPlanTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SpanishPlanTest, HoldsNoEnglishSentenceInTheTextPlanHandoutOrCalendar) {
  static const std::vector<std::string> kEnglish = EnglishSentences();
  ASSERT_GT(kEnglish.size(), 500u);
  for (const char* format : {"text", "html", "ics"}) {
    RunResult run = RunBinary({"plan", GetParam(), "--patient",
                               DataPath("golden/" + GetParam() + ".yaml"), "--diary",
                               DataPath("golden/red-flag.csv"), "--today", "2026-11-23",
                               "--language", "es", "--format", format, "-o", "-"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_FALSE(Contains(run.err, "stay in English")) << format << ": " << run.err;
    // The sources list names each source by its own title, which stays in
    // its own language ("MyKneeCap, How much pain is OK").
    std::string out = run.out;
    if (std::string(format) == "html") out = out.substr(0, out.find("id=\"sources\""));
    std::string read = AsRead(out);
    for (const auto& sentence : kEnglish) {
      EXPECT_FALSE(Contains(read, sentence)) << format << " holds the English \"" << sentence << "\"";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryShippedProgram, SpanishPlanTest,
                         ::testing::ValuesIn(ShippedProgramIds()),
                         [](const ::testing::TestParamInfo<std::string>& program) {
                           return TestNameOf(program.param);
                         });

TEST(LanguageOptionTest, RefusesALanguageWithoutACatalogue) {
  RunResult run = RunBinary({"plan", "knee-osteoarthritis", "--start", "2026-11-02", "--today",
                             "2026-11-23", "--language", "xx"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, "there is no catalogue for the language 'xx' (there are: en, es"))
      << run.err;
}

TEST(LanguageOptionTest, PlansInThePatientFilesLanguage) {
  ScopedTempDir dir;
  std::string patient = ReadFile(DataPath("golden/knee-osteoarthritis.yaml"));
  WriteFile(dir.File("p.yaml"), patient + "language: es\n");
  RunResult run = RunBinary({"plan", "--patient", dir.File("p.yaml"), "--today", "2026-11-23"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "Artrosis de rodilla: fuerza y movimiento")) << run.out.substr(0, 300);
}

TEST(LanguageOptionTest, WarnsThatNoClinicianHasReviewedTheSpanishYet) {
  RunResult run = RunBinary({"plan", "knee-osteoarthritis", "--start", "2026-11-02", "--today",
                             "2026-11-23", "--language", "es"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.err, "warning: no clinician has reviewed the translation into 'es'"))
      << run.err;
  EXPECT_TRUE(Contains(run.err, "i18n/es/knee-osteoarthritis.yaml")) << run.err;
  EXPECT_TRUE(Contains(run.err, "i18n/es/exercises.yaml")) << run.err;
}

TEST(LanguageOptionTest, SaysNothingOfAReviewOnceEveryTranslationFileNamesOne) {
  ScopedTempDir dir;
  fs::path programs = dir.path() / "programs";
  fs::copy(SourcePath("programs"), programs, fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(programs / "i18n" / "es")) {
    std::string text = ReadFile(entry.path().string());
    text = std::regex_replace(text, std::regex("\ntexts:\n"),
                              "\nreviewed:\n  by: A. Reviewer, PT\n  date: 2027-01-15\ntexts:\n");
    WriteFile(entry.path().string(), text);
  }
  RunResult run = RunShell(fmt::format(
      "REHAB_PROGRAMS_DIR={} {} plan knee-osteoarthritis --start 2026-11-02 --today 2026-11-23 "
      "--language es 2>&1 >/dev/null",
      ShellQuote(programs.string()), ShellQuote(REHAB_BINARY)));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_FALSE(Contains(run.out, "reviewed")) << run.out;
}

// docs/translations.md, "Adding a language": files alone, no code. A fake
// language "zz" made from the Spanish files, each given a mark of its own.
TEST(NewLanguageTest, ComesFromItsCatalogueAndContentFilesAlone) {
  ScopedTempDir dir;
  fs::path programs = dir.path() / "programs";
  fs::copy(SourcePath("programs"), programs, fs::copy_options::recursive);
  fs::create_directories(programs / "i18n" / "zz");
  for (const auto& entry : fs::directory_iterator(programs / "i18n" / "es")) {
    std::string text = ReadFile(entry.path().string());
    text = std::regex_replace(text, std::regex("\nlanguage: es\n"), "\nlanguage: zz\n");
    text = std::regex_replace(text, std::regex("text: \"Artrosis de rodilla: fuerza y movimiento\""),
                              "text: \"Zz artrosis\"");
    WriteFile((programs / "i18n" / "zz" / entry.path().filename()).string(), text);
  }
  fs::remove_all(programs / "i18n" / "es");
  std::string po = ReadFile(SourcePath("po/es.po"));
  po = std::regex_replace(po, std::regex("msgstr \"Su plan de ejercicios\""),
                          "msgstr \"Zz plan de ejercicios\"");
  po = std::regex_replace(po, std::regex("\"Language: es\\\\n\""), "\"Language: zz\\n\"");
  fs::create_directories(dir.path() / "locale");
  WriteFile(dir.File("zz.po"), po);
  ASSERT_EQ(RunShell("msgfmt --check -o " + ShellQuote(dir.File("locale/zz.mo")) + " " +
                     ShellQuote(dir.File("zz.po")) + " 2>&1").exit_code, 0);

  RunResult run = RunShell(fmt::format(
      "REHAB_PROGRAMS_DIR={} REHAB_LOCALE_DIR={} {} plan knee-osteoarthritis --start 2026-11-02 "
      "--today 2026-11-23 --language zz --format html -o - 2>&1",
      ShellQuote(programs.string()), ShellQuote(dir.File("locale")), ShellQuote(REHAB_BINARY)));
  ASSERT_EQ(run.exit_code, 0) << run.out.substr(0, 2000);
  EXPECT_TRUE(Contains(run.out, "Zz plan de ejercicios"));
  EXPECT_TRUE(Contains(run.out, "Zz artrosis"));
  EXPECT_TRUE(Contains(run.out, "lang=\"zz\"")) << "the page says its language";
}

}  // namespace
}  // namespace rehab
