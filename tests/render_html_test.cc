// Tests of the HTML handout (planner/present/render_html.cc) and its string table
// (planner/present/strings.cc), on hand-built plans: escaping, no network resources,
// section order, red flags and alerts, units, the pain chart.
#include "planner/present/render_html.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/messages.h"
#include "support/test_util.h"
#include "tests/handout_plans.h"

namespace rehab {
namespace {

using testing::BuildHandoutPlan;
using testing::HandoutCase;

// The text of the element with id="<id>" up to the closing tag `end`.
std::string Section(const std::string& html, const std::string& id,
                    const std::string& end = "</section>") {
  size_t begin = html.find("id=\"" + id + "\"");
  if (begin == std::string::npos) return "";
  size_t stop = html.find(end, begin);
  return html.substr(begin, stop == std::string::npos ? std::string::npos : stop - begin);
}

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST(RenderHtmlTest, EscapesEveryTextTakenFromInputFiles) {
  const std::string payload = "<script>alert(1)</script>";
  const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
  auto edit = [&](Program& program) {
    program.title = payload;
    for (auto& e : program.exercises) {
      e.name = payload;
      e.instructions = payload;
      e.stop_if = payload;
      e.equipment = {payload};
    }
    for (auto& p : program.phases) p.goals = {payload};
    for (auto& f : program.red_flags) f.text = f.action = payload;
    for (auto& m : program.modalities) m.instructions = payload;
    for (auto& e : program.education) e.title = e.text = payload;
    for (auto& s : program.sources) s.citation = s.url = payload;
  };
  Plan plan = BuildHandoutPlan({.diary = true, .red_flag = true, .edit_program = edit});
  plan.patient.id = payload;
  plan.patient.procedure = payload;
  for (auto& day : plan.days) {
    for (auto& s : day.sessions) {
      // Their names are the program's exercises' names, set above.
      for (auto& e : s.exercises) testing::EditDose(&e)->note = payload;
    }
    for (auto& m : day.modalities) m.name = payload;
  }
  for (auto& p : plan.phases) p.title = payload;
  for (auto& a : plan.alerts) a.text = a.action = Message::Verbatim(payload);
  for (auto& c : plan.changes) c.reason.message = Message::Verbatim(payload);

  std::string html = RenderHtml(plan);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(1)</"), std::string::npos);
  EXPECT_NE(html.find("<h3>" + escaped + "</h3>"), std::string::npos) << "exercise name";
  EXPECT_NE(html.find("<title>" + escaped), std::string::npos) << "program title";
  EXPECT_GT(Count(html, escaped), 20);
}

TEST(RenderHtmlTest, EscapeHtmlReplacesAllFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(EscapeHtml("caf\u00e9 \u2013 ok"), "caf\u00e9 \u2013 ok");
}

TEST(RenderHtmlTest, ReferencesNoNetworkResourceAndRunsNoScript) {
  Plan plan = BuildHandoutPlan({.diary = true, .red_flag = true});
  std::string html = RenderHtml(plan);
  // The program's sources carry https addresses, which the handout leaves to
  // `rehab show`: it neither prints nor links them.
  ASSERT_NE(plan.program->sources.front().url.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  static const std::regex kRemote(
      R"re((src|href|xlink:href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:|//))re",
      std::regex::icase);
  static const std::regex kRemoteCss(R"re((url\(|@import)\s*["']?\s*(https?:|//))re",
                                     std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, kRemote));
  EXPECT_FALSE(std::regex_search(html, kRemoteCss));
  for (const char* tag : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import",
                          "@font-face", "url(", " href=", " src="}) {
    EXPECT_EQ(html.find(tag), std::string::npos) << tag;
  }
}

TEST(RenderHtmlTest, PutsTheSectionsInTheHandoutOrder) {
  Plan plan = BuildHandoutPlan({.diary = true, .red_flag = true});
  std::string html = RenderHtml(plan);
  const char* kOrder[] = {"alert",     "header",     "red-flags", "timeline",
                          "this-week", "exercises",  "ice-heat",  "pain-chart",
                          "education", "next-phase", "sources"};
  size_t previous = 0;
  for (const char* id : kOrder) {
    size_t at = html.find(std::string("id=\"") + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, previous) << id;
    previous = at;
  }
}

TEST(RenderHtmlTest, BoxesEveryRedFlagUnderCallYourDoctor) {
  Plan plan = BuildHandoutPlan({});
  std::string box = Section(RenderHtml(plan), "red-flags");
  EXPECT_NE(box.find("Warning signs and what to do"), std::string::npos);
  for (const auto& f : plan.program->red_flags) {
    EXPECT_NE(box.find(EscapeHtml(f.text)), std::string::npos) << f.id;
    EXPECT_NE(box.find(EscapeHtml(f.action)), std::string::npos) << f.id;
  }
  // Emergencies first.
  EXPECT_LT(box.find("chest pain"), box.find("Fever"));
}

TEST(RenderHtmlTest, PutsAnActiveAlertAtTheVeryTop) {
  Plan plan = BuildHandoutPlan({.red_flag = true});
  std::string html = RenderHtml(plan);
  size_t body = html.find("<body>");
  ASSERT_NE(body, std::string::npos);
  size_t first_tag = html.find('<', body + 6);
  EXPECT_EQ(html.compare(first_tag, 30, "<section class=\"alert\" id=\"ale"), 0);
  std::string alert = Section(html, "alert");
  EXPECT_NE(alert.find("Pain, swelling or tenderness in your calf"), std::string::npos);
  EXPECT_NE(alert.find("go to the emergency department today"), std::string::npos);
  EXPECT_NE(alert.find("Stop your exercises"), std::string::npos);
}

TEST(RenderHtmlTest, ShowsNoAlertBoxWhenNoAlertIsActive) {
  Plan plan = BuildHandoutPlan({.red_flag = true});
  for (auto& a : plan.alerts) a.active = false;
  EXPECT_EQ(RenderHtml(plan).find("id=\"alert\""), std::string::npos);
}

TEST(RenderHtmlTest, MarksStoppedDaysInTheWeekGrid) {
  Plan plan = BuildHandoutPlan({.red_flag = true});
  std::string grid = Section(RenderHtml(plan), "this-week");
  EXPECT_NE(grid.find("<td class=\"stop\"><strong>Stop</strong></td>"), std::string::npos);
  EXPECT_EQ(grid.find("class=\"tick\""), std::string::npos) << "no exercise boxes after a red flag";
}

TEST(RenderHtmlTest, GridHasOneTickBoxPerScheduledExercise) {
  Plan plan = BuildHandoutPlan({.today = 16});
  std::string grid = Section(RenderHtml(plan), "this-week");
  int expected = 0;
  for (int i = 0; i < 7; ++i) {
    const DayPlan* day = plan.FindDay(plan.today + date::days{i});
    ASSERT_NE(day, nullptr);
    for (const auto& s : day->sessions) expected += static_cast<int>(s.exercises.size());
    expected += static_cast<int>(day->modalities.size());
  }
  EXPECT_EQ(Count(grid, "class=\"tick\""), expected);
  EXPECT_NE(grid.find("<th class=\"today\">Today<br>18 Mar</th>"), std::string::npos) << grid;
  EXPECT_NE(grid.find("Tue<br>24 Mar"), std::string::npos);
}

TEST(RenderHtmlTest, WeekStartsAtThePlanStartWhenTodayIsOutsideThePlan) {
  Plan plan = BuildHandoutPlan({.today = 200});
  std::string html = RenderHtml(plan);
  EXPECT_NE(Section(html, "this-week").find("This week: 2 Mar to 8 Mar"), std::string::npos);
  EXPECT_NE(Section(html, "exercises").find("Early recovery"), std::string::npos);
}

TEST(RenderHtmlTest, HeaderNamesTheKneeAndThePatientsSessionDaysAndTimes) {
  Plan plan = BuildHandoutPlan({});
  plan.patient.side = Side::kLeft;
  plan.patient.session_days = {Weekday::kMon, Weekday::kWed, Weekday::kFri};
  std::string header = Section(RenderHtml(plan), "header", "</header>");
  EXPECT_NE(header.find("Surgery:</span> left knee, "), std::string::npos) << header;
  EXPECT_EQ(header.find("Total knee replacement,"), std::string::npos) << "the raw procedure";
  EXPECT_NE(header.find("When to exercise:</span> Mon, Wed, Fri at 09:00 and 17:00"),
            std::string::npos)
      << header;
  plan.patient.session_days.clear();
  header = Section(RenderHtml(plan), "header", "</header>");
  EXPECT_NE(header.find("Every day at 09:00 and 17:00"), std::string::npos) << header;
}

TEST(RenderHtmlTest, CardsGiveTheDoseInWordsWithTheSide) {
  Plan plan = BuildHandoutPlan({.today = 16});  // second phase, second week
  std::string cards = Section(RenderHtml(plan), "exercises");
  EXPECT_NE(cards.find("Building strength"), std::string::npos);
  EXPECT_NE(cards.find("3 sets of 10, hold 5 seconds, right leg"), std::string::npos);
  EXPECT_NE(cards.find("Exercise bike"), std::string::npos);
  EXPECT_NE(cards.find("</span> 10 minutes<br>"), std::string::npos) << "no side for a bike ride";
  EXPECT_NE(cards.find("Exercise 5 of 5"), std::string::npos);
  EXPECT_NE(cards.find("(end of exercise 5)"), std::string::npos);
  EXPECT_EQ(cards.find("Ankle pumps"), std::string::npos) << "not in this phase";
}

TEST(RenderHtmlTest, CardShowsADoseThatChangesLaterInTheWeek) {
  Plan plan = BuildHandoutPlan({.today = 19});  // the step-up falls on day 21
  std::string cards = Section(RenderHtml(plan), "exercises");
  EXPECT_NE(cards.find("From Monday 23 March 2026: 3 sets of 10, hold 5 seconds, right leg"),
            std::string::npos)
      << cards;
}

TEST(RenderHtmlTest, WeightsFollowThePatientUnits) {
  Plan plan = BuildHandoutPlan({.post_op = false, .units = "lb", .today = 22});
  std::string html = RenderHtml(plan);
  std::string cards = Section(html, "exercises");
  EXPECT_NE(cards.find("3 sets of 10, 4.5 lb, right leg"), std::string::npos) << cards;
  EXPECT_EQ(cards.find(" kg"), std::string::npos);
  EXPECT_NE(html.find("Weights are given in pounds (lb)."), std::string::npos);

  plan.patient.units = "kg";
  EXPECT_NE(Section(RenderHtml(plan), "exercises").find("3 sets of 10, 2 kg, right leg"),
            std::string::npos);
}

TEST(RenderHtmlTest, PainChartPlotsTheDiaryOverAShadedAcceptableBand) {
  Plan plan = BuildHandoutPlan({.diary = true, .today = 16});
  std::string chart = Section(RenderHtml(plan), "pain-chart");
  ASSERT_NE(chart.find("<svg"), std::string::npos);
  // Plot area y runs from 330 (pain 0) to 20 (pain 10): 31 units a point.
  EXPECT_NE(chart.find("<rect class=\"band\" x=\"70.0\" y=\"175.0\" width=\"915.0\" "
                       "height=\"155.0\" fill=\"#dcdcdc\"/>"),
            std::string::npos)
      << chart;
  ASSERT_EQ(Count(chart, "<polyline"), 3);
  size_t points = chart.find("points=\"");
  std::string first_line = chart.substr(points, chart.find('"', points + 8) - points);
  EXPECT_EQ(Count(first_line, ","), static_cast<int>(plan.diary.entries.size()));
  EXPECT_NE(chart.find("(0 to 5)"), std::string::npos);
}

TEST(RenderHtmlTest, BandFollowsTheProgramsAcceptablePain) {
  Plan plan = BuildHandoutPlan(
      {.diary = true, .edit_program = [](Program& p) { p.pain_rules.acceptable_max = 3; }});
  std::string chart = Section(RenderHtml(plan), "pain-chart");
  EXPECT_NE(chart.find("class=\"band\" x=\"70.0\" y=\"237.0\""), std::string::npos);
  EXPECT_NE(chart.find("(0 to 3)"), std::string::npos);
}

TEST(RenderHtmlTest, PainChartMarksWherePlanChangedWithTheReason) {
  Plan plan = BuildHandoutPlan({.diary = true, .today = 16});
  std::string chart = Section(RenderHtml(plan), "pain-chart");
  EXPECT_GE(Count(chart, "class=\"change\""), 1);
  EXPECT_NE(chart.find("When your plan changed, and why"), std::string::npos);
  EXPECT_NE(chart.find("made harder</strong>: Pain stayed at 5 or below"), std::string::npos)
      << chart;
  EXPECT_NE(chart.find("The plan changed that day"), std::string::npos) << "the marks' legend";
  EXPECT_EQ(chart.find("kept the same"), std::string::npos) << "a hold changes nothing";
}

TEST(RenderHtmlTest, PainChartSaysNoEntriesYetWithoutADiary) {
  Plan plan = BuildHandoutPlan({.diary = false});
  std::string chart = Section(RenderHtml(plan), "pain-chart");
  EXPECT_NE(chart.find("No diary entries yet"), std::string::npos);
  EXPECT_EQ(chart.find("<svg"), std::string::npos);
}

TEST(RenderHtmlTest, ListsIceWithMinutesAndTimes) {
  Plan plan = BuildHandoutPlan({.today = 16});
  std::string ice = Section(RenderHtml(plan), "ice-heat");
  EXPECT_NE(ice.find("Ice pack"), std::string::npos);
  EXPECT_NE(ice.find("15 minutes"), std::string::npos);
  EXPECT_NE(ice.find("09:30, 13:30, 17:30<br>(after exercise)"), std::string::npos) << ice;
  EXPECT_NE(ice.find("Do not use if: numb skin; poor circulation"), std::string::npos);
}

TEST(RenderHtmlTest, IceTimesAreGivenPerDayWhenTheDaysDiffer) {
  Plan plan = BuildHandoutPlan({.today = 16});
  // The second day of the week has its ice an hour later.
  DayPlan* day = nullptr;
  for (auto& d : plan.days) {
    if (d.date == plan.today + date::days{1}) day = &d;
  }
  ASSERT_NE(day, nullptr);
  ASSERT_FALSE(day->modalities.empty());
  for (auto& m : day->modalities) m.time += 60;
  std::string ice = Section(RenderHtml(plan), "ice-heat");
  EXPECT_NE(ice.find("Thu: 10:30, 14:30, 18:30"), std::string::npos) << ice;
  EXPECT_NE(ice.find("Wed, Fri, Sat, Sun, Mon, Tue: 09:30, 13:30, 17:30"), std::string::npos)
      << ice;
}

TEST(RenderHtmlTest, ChangeListShowsTheLastThreeChangeDatesWithShortDates) {
  Plan plan = BuildHandoutPlan({.diary = true, .today = 16});
  ASSERT_FALSE(plan.changes.empty());
  DoseChange up = plan.changes.front();
  up.change = StepChange::kUp;
  plan.changes.clear();
  for (int i = 0; i < 5; ++i) {
    up.date = plan.start + date::days{2 + i};
    up.reason.message = Message("test").With("date", up.date);
    plan.changes.push_back(up);
  }
  std::string chart = Section(RenderHtml(plan), "pain-chart");
  EXPECT_NE(chart.find("The last 3 of 5 changes:"), std::string::npos) << chart;
  EXPECT_EQ(Count(chart, "<tr><td class=\"mark\">"), 3);
  EXPECT_EQ(chart.find("Wed<br>4 Mar"), std::string::npos) << "an older change";
  EXPECT_NE(chart.find("Sat<br>7 Mar"), std::string::npos);
  EXPECT_EQ(chart.find("2026-03"), std::string::npos) << "no ISO dates in the handout";
}

TEST(RenderHtmlTest, ListsOnlyTheSourcesTheHandoutCites) {
  Plan plan = BuildHandoutPlan({.today = 16});
  std::string sources = Section(RenderHtml(plan), "sources");
  EXPECT_NE(sources.find("[s1]</span> Example A"), std::string::npos) << sources;
  EXPECT_EQ(sources.find("[s2]"), std::string::npos) << "cited nowhere in the handout";
}

TEST(RenderHtmlTest, ListsEverySourceOfACitedRange) {
  Plan plan = BuildHandoutPlan({.today = 16, .edit_program = [](Program& p) {
    p.sources = {{"1", "Source one.", ""}, {"2", "Source two.", ""}, {"3", "Source three.", ""}};
    p.modalities.front().instructions = "Never put ice straight on the skin [1-2].";
  }});
  std::string sources = Section(RenderHtml(plan), "sources");
  EXPECT_NE(sources.find("[1]</span> Source one."), std::string::npos) << sources;
  EXPECT_NE(sources.find("[2]</span> Source two."), std::string::npos) << sources;
  EXPECT_EQ(sources.find("[3]"), std::string::npos) << "cited nowhere in the handout";
}

TEST(RenderHtmlTest, RedFlagsSayWhomToCallOncePerUrgency) {
  Plan plan = BuildHandoutPlan({});
  std::string box = Section(RenderHtml(plan), "red-flags");
  std::set<Urgency> urgencies;
  int same_day = 0;
  for (const auto& f : plan.program->red_flags) {
    urgencies.insert(f.urgency);
    same_day += f.urgency == Urgency::kSameDay;
  }
  ASSERT_GE(same_day, 2);
  EXPECT_EQ(Count(box, "class=\"tier\""), static_cast<int>(urgencies.size())) << box;
  EXPECT_EQ(Count(box, "team today"), 1) << box;
}

// The signs after the first group run in two columns ("groups"), one block per
// urgency: an urgency's line is never inside a column, where a sign in the
// other column would have no line above it.
TEST(RenderHtmlTest, EachUrgencysSignsRunInColumnsBelowItsLineOnly) {
  Plan plan = BuildHandoutPlan({});
  std::string box = Section(RenderHtml(plan), "red-flags");
  static const std::regex kToken(R"(<div class="groups">|<div\b|</div>|class="tier")");
  int depth = 0;          // <div> nesting
  int columns_at = -1;    // the depth of the open "groups" block, -1 if none
  int blocks = 0, tiers_in_columns = 0, tiers = 0;
  for (std::sregex_iterator it(box.begin(), box.end(), kToken), end; it != end; ++it) {
    std::string t = it->str();
    if (t == "<div class=\"groups\">") {
      ++blocks;
      columns_at = depth++;
    } else if (t == "</div>") {
      if (--depth == columns_at) columns_at = -1;
    } else if (t == "class=\"tier\"") {
      ++tiers;
      if (columns_at >= 0) ++tiers_in_columns;
    } else {
      ++depth;
    }
  }
  EXPECT_EQ(depth, 0) << box;
  EXPECT_EQ(tiers_in_columns, 0) << box;
  ASSERT_GE(tiers, 2) << box;
  // Every urgency but the first (whose first group stays with the heading, outside
  // the columns) has one block of its own.
  EXPECT_GE(blocks, tiers - 1) << box;
  EXPECT_LE(blocks, tiers) << box;
}

TEST(RenderHtmlTest, EveryCardOfEveryShippedProgramsHandoutHasItsFigure) {
  // The golden handouts (which GoldenTest checks are today's output).
  for (const std::string& id : testing::ShippedProgramIds()) {
    std::string html = testing::ReadFile(
        testing::DataPath("golden/expected/" + id + "/none.html.expected"));
    std::string cards = Section(html, "exercises");
    int n = Count(cards, "<article class=\"card\"");
    EXPECT_GT(n, 0) << id;
    EXPECT_EQ(Count(cards, "<div class=\"figure\"><svg"), n) << id;
    EXPECT_EQ(Count(cards, "<title>"), n) << id << ": each figure says what it shows";
  }
}

// The built-in total knee replacement plan four weeks after surgery, whose
// exercises all have figures.
Plan TkrPlan() {
  Diagnostics diags;
  std::string catalogue_path = testing::SourcePath("programs/exercises.yaml");
  auto catalogue = LoadCatalogueFile(testing::ReadFile(catalogue_path), catalogue_path, &diags);
  std::string path = testing::SourcePath("programs/total-knee-replacement.yaml");
  std::optional<Program> program;
  if (catalogue) {
    program = LoadProgramFromCatalogue(testing::ReadFile(path), path, *catalogue, &diags);
  }
  EXPECT_TRUE(program.has_value()) << diags.ToString();
  if (!program) return Plan{};
  Patient patient;
  patient.id = "figures";
  patient.side = Side::kRight;
  patient.surgery = *ParseDate("2026-11-02");
  return Generate(*program, patient, Diary{}, date::year_month_day(*ParseDate("2026-11-30")));
}

TEST(RenderHtmlTest, WithoutFiguresTheHandoutIsTheSameButForTheFigures) {
  Plan plan = TkrPlan();
  std::string with = RenderHtml(plan);
  HtmlOptions no_figures;
  no_figures.figures = false;
  std::string without = RenderHtml(plan, no_figures);
  int cards = Count(with, "<article class=\"card\"");
  ASSERT_GT(cards, 0);
  ASSERT_EQ(Count(with, "<div class=\"figure\"><svg"), cards);
  EXPECT_EQ(without.find("<div class=\"figure\">"), std::string::npos);
  const std::string open = "<div class=\"figure\"><svg", close = "</svg>\n</div>\n";
  for (size_t at = with.find(open); at != std::string::npos; at = with.find(open, at)) {
    with.erase(at, with.find(close, at) + close.size() - at);
  }
  EXPECT_EQ(with, without);
}

TEST(RenderHtmlTest, ShowsEducationOfTheCurrentPhaseOnly) {
  Plan plan = BuildHandoutPlan({.today = 16});
  std::string education = Section(RenderHtml(plan), "education");
  EXPECT_NE(education.find("Pain while exercising"), std::string::npos);
  EXPECT_NE(education.find("Walking"), std::string::npos);
  EXPECT_EQ(education.find("Swelling"), std::string::npos);
}

TEST(RenderHtmlTest, KeepsAllTextAtLeastFourteenPointAndCardsInOnePiece) {
  std::string html = RenderHtml(BuildHandoutPlan({}));
  static const std::regex kSize(R"(font-size:\s*([0-9.]+)(pt|px|em|rem|%))");
  int sizes = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), kSize), end; it != end; ++it) {
    ++sizes;
    EXPECT_EQ((*it)[2].str(), "pt") << it->str();
    EXPECT_GE(std::stod((*it)[1].str()), 14.0) << it->str();
  }
  EXPECT_GT(sizes, 3);
  EXPECT_NE(html.find(".card { border: 2pt solid #000; padding: 5pt 8pt; margin: 0 0 6pt; "
                      "break-inside: avoid;"),
            std::string::npos);
  EXPECT_NE(html.find("@page { size: auto; margin: 10mm 12mm; }"), std::string::npos);
}

