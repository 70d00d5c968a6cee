// Translation files (planner/load/translation.h) and `rehab validate` on them.
#include "planner/load/translation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;

const std::string kProgramFile = "knee-basics.yaml";

std::string Fixture(const std::string& relative) {
  return testing::DataPath("i18n/programs/" + relative);
}

std::vector<TranslatableText> EnglishOf(const std::string& path, Diagnostics* diags) {
  auto texts = TranslatableTexts(testing::ReadFile(path), path, diags);
  return texts ? *texts : std::vector<TranslatableText>{};
}

std::vector<std::string> Keys(const std::vector<TranslatableText>& texts) {
  std::vector<std::string> keys;
  for (const auto& t : texts) keys.push_back(t.key);
  return keys;
}

// A translation of the fixture program with `entries` as its texts.
std::string TranslationWith(const std::string& entries) {
  return "language: es\ntranslates: knee-basics.yaml\ntexts:\n" + entries;
}

std::string Entry(const std::string& key, const std::string& english, const std::string& text) {
  return "  " + key + ":\n    source: \"" + SourceHash(english) + "\"\n    text: \"" + text +
         "\"\n";
}

// The whole fixture program translated, but for `skip` (a key).
std::string CompleteTranslation(const std::string& skip = "") {
  Diagnostics diags;
  std::string entries;
  for (const auto& t : EnglishOf(Fixture(kProgramFile), &diags)) {
    if (t.key != skip) entries += Entry(t.key, t.english, "traducido");
  }
  return TranslationWith(entries);
}

// Loads `text` as a translation and checks it against the fixture program;
// the diagnostics as text ("" when there are none).
std::string Check(const std::string& text) {
  Diagnostics diags;
  std::vector<TranslatableText> english = EnglishOf(Fixture(kProgramFile), &diags);
  diags.AddSource("es.yaml", text);
  if (auto t = LoadTranslation(text, "es.yaml", &diags)) CheckTranslation(*t, english, &diags);
  return diags.ToString();
}

