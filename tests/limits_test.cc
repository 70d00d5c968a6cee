// Tests for planner/limits: hostile or broken input gets a clear message
// instead of a crash, a hang or exhausted memory.
#include "planner/base/limits.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"

namespace rehab {
namespace {

std::string ProgramErrors(const std::string& text) {
  Diagnostics diags;
  EXPECT_FALSE(LoadProgram(text, "p.yaml", {}, &diags).has_value());
  return diags.ToString();
}

TEST(LimitsTest, RejectsABillionLaughsDocumentQuicklyWithAMessage) {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    text += fmt::format("{}: &{} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n", c, c,
                        fmt::arg("p", std::string(1, prev)));
  }
  std::string errors = ProgramErrors(text);
  EXPECT_NE(errors.find("more than 64 aliases"), std::string::npos) << errors;
}

TEST(LimitsTest, RejectsDeepFlowNesting) {
  std::string text = "id: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  EXPECT_EQ(ProgramErrors(text).substr(0, 48), "p.yaml:1:36: error: nesting deeper than 32 level");
}

TEST(LimitsTest, RejectsDeepBlockNesting) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += std::string(i * 2, ' ') + "k:\n";
  EXPECT_NE(ProgramErrors(text).find("nesting deeper than 32 levels"), std::string::npos);
}

TEST(LimitsTest, RejectsUtf16Text) {
  EXPECT_EQ(ProgramErrors(std::string("\xFF\xFEi\0d\0", 6)),
            "p.yaml: error: the file is UTF-16 text: save it as UTF-8\n");
}

TEST(LimitsTest, RejectsBinaryGarbageAtTheFirstNulByte) {
  EXPECT_EQ(ProgramErrors(std::string("id: x\nab\0cd", 11)),
            "p.yaml:2:3: error: the file holds a NUL byte: it is not a text file\n"
            "ab?cd\n"
            "  ^\n");
}

TEST(LimitsTest, RejectsInvalidUtf8WithItsPlace) {
  EXPECT_EQ(ProgramErrors("id: caf\xE9\n"),
            "p.yaml:1:8: error: invalid UTF-8 (byte 0xE9): save the file as UTF-8\n"
            "id: caf?\n"
            "       ^\n");
}

TEST(LimitsTest, AcceptsMultiByteUtf8) {
  Diagnostics diags;
  EXPECT_TRUE(CheckTextInput("name: Kniebeuge für Ältere, Γόνατο, 膝\n", "p.yaml", &diags));
}

TEST(LimitsTest, RejectsFilesOverFourMebibytes) {
  std::string text(kMaxInputBytes + 1, 'x');
  EXPECT_EQ(ProgramErrors(text), fmt::format("p.yaml: error: the file is {} bytes, over the limit "
                                             "of 4 MiB\n",
                                             kMaxInputBytes + 1));
}

TEST(LimitsTest, RejectsADiaryWithBinaryContent) {
  Diagnostics diags;
  ParseDiary(std::string("date,during\n2026-12-01,\0\n", 25), "d.csv", &diags);
  EXPECT_NE(diags.ToString().find("d.csv:2:12: error: the file holds a NUL byte"),
            std::string::npos)
      << diags.ToString();
}

TEST(LimitsTest, AcceptsAByteOrderMarkAndCrlfInAProgram) {
  Diagnostics diags;
  std::string text =
      "\xEF\xBB\xBFid: x\r\ntitle: X\r\nversion: 1\r\ncondition: C\r\nanchor: start\r\n"
      "sources:\r\n  - {id: S, citation: C}\r\nexercises:\r\n  - id: e\r\n    name: E\r\n"
      "    kind: stretch\r\n    instructions: I\r\n    ladder: [{hold: 30}]\r\nphases:\r\n"
      "  - {id: one, title: One, start: 0d, end: 1w, exercises: [e]}\r\n";
  auto p = LoadProgram(text, "p.yaml", {}, &diags);
  EXPECT_TRUE(p.has_value()) << diags.ToString();
}

}  // namespace
}  // namespace rehab
