// The patient form's file edits (server/patient_form.h): what the form does
// not touch stays byte for byte.
#include "server/patient_form.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace rehab::serve {
namespace {

using testing::Contains;

const char kCommented[] =
    "# A patient after a total knee replacement.\n"
    "id: p-0001                      # no name: an id\n"
    "program: total-knee-replacement # a built-in id\n"
    "side: right\n"
    "\n"
    "surgery:\n"
    "  procedure: total-knee-replacement\n"
    "  date: 2026-11-02\n"
    "sessions:\n"
    "  days: [mon, wed, fri]   # three days\n"
    "  times: [\"09:00\", \"17:00\"]\n"
    "overrides:\n"
    "  - exercise: bridge\n"
    "    skip: true\n"
    "care_team:\n"
    "  clinic: Lakeside\n"
    "  surgeon_team_phone: (312) 555-0100\n";

FieldValues Unchanged() { return ValuesFromYaml(kCommented); }

TEST(PatientFormTest, SavingUnchangedValuesLeavesTheFileByteForByte) {
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml(kCommented, Unchanged(), &out, &why)) << why;
  EXPECT_EQ(out, kCommented);
}

TEST(PatientFormTest, AChangedValueIsReplacedWhereItStandsKeepingItsComment) {
  FieldValues v = Unchanged();
  v["sessions.days"] = "mon, thu";
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml(kCommented, v, &out, &why)) << why;
  std::string expected = kCommented;
  expected.replace(expected.find("[mon, wed, fri]"), 15, "[mon, thu]");
  EXPECT_EQ(out, expected);
}

TEST(PatientFormTest, AMissingFieldIsAddedUnderItsParent) {
  FieldValues v = Unchanged();
  v["care_team.therapist"] = "Sam Rivera";
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml(kCommented, v, &out, &why)) << why;
  EXPECT_TRUE(Contains(out, "  surgeon_team_phone: (312) 555-0100\n  therapist: Sam Rivera\n")) << out;
  EXPECT_TRUE(Contains(out, "overrides:\n  - exercise: bridge\n    skip: true\n"));
}

TEST(PatientFormTest, AFieldWhoseParentIsMissingGetsANewBlock) {
  FieldValues v = ValuesFromYaml("id: a\nprogram: x\n");
  v["sessions.times"] = "08:00";
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml("id: a\nprogram: x\n", v, &out, &why)) << why;
  EXPECT_EQ(out, "id: a\nprogram: x\nsessions:\n  times: [\"08:00\"]\n");
}

TEST(PatientFormTest, AnEmptiedFieldLosesItsLine) {
  FieldValues v = Unchanged();
  v["care_team.surgeon_team_phone"] = "";
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml(kCommented, v, &out, &why)) << why;
  EXPECT_FALSE(Contains(out, "555-0100"));
  EXPECT_TRUE(Contains(out, "  clinic: Lakeside\n"));
}

TEST(PatientFormTest, AnAbsentKeyLeftAtWhatItMeansStaysAbsent) {
  FieldValues v = Unchanged();
  v["language"] = "en";
  v["units"] = "kg";
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml(kCommented, v, &out, &why)) << why;
  EXPECT_EQ(out, kCommented);
}

TEST(PatientFormTest, TextThatYamlWouldReadOtherwiseIsQuoted) {
  FieldValues v = Unchanged();
  v["care_team.clinic"] = "Knee: \"best\" #1";
  std::string out, why;
  ASSERT_TRUE(EditPatientYaml(kCommented, v, &out, &why)) << why;
  EXPECT_EQ(ValuesFromYaml(out)["care_team.clinic"], "Knee: \"best\" #1");
}

TEST(PatientFormTest, AMultiLineValueIsNotEditedInPlace) {
  const char text[] = "id: a\nsessions:\n  days:\n    - mon\n    - wed\n";
  FieldValues v = ValuesFromYaml(text);
  v["sessions.days"] = "tue";
  std::string out, why;
  EXPECT_FALSE(EditPatientYaml(text, v, &out, &why));
  EXPECT_TRUE(Contains(why, "several lines")) << why;
}

TEST(PatientFormTest, ANewFileSpellsOutEveryGivenField) {
  FieldValues v = {{"id", "n-1"}, {"program", "total-knee-replacement"}, {"side", "right"},
                   {"surgery.date", "2026-11-20"}, {"sessions.days", "mon, thu"},
                   {"sessions.times", "09:00, 17:00"}};
  EXPECT_EQ(NewPatientYaml(v, "# new\n"),
            "# new\nid: n-1\nprogram: total-knee-replacement\nside: right\nsurgery:\n"
            "  date: 2026-11-20\nsessions:\n  days: [mon, thu]\n  times: [\"09:00\", \"17:00\"]\n");
}

