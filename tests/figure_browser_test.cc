// Every shipped exercise figure in a real browser: a contact sheet of the
// figures, each in a cell of its own at the handout's printed size (34 mm
// wide, at most 42 mm tall), screenshot by headless Chromium and checked
// figure by figure: not blank, nothing drawn outside its viewBox (the sheet
// lets SVG overflow show, so ink past the viewBox lands beside the figure,
// where the cell must be blank, and cannot reach a neighbour unseen), and
// the same as the reference image within a tolerance.
//
// The reference lives in tests/data/figures/contact-sheet.png for review.
// After a deliberate change to a figure, regenerate it with
//   REHAB_UPDATE_GOLDEN=1 ./figure_browser_test
// and look at the new PNG before committing it.
//
// The tests skip (with the reason) only when Chromium is not installed.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli/pdf.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/figure_svg.h"
#include "planner/present/render_html.h"
#include "tests/support/png_image.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::DifferentBlocks;
using testing::Gray;
using testing::ReadFile;
using testing::ReadPng;
using testing::ScopedTempDir;
using testing::SourcePath;

constexpr char kNoChromium[] = "Chromium is not installed (Debian package 'chromium')";

// ---- The figures ----

struct SheetFigure {
  std::string id;    // the exercise
  std::string what;  // its step and side: "step 2, left"
  std::string from;  // the program whose own version it is; "" for the catalogue's
  std::string svg;
};

// Every shipped exercise at every step of its ladder for a right side (a
// step that states a range draws that angle), then each at its first step
// for a left side: a left-side patient's handout, mirrored. A program's own
// version of a catalogue exercise is drawn where it draws differently.
// Figures drawn twice with the same bytes appear once.
std::vector<SheetFigure> ShippedFigures() {
  Diagnostics diags;
  std::string catalogue_path = SourcePath("programs/exercises.yaml");
  auto catalogue = LoadCatalogueFile(ReadFile(catalogue_path), catalogue_path, &diags);
  EXPECT_TRUE(catalogue.has_value()) << diags.ToString();
  auto exercises_of_catalogue = LoadCatalogue(ReadFile(catalogue_path), catalogue_path, &diags);
  EXPECT_TRUE(exercises_of_catalogue.has_value()) << diags.ToString();
  if (!catalogue || !exercises_of_catalogue) return {};
  struct Source {
    std::string from;  // "" for the catalogue, else the program's id
    Exercise exercise;
  };
  std::vector<Source> sources;
  for (const auto& ex : *exercises_of_catalogue) sources.push_back({"", ex});
  for (const auto& id : testing::ShippedProgramIds()) {
    std::string path = SourcePath("programs/" + id + ".yaml");
    auto program = LoadProgramFromCatalogue(ReadFile(path), path, *catalogue, &diags);
    EXPECT_TRUE(program.has_value()) << diags.ToString();
    if (!program) continue;
    for (const auto& ex : program->exercises) sources.push_back({id, ex});
  }
  std::vector<SheetFigure> figures;
  std::set<std::string> drawn;
  auto add = [&](const Source& s, size_t step, Side side) {
    std::string svg = RenderFigureSvg(s.exercise, &s.exercise.ladder[step], side);
    EXPECT_FALSE(svg.empty()) << s.exercise.id << " has no figure";
    if (svg.empty() || !drawn.insert(svg).second) return;
    std::string what = fmt::format("step {}, {}", step + 1, side == Side::kLeft ? "left" : "right");
    figures.push_back({s.exercise.id, what, s.from, svg});
  };
  for (const auto& s : sources) {
    for (size_t step = 0; step < s.exercise.ladder.size(); ++step) add(s, step, Side::kRight);
  }
  for (const auto& s : sources) add(s, 0, Side::kLeft);
  return figures;
}

// ---- The sheet: cells in CSS pixels, screenshot at one device pixel each.

struct Box {
  int x = 0, y = 0, width = 0, height = 0;
};

constexpr int kColumns = 8;
constexpr int kCellWidth = 152;     // 40 mm
constexpr int kCaptionHeight = 39;  // three lines: id, step and side, program
constexpr int kCellHeight = kCaptionHeight + 182;
// The handout's figure size (planner/present/render_html.cc: max-width 34 mm,
// max-height 42 mm) at 96 CSS pixels to the inch.
constexpr double kMaxFigureWidth = 34 / 25.4 * 96;
constexpr double kMaxFigureHeight = 42 / 25.4 * 96;

