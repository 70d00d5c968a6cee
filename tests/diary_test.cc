// Tests for planner/diary: the CSV reader, its diagnostics, the row writer and
// entry validation.
#include "planner/load/diary.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

using rehab::testing::DataPath;
using rehab::testing::ReadFile;

Date D(const char* iso) { return *ParseDate(iso); }

// All diagnostics for `text` parsed as "diary.csv".
std::string Errors(std::string_view text) {
  Diagnostics diags;
  ParseDiary(text, "diary.csv", &diags);
  return diags.ToString();
}

Diary ParseClean(std::string_view text) {
  Diagnostics diags;
  Diary diary = ParseDiary(text, "diary.csv", &diags);
  EXPECT_EQ(diags.ToString(), "") << text;
  return diary;
}

TEST(DiaryTest, ReadsEveryColumnOfAGoodFile) {
  std::string path = DataPath("diary/good.csv");
  Diagnostics diags;
  Diary diary = ParseDiary(ReadFile(path), "good.csv", &diags);
  ASSERT_EQ(diags.ToString(), "");
  EXPECT_EQ(diary.file, "good.csv");
  ASSERT_EQ(diary.entries.size(), 4u);

  const DiaryEntry& first = diary.entries[0];
  EXPECT_EQ(first.date, D("2026-03-01"));
  EXPECT_EQ(first.during, 3);
  EXPECT_EQ(first.after, 2);
  EXPECT_EQ(first.morning, 1);
  EXPECT_EQ(first.swelling, Swelling::kModerate);
  EXPECT_EQ(first.measures, (std::map<std::string, double>{{"flexion", 88}}));
  EXPECT_TRUE(first.flags.empty());
  EXPECT_EQ(first.note, "first session");
  EXPECT_EQ(first.line, 4);

  const DiaryEntry& flagged = diary.entries[2];
  EXPECT_EQ(flagged.date, D("2026-03-02"));
  EXPECT_FALSE(flagged.during.has_value());
  EXPECT_FALSE(flagged.after.has_value());
  EXPECT_FALSE(flagged.morning.has_value());
  EXPECT_FALSE(flagged.swelling.has_value());
  EXPECT_EQ(flagged.flags, (std::vector<std::string>{"fever", "chills"}));
  EXPECT_EQ(flagged.note, "");

  const DiaryEntry& last = diary.entries[3];
  EXPECT_EQ(last.measures, (std::map<std::string, double>{{"extension", -3}, {"flexion", 95}}));
  EXPECT_EQ(last.note, "stiff, but better\nafter ice");
  EXPECT_EQ(last.line, 2);
}

TEST(DiaryTest, SortsByDateKeepingFileOrderForEqualDates) {
  Diary diary = ParseClean(ReadFile(DataPath("diary/good.csv")));
  std::vector<int> lines;
  for (const auto& e : diary.entries) lines.push_back(e.line);
  // Line 4 and line 6 are both 2026-03-01; line 4 comes first in the file.
  EXPECT_EQ(lines, (std::vector<int>{4, 6, 5, 2}));
}

TEST(DiaryTest, ReportsEveryBadFieldOfTheFileWithLineColumnAndCaret) {
  Diagnostics diags;
  Diary diary = ParseDiary(ReadFile(DataPath("diary/errors.csv")), "errors.csv", &diags);
  EXPECT_EQ(diags.ToString(), ReadFile(DataPath("diary/errors.expected")));
  EXPECT_EQ(diags.error_count(), 8);
  // The good row is still read; rows with errors are left out.
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(diary.entries[0].line, 2);
}

