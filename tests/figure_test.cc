// Exercise figures (planner/present/figure_svg.h, planner/load/
// illustration_reader.cc, cli/figure.cc): the angles drawn are the pose
// data's, a ladder step's range is the angle drawn, left mirrors right, the
// bytes are stable, and the contact sheet docs/exercises.md is up to date
// (REHAB_UPDATE_GOLDEN=1 rewrites it and docs/exercises/*.svg).
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "planner/load/yaml_loader.h"
#include "planner/present/figure_geometry.h"
#include "planner/present/figure_svg.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::Contains;
using testing::ReadFile;
using testing::RunBinary;
using testing::SourcePath;

constexpr double kTolerance = 1.0;  // degrees

std::vector<Exercise> Catalogue() {
  Diagnostics diags;
  std::string path = SourcePath("programs/exercises.yaml");
  auto loaded = LoadCatalogue(ReadFile(path), path, &diags);
  EXPECT_TRUE(loaded.has_value()) << diags.ToString();
  return loaded ? *loaded : std::vector<Exercise>{};
}

// Every shipped exercise: the catalogue's, and each program's own version.
std::vector<Exercise> ShippedExercises() {
  std::vector<Exercise> out = Catalogue();
  Diagnostics diags;
  std::string catalogue_path = SourcePath("programs/exercises.yaml");
  auto catalogue = LoadCatalogueFile(ReadFile(catalogue_path), catalogue_path, &diags);
  for (const auto& id : testing::ShippedProgramIds()) {
    std::string path = SourcePath("programs/" + id + ".yaml");
    auto program = LoadProgramFromCatalogue(ReadFile(path), path, *catalogue, &diags);
    EXPECT_TRUE(program.has_value()) << diags.ToString();
    if (program) out.insert(out.end(), program->exercises.begin(), program->exercises.end());
  }
  return out;
}

Exercise Find(const std::string& id) {
  for (const auto& ex : Catalogue()) {
    if (ex.id == id) return ex;
  }
  ADD_FAILURE() << "no exercise " << id;
  return {};
}

double Degrees(double radians) { return radians * 180 / std::numbers::pi; }

// ---- Angles measured back from the 3D points (independent of the code
// that posed them: only dot products of the drawn segments).

double AngleBetween(Vec3 a, Vec3 b) {
  double c = Dot(a, b) / (Length(a) * Length(b));
  return Degrees(std::acos(std::clamp(c, -1.0, 1.0)));
}

struct Measured {
  double hip, abduction, knee, ankle;
};

Measured MeasureLeg(const BodyPoints& b, const LegPoints& l, double side) {
  Vec3 thigh = l.knee - l.hip, shank = l.ankle - l.knee, foot = l.toe - l.heel;
  thigh = (1 / Length(thigh)) * thigh;
  Measured m;
  m.abduction = Degrees(std::asin(Dot(thigh, side * b.lateral)));
  m.hip = Degrees(std::atan2(Dot(thigh, b.anterior), -Dot(thigh, b.up)));
  m.knee = AngleBetween(thigh, shank);
  m.ankle = 90 - AngleBetween(foot, l.knee - l.ankle);
  return m;
}

void ExpectLegMatches(const BodyPoints& b, const LegPoints& l, double side, const LegPose& want,
                      const std::string& what) {
  Measured m = MeasureLeg(b, l, side);
  EXPECT_NEAR(m.abduction, want.abduction, kTolerance) << what;
  EXPECT_NEAR(m.hip, want.hip, kTolerance) << what;
  EXPECT_NEAR(m.knee, std::abs(want.knee), kTolerance) << what;
  EXPECT_NEAR(m.ankle, want.ankle, kTolerance) << what;
}

// ---- Angles measured from the SVG's own coordinates.

struct SvgPoint {
  double x, y;
};

// The points of the polyline with `cls`; empty when there is none.
std::vector<SvgPoint> Polyline(const std::string& svg, const std::string& cls) {
  std::regex re("<polyline class=\"" + cls + "\" points=\"([^\"]*)\"");
  std::smatch m;
  std::vector<SvgPoint> out;
  if (!std::regex_search(svg, m, re)) return out;
  std::string points = m[1];
  std::regex pair("(-?[0-9.]+),(-?[0-9.]+)");
  for (auto it = std::sregex_iterator(points.begin(), points.end(), pair);
       it != std::sregex_iterator(); ++it) {
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2])});
  }
  return out;
}

