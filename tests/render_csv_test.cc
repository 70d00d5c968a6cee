// Tests for the CSV export, read back with Python's csv module as an
// independent RFC 4180 parser.
#include "planner/present/render_csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "planner/present/dose_text.h"
#include "planner/present/messages.h"
#include "support/plan_builder.h"
#include "support/test_util.h"

namespace rehab {
namespace {

ScheduledExercise Exercise(const std::string& id, const std::string& name, int sets, int reps,
                           int hold = 0) {
  ScheduledExercise ex = testing::TestScheduled(id, name, sets, reps, hold);
  ex.step = 1;
  ex.steps = 4;
  ex.side = Side::kLeft;
  return ex;
}

// `n` days from 2026-03-01 of heel slides and quad sets at step 2 of 4 on
// the left, one session at each of `times`.
Plan MakePlan(int n, const std::vector<TimeOfDay>& times = {8 * 60}) {
  return testing::DailyPlan(
      {.days = n, .times = times, .step = 1, .steps = 4, .side = Side::kLeft});
}

// Rows of `csv` as parsed by python3's csv module (BOM removed by utf-8-sig).
std::vector<std::vector<std::string>> ParseWithPython(const std::string& csv) {
  testing::ScopedTempDir dir;
  std::string path = dir.File("plan.csv");
  testing::WriteFile(path, csv);
  std::string command =
      "python3 -c 'import csv, json, sys; "
      "f = open(sys.argv[1], newline=\"\", encoding=\"utf-8-sig\"); "
      "print(json.dumps(list(csv.reader(f, strict=True))))' '" +
      path + "'";
  testing::RunResult run = testing::RunShell(command);
  const std::string& output = run.out;
  EXPECT_EQ(run.exit_code, 0) << output;
  auto json = nlohmann::json::parse(output, nullptr, false);
  if (json.is_discarded()) {
    ADD_FAILURE() << "python3 printed no JSON: " << output;
    return {};
  }
  return json.get<std::vector<std::vector<std::string>>>();
}

const std::vector<std::string> kHeader = {
    "date",         "time",    "session",     "phase",    "exercise", "sets",   "reps",
    "hold_seconds", "minutes", "load",        "side",     "change",   "reason", "dose",
    "step",         "steps",   "exercise_id", "phase_id", "kind"};

TEST(RenderCsvTest, StartsWithByteOrderMarkAndHeaderRow) {
  std::string csv = RenderCsv(MakePlan(1));
  ASSERT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "date,time,session,phase,exercise,sets,reps,hold_seconds,minutes,"
                      "load,side,change,reason,dose,step,steps,exercise_id,phase_id,kind\r\n"));
  auto rows = ParseWithPython(csv);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], kHeader);
}

TEST(RenderCsvTest, ByteOrderMarkCanBeLeftOut) {
  EXPECT_TRUE(RenderCsv(MakePlan(1), {.byte_order_mark = false}).starts_with("date,time,"));
}

TEST(RenderCsvTest, EveryRecordEndsInCrlf) {
  std::string csv = RenderCsv(MakePlan(3), {.byte_order_mark = false});
  ASSERT_TRUE(csv.ends_with("\r\n"));
  for (size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '\n') {
      ASSERT_TRUE(i > 0 && csv[i - 1] == '\r') << i;
    }
  }
}

TEST(RenderCsvTest, WritesOneRowPerExercisePerSession) {
  Plan plan = MakePlan(5, {8 * 60, 18 * 60});
  plan.days[2].sessions[1].exercises.pop_back();
  auto rows = ParseWithPython(RenderCsv(plan));
  ASSERT_EQ(rows.size(), 1u + 5 * 2 * 2 - 1);
  size_t r = 1;
  for (const auto& day : plan.days) {
    for (const auto& session : day.sessions) {
      for (const auto& ex : session.exercises) {
        ASSERT_LT(r, rows.size());
        const auto& row = rows[r++];
        ASSERT_EQ(row.size(), kHeader.size());
        EXPECT_EQ(row[0], FormatDate(day.date));
        EXPECT_EQ(row[1], FormatTime(session.time));
        EXPECT_EQ(row[2], std::to_string(session.slot + 1));
        EXPECT_EQ(row[3], "Early motion");
        EXPECT_EQ(row[4], ex.name());
        EXPECT_EQ(row[5], std::to_string(ex.dose->sets));
        EXPECT_EQ(row[6], std::to_string(ex.dose->reps));
        EXPECT_EQ(row[7], ex.dose->hold_seconds > 0 ? std::to_string(ex.dose->hold_seconds) : "");
        EXPECT_EQ(row[8], "");
        EXPECT_EQ(row[10], "left leg");
        EXPECT_EQ(row[11], "same");
        EXPECT_EQ(row[12], "");
        EXPECT_EQ(row[13], DescribeDose(*ex.dose, "kg", "en"));
        EXPECT_EQ(row[14], "2");
        EXPECT_EQ(row[15], "4");
        EXPECT_EQ(row[16], ex.id());
        EXPECT_EQ(row[17], "early");
      }
    }
  }
}