TEST(DiaryTest, GivesTheExactDiagnosticForEachKindOfBadField) {
  static const struct {
    const char* name;
    const char* text;
    const char* expected;
  } kCases[] = {
      {"empty date", "date,during\n,3\n",
       "diary.csv:2:1: error: 'date' is empty; every entry needs a date as YYYY-MM-DD\n"
       ",3\n"
       "^\n"},
      {"impossible date", "date\n2026-02-29\n",
       "diary.csv:2:1: error: 'date' must be a real date as YYYY-MM-DD, got \"2026-02-29\"\n"
       "2026-02-29\n"
       "^\n"},
      {"pain above 10", "date,during\n2026-03-01,11\n",
       "diary.csv:2:12: error: 'during' must be a whole number from 0 to 10, got \"11\"\n"
       "2026-03-01,11\n"
       "           ^\n"},
      {"negative pain", "date,after\n2026-03-01,-1\n",
       "diary.csv:2:12: error: 'after' must be a whole number from 0 to 10, got \"-1\"\n"
       "2026-03-01,-1\n"
       "           ^\n"},
      {"pain as a word", "date,morning\n2026-03-01,low\n",
       "diary.csv:2:12: error: 'morning' must be a whole number from 0 to 10, got \"low\"\n"
       "2026-03-01,low\n"
       "           ^\n"},
      {"swelling typo", "date,swelling\n2026-03-01,sever\n",
       "diary.csv:2:12: error: unknown swelling 'sever', did you mean 'severe'?\n"
       "2026-03-01,sever\n"
       "           ^\n"},
      {"swelling unknown", "date,swelling\n2026-03-01,lots\n",
       "diary.csv:2:12: error: unknown swelling 'lots'; expected none, mild, moderate or "
       "severe\n"
       "2026-03-01,lots\n"
       "           ^\n"},
      {"measure without value", "date,measures\n2026-03-01,flexion\n",
       "diary.csv:2:12: error: measure \"flexion\" must be written NAME=VALUE, e.g. "
       "flexion=95\n"
       "2026-03-01,flexion\n"
       "           ^\n"},
      {"measure name with capitals", "date,measures\n2026-03-01,Flexion=90\n",
       "diary.csv:2:12: error: measure name \"Flexion\" must be made of a-z, 0-9 and '-'\n"
       "2026-03-01,Flexion=90\n"
       "           ^\n"},
      {"measure value with unit", "date,measures\n2026-03-01,flexion=90deg\n",
       "diary.csv:2:12: error: measure 'flexion' must be a number, got \"90deg\"\n"
       "2026-03-01,flexion=90deg\n"
       "           ^\n"},
      {"measure given twice", "date,measures\n2026-03-01,flexion=90;flexion=95\n",
       "diary.csv:2:12: error: measure 'flexion' is given twice\n"
       "2026-03-01,flexion=90;flexion=95\n"
       "           ^\n"},
      {"flag typo", "date,flags\n2026-03-01,fever;calfpain\n",
       "diary.csv:2:12: error: unknown flag 'calfpain', did you mean 'calf-pain'?\n"
       "2026-03-01,fever;calfpain\n"
       "           ^\n"},
      {"unknown column", "date,durng\n2026-03-01,3\n",
       "diary.csv:1:6: error: unknown column 'durng', did you mean 'during'?\n"
       "date,durng\n"
       "     ^\n"},
      {"column twice", "date,during,during\n",
       "diary.csv:1:13: error: column 'during' appears twice in the header\n"
       "date,during,during\n"
       "            ^\n"},
      {"no date column", "during,after\n3,2\n",
       "diary.csv:1:1: error: the header has no 'date' column\n"
       "during,after\n"
       "^\n"},
      {"no header line", "2026-03-01,3\n",
       "diary.csv:1:1: error: the header line is missing; the first line names the columns, "
       "e.g. date,during,after,morning,swelling,measures,flags,note\n"
       "2026-03-01,3\n"
       "^\n"},
      {"too many fields", "date,during\n2026-03-01,3,4\n",
       "diary.csv:2:14: error: too many fields: the header names 2 columns, this row has 3\n"
       "2026-03-01,3,4\n"
       "             ^\n"},
      {"unterminated quote", "date,note\n2026-03-01,\"never closed\n",
       "diary.csv:2:12: error: unterminated quoted field: the closing '\"' is missing\n"
       "2026-03-01,\"never closed\n"
       "           ^\n"},
      {"text after a closing quote", "date,note\n2026-03-01,\"a\"b\n",
       "diary.csv:2:15: error: unexpected text after a closing quote; write a quote inside a "
       "quoted field as two quotes (\"\")\n"
       "2026-03-01,\"a\"b\n"
       "              ^\n"},
      {"quote in an unquoted field", "date,note\n2026-03-01,said \"ow\"\n",
       "diary.csv:2:17: error: a quote in an unquoted field; enclose the field in quotes and "
       "write the quote as two quotes (\"\")\n"
       "2026-03-01,said \"ow\"\n"
       "                ^\n"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(Errors(c.text), c.expected) << c.name;
  }
}

TEST(DiaryTest, CountsColumnsInCharactersSoTheCaretLinesUpAfterAccents) {
  EXPECT_EQ(Errors("date,note,during\n2026-03-01,genou \xC3\xA9,11\n"),
            "diary.csv:2:20: error: 'during' must be a whole number from 0 to 10, got \"11\"\n"
            "2026-03-01,genou \xC3\xA9,11\n"
            "                   ^\n");
}

TEST(DiaryTest, LocatesAFieldThatFollowsAMultiLineNote) {
  EXPECT_EQ(Errors("date,note,during\n2026-03-01,\"a\nb\",11\n"),
            "diary.csv:3:4: error: 'during' must be a whole number from 0 to 10, got \"11\"\n"
            "b\",11\n"
            "   ^\n");
}

TEST(DiaryTest, AcceptsAUtf8ByteOrderMark) {
  Diary diary = ParseClean(
      "\xEF\xBB\xBF"
      "date,during\n2026-03-01,3\n");
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(diary.entries[0].during, 3);
}

TEST(DiaryTest, ColumnsOnTheFirstLineAreNotShiftedByAByteOrderMark) {
  EXPECT_EQ(Errors("\xEF\xBB\xBF"
                   "date,durng\n"),
            "diary.csv:1:6: error: unknown column 'durng', did you mean 'during'?\n"
            "date,durng\n"
            "     ^\n");
}

TEST(DiaryTest, AcceptsCrlfLineEndsInsideAndOutsideQuotes) {
  Diary diary =
      ParseClean("date,during,note\r\n2026-03-01,3,\"two\r\nlines\"\r\n2026-03-02,4,plain\r\n");
  ASSERT_EQ(diary.entries.size(), 2u);
  EXPECT_EQ(diary.entries[0].note, "two\nlines");
  EXPECT_EQ(diary.entries[1].during, 4);
  EXPECT_EQ(diary.entries[1].note, "plain");
  EXPECT_EQ(diary.entries[1].line, 4);
}

TEST(DiaryTest, ReadsAQuotedNoteWithCommasQuotesAndNewlines) {
  Diary diary = ParseClean("date,note,during\n2026-03-01,\"sore, \"\"sharp\"\"\nat night\",5\n");
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(diary.entries[0].note, "sore, \"sharp\"\nat night");
  EXPECT_EQ(diary.entries[0].during, 5);
}

TEST(DiaryTest, AcceptsColumnsInAnyOrderAndOnlySomeOfThem) {
  Diary diary = ParseClean("flags,date,morning\ncleared,2026-03-04,0\n");
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(diary.entries[0].date, D("2026-03-04"));
  EXPECT_EQ(diary.entries[0].morning, 0);
  EXPECT_EQ(diary.entries[0].flags, (std::vector<std::string>{"cleared"}));
}

TEST(DiaryTest, ReturnsTheHeaderColumnsInFileOrder) {
  Diagnostics diags;
  std::vector<std::string> columns;
  ParseDiary("note, date ,during\n", "diary.csv", &diags, &columns);
  EXPECT_EQ(columns, (std::vector<std::string>{"note", "date", "during"}));
}

TEST(DiaryTest, TreatsAnEmptyFileAsAnEmptyDiary) {
  Diagnostics diags;
  std::vector<std::string> columns = {"stale"};
  Diary diary = ParseDiary("", "diary.csv", &diags, &columns);
  EXPECT_FALSE(diags.HasErrors());
  EXPECT_TRUE(diary.entries.empty());
  EXPECT_TRUE(columns.empty());
}

TEST(DiaryTest, SkipsBlankLinesButKeepsTheirLineNumbers) {
  Diary diary = ParseClean("date,during\n\n2026-03-01,3\n   \n2026-03-02,2");
  ASSERT_EQ(diary.entries.size(), 2u);
  EXPECT_EQ(diary.entries[0].line, 3);
  EXPECT_EQ(diary.entries[1].line, 5);
}

TEST(DiaryTest, TrimsSpacesAroundValuesButNotAroundTheNote) {
  Diary diary = ParseClean("date, during ,flags,note\n 2026-03-01 , 3 , fever ; fall ,  as is \n");
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(diary.entries[0].during, 3);
  EXPECT_EQ(diary.entries[0].flags, (std::vector<std::string>{"fever", "fall"}));
  EXPECT_EQ(diary.entries[0].note, "  as is ");
}

TEST(DiaryTest, AcceptsDecimalAndSignedMeasures) {
  Diary diary = ParseClean("date,measures\n2026-03-01,flexion=92.5;extension=-3;tug-seconds=+12\n");
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(
      diary.entries[0].measures,
      (std::map<std::string, double>{{"extension", -3}, {"flexion", 92.5}, {"tug-seconds", 12}}));
}

TEST(DiaryTest, RejectsMeasureValuesThatAreNotPlainNumbers) {
  for (const char* text : {"", "nan", "inf", "0x10", "1e999", "1e-999", "1.2.3", "--1", ".", "1e",
                           "+-1"}) {
    double value = 0;
    EXPECT_FALSE(ParseMeasureValue(text, &value)) << text;
  }
}

TEST(DiaryTest, KnowsTheDocumentedFlags) {
  EXPECT_EQ(KnownDiaryFlags(),
            (std::vector<std::string>{"fever", "chills", "calf-pain", "calf-swelling",
                                      "wound-redness", "wound-drainage", "chest-pain", "breathless",
                                      "giving-way", "locking", "fall", "no-weight-bearing",
                                      "hot-swollen-knee", "malaise", "weight-loss",
                                      "limits-movement", "injury", "cleared", "reviewed"}));
}

TEST(DiaryTest, HeaderNamesEveryColumnInWritingOrder) {
  EXPECT_EQ(DiaryHeader(), "date,during,after,morning,swelling,measures,flags,note");
}

DiaryEntry FullEntry() {
  DiaryEntry e;
  e.date = D("2026-03-05");
  e.during = 4;
  e.after = 3;
  e.morning = 0;
  e.swelling = Swelling::kMild;
  e.measures = {{"flexion", 95}, {"extension", -3.5}};
  e.flags = {"giving-way", "fall"};
  e.note = "slipped, \"not bad\"\nice after";
  return e;
}

TEST(DiaryTest, FormatsARowQuotingOnlyWhatNeedsIt) {
  EXPECT_EQ(FormatDiaryRow(FullEntry()),
            "2026-03-05,4,3,0,mild,extension=-3.5;flexion=95,giving-way;fall,"
            "\"slipped, \"\"not bad\"\"\nice after\"");
}

TEST(DiaryTest, FormatsEmptyFieldsForValuesNotLogged) {
  DiaryEntry e;
  e.date = D("2026-03-05");
  e.morning = 2;
  EXPECT_EQ(FormatDiaryRow(e), "2026-03-05,,,2,,,,");
}

TEST(DiaryTest, FormatsOnlyTheGivenColumnsInTheirOrder) {
  EXPECT_EQ(FormatDiaryRow(FullEntry(), {"note", "date", "during"}),
            "\"slipped, \"\"not bad\"\"\nice after\",2026-03-05,4");
}

TEST(DiaryTest, AFormattedRowParsesBackToTheSameEntry) {
  DiaryEntry e = FullEntry();
  e.note = "  leading and trailing spaces  ";
  Diary diary = ParseClean(DiaryHeader() + "\n" + FormatDiaryRow(e) + "\n");
  ASSERT_EQ(diary.entries.size(), 1u);
  const DiaryEntry& back = diary.entries[0];
  EXPECT_EQ(back.date, e.date);
  EXPECT_EQ(back.during, e.during);
  EXPECT_EQ(back.after, e.after);
  EXPECT_EQ(back.morning, e.morning);
  EXPECT_EQ(back.swelling, e.swelling);
  EXPECT_EQ(back.measures, e.measures);
  EXPECT_EQ(back.flags, e.flags);
  EXPECT_EQ(back.note, e.note);
}

TEST(DiaryTest, ValidatesAGoodEntry) {
  std::string error = "stale";
  EXPECT_TRUE(ValidateEntry(FullEntry(), D("2026-03-05"), &error));
  EXPECT_EQ(error, "");
}

TEST(DiaryTest, ValidationRejectsADateAfterToday) {
  std::string error;
  EXPECT_FALSE(ValidateEntry(FullEntry(), D("2026-03-04"), &error));
  EXPECT_EQ(error, "the date 2026-03-05 is in the future (today is 2026-03-04)");
}

TEST(DiaryTest, ValidationReportsEveryProblemOnItsOwnLine) {
  DiaryEntry e = FullEntry();
  e.during = 11;
  e.morning = -1;
  e.flags = {"fever", "calfpain"};
  e.measures = {{"Flexion", 90}};
  std::string error;
  EXPECT_FALSE(ValidateEntry(e, D("2026-03-05"), &error));
  EXPECT_EQ(error,
            "pain 'during' must be a whole number from 0 to 10, got 11\n"
            "pain 'morning' must be a whole number from 0 to 10, got -1\n"
            "measure name \"Flexion\" must be made of a-z, 0-9 and '-'\n"
            "unknown flag 'calfpain', did you mean 'calf-pain'?");
}

TEST(DiaryTest, ValidationRejectsControlCharactersInTheNote) {
  DiaryEntry e = FullEntry();
  e.note = "bell\a";
  std::string error;
  EXPECT_FALSE(ValidateEntry(e, D("2026-03-05"), &error));
  EXPECT_EQ(error, "the note contains the control character U+0007");
}

TEST(DiaryTest, ValidationRejectsC1ControlsAndDeleteInTheNote) {
  for (const char* note : {"csi \xC2\x9B", "del \x7F"}) {
    DiaryEntry e = FullEntry();
    e.note = note;
    std::string error;
    EXPECT_FALSE(ValidateEntry(e, D("2026-03-05"), &error)) << note;
  }
}

TEST(DiaryTest, RejectsANoteWithAControlCharacterAtTheNote) {
  EXPECT_EQ(Errors("date,during,note\n2026-03-01,3,ring \a bell\n"),
            "diary.csv:2:14: error: 'note' contains the control character U+0007; remove it\n"
            "2026-03-01,3,ring ? bell\n"
            "             ^\n");
  EXPECT_EQ(Errors("date,note\n2026-03-01,\"esc \x1B[2J\"\n"),
            "diary.csv:2:12: error: 'note' contains the control character U+001B; remove it\n"
            "2026-03-01,\"esc ?[2J\"\n"
            "           ^\n");
}

TEST(DiaryTest, KeepsTabsAndLineBreaksInANote) {
  Diary diary = ParseClean("date,note\n2026-03-01,\"tab\there\nnext line\"\n");
  ASSERT_EQ(diary.entries.size(), 1u);
  EXPECT_EQ(diary.entries[0].note, "tab\there\nnext line");
}

TEST(DiaryTest, SaysAMeasureTooLargeForANumberIsOutOfRange) {
  EXPECT_EQ(Errors("date,measures\n2026-03-01,flexion=1e400\n"),
            "diary.csv:2:12: error: measure 'flexion' is out of range: \"1e400\" is too large or "
            "too small for a number\n"
            "2026-03-01,flexion=1e400\n"
            "           ^\n");
}

TEST(DiaryTest, ThinksAFileIsADiaryExactlyWhenItsFirstLineNamesDiaryColumns) {
  EXPECT_TRUE(LooksLikeDiary("date,during\n"));
  EXPECT_TRUE(LooksLikeDiary("note,date\nx,2026-03-01\n"));
  EXPECT_TRUE(LooksLikeDiary("\"date\",\"during\"\n"));
  EXPECT_TRUE(LooksLikeDiary("\xEF\xBB\xBF during , date\r\n"));
  EXPECT_TRUE(LooksLikeDiary("\n\nafter,during\n"));   // no date column: a bad diary
  EXPECT_TRUE(LooksLikeDiary("2026-03-01,3,2\n"));      // a diary without its header
  EXPECT_FALSE(LooksLikeDiary(""));
  EXPECT_FALSE(LooksLikeDiary("id: knee\ntitle: Knee\n"));
  EXPECT_FALSE(LooksLikeDiary("date: 2026-03-01\n"));
  EXPECT_FALSE(LooksLikeDiary("# date, during, note\nid: knee\n"));
  EXPECT_FALSE(LooksLikeDiary("---\nid: knee\n"));
}

TEST(DiaryTest, ParsesEveryHeaderThatLooksLikeADiaryAndRejectsTheRest) {
  for (const char* text : {"note,date\nx,2026-03-01\n", "\"date\",\"during\"\n2026-03-01,3\n"}) {
    EXPECT_TRUE(LooksLikeDiary(text)) << text;
    EXPECT_EQ(Errors(text), "") << text;
  }
  EXPECT_FALSE(LooksLikeDiary("id: knee\n"));
  EXPECT_EQ(Errors("id: knee\n"),
            "diary.csv:1:1: error: this is not a diary: its first line names no diary column; a "
            "diary starts with a header such as "
            "date,during,after,morning,swelling,measures,flags,note\n"
            "id: knee\n"
            "^\n");
}

}  // namespace
}  // namespace rehab