double Angle2(SvgPoint a, SvgPoint b) {
  double c = (a.x * b.x + a.y * b.y) / (std::hypot(a.x, a.y) * std::hypot(b.x, b.y));
  return Degrees(std::acos(std::clamp(c, -1.0, 1.0)));
}
SvgPoint Minus(SvgPoint a, SvgPoint b) { return {a.x - b.x, a.y - b.y}; }

// The working knee's angle as drawn in `phase` ("start" or "end").
double DrawnKnee(const std::string& svg, const std::string& phase) {
  auto leg = Polyline(svg, "leg working " + phase);
  if (leg.size() != 3) {
    ADD_FAILURE() << "no working leg in the " << phase << " pose";
    return -1;
  }
  return Angle2(Minus(leg[1], leg[0]), Minus(leg[2], leg[1]));
}

TEST(FigureTest, EveryShippedExerciseHasAnIllustration) {
  for (const auto& ex : ShippedExercises()) EXPECT_TRUE(ex.illustration) << ex.id;
}

TEST(FigureTest, DrawnJointAnglesEqualThePoseDataWithinADegree) {
  for (const auto& ex : ShippedExercises()) {
    const Illustration& ill = *ex.illustration;
    for (size_t step = 0; step < ex.ladder.size(); ++step) {
      PosePair poses = PosesForRange(ill, ex.ladder[step].range);
      for (const auto& [name, pose] : {std::pair{"start", poses.start}, {"end", poses.end}}) {
        std::string what = fmt::format("{} step {} {}", ex.id, step + 1, name);
        BodyPoints b = PoseBody(ill.position, pose);
        ExpectLegMatches(b, b.working, 1, pose.working, what + " working leg");
        ExpectLegMatches(b, b.other, -1, pose.other, what + " other leg");
      }
    }
  }
}

// In a side view the legs move in the picture's plane: the knee drawn in the
// SVG is the knee of the data.
TEST(FigureTest, SideViewSvgShowsTheKneeAngleOfThePose) {
  for (const auto& ex : ShippedExercises()) {
    const Illustration& ill = *ex.illustration;
    if (ill.view != FigureView::kSide || ill.position == BodyPosition::kSideLying) continue;
    PosePair poses = PosesForRange(ill, ex.ladder[0].range);
    std::string svg = RenderFigureSvg(ex, &ex.ladder[0], Side::kRight);
    EXPECT_NEAR(DrawnKnee(svg, "end"), std::abs(poses.end.working.knee), kTolerance) << ex.id;
    if (!(poses.start == poses.end)) {
      EXPECT_NEAR(DrawnKnee(svg, "start"), std::abs(poses.start.working.knee), kTolerance) << ex.id;
    }
  }
}

TEST(FigureTest, EachMiniSquatStepIsDrawnToTheRangeItStates) {
  Exercise ex = Find("mini-squat");
  ASSERT_EQ(ex.ladder[0].range, "0-30 degrees");
  ASSERT_EQ(ex.ladder[1].range, "0-40 degrees");
  EXPECT_NEAR(DrawnKnee(RenderFigureSvg(ex, &ex.ladder[0], Side::kRight), "end"), 30, kTolerance);
  EXPECT_NEAR(DrawnKnee(RenderFigureSvg(ex, &ex.ladder[1], Side::kRight), "end"), 40, kTolerance);
  EXPECT_NEAR(DrawnKnee(RenderFigureSvg(ex, &ex.ladder[1], Side::kRight), "start"), 0, kTolerance);
}