TEST(RenderHtmlTest, SameInputGivesTheSameBytes) {
  Plan plan = BuildHandoutPlan({.diary = true, .red_flag = true});
  EXPECT_EQ(RenderHtml(plan), RenderHtml(plan));
}

TEST(RenderHtmlTest, RendersAnEmptyPlanWithoutPhasesOrDays) {
  Plan plan;
  Program program;
  program.title = "Empty";
  plan.program = std::make_shared<const Program>(program);
  std::string html = RenderHtml(plan);
  EXPECT_NE(html.find("No exercises are planned this week."), std::string::npos);
  EXPECT_NE(html.find("No diary entries yet"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(StringsTest, EveryTextHasAnEnglishVersion) {
  for (int i = 0; i < static_cast<int>(StringId::kCount); ++i) {
    const char* text = Text(static_cast<StringId>(i), "en");
    ASSERT_NE(text, nullptr) << i;
    if (static_cast<StringId>(i) != StringId::kWeekOutsidePlan) {
      EXPECT_STRNE(text, "") << i;
    }
  }
}

TEST(StringsTest, UnknownLanguagesFallBackToEnglish) {
  EXPECT_STREQ(Text(StringId::kRedFlagsHeading, "xx"), "Warning signs and what to do");
  EXPECT_STREQ(Text(StringId::kWeekIntro, "en-GB"), "Tick a box each time you do it.");
  EXPECT_TRUE(HasLanguage("en_US"));
  EXPECT_FALSE(HasLanguage("xx"));
}

TEST(StringsTest, FormatsDatesInWords) {
  Date d = date::sys_days(date::year{2026} / 12 / 1);
  EXPECT_EQ(LongDate(d, "en"), "Tuesday 1 December 2026");
  EXPECT_EQ(ShortDate(d, "en"), "1 Dec");
  EXPECT_EQ(WeekdayName(d, "en"), "Tue");
}

// Issue 17: the texts cite "[48]" and the list numbered its sources 1 to 20,
// so a citation pointed at nothing or at the wrong source. Over every golden
// handout (every shipped program, with and without a diary and a red flag).
TEST(RenderHtmlTest, EveryCitationNamesASourceListedUnderThatSameLabel) {
  const std::filesystem::path root = std::filesystem::path(REHAB_TEST_DATA) / "golden" / "expected";
  const std::regex citation(R"(\[([0-9A-Za-z]+(?:,[0-9A-Za-z]+)*)\])");
  const std::regex listed(R"(<span class="ref">\[([^\]]+)\]</span>)");
  int handouts = 0;
  int citations = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().filename().string().find(".html.") == std::string::npos) continue;
    ++handouts;
    std::string html = testing::ReadFile(entry.path().string());
    size_t split = html.find("id=\"sources\"");
    ASSERT_NE(split, std::string::npos) << entry.path() << " has no sources section";
    std::string body = html.substr(0, split);
    std::string sources = html.substr(split);
    std::set<std::string> labels;
    for (std::sregex_iterator it(sources.begin(), sources.end(), listed), end; it != end; ++it) {
      labels.insert((*it)[1]);
    }
    for (std::sregex_iterator it(body.begin(), body.end(), citation), end; it != end; ++it) {
      std::stringstream ids((*it)[1]);
      for (std::string id; std::getline(ids, id, ',');) {
        ++citations;
        EXPECT_TRUE(labels.count(id)) << entry.path() << " cites [" << id << "], not listed";
      }
    }
  }
  EXPECT_EQ(handouts, 28);  // 8 programs x 3 diaries, the care team's two, 2 in Spanish
  EXPECT_GT(citations, 200);
}

// ---- The care team (patient file `care_team`) -------------------------------

CareTeam LakesideTeam() {
  CareTeam team;
  team.clinic = "Lakeside Physical Therapy";
  team.therapist = "Sam Rivera";
  team.clinic_phone = "(312) 555-0199";
  team.clinic_hours = "Mon-Fri 8:00-17:00";
  team.surgeon_team_phone = "(312) 555-0100";
  team.surgeon_team_after_hours_phone = "(312) 555-0111";
  return team;
}

// A phone number as the handout writes it: never broken over two lines.
std::string Kept(const std::string& phone) {
  return "<span style=\"white-space: nowrap\">" + phone + "</span>";
}

TEST(RenderHtmlTest, ShowsTheClinicAndTheSurgeonsTeamInTheHeader) {
  Plan plan = BuildHandoutPlan({});
  plan.patient.care_team = LakesideTeam();
  std::string header = Section(RenderHtml(plan), "header", "</header>");
  EXPECT_NE(header.find("<span class=\"label\">Your clinic:</span> Lakeside Physical Therapy, "
                        "therapist: Sam Rivera, phone " +
                        Kept("(312) 555-0199") + ", open Mon-Fri 8:00-17:00"),
            std::string::npos)
      << header;
  EXPECT_NE(header.find("<span class=\"label\">Your surgeon&#39;s team:</span> phone " +
                        Kept("(312) 555-0100") + " (after hours: " + Kept("(312) 555-0111") + ")"),
            std::string::npos)
      << header;
}

TEST(RenderHtmlTest, PutsTheNumbersToCallAtTheTopOfTheRedFlagBox) {
  Plan plan = BuildHandoutPlan({});
  plan.patient.care_team = LakesideTeam();
  std::string box = Section(RenderHtml(plan), "red-flags");
  size_t calls = box.find("id=\"care-calls\"");
  ASSERT_NE(calls, std::string::npos) << box;
  EXPECT_LT(calls, box.find("<ul>"));
  EXPECT_NE(box.find("your surgeon&#39;s team " + Kept("(312) 555-0100") + " (after hours: " +
                     Kept("(312) 555-0111") + "); Lakeside Physical Therapy " +
                     Kept("(312) 555-0199") + "; emergency "),
            std::string::npos)
      << box;
}

TEST(RenderHtmlTest, EachRedFlagAfterSurgeryGivesTheSurgeonsTeamsNumber) {
  Plan plan = BuildHandoutPlan({.post_op = true});
  plan.patient.care_team = LakesideTeam();
  std::string box = Section(RenderHtml(plan), "red-flags");
  EXPECT_NE(box.find("Call your surgeon&#39;s team today: (312) 555-0100"), std::string::npos)
      << box;
}

TEST(RenderHtmlTest, ACareTeamWithoutPhonesAddsNoNumbersToTheRedFlagBox) {
  Plan plan = BuildHandoutPlan({});
  CareTeam team;
  team.therapist = "Sam Rivera";
  plan.patient.care_team = team;
  std::string html = RenderHtml(plan);
  EXPECT_EQ(html.find("id=\"care-calls\""), std::string::npos);
  EXPECT_NE(Section(html, "header", "</header>").find("therapist: Sam Rivera"), std::string::npos);
}

TEST(RenderHtmlTest, WithoutACareTeamTheHandoutHasNoCareTeamLines) {
  std::string html = RenderHtml(BuildHandoutPlan({.red_flag = true}));
  EXPECT_EQ(html.find("id=\"care-"), std::string::npos);
  EXPECT_EQ(html.find("style=\"white-space: nowrap\""), std::string::npos);
}

TEST(RenderHtmlTest, EscapesTheCareTeamsTexts) {
  Plan plan = BuildHandoutPlan({});
  CareTeam team = LakesideTeam();
  team.clinic = "<b>Lakeside</b> & Co";
  plan.patient.care_team = team;
  std::string html = RenderHtml(plan);
  EXPECT_EQ(html.find("<b>Lakeside"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;Lakeside&lt;/b&gt; &amp; Co"), std::string::npos);
}

}  // namespace
}  // namespace rehab