TEST(RenderCsvTest, QuotesCommasQuotesAndNewlinesAndParsesBackExactly) {
  Plan plan = MakePlan(1);
  auto& ex = plan.days[0].sessions[0].exercises[0];
  ex.exercise = testing::TestExercise(ex.id(), "Heel slides, \"slow\" – Fersengleiten; Κάμψη 膝");
  ex.change = StepChange::kBack;
  ex.reason =
      Reason{"red", Message::Verbatim("Pain 7/10 after exercise\non 2026-02-27, \"sharp\""), {}};
  testing::EditDose(&ex)->note = "towel under heel,\r\nthen rest";
  std::string csv = RenderCsv(plan);
  EXPECT_NE(csv.find("\"Heel slides, \"\"slow\"\" – Fersengleiten; Κάμψη 膝\""), std::string::npos);
  auto rows = ParseWithPython(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][4], ex.name());
  EXPECT_EQ(rows[1][11], "back");
  EXPECT_EQ(rows[1][12], MessageText(ex.reason->message, "en"));
  EXPECT_EQ(rows[1][13], DescribeDose(*ex.dose, "kg", "en"));
}

TEST(RenderCsvTest, QuotesOnlyFieldsThatNeedIt) {
  static const struct {
    const char* text;
    const char* field;
  } kCases[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\rhere", "\"cr\rhere\""},
      {"semi;colon", "semi;colon"},
  };
  for (const auto& c : kCases) EXPECT_EQ(CsvField(c.text), c.field) << c.text;
}

// What a spreadsheet would run as a formula: OWASP's CSV injection triggers.
const std::vector<std::string> kFormulaStarts = {"=", "+", "-", "@", "\t", "\r"};

TEST(RenderCsvTest, PrefixesEveryTextCellThatStartsAFormulaWithAQuote) {
  Plan plan = MakePlan(1);
  plan.phases[0].title = "=HYPERLINK(\"http://x\",\"phase\")";
  auto& exercises = plan.days[0].sessions[0].exercises;
  exercises.clear();
  for (const std::string& start : kFormulaStarts) {
    ScheduledExercise ex = Exercise("e", start + "1+1 name", 2, 10);
    ex.change = StepChange::kUp;
    ex.reason = Reason{"up", Message::Verbatim(start + "cmd|' /C calc'!A0"), {}};
    exercises.push_back(ex);
  }
  std::string csv = RenderCsv(plan);
  auto rows = ParseWithPython(csv);
  ASSERT_EQ(rows.size(), 1u + kFormulaStarts.size());
  for (size_t i = 0; i < kFormulaStarts.size(); ++i) {
    const auto& row = rows[i + 1];
    ASSERT_EQ(row.size(), kHeader.size());
    EXPECT_EQ(row[3], "'" + plan.phases[0].title);
    EXPECT_EQ(row[4], "'" + exercises[i].name()) << i;
    EXPECT_EQ(row[12], "'" + MessageText(exercises[i].reason->message, "en")) << i;
    EXPECT_EQ(row[13], DescribeDose(*exercises[i].dose, "kg", "en"));
    // No cell read back starts a formula.
    for (const auto& cell : row) {
      ASSERT_FALSE(!cell.empty() &&
                   std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
          << i << ": " << cell;
    }
  }
}

TEST(RenderCsvTest, NeutralisesOnlyTextThatStartsWithAFormulaTrigger) {
  EXPECT_EQ(NeutraliseFormula("=1+1"), "'=1+1");
  EXPECT_EQ(NeutraliseFormula("\t=1"), "'\t=1");
  EXPECT_EQ(NeutraliseFormula("a=1"), "a=1");
  EXPECT_EQ(NeutraliseFormula(" -1"), " -1");
  EXPECT_EQ(NeutraliseFormula(""), "");
  EXPECT_EQ(NeutraliseFormula("'quoted"), "'quoted");
}

TEST(RenderCsvTest, LeavesNumbersAndPlainTextAsTheyAre) {
  Plan plan = MakePlan(1);
  std::string csv = RenderCsv(plan, {.byte_order_mark = false});
  EXPECT_EQ(csv.find('\''), std::string::npos) << csv;
}

TEST(RenderCsvTest, LoadsAreInThePatientsUnits) {
  Plan plan = MakePlan(1);
  auto& ex = plan.days[0].sessions[0].exercises[0];
  testing::EditDose(&ex)->load = Load{LoadKind::kKg, 2, ""};
  testing::EditDose(&plan.days[0].sessions[0].exercises[1])->load = Load{LoadKind::kBand, 0, "red"};
  plan.patient.units = "lb";
  auto rows = ParseWithPython(RenderCsv(plan));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][9], DescribeLoad(ex.dose->load, "lb", "en"));
  EXPECT_EQ(rows[1][9], "4.5 lb");  // 4.41, rounded to a half pound
  EXPECT_EQ(rows[2][9], "red band");
}