struct Sheet {
  std::string html;
  int width = 0, height = 0;
  std::vector<Box> cells;    // where each figure's cell is, caption excluded
  std::vector<Box> figures;  // where each figure's viewBox is drawn
};

// The box a figure's viewBox fills at the handout's size: 34 mm wide, or
// less when that would make it taller than 42 mm.
Box FigureSize(const std::string& svg) {
  std::smatch m;
  static const std::regex kViewBox("viewBox=\"(-?[0-9.]+) (-?[0-9.]+) ([0-9.]+) ([0-9.]+)\"");
  if (!std::regex_search(svg, m, kViewBox)) return {0, 0, kCellWidth / 2, kCellWidth / 2};
  double w = std::stod(m[3]), h = std::stod(m[4]);
  double scale = std::min(kMaxFigureWidth / w, kMaxFigureHeight / h);
  return {0, 0, static_cast<int>(std::lround(w * scale)), static_cast<int>(std::lround(h * scale))};
}

Sheet LayOut(const std::vector<SheetFigure>& figures) {
  Sheet sheet;
  int rows = (static_cast<int>(figures.size()) + kColumns - 1) / kColumns;
  sheet.width = kColumns * kCellWidth;
  sheet.height = std::max(rows, 1) * kCellHeight;
  // overflow: visible shows whatever is drawn outside the viewBox (a handout
  // would clip it away) beside the figure, where the checks look for it.
  sheet.html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<style>\n"
      "body { margin: 0; background: #fff; color: #444; font: 10px/13px sans-serif; }\n"
      ".cap { position: absolute; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;"
      " text-align: center; }\n"
      ".fig { position: absolute; }\n"
      ".fig svg { display: block; width: 100%; height: 100%; overflow: visible; }\n"
      "</style>\n</head>\n<body>\n";
  for (size_t i = 0; i < figures.size(); ++i) {
    int x = static_cast<int>(i % kColumns) * kCellWidth;
    int y = static_cast<int>(i / kColumns) * kCellHeight;
    Box cell{x, y + kCaptionHeight, kCellWidth, kCellHeight - kCaptionHeight};
    Box figure = FigureSize(figures[i].svg);
    figure.x = cell.x + (cell.width - figure.width) / 2;
    figure.y = cell.y + (cell.height - figure.height) / 2;
    sheet.html += fmt::format(
        "<div class=\"cap\" style=\"left: {}px; top: {}px; width: {}px; height: {}px\">"
        "{}<br>{}<br>{}</div>\n",
        x + 2, y, kCellWidth - 4, kCaptionHeight, EscapeHtml(figures[i].id),
        EscapeHtml(figures[i].what), EscapeHtml(figures[i].from));
    sheet.html += fmt::format(
        "<div class=\"fig\" style=\"left: {}px; top: {}px; width: {}px; height: {}px\">", figure.x,
        figure.y, figure.width, figure.height);
    sheet.html += figures[i].svg + "</div>\n";
    sheet.cells.push_back(cell);
    sheet.figures.push_back(figure);
  }
  sheet.html += "</body>\n</html>\n";
  return sheet;
}

bool Screenshot(const Sheet& sheet, const std::string& path, Gray* image) {
  std::string error;
  EXPECT_TRUE(cli::ScreenshotPng(sheet.html, path, sheet.width, sheet.height, &error)) << error;
  EXPECT_TRUE(ReadPng(path, image, &error)) << error;
  EXPECT_EQ(image->width, sheet.width);
  EXPECT_EQ(image->height, sheet.height);
  return !::testing::Test::HasFailure();
}

// ---- The checks ----

// Anti-aliasing may tint a pixel or two past the viewBox's edge.
constexpr int kSlack = 2;

