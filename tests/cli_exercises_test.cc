// End-to-end tests of `rehab exercises` on the built binary: the catalogue
// listed and filtered by target, kind and equipment; unknown values refused
// with the valid ones; `rehab show exercises` pointing to it.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

// The first column of each line after the heading: the listed ids.
std::vector<std::string> Ids(const std::string& table) {
  std::vector<std::string> ids;
  size_t pos = table.find('\n');
  while (pos != std::string::npos && pos + 1 < table.size()) {
    size_t end = table.find(' ', pos + 1);
    ids.push_back(table.substr(pos + 1, end - pos - 1));
    pos = table.find('\n', pos + 1);
  }
  return ids;
}

TEST(CliExercisesTest, ListsTheWholeCatalogueWithItsColumns) {
  RunResult r = RunBinary({"exercises"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("id ")) << r.out;
  for (const char* column : {"name", "kind", "targets", "equipment"}) {
    EXPECT_TRUE(Contains(r.out.substr(0, r.out.find('\n')), column)) << column;
  }
  EXPECT_TRUE(Contains(r.out, "\nbridge ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "\nankle-pumps ")) << r.out;
  EXPECT_GT(Ids(r.out).size(), 30u);
}

TEST(CliExercisesTest, FiltersCombine) {
  RunResult r = RunBinary(
      {"exercises", "--target", "quadriceps", "--kind", "strength", "--equipment", "band"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Ids(r.out), std::vector<std::string>{"terminal-knee-extension"}) << r.out;
}

TEST(CliExercisesTest, EachFilterNarrowsTheList) {
  RunResult all = RunBinary({"exercises"});
  RunResult quads = RunBinary({"exercises", "--target", "quadriceps"});
  RunResult stretches = RunBinary({"exercises", "--kind", "stretch"});
  ASSERT_EQ(quads.exit_code, 0) << quads.err;
  ASSERT_EQ(stretches.exit_code, 0) << stretches.err;
  EXPECT_LT(Ids(quads.out).size(), Ids(all.out).size());
  EXPECT_LT(Ids(stretches.out).size(), Ids(all.out).size());
  for (const auto& id : Ids(stretches.out)) EXPECT_TRUE(Contains(stretches.out, id + " "));
  EXPECT_TRUE(Contains(stretches.out, "calf-stretch")) << stretches.out;
  EXPECT_FALSE(Contains(stretches.out, "\nbridge ")) << stretches.out;
}

TEST(CliExercisesTest, EquipmentMatchesAWordOfIt) {
  RunResult r = RunBinary({"exercises", "--equipment", "band"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "clamshell")) << r.out;
  for (const auto& id : Ids(r.out)) EXPECT_NE(id, "bridge");
}

TEST(CliExercisesTest, FilterValuesAreTakenInAnyCase) {
  EXPECT_EQ(RunBinary({"exercises", "--kind", "Stretch"}).out,
            RunBinary({"exercises", "--kind", "stretch"}).out);
}

TEST(CliExercisesTest, AnUnknownKindListsTheKindsAndTheClosest) {
  RunResult r = RunBinary({"exercises", "--kind", "strech"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "rehab: unknown --kind 'strech', did you mean 'stretch'?\n"
            "rehab: the kinds are: balance, cardio, mobility, modality, strength, stretch\n");
}

TEST(CliExercisesTest, AnUnknownTargetListsTheTargets) {
  RunResult r = RunBinary({"exercises", "--target", "quadricep"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(
      r.err.starts_with("rehab: unknown --target 'quadricep', did you mean "
                        "'quadriceps'?\nrehab: the targets are: "))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "hamstrings, ")) << r.err;
}

TEST(CliExercisesTest, EquipmentNoExerciseNeedsListsTheEquipment) {
  RunResult r = RunBinary({"exercises", "--equipment", "rowing machine"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(
      r.err.starts_with("rehab: no exercise needs equipment 'rowing machine'\n"
                        "rehab: the equipment is: "))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "resistance band")) << r.err;
}

TEST(CliExercisesTest, JsonHasTheSameExercises) {
  RunResult text = RunBinary({"exercises", "--kind", "balance"});
  RunResult json = RunBinary({"exercises", "--kind", "balance", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json list = nlohmann::json::parse(json.out);
  std::vector<std::string> ids;
  for (const auto& e : list) {
    ids.push_back(e["id"]);
    EXPECT_EQ(e["kind"], "balance");
    EXPECT_TRUE(e["targets"].is_array());
    EXPECT_TRUE(e["equipment"].is_array());
  }
  EXPECT_EQ(ids, Ids(text.out));
}

TEST(CliExercisesTest, AProgramsExercisesInsteadOfTheCatalogue) {
  RunResult r = RunBinary({"exercises", "--program", SourcePath("examples/my-knee-program.yaml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> ids = Ids(r.out);
  EXPECT_LT(ids.size(), Ids(RunBinary({"exercises"}).out).size());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "quad-set"), ids.end()) << r.out;
}

TEST(CliExercisesTest, ShowExercisesPointsToTheExercisesVerb) {
  RunResult r = RunBinary({"show", "exercises"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "rehab: 'show' prints a program; 'rehab exercises' lists the catalogue's exercises "
            "(--target, --kind, --equipment filter them)\n");
}

TEST(CliExercisesTest, HelpListsEveryOption) {
  RunResult r = RunBinary({"exercises", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* option : {"--target", "--kind", "--equipment", "--program", "--format"}) {
    EXPECT_TRUE(Contains(r.out, "\n  " + std::string(option) + " ")) << option << "\n" << r.out;
  }
}

TEST(CliExercisesTest, TheTopLevelHelpNamesTheVerb) {
  RunResult r = RunBinary({"--help"});
  EXPECT_TRUE(Contains(r.out, "  exercises  ")) << r.out;
}

}  // namespace
}  // namespace rehab::testing