TEST(RenderCsvTest, StoppedDaysHaveNoExerciseRows) {
  Plan plan = MakePlan(3);
  plan.days[1].stopped = true;
  auto rows = ParseWithPython(RenderCsv(plan));
  ASSERT_EQ(rows.size(), 1u + 2 * 2);
  for (size_t r = 1; r < rows.size(); ++r) EXPECT_NE(rows[r][0], "2026-03-02");
}

TEST(RenderCsvTest, IceAndHeatHaveRowsOfTheirOwnInTimeOrder) {
  Plan plan = MakePlan(1);
  plan.days[0].stopped = false;
  plan.days[0].modalities = {
      {"ice", "Ice pack", ModalityKind::kIce, 9 * 60, 15, ModalityTiming::kAfterExercise},
      {"heat", "Warm pack", ModalityKind::kHeat, 7 * 60, 10, ModalityTiming::kBeforeExercise}};
  auto rows = ParseWithPython(RenderCsv(plan));
  ASSERT_EQ(rows.size(), 1u + 1 + 2 + 1);
  const std::vector<std::string> heat = {"2026-03-01", "07:00",
                                         "",           "Early motion",
                                         "Warm pack",  "",
                                         "",           "",
                                         "10",         "",
                                         "",           "",
                                         "",           "10 minutes, before exercise",
                                         "",           "",
                                         "heat",       "early",
                                         "heat"};
  const std::vector<std::string> ice = {"2026-03-01", "09:00",
                                        "",           "Early motion",
                                        "Ice pack",   "",
                                        "",           "",
                                        "15",         "",
                                        "",           "",
                                        "",           "15 minutes, after exercise",
                                        "",           "",
                                        "ice",        "early",
                                        "ice"};
  EXPECT_EQ(rows[1], heat);
  EXPECT_EQ(rows[2][1], "08:00");
  EXPECT_EQ(rows[2][18], "exercise");
  EXPECT_EQ(rows[3][18], "exercise");
  EXPECT_EQ(rows[4], ice);
}

TEST(RenderCsvTest, AStoppedDayKeepsItsIceRows) {
  Plan plan = MakePlan(1);
  plan.days[0].stopped = true;
  plan.days[0].modalities = {
      {"ice", "Ice pack", ModalityKind::kIce, 9 * 60, 15, ModalityTiming::kAny}};
  auto rows = ParseWithPython(RenderCsv(plan));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][18], "ice");
  EXPECT_EQ(rows[1][13], "15 minutes");
}

TEST(RenderCsvTest, IsDeterministic) {
  Plan plan = MakePlan(4, {7 * 60, 19 * 60});
  EXPECT_EQ(RenderCsv(plan), RenderCsv(plan));
}

}  // namespace
}  // namespace rehab