TEST(FigureTest, EveryStatedRangeIsTheKneeAngleDrawn) {
  int checked = 0;
  for (const auto& ex : ShippedExercises()) {
    const Illustration& ill = *ex.illustration;
    if (ill.range_joint != RangeJoint::kKnee || ill.view != FigureView::kSide) continue;
    for (const auto& dose : ex.ladder) {
      auto range = ParseDegreesRange(dose.range);
      if (!range) continue;
      std::string svg = RenderFigureSvg(ex, &dose, Side::kLeft);
      EXPECT_NEAR(DrawnKnee(svg, "start"), range->from, kTolerance) << ex.id << " " << dose.range;
      EXPECT_NEAR(DrawnKnee(svg, "end"), range->to, kTolerance) << ex.id << " " << dose.range;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(FigureTest, TheMeniscusRepairHeelSlideIsDrawnToItsNinetyDegreeCap) {
  Diagnostics diags;
  std::string catalogue_path = SourcePath("programs/exercises.yaml");
  auto catalogue = LoadCatalogueFile(ReadFile(catalogue_path), catalogue_path, &diags);
  std::string path = SourcePath("programs/meniscus-repair.yaml");
  auto program = LoadProgramFromCatalogue(ReadFile(path), path, *catalogue, &diags);
  ASSERT_TRUE(program) << diags.ToString();
  const Exercise* ex = program->FindExercise("heel-slide");
  ASSERT_NE(ex, nullptr);
  std::string svg = RenderFigureSvg(*ex, &ex->ladder[0], Side::kRight);
  EXPECT_NEAR(DrawnKnee(svg, "end"), 90, kTolerance);
}

// Every point of the SVG's polylines and polygons, sorted.
std::vector<std::pair<double, double>> SortedPoints(const std::string& svg, double x_sign) {
  std::regex pair("(-?[0-9]+\\.[0-9]),(-?[0-9]+\\.[0-9])");
  std::vector<std::pair<double, double>> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), pair); it != std::sregex_iterator();
       ++it) {
    out.push_back({x_sign * std::stod((*it)[1]) + 0.0, std::stod((*it)[2])});
  }
  std::sort(out.begin(), out.end());
  return out;
}

// As a set: a mirrored polyline may list its ends the other way round.
TEST(FigureTest, TheLeftSideIsTheRightSideMirroredExactly) {
  for (const auto& ex : ShippedExercises()) {
    std::string right = RenderFigureSvg(ex, &ex.ladder[0], Side::kRight);
    std::string left = RenderFigureSvg(ex, &ex.ladder[0], Side::kLeft);
    auto r = SortedPoints(right, 1);
    ASSERT_GT(r.size(), 10u) << ex.id;
    EXPECT_EQ(SortedPoints(left, -1), r) << ex.id;
    std::regex box("viewBox=\"(-?[0-9.]+) (-?[0-9.]+) ([0-9.]+) ([0-9.]+)\"");
    std::smatch mr, ml;
    ASSERT_TRUE(std::regex_search(right, mr, box));
    ASSERT_TRUE(std::regex_search(left, ml, box));
    EXPECT_EQ(std::stod(ml[1]), -(std::stod(mr[1]) + std::stod(mr[3]))) << ex.id;
    EXPECT_EQ(ml[2], mr[2]) << ex.id;
    EXPECT_EQ(ml[3], mr[3]) << ex.id;
  }
}

TEST(FigureTest, SameInputGivesTheSameBytes) {
  Exercise ex = Find("clamshell");
  Exercise copy = Find("clamshell");
  EXPECT_EQ(RenderFigureSvg(ex, &ex.ladder[1], Side::kLeft),
            RenderFigureSvg(copy, &copy.ladder[1], Side::kLeft));
}

TEST(FigureTest, TheTextAlternativeSaysThePositionAndTheMovement) {
  Exercise ex = Find("straight-leg-raise");
  std::string svg = RenderFigureSvg(ex, &ex.ladder[0], Side::kLeft);
  std::string text =
      "Lying on your back: your left hip bends from 0° to 45°. Grey shows where you start, "
      "black where you finish.";
  EXPECT_EQ(FigureDescription(ex, &ex.ladder[0], Side::kLeft, "en"), text);
  EXPECT_TRUE(Contains(svg, "<title>" + text + "</title>")) << svg;
  EXPECT_TRUE(Contains(svg, "aria-label=\"" + text + "\"")) << svg;
}

TEST(FigureTest, AHeldPressSaysWhatPressesWhere) {
  Exercise ex = Find("quad-set");
  EXPECT_EQ(FigureDescription(ex, &ex.ladder[0], Side::kRight, "en"),
            "Lying on your back: press your right knee down without moving, and hold.");
}