TEST(PatientFormTest, ControlCharactersAndBadIdsAreRefusedBeforeAnyYaml) {
  auto problems = CheckValues({{"id", "../x"}, {"care_team.clinic", "a\nb: c"}});
  EXPECT_TRUE(problems.count("id"));
  EXPECT_TRUE(problems.count("care_team.clinic"));
  EXPECT_TRUE(CheckValues({{"id", "p-0001"}}).empty());
}

// The exercises' table: the file's `overrides`.
std::string EditedOverrides(const std::string& text, const std::vector<OverrideRow>& rows) {
  std::string out, why;
  EXPECT_TRUE(EditOverridesYaml(text, rows, &out, &why)) << why;
  return out;
}

TEST(PatientFormTest, OverridesSayingWhatTheFileSaysLeaveItByteForByte) {
  std::vector<OverrideRow> rows = {{"ankle-pumps", 0, false, ""},
                                   {"bridge", 0, true, ""},
                                   {"quad-set", 0, false, ""}};
  EXPECT_EQ(EditedOverrides(kCommented, rows), kCommented);
}

TEST(PatientFormTest, AChangedOverrideRewritesOnlyTheOverridesBlock) {
  std::vector<OverrideRow> rows = {{"bridge", 0, true, ""}, {"straight-leg-raise", 2, false, ""}};
  std::string expected = kCommented;
  expected.replace(expected.find("care_team:"), 0,
                   "  - exercise: straight-leg-raise\n    start_step: 2\n");
  EXPECT_EQ(EditedOverrides(kCommented, rows), expected);
}

TEST(PatientFormTest, ClearingEveryOverrideRemovesTheBlock) {
  std::string expected = kCommented;
  expected.erase(expected.find("overrides:\n"),
                 std::string("overrides:\n  - exercise: bridge\n    skip: true\n").size());
  EXPECT_EQ(EditedOverrides(kCommented, {{"bridge", 0, false, ""}}), expected);
}

TEST(PatientFormTest, OverridesAreAddedAtTheEndOfAFileWithout) {
  EXPECT_EQ(EditedOverrides("id: p-1\nside: right", {{"mini-squat", 0, true, "Sore kneecap"}}),
            "id: p-1\nside: right\noverrides:\n  - exercise: mini-squat\n    skip: true\n"
            "    note: Sore kneecap\n");
}

TEST(PatientFormTest, ACommentAtTheMarginAfterTheBlockStaysWithTheNextKey) {
  const std::string text =
      "id: p-1\noverrides:\n  # skip for now\n  - exercise: bridge\n    skip: true\n\n"
      "# who to call\ncare_team:\n  clinic: X\n";
  EXPECT_EQ(EditedOverrides(text, {{"bridge", 3, false, ""}}),
            "id: p-1\noverrides:\n  - exercise: bridge\n    start_step: 3\n\n"
            "# who to call\ncare_team:\n  clinic: X\n");
}

TEST(PatientFormTest, AListAtTheMarginIsPartOfTheBlock) {
  const std::string text = "overrides:\n- exercise: bridge\n  skip: true\nside: left\n";
  EXPECT_EQ(EditedOverrides(text, {{"bridge", 0, false, "x"}}),
            "overrides:\n  - exercise: bridge\n    note: x\nside: left\n");
}

TEST(PatientFormTest, ANoteYamlWouldReadOtherwiseIsQuotedAndReadsBack) {
  const std::vector<OverrideRow> rows = {{"bridge", 0, false, "yes: \"sore\" # at night"}};
  std::string text = EditedOverrides("id: p-1\n", rows);
  EXPECT_EQ(OverridesFromYaml(text), rows) << text;
}

TEST(PatientFormTest, EachOverridesExerciseLineIsKnownForErrorsBesideItsRow) {
  auto lines = OverrideLines(kCommented);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines["bridge"], 13);
}

TEST(PatientFormTest, AnOverridesBlockInAFlowMapIsNotEdited) {
  std::string out, why;
  EXPECT_FALSE(EditOverridesYaml("{id: p-1, overrides: []}", {{"bridge", 0, true, ""}}, &out,
                                 &why));
  EXPECT_FALSE(why.empty());
}

TEST(PatientFormTest, AControlCharacterInAnOverrideNoteIsRefused) {
  auto problems = CheckOverrides({{"bridge", 0, false, "a\nb"}, {"quad-set", 0, false, "ok"}});
  EXPECT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems.count("override.bridge"));
}

}  // namespace
}  // namespace rehab::serve