// Pixels of `cell` that are not paper (darker than 235: the faded start pose
// is 179) outside `figure` widened by kSlack: ink drawn outside the viewBox.
int InkOutside(const Gray& g, const Box& cell, const Box& figure) {
  int n = 0;
  for (int y = cell.y; y < cell.y + cell.height; ++y) {
    for (int x = cell.x; x < cell.x + cell.width; ++x) {
      bool inside = x >= figure.x - kSlack && x < figure.x + figure.width + kSlack &&
                    y >= figure.y - kSlack && y < figure.y + figure.height + kSlack;
      if (!inside && g.at(x, y) < 235) ++n;
    }
  }
  return n;
}

// The share of `box`'s pixels that are ink (darker than 128: the solid end
// pose, the arrow, the props' lines).
double DarkShare(const Gray& g, const Box& box) {
  int n = 0;
  for (int y = box.y; y < box.y + box.height; ++y) {
    for (int x = box.x; x < box.x + box.width; ++x) n += g.at(x, y) < 128 ? 1 : 0;
  }
  return static_cast<double>(n) / std::max(box.width * box.height, 1);
}

// The shipped figures' ink covers 16 % to 40 % of their boxes; the floor
// and props alone, or a figure that failed to draw, far less.
constexpr double kMinDarkShare = 0.08;

Gray Crop(const Gray& g, const Box& box) {
  Gray out;
  out.width = box.width;
  out.height = box.height;
  for (int y = box.y; y < box.y + box.height; ++y) {
    for (int x = box.x; x < box.x + box.width; ++x) out.pixels.push_back(g.at(x, y));
  }
  return out;
}

// ---- The shipped figures ----

// The sheet of every shipped figure, screenshot once for all its tests.
struct ShippedSheet {
  std::vector<SheetFigure> figures;
  Sheet sheet;
  Gray image;
  std::string png;  // the screenshot's file
  bool ok = false;
};

class FigureBrowserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!cli::FindChromium()) return;
    shared_ = new ShippedSheet;
    dir_ = new ScopedTempDir;
    shared_->figures = ShippedFigures();
    shared_->sheet = LayOut(shared_->figures);
    shared_->png = dir_->File("sheet.png");
    shared_->ok =
        !shared_->figures.empty() && Screenshot(shared_->sheet, shared_->png, &shared_->image);
  }
  static void TearDownTestSuite() {
    delete shared_;
    delete dir_;
    shared_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!cli::FindChromium()) GTEST_SKIP() << kNoChromium;
    ASSERT_TRUE(shared_->ok) << "the sheet could not be drawn";
  }

  static const std::vector<SheetFigure>& figures() { return shared_->figures; }
  static const Sheet& sheet() { return shared_->sheet; }
  static const Gray& image() { return shared_->image; }
  static const std::string& png() { return shared_->png; }
  static std::string Name(size_t i) {
    const SheetFigure& f = figures()[i];
    return f.id + " " + f.what + (f.from.empty() ? "" : " (" + f.from + ")");
  }

 private:
  static ShippedSheet* shared_;
  static ScopedTempDir* dir_;
};

ShippedSheet* FigureBrowserTest::shared_ = nullptr;
ScopedTempDir* FigureBrowserTest::dir_ = nullptr;

TEST_F(FigureBrowserTest, DrawsEveryExerciseOfTheCatalogueOnBothSides) {
  std::set<std::string> right, left;
  for (const auto& f : figures()) {
    (f.what.find("left") != std::string::npos ? left : right).insert(f.id);
  }
  EXPECT_GE(right.size(), 41u);
  EXPECT_EQ(left, right);
}

TEST_F(FigureBrowserTest, NoFigureIsBlank) {
  for (size_t i = 0; i < figures().size(); ++i) {
    EXPECT_GT(DarkShare(image(), sheet().figures[i]), kMinDarkShare) << Name(i) << " is blank";
  }
}

TEST_F(FigureBrowserTest, NothingIsDrawnOutsideAFiguresViewBox) {
  for (size_t i = 0; i < figures().size(); ++i) {
    EXPECT_EQ(InkOutside(image(), sheet().cells[i], sheet().figures[i]), 0)
        << Name(i) << " draws outside its viewBox (clipped in a handout, or over its neighbour)";
  }
}