TEST(FigureTest, TheWorkingSideFollowsThePatientsAffectedSide) {
  Exercise ex = Find("straight-leg-raise");
  EXPECT_EQ(FigureSide(ex, Side::kLeft), Side::kLeft);
  EXPECT_EQ(FigureSide(ex, Side::kRight), Side::kRight);
  ex.side = Side::kUnaffected;
  EXPECT_EQ(FigureSide(ex, Side::kLeft), Side::kRight);
  EXPECT_EQ(FigureSide(ex, Side::kRight), Side::kLeft);
  ex.side = Side::kLeft;
  EXPECT_EQ(FigureSide(ex, Side::kRight), Side::kLeft);
}

TEST(FigureTest, AnExerciseWithoutAnIllustrationDrawsNothing) {
  Exercise ex = Find("bridge");
  ex.illustration.reset();
  EXPECT_EQ(RenderFigureSvg(ex, nullptr, Side::kRight), "");
}

// ---- The loader's checks.

std::string CatalogueErrors(const std::string& illustration) {
  std::string text =
      "exercises:\n"
      "  - id: lift\n"
      "    name: Lift\n"
      "    kind: mobility\n"
      "    instructions: Lift it.\n"
      "    ladder:\n"
      "      - {reps: 10, range: 0-30 degrees}\n"
      "    illustration:\n" +
      illustration;
  Diagnostics diags;
  diags.AddSource("c.yaml", text);
  LoadCatalogueFile(text, "c.yaml", &diags);
  return diags.ToString();
}

TEST(FigureTest, AnAngleNoKneeReachesIsRejectedAtItsPlace) {
  EXPECT_EQ(CatalogueErrors("      position: supine\n"
                            "      start: {working: {knee: 170}}\n"),
            "c.yaml:10:31: error: 'knee' is 170 degrees, beyond what a knee bends (-10 to 155)\n"
            "      start: {working: {knee: 170}}\n"
            "                              ^\n");
}

TEST(FigureTest, SittingWithoutASeatIsRejected) {
  EXPECT_EQ(CatalogueErrors("      position: sitting\n"
                            "      props: [wall]\n"
                            "      start: {}\n"),
            "c.yaml:9:17: error: position 'sitting' needs a seat among the props: chair, table, "
            "bed, bike or machine\n"
            "      position: sitting\n"
            "                ^\n");
}

TEST(FigureTest, AMisspeltBodyPointGetsASuggestion) {
  EXPECT_TRUE(Contains(CatalogueErrors("      position: supine\n"
                                       "      start: {}\n"
                                       "      moving: working-ankel\n"),
                       "unknown body point 'working-ankel', did you mean 'working-ankle'?"));
}

TEST(FigureTest, ARangeTheFigureCannotReadIsRejected) {
  std::string text =
      "exercises:\n"
      "  - id: lift\n"
      "    name: Lift\n"
      "    kind: mobility\n"
      "    instructions: Lift it.\n"
      "    illustration: {position: supine, start: {}, range: knee}\n"
      "    ladder:\n"
      "      - {reps: 10, range: most of the way}\n";
  Diagnostics diags;
  LoadCatalogueFile(text, "c.yaml", &diags);
  EXPECT_TRUE(Contains(diags.ToString(),
                       "c.yaml:7:5: error: ladder step 1 has range \"most of the way\"; the "
                       "illustration's 'range: knee' needs it as \"A-B degrees\""))
      << diags.ToString();
}

// ---- The CLI, end to end on the built binary.

