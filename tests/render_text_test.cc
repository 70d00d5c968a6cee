// Tests for the terminal plan (planner/present/render_text.cc): the dose of
// each day as `explain` gives it, 100 columns, the header, and one line per
// day and decision for dose changes.
#include "planner/present/render_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "planner/base/utf8.h"
#include "tests/support/plan_builder.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::DataPath;
using testing::ReadFile;
using testing::RunBinary;

using testing::Lines;

// The characters of a UTF-8 line, one string each.
std::vector<std::string> Characters(const std::string& line) {
  std::vector<std::string> out;
  for (char c : line) {
    if (IsUtf8Continuation(c) && !out.empty()) {
      out.back() += c;
    } else {
      out.emplace_back(1, c);
    }
  }
  return out;
}

TEST(RenderTextTest, EveryLineOfEveryGoldenTextPlanFitsIn100Columns) {
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(DataPath("golden/expected"))) {
    std::string path = entry.path().string();
    if (!path.ends_with(".text.expected")) continue;
    ++files;
    for (const auto& line : Lines(ReadFile(path))) {
      EXPECT_LE(CountCharacters(line), 100u) << path << ":\n" << line;
    }
  }
  EXPECT_EQ(files, 27);  // 8 programs x 3 diaries, the care team's red flag, 2 in Spanish
}

TEST(RenderTextTest, TheHeaderNamesThePatientsSideAndTimeZone) {
  Plan plan = testing::DailyPlan({.timezone = "Europe/Berlin"});
  plan.patient.side = Side::kLeft;
  std::vector<std::string> lines = Lines(RenderText(plan));
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[1], "Patient p-001 · affected: left leg · time zone Europe/Berlin");
}

TEST(RenderTextTest, APlanWithoutAPatientFileNeverSaysPatientPatient) {
  Plan plan = testing::DailyPlan({.timezone = "UTC"});
  plan.patient.id = Patient{}.id;
  std::string text = RenderText(plan);
  EXPECT_EQ(text.find("patient patient"), std::string::npos) << text;
  EXPECT_EQ(text.find("Patient patient"), std::string::npos) << text;
  EXPECT_EQ(Lines(text)[1], "Affected: right leg · time zone UTC");
}

// The golden plan for total knee replacement with the flare diary.
// The golden flare plan; `plan` shows every week (--all), past ones too.
std::vector<std::string> GoldenArgs(const std::string& verb) {
  std::vector<std::string> args = {verb,        "total-knee-replacement",
                                   "--patient", DataPath("golden/total-knee-replacement.yaml"),
                                   "--diary",   DataPath("golden/flare.csv"),
                                   "--today",   "2026-11-23",
                                   "--weeks",   "5"};
  if (verb == "plan") args.push_back("--all");
  return args;
}