TEST_F(FigureBrowserTest, MatchesTheReferenceImage) {
  std::string golden = testing::DataPath("figures/contact-sheet.png");
  if (testing::UpdatingGolden()) {
    std::filesystem::create_directories(std::filesystem::path(golden).parent_path());
    std::filesystem::copy_file(png(), golden, std::filesystem::copy_options::overwrite_existing);
    return;
  }
  Gray reference;
  std::string error;
  ASSERT_TRUE(ReadPng(golden, &reference, &error))
      << golden << ": " << error << " (create it with REHAB_UPDATE_GOLDEN=1)";
  ASSERT_EQ(reference.width, image().width)
      << "regenerate " << golden << " with REHAB_UPDATE_GOLDEN=1";
  ASSERT_EQ(reference.height, image().height)
      << "the sheet has a different number of figures; regenerate " << golden
      << " with REHAB_UPDATE_GOLDEN=1 and review it";
  // Figure by figure (the captions' text left out): a figure that moved,
  // lost a limb or changed its pose changes several of its blocks.
  for (size_t i = 0; i < figures().size(); ++i) {
    EXPECT_LE(DifferentBlocks(Crop(image(), sheet().cells[i]), Crop(reference, sheet().cells[i])),
              0.03)
        << Name(i) << " differs from " << golden << "; if the change is intended, regenerate "
        << "with REHAB_UPDATE_GOLDEN=1 and review the image";
  }
  EXPECT_LT(DifferentBlocks(image(), reference), 0.01) << "differs from " << golden;
}

// ---- The checks can fail ----

SheetFigure MiniSquat() {
  Diagnostics diags;
  std::string path = SourcePath("programs/exercises.yaml");
  auto catalogue = LoadCatalogue(ReadFile(path), path, &diags);
  EXPECT_TRUE(catalogue.has_value()) << diags.ToString();
  for (const auto& ex : *catalogue) {
    if (ex.id == "mini-squat") {
      return {ex.id, "step 1, right", "", RenderFigureSvg(ex, &ex.ladder[0], Side::kRight)};
    }
  }
  ADD_FAILURE() << "no mini-squat";
  return {};
}

// The figure with its viewBox cut to `share` of its width and height: the
// drawing runs past its right and bottom edges.
std::string ShrinkViewBox(const std::string& svg, double share) {
  std::smatch m;
  std::regex box("viewBox=\"(-?[0-9.]+) (-?[0-9.]+) ([0-9.]+) ([0-9.]+)\"");
  EXPECT_TRUE(std::regex_search(svg, m, box));
  std::string smaller = fmt::format("viewBox=\"{} {} {:.1f} {:.1f}\"", m[1].str(), m[2].str(),
                                    std::stod(m[3]) * share, std::stod(m[4]) * share);
  return std::regex_replace(svg, box, smaller, std::regex_constants::format_first_only);
}

TEST(FigureClipCheckTest, CatchesAFigureDrawnPastItsViewBox) {
  if (!cli::FindChromium()) GTEST_SKIP() << kNoChromium;
  SheetFigure whole = MiniSquat();
  SheetFigure cut = whole;
  cut.svg = ShrinkViewBox(whole.svg, 0.7);
  Sheet sheet = LayOut({whole, cut});
  ScopedTempDir dir;
  Gray image;
  ASSERT_TRUE(Screenshot(sheet, dir.File("cut.png"), &image));
  EXPECT_EQ(InkOutside(image, sheet.cells[0], sheet.figures[0]), 0);
  EXPECT_GT(InkOutside(image, sheet.cells[1], sheet.figures[1]), 50);
}

TEST(FigureClipCheckTest, CatchesAFigureThatDrawsNothing) {
  if (!cli::FindChromium()) GTEST_SKIP() << kNoChromium;
  SheetFigure whole = MiniSquat();
  SheetFigure empty = whole;
  empty.svg =
      std::regex_replace(whole.svg, std::regex("<(polyline|circle|rect|path|polygon)[^>]*>"), "");
  Sheet sheet = LayOut({whole, empty});
  ScopedTempDir dir;
  Gray image;
  ASSERT_TRUE(Screenshot(sheet, dir.File("empty.png"), &image));
  EXPECT_GT(DarkShare(image, sheet.figures[0]), kMinDarkShare);
  EXPECT_LT(DarkShare(image, sheet.figures[1]), kMinDarkShare);
}

}  // namespace
}  // namespace rehab