TEST(FigureTest, FigureVerbWritesTheLibrarysSvgAtomically) {
  testing::ScopedTempDir dir;
  std::string out = dir.File("squat.svg");
  auto run = RunBinary({"figure", "mini-squat", "--step", "2", "--side", "left", "-o", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  Exercise ex = Find("mini-squat");
  EXPECT_EQ(ReadFile(out), RenderFigureSvg(ex, &ex.ladder[1], Side::kLeft));
}

TEST(FigureTest, FigureVerbUsesTheProgramsOwnLadder) {
  auto run = RunBinary({"figure", "heel-slide", "--program", "meniscus-repair"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NEAR(DrawnKnee(run.out, "end"), 90, kTolerance);
}

TEST(FigureTest, FigureVerbSuggestsTheClosestExerciseForAnUnknownId) {
  auto run = RunBinary({"figure", "mini-sqat", "-o", "-"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "rehab: unknown exercise 'mini-sqat', did you mean 'mini-squat'?\n");
  EXPECT_EQ(run.out, "");
}

TEST(FigureTest, FigureVerbRejectsAStepPastTheLadder) {
  auto run = RunBinary({"figure", "mini-squat", "--step", "9"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "rehab: --step must be from 1 to 3 for 'mini-squat', got 9\n");
}

TEST(FigureTest, StrictValidationListsExercisesWithoutAnIllustration) {
  testing::ScopedTempDir dir;
  std::string path = dir.File("c.yaml");
  testing::WriteFile(path,
                     "exercises:\n"
                     "  - id: lift\n"
                     "    name: Lift\n"
                     "    kind: mobility\n"
                     "    instructions: Lift it.\n"
                     "    ladder:\n"
                     "      - {reps: 10}\n");
  EXPECT_EQ(RunBinary({"validate", path}).exit_code, 0);
  auto run = RunBinary({"validate", "--strict", path});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, path + ":2:5: error: exercise 'lift' has no 'illustration' "
                                       "(--strict)"))
      << run.err;
}

TEST(FigureTest, StrictValidationAcceptsEveryShippedFile) {
  std::vector<std::string> args = {"validate", "--strict", SourcePath("programs/exercises.yaml")};
  for (const auto& id : testing::ShippedProgramIds()) {
    args.push_back(SourcePath("programs/" + id + ".yaml"));
  }
  auto run = RunBinary(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

// ---- The contact sheet.

// The figures of the sheet: each exercise at its first step, and at its
// last when its steps state ranges.
std::map<std::string, std::string> SheetFigures(std::string* markdown) {
  std::map<std::string, std::string> files;
  *markdown =
      "# Exercise figures\n\n"
      "Every exercise of the catalogue as `rehab figure` draws it for a right side (a left side "
      "is mirrored): grey where the movement starts, black where it ends, the arrow along the "
      "movement. Generated by `REHAB_UPDATE_GOLDEN=1 build/tests/figure_test`; "
      "tests/figure_test.cc checks that they are up to date, and "
      "`tests/tools/contact_sheet.py docs/exercises sheet.png` renders them with Chromium, each "
      "at its printed width of 4 cm, for review.\n\n";
  for (const auto& ex : Catalogue()) {
    std::vector<size_t> steps = {0};
    if (ex.illustration->range_joint && ex.ladder.size() > 1 &&
        ParseDegreesRange(ex.ladder.back().range)) {
      steps.push_back(ex.ladder.size() - 1);
    }
    *markdown += fmt::format("## {} (`{}`)\n\n", ex.name, ex.id);
    for (size_t step : steps) {
      std::string name = fmt::format("exercises/{}-step-{}.svg", ex.id, step + 1);
      files[name] = RenderFigureSvg(ex, &ex.ladder[step], Side::kRight);
      std::string range = ex.ladder[step].range.empty() ? "" : ", " + ex.ladder[step].range;
      *markdown += fmt::format("![{}]({})\n\nStep {}{}: {}\n\n", ex.name, name, step + 1, range,
                               FigureDescription(ex, &ex.ladder[step], Side::kRight, "en"));
    }
  }
  return files;
}

TEST(FigureTest, TheContactSheetIsUpToDate) {
  std::string markdown;
  auto files = SheetFigures(&markdown);
  for (const auto& [name, svg] : files) {
    std::string path = SourcePath("docs/" + name);
    testing::UpdateGolden(path, svg);
    EXPECT_EQ(ReadFile(path), svg) << path << " is stale: run REHAB_UPDATE_GOLDEN=1 figure_test";
  }
  std::string path = SourcePath("docs/exercises.md");
  testing::UpdateGolden(path, markdown);
  EXPECT_EQ(ReadFile(path), markdown) << "docs/exercises.md is stale";
}

}  // namespace
}  // namespace rehab