TEST(TranslationTest, SourceHashIsFnv1a64InHexadecimal) {
  EXPECT_EQ(SourceHash(""), "cbf29ce484222325");
  EXPECT_EQ(SourceHash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(SourceHash("foobar"), "85944171f73967e8");
}

TEST(TranslationTest, KeysEachTextByWhereItIsInTheProgram) {
  Diagnostics diags;
  std::vector<TranslatableText> texts = EnglishOf(Fixture(kProgramFile), &diags);
  EXPECT_FALSE(diags.HasErrors()) << diags.ToString();
  EXPECT_EQ(Keys(texts),
            (std::vector<std::string>{"title", "condition", "summary", "exercises.heel-slide.name",
                                      "exercises.heel-slide.equipment.0",
                                      "exercises.heel-slide.ladder.0.note", "phases.early.title",
                                      "phases.early.goals.0", "phases.early.exit_criteria.0.text",
                                      "restrictions.0.reason"}));
  ASSERT_FALSE(texts.empty());
  EXPECT_EQ(texts[0].english, "Knee basics");
  EXPECT_EQ(texts[0].loc.line, 4);
  EXPECT_EQ(texts[0].loc.column, 8);
}

TEST(TranslationTest, ACompleteTranslationFromTheCurrentEnglishHasNothingToReport) {
  EXPECT_EQ(Check(CompleteTranslation()), "");
}

TEST(TranslationTest, AnEnglishTextChangedSinceItWasTranslatedIsStaleWithANoteAtTheEnglish) {
  std::string text = CompleteTranslation("condition") + Entry("condition", "A painful knee", "x");
  std::string report = Check(text);
  EXPECT_NE(report.find("es.yaml:32:13: error: the English of 'condition' changed after it was "
                        "translated (this translation is of the English hashed " +
                        SourceHash("A painful knee")),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("set source to \"" + SourceHash("A sore knee") + "\""), std::string::npos);
  EXPECT_NE(report.find(Fixture(kProgramFile) + ":5:12: note: the English of 'condition' now\n"
                                                "condition: A sore knee\n"),
            std::string::npos)
      << report;
}

TEST(TranslationTest, AnUntranslatedTextIsReportedWithItsEnglishAndTheSourceToSet) {
  std::string report = Check(CompleteTranslation("phases.early.goals.0"));
  EXPECT_NE(report.find("es.yaml:3:1: error: 'phases.early.goals.0' is not translated (the "
                        "English: \"Bend the knee further\", source \"" +
                        SourceHash("Bend the knee further") + "\")"),
            std::string::npos)
      << report;
}

TEST(TranslationTest, AKeyThatIsNoTextOfTheProgramIsReportedWithTheClosestKey) {
  std::string report =
      Check(CompleteTranslation() + Entry("phases.erly.title", "First weeks", "x"));
  EXPECT_NE(report.find("error: 'phases.erly.title' is not a text of knee-basics.yaml, did you "
                        "mean 'phases.early.title'?"),
            std::string::npos)
      << report;
}

TEST(TranslationTest, ReportsEveryMalformedFieldOfAFileAtOnce) {
  std::string report = Check(
      "language: Spanish\ntranslates: ../secret.yaml\ntexts:\n"
      "  title:\n    source: \"XYZ\"\n    text: \"\"\n"
      "  condition:\n    source: \"" +
      SourceHash("A sore knee") + "\"\n    txt: \"x\"\n");
  EXPECT_NE(report.find("es.yaml:1:11: error: 'Spanish' is not a language tag"), std::string::npos)
      << report;
  EXPECT_NE(report.find("es.yaml:2:13: error: '../secret.yaml' is not the file name of a program"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("es.yaml:5:13: error: 'XYZ' is not a source hash"), std::string::npos)
      << report;
  EXPECT_NE(report.find("es.yaml:6:11: error: the translation of 'title' is empty"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("es.yaml:9:5: error: unknown key 'txt'"), std::string::npos) << report;
}

TEST(TranslationTest, ATextTranslatedTwiceIsAnError) {
  std::string report = Check(CompleteTranslation() + Entry("title", "Knee basics", "otra vez"));
  EXPECT_NE(report.find("error: 'title' is translated twice"), std::string::npos) << report;
}

TEST(TranslationTest, AReviewNamesWhoReviewedAndWhen) {
  Diagnostics diags;
  std::string text = "language: es\ntranslates: knee-basics.yaml\n"
                     "reviewed:\n  by: Ana García, PT\n  date: 2027-01-15\ntexts: {}\n";
  auto t = LoadTranslation(text, "es.yaml", &diags);
  ASSERT_TRUE(t.has_value()) << diags.ToString();
  ASSERT_TRUE(t->reviewed.has_value());
  EXPECT_EQ(t->reviewed->by, "Ana García, PT");
  EXPECT_EQ(t->reviewed->date, "2027-01-15");
}

TEST(TranslationTest, AReviewWithoutAReviewerIsAnError) {
  std::string text = "language: es\ntranslates: knee-basics.yaml\n"
                     "reviewed:\n  date: 2027-01-15\ntexts: {}\n";
  Diagnostics diags;
  diags.AddSource("es.yaml", text);
  EXPECT_FALSE(LoadTranslation(text, "es.yaml", &diags).has_value());
  EXPECT_NE(diags.ToString().find("missing the required key 'by'"), std::string::npos)
      << diags.ToString();
}

TEST(TranslationTest, AReviewDatedOnADayThatDoesNotExistIsAnError) {
  std::string text = "language: es\ntranslates: knee-basics.yaml\n"
                     "reviewed:\n  by: Ana\n  date: 2027-02-30\ntexts: {}\n";
  Diagnostics diags;
  diags.AddSource("es.yaml", text);
  EXPECT_FALSE(LoadTranslation(text, "es.yaml", &diags).has_value());
  EXPECT_NE(diags.ToString().find("es.yaml:5:9: error: '2027-02-30' is not a date"),
            std::string::npos)
      << diags.ToString();
}

// Every file of programs/i18n/ translates the current English of its program,
// all of it (tests the hashes the template script wrote, too).
TEST(TranslationTest, EveryShippedTranslationIsCompleteAndCurrent) {
  int files = 0;
  for (const auto& language : fs::directory_iterator(testing::SourcePath("programs/i18n"))) {
    for (const auto& file : fs::directory_iterator(language.path())) {
      SCOPED_TRACE(file.path().string());
      ++files;
      Diagnostics diags;
      std::string text = testing::ReadFile(file.path().string());
      diags.AddSource(file.path().string(), text);
      auto translation = LoadTranslation(text, file.path().string(), &diags);
      ASSERT_TRUE(translation) << diags.ToString();
      EXPECT_EQ(translation->language, language.path().filename().string());
      std::vector<TranslatableText> english =
          EnglishOf(testing::SourcePath("programs/" + translation->translates), &diags);
      ASSERT_FALSE(english.empty()) << diags.ToString();
      EXPECT_TRUE(CheckTranslation(*translation, english, &diags)) << diags.ToString();
      EXPECT_EQ(translation->entries.size(), english.size());
    }
  }
  EXPECT_GE(files, 8);
}

TEST(TranslationCliTest, ValidateSaysAShippedTranslationIsOk) {
  std::string file = testing::SourcePath("programs/i18n/es/total-knee-replacement.yaml");
  testing::RunResult run = testing::RunBinary({"validate", file});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, file + ": ok (translation)\n");
}

TEST(TranslationCliTest, ValidateReportsAStaleAndTheUntranslatedTextsOfATranslation) {
  std::string file = Fixture("i18n/es/knee-basics.yaml");
  testing::RunResult run = testing::RunBinary({"validate", file});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find(file + ":11:13: error: the English of 'condition' changed"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(":5:12: note: the English of 'condition' now\ncondition: A sore knee\n"
                         "           ^\n"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(file + ":6:1: error: 'summary' is not translated"), std::string::npos);
  EXPECT_NE(run.err.find(file + ":6:1: error: 'restrictions.0.reason' is not translated"),
            std::string::npos);
}

TEST(TranslationCliTest, ValidateSaysATranslationBelongsInTheFolderOfItsLanguage) {
  std::string file = Fixture("i18n/fr/knee-basics.yaml");
  testing::RunResult run = testing::RunBinary({"validate", file});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(file + ":2:11: error: a translation into 'es' belongs in "
                                "programs/i18n/es/, not in a folder named 'fr'"),
            std::string::npos)
      << run.err;
}

TEST(TranslationCliTest, ValidateSaysWhenTheProgramATranslationNamesIsMissing) {
  testing::ScopedTempDir dir;
  fs::create_directories(dir.path() / "i18n" / "es");
  std::string file = (dir.path() / "i18n" / "es" / "gone.yaml").string();
  testing::WriteFile(file, "language: es\ntranslates: gone.yaml\ntexts: {}\n");
  testing::RunResult run = testing::RunBinary({"validate", file});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(file + ":2:13: error: cannot read the program this translates: "),
            std::string::npos)
      << run.err;
}

// po/rehab.pot, the catalogues' template, is what scripts/po-template.py
// writes from the English tables now: an English text changed without the
// template is caught here (then msgmerge marks the catalogues' entries fuzzy).
TEST(PoCatalogueTest, TheTemplateIsWhatTheEnglishTablesGiveNow) {
  testing::ScopedTempDir dir;
  std::string pot = dir.File("rehab.pot");
  testing::RunResult run = testing::RunShell(
      "cd " + testing::ShellQuote(testing::SourcePath("")) +
      " && python3 scripts/po-template.py " + testing::ShellQuote(pot));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(testing::ReadFile(pot), testing::ReadFile(testing::SourcePath("po/rehab.pot")))
      << "po/rehab.pot is out of date: run scripts/po-template.py, then msgmerge --update "
         "po/<language>.po po/rehab.pot";
}

// Every po/<language>.po compiles with msgfmt --check (placeholders kept, as
// python-brace-format) and translates every text of the template (msgcmp).
TEST(PoCatalogueTest, EveryCatalogueCompilesAndTranslatesEveryTextOfTheTemplate) {
  int catalogues = 0;
  for (const auto& file : fs::directory_iterator(testing::SourcePath("po"))) {
    if (file.path().extension() != ".po") continue;
    ++catalogues;
    std::string po = testing::ShellQuote(file.path().string());
    testing::RunResult check = testing::RunShell("msgfmt --check -o /dev/null " + po);
    EXPECT_EQ(check.exit_code, 0) << file.path() << ":\n" << check.err;
    testing::RunResult complete = testing::RunShell(
        "msgcmp " + po + " " + testing::ShellQuote(testing::SourcePath("po/rehab.pot")));
    EXPECT_EQ(complete.exit_code, 0) << file.path() << ":\n" << complete.err;
  }
  EXPECT_GE(catalogues, 1);
}

}  // namespace
}  // namespace rehab