TEST(RenderTextTest, OneDecisionOverManyExercisesIsOneLineOfItsDay) {
  testing::RunResult run = RunBinary(GoldenArgs("plan"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  int lines = 0;
  for (const auto& line : Lines(run.out)) lines += line.starts_with("  Mon 2026-11-09 · ");
  EXPECT_EQ(lines, 1) << run.out;
  EXPECT_NE(run.out.find("  Mon 2026-11-09 · Step up: Ankle pumps, Heel slide, Heel prop"),
            std::string::npos)
      << run.out;
}

TEST(RenderTextTest, TheNotesOfAWeekAreInDateOrder) {
  testing::RunResult run = RunBinary(GoldenArgs("plan"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string previous;
  for (const auto& line : Lines(run.out)) {
    if (line.starts_with("Week ")) previous.clear();
    // "  Mon 2026-11-09 · ..."
    if (line.size() > 20 && line.starts_with("  ") && line[2] != ' ' && line[5] == ' ' &&
        ParseDate(line.substr(6, 10)) && line.substr(16, 4) == " \u00b7 ") {
      std::string date = line.substr(6, 10);
      EXPECT_LE(previous, date) << line;
      previous = date;
    }
  }
}

// Each exercise's dose in the text plan's row marked on `date`:
// "Heel slide" -> "2 sets of 10, hold 3 seconds · right leg · step 1/3".
std::map<std::string, std::string> TextDoses(const std::string& text, const std::string& date) {
  std::vector<std::string> lines = Lines(text);
  std::map<std::string, std::string> doses;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].starts_with("Week ")) continue;
    // Which column: the week's days run from its first date.
    const std::string dot = " \u00b7 ";  // "Week 3 · Mon 2026-11-16 to ..."
    Date first = *ParseDate(lines[i].substr(lines[i].find(dot) + dot.size() + 4, 10));
    Date wanted = *ParseDate(date);
    int day = (wanted - first).count();
    if (day < 0 || day > 6) continue;
    std::vector<std::string> header = Characters(lines[i + 1]);
    size_t start = 0;  // of the marks: the names end there
    while (start + 1 < header.size() && header[start] == " ") ++start;
    size_t column = start + static_cast<size_t>(day) * 3;
    size_t dose_at = start + 7 * 3 + 1;
    // The week's rows, up to the blank line after it; a row's dose may go on
    // under the dose column.
    for (size_t r = i + 2; r < lines.size() && !lines[r].empty(); ++r) {
      if (lines[r].starts_with("   ")) continue;
      std::vector<std::string> chars = Characters(lines[r]);
      if (chars.size() <= dose_at || chars[column] == "\xC2\xB7") continue;
      std::string name;
      for (size_t c = 2; c < start && c < chars.size(); ++c) name += chars[c];
      name.erase(name.find_last_not_of(' ') + 1);
      std::string dose;
      for (size_t c = dose_at; c < chars.size(); ++c) dose += chars[c];
      // A dose wrapped onto the next lines, under the dose column.
      while (r + 1 < lines.size() && lines[r + 1].starts_with(std::string(dose_at, ' '))) {
        std::string rest = lines[++r].substr(dose_at);
        dose += " " + rest;
      }
      doses[name] = dose;
    }
  }
  return doses;
}

// Each exercise's dose as `explain` words it for `date`, in the text plan's
// form: "Heel slide: 2 sets of 10, right leg (step 1 of 3)" ->
// "2 sets of 10 · right leg · step 1/3".
std::map<std::string, std::string> ExplainDoses(const std::string& explain) {
  std::map<std::string, std::string> doses;
  for (const auto& line : Lines(explain)) {
    size_t step = line.rfind(" (step ");
    size_t colon = line.find(": ");
    if (step == std::string::npos || colon == std::string::npos || !line.ends_with(")")) continue;
    std::string dose = line.substr(colon + 2, step - colon - 2);
    size_t side = dose.rfind(", ");
    std::string steps = line.substr(step + 7, line.size() - step - 8);  // "1 of 3"
    steps.replace(steps.find(" of "), 4, "/");
    doses[line.substr(0, colon)] =
        dose.substr(0, side) + " \u00b7 " + dose.substr(side + 2) + " \u00b7 step " + steps;
  }
  return doses;
}

TEST(RenderTextTest, TheTextPlanShowsEachDaysDoseAsExplainDoes) {
  testing::RunResult plan = RunBinary(GoldenArgs("plan"));
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  // Week 3 of the flare plan: doses step back on Saturday and again on Sunday.
  for (const char* date : {"2026-11-16", "2026-11-20", "2026-11-21", "2026-11-22"}) {
    std::vector<std::string> args = GoldenArgs("explain");
    args.insert(args.end(), {"--date", date});
    testing::RunResult explain = RunBinary(args);
    ASSERT_EQ(explain.exit_code, 0) << explain.err;
    std::map<std::string, std::string> expected = ExplainDoses(explain.out);
    ASSERT_FALSE(expected.empty()) << explain.out;
    std::map<std::string, std::string> shown = TextDoses(plan.out, date);
    for (const auto& [name, dose] : expected) {
      EXPECT_EQ(shown[name], dose) << date << " " << name;
    }
  }
}

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

TEST(RenderTextTest, MondayOfIsTheMondayOfTheWeekMondayToSunday) {
  EXPECT_EQ(MondayOf(D(2026, 11, 30)), D(2026, 11, 30));  // a Monday
  EXPECT_EQ(MondayOf(D(2026, 12, 2)), D(2026, 11, 30));   // a Wednesday
  EXPECT_EQ(MondayOf(D(2026, 12, 6)), D(2026, 11, 30));   // a Sunday
  EXPECT_EQ(MondayOf(D(2027, 1, 1)), D(2026, 12, 28));    // across the year
}

TEST(RenderTextTest, AWindowIsItsDaysWithinThePlan) {
  Plan plan = testing::DailyPlan({.start = D(2026, 3, 1), .days = 28});
  EXPECT_EQ(WindowDays(plan, {}), (std::pair<size_t, size_t>{0, 28}));
  EXPECT_EQ(WindowDays(plan, {.from = D(2026, 3, 10)}), (std::pair<size_t, size_t>{9, 28}));
  EXPECT_EQ(WindowDays(plan, {.from = D(2026, 3, 10), .weeks = 1}),
            (std::pair<size_t, size_t>{9, 16}));
  EXPECT_EQ(WindowDays(plan, {.from = D(2026, 3, 26), .weeks = 2}),
            (std::pair<size_t, size_t>{25, 28}));
  EXPECT_EQ(WindowDays(plan, {.from = D(2026, 2, 1), .weeks = 1}),
            (std::pair<size_t, size_t>{0, 7}));
  EXPECT_EQ(WindowDays(plan, {.from = D(2026, 3, 29)}), (std::pair<size_t, size_t>{28, 28}));
}

TEST(RenderTextTest, AWindowShowsItsWeeksAndSaysWhichPartOfThePlanTheyAre) {
  Plan plan = testing::DailyPlan({.start = D(2026, 3, 2), .days = 28});
  std::string text = RenderText(plan, {.from = D(2026, 3, 9), .weeks = 2});
  std::vector<std::string> weeks;
  for (const auto& line : Lines(text)) {
    if (line.starts_with("Week")) weeks.push_back(line.substr(0, line.find(" · Early")));
  }
  EXPECT_EQ(weeks, (std::vector<std::string>{"Week 2 · Mon 2026-03-09 to Sun 2026-03-15",
                                             "Week 3 · Mon 2026-03-16 to Sun 2026-03-22"}))
      << text;
  EXPECT_NE(text.find("Shown: Mon 2026-03-09 to Sun 2026-03-22 (plan 2026-03-02 to 2026-03-29; "
                      "--all shows every week)."),
            std::string::npos)
      << text;
  EXPECT_EQ(RenderText(plan).find("Shown: "), std::string::npos);
}

TEST(RenderTextTest, AWindowAfterThePlanShowsNoWeekAndSaysSo) {
  Plan plan = testing::DailyPlan({.start = D(2026, 3, 2), .days = 7});
  std::string text = RenderText(plan, {.from = D(2026, 4, 1)});
  EXPECT_EQ(text.find("Week 1"), std::string::npos) << text;
  EXPECT_NE(text.find("No week shown: Wed 2026-04-01 is after the plan's last day, Sun "
                      "2026-03-08."),
            std::string::npos)
      << text;
}

TEST(RenderTextTest, TheStyledLinesAreTheTextWithHeadingsMarked) {
  Plan plan = testing::DailyPlan({.start = D(2026, 3, 2), .days = 14});
  StyledText lines = RenderTextLines(plan);
  EXPECT_EQ(PlainText(lines), RenderText(plan));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().style, LineStyle::kHeading);  // the program's title
  for (const auto& line : lines) {
    bool heading = line.text.starts_with("Week ") || line.text == "Phases" ||
                   line.text == "What to log in your diary";
    if (heading) {
      EXPECT_EQ(line.style, LineStyle::kHeading) << line.text;
    }
    if (line.text.starts_with("  ")) {
      EXPECT_EQ(line.style, LineStyle::kPlain) << line.text;
    }
  }
}

TEST(RenderTextTest, AnAlertsHeadlineIsMarkedAsOneAndItsOtherLinesAsAlert) {
  Plan plan = testing::DailyPlan({.start = D(2026, 3, 2), .days = 7});
  Alert alert;
  alert.kind = AlertKind::kRedFlag;
  alert.date = plan.today;
  alert.active = true;
  alert.urgency = Urgency::kEmergency;
  alert.stops = RedFlagStops::kAll;
  alert.text = Message::Verbatim("Chest pain");
  alert.action = Message::Verbatim("Call for help");
  plan.alerts.push_back(alert);
  StyledText lines = RenderTextLines(plan);
  auto find = [&](const std::string& start) {
    return std::find_if(lines.begin(), lines.end(),
                        [&](const StyledLine& l) { return l.text.starts_with(start); });
  };
  ASSERT_NE(find("!! Call"), lines.end());
  EXPECT_EQ(find("!! Call")->style, LineStyle::kAlertHeadline);
  ASSERT_NE(find("   Chest pain"), lines.end());
  EXPECT_EQ(find("   Chest pain")->style, LineStyle::kAlert);
  EXPECT_EQ(find("   Stop all your exercises")->style, LineStyle::kAlert);
}

}  // namespace
}  // namespace rehab
