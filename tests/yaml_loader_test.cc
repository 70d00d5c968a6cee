// Tests for planner/yaml_loader: whole diagnostic texts (caret included) for
// bad programs and patients, and the values read from good ones.
#include "planner/load/yaml_loader.h"

#include <gtest/gtest.h>

#include "tests/support/scenario_support.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

// A small valid catalogue the program tests draw on.
const char kCatalogue[] = R"(exercises:
  - id: quad-set
    name: Quadriceps set
    kind: strength
    targets: [quadriceps]
    instructions: Tighten the thigh.
    ladder:
      - {sets: 2, reps: 10, hold: 5}
      - {sets: 3, reps: 10, hold: 5}
      - {sets: 3, reps: 15, hold: 10}
  - id: jog
    name: Jogging
    kind: cardio
    tags: [impact, running]
    instructions: Jog gently.
    ladder:
      - {minutes: 5}
      - {minutes: 10}
)";

std::vector<Exercise> Catalogue() {
  Diagnostics diags;
  auto c = LoadCatalogue(kCatalogue, "exercises.yaml", &diags);
  EXPECT_TRUE(c.has_value()) << diags.ToString();
  return c.value_or(std::vector<Exercise>{});
}

// A valid program; tests append or substitute lines.
const char kHeader[] = R"(id: test
title: Test program
version: 1
condition: Testing
anchor: start
sources:
  - id: S
    citation: A source
)";

// One phase of quad sets for two weeks: the program of
// TEST(YamlLoaderTest, LoadsAValidProgram...) in short, after kHeader.
const char kSmallProgram[] = R"(phases:
  - id: one
    title: One
    start: 0d
    end: 2w
    exercises: [quad-set]
)";

// A program whose quad-set ladder starts with `step` (line 12), then
// {sets: 2, reps: 5} and {sets: 2, reps: 8}, and kSmallProgram.
std::string ProgramWithFirstStep(const std::string& step) {
  return std::string(kHeader) + "exercises:\n  - id: quad-set\n    ladder:\n      - " + step +
         "\n      - {sets: 2, reps: 5}\n      - {sets: 2, reps: 8}\n" + kSmallProgram;
}

std::string LoadErrors(const std::string& text) {
  Diagnostics diags;
  auto program = LoadProgram(text, "p.yaml", Catalogue(), &diags);
  EXPECT_FALSE(program.has_value());
  return diags.ToString();
}

TEST(YamlLoaderTest, LoadsAValidProgramWithItsPhasesAndExercises) {
  std::string text = std::string(kHeader) + R"(phases:
  - id: one
    title: One
    start: 0d
    end: 2w
    max_end: 3w
    exercises:
      - exercise: quad-set
        days_per_week: 5
        times_per_day: 2
        start_step: 2
)";
  Diagnostics diags;
  auto p = LoadProgram(text, "p.yaml", Catalogue(), &diags);
  ASSERT_TRUE(p.has_value()) << diags.ToString();
  ASSERT_EQ(p->phases.size(), 1u);
  EXPECT_EQ(p->phases[0].end_day, 14);
  EXPECT_EQ(p->phases[0].max_end_day, 21);
  EXPECT_EQ(p->phases[0].exercises[0].days_per_week, 5);
  EXPECT_EQ(p->phases[0].exercises[0].start_step, 1);  // 1-based in YAML
  ASSERT_EQ(p->exercises.size(), 1u);                  // only the exercises it uses
  EXPECT_EQ(p->exercises[0].ladder.size(), 3u);
}

TEST(YamlLoaderTest, ReportsATypoedKeyANegativeRepCountAndAMissingExerciseInOneRun) {
  std::string text = std::string(kHeader) + R"(exercises:
  - id: wall-slide
    name: Wall slide
    kind: strength
    instructions: Slide down the wall.
    ladder:
      - {sets: 2, reps: -3}
      - {sets: 2, reps: 10}
      - {sets: 3, reps: 10}
phases:
  - id: one
    title: One
    start: 0d
    end: 2w
    exercisez: [wall-slide]
    exercises:
      - wall-slide
      - exercise: quad-sett
)";
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:15:25: error: 'reps' must be from 1 to 100, got -3\n"
            "      - {sets: 2, reps: -3}\n"
            "                        ^\n"
            "p.yaml:23:5: error: unknown key 'exercisez' in a phase, did you mean 'exercises'?\n"
            "    exercisez: [wall-slide]\n"
            "    ^\n"
            "p.yaml:26:19: error: phase 'one' names exercise 'quad-sett' that is not in the "
            "catalogue, did you mean 'quad-set'?\n"
            "      - exercise: quad-sett\n"
            "                  ^\n");
}

TEST(YamlLoaderTest, RejectsAWordWhereANumberBelongs) {
  EXPECT_EQ(LoadErrors(ProgramWithFirstStep("{sets: 2, reps: ten}")),
            "p.yaml:12:25: error: 'reps' must be a whole number from 1 to 100, got \"ten\"\n"
            "      - {sets: 2, reps: ten}\n"
            "                        ^\n");
}

TEST(YamlLoaderTest, ReportsAGapBetweenPhases) {
  std::string text = std::string(kHeader) + kSmallProgram +
                     "    exit_criteria: [{measure: pain, max: 3, text: Pain 3 or less}]\n" +
                     R"(  - id: two
    title: Two
    start: 3w
    end: 5w
    exercises: [quad-set]
)";
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:16:5: error: phase 'two' starts on day 21 but the phase before it ends on day "
            "14: it leaves a gap\n"
            "  - id: two\n"
            "    ^\n");
}

TEST(YamlLoaderTest, ReportsOverlappingPhases) {
  std::string text = std::string(kHeader) + kSmallProgram + R"(  - id: two
    title: Two
    start: 1w
    end: 5w
    exercises: [quad-set]
)";
  EXPECT_NE(LoadErrors(text).find("it overlaps it"), std::string::npos);
}

TEST(YamlLoaderTest, RejectsAPhaseThatSchedulesAnExerciseItsRestrictionForbids) {
  std::string text = std::string(kHeader) + R"(restrictions:
  - tag: impact
    until: 12w
    reason: No impact before week 12
phases:
  - id: one
    title: One
    start: 0d
    end: 6w
    exercises:
      - jog
)";
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:19:9: error: phase 'one' (days 0-42) schedules 'jog', tagged 'impact', "
            "forbidden from day 0 to day 84\n"
            "      - jog\n"
            "        ^\n"
            "p.yaml:10:5: note: restriction 'impact': No impact before week 12\n"
            "  - tag: impact\n"
            "    ^\n");
}

TEST(YamlLoaderTest, RejectsAnExerciseThePhaseItselfForbids) {
  std::string text = std::string(kHeader) + R"(phases:
  - id: one
    title: One
    start: 0d
    end: 6w
    restrictions: [running]
    exercises: [jog]
)";
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:15:17: error: phase 'one' schedules 'jog', tagged 'running', which the phase "
            "itself forbids\n"
            "    exercises: [jog]\n"
            "                ^\n");
}

TEST(YamlLoaderTest, RejectsHeatInsideTheAcuteWindow) {
  std::string text = std::string(kHeader) + R"(acute_days: 3
modalities:
  - id: heat
    name: Warm pack
    kind: heat
    minutes: 15
    times_per_day: 1
    from: 1d
    until: 2w
    skip_when_swollen: true
)" + kSmallProgram;
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:11:5: error: heat modality 'heat' starts on day 1, inside the acute window "
            "(the first 3 days): no heat while the knee is acute\n"
            "  - id: heat\n"
            "    ^\n");
}

TEST(YamlLoaderTest, ReportsMissingRequiredKeys) {
  EXPECT_EQ(LoadErrors("id: x\ntitle: X\n"),
            "p.yaml:1:1: error: a program is missing the required key 'version'\n"
            "id: x\n"
            "^\n"
            "p.yaml:1:1: error: a program is missing the required key 'condition'\n"
            "id: x\n"
            "^\n"
            "p.yaml:1:1: error: a program is missing the required key 'anchor'\n"
            "id: x\n"
            "^\n"
            "p.yaml:1:1: error: a program is missing the required key 'sources'\n"
            "id: x\n"
            "^\n"
            "p.yaml:1:1: error: a program is missing the required key 'phases'\n"
            "id: x\n"
            "^\n");
}

TEST(YamlLoaderTest, TurnsYamlSyntaxErrorsIntoLocatedDiagnostics) {
  // The parser notices at the end of the file: an empty last line, caret at its start.
  EXPECT_EQ(LoadErrors("id: [unclosed\n"),
            "p.yaml:2:1: error: invalid YAML: end of sequence flow not found\n"
            "\n"
            "^\n");
}

TEST(YamlLoaderTest, ReportsAnEmptyFile) {
  EXPECT_EQ(LoadErrors(""), "p.yaml: error: the file is empty\n");
}

TEST(YamlLoaderTest, ProgramExercisesOverrideOnlyTheKeysTheyGive) {
  std::string text = ProgramWithFirstStep("{sets: 1, reps: 5}");
  Diagnostics diags;
  auto p = LoadProgram(text, "p.yaml", Catalogue(), &diags);
  ASSERT_TRUE(p.has_value()) << diags.ToString();
  const Exercise* ex = p->FindExercise("quad-set");
  ASSERT_NE(ex, nullptr);
  EXPECT_EQ(ex->name, "Quadriceps set");  // kept from the catalogue
  ASSERT_EQ(ex->ladder.size(), 3u);       // replaced
  EXPECT_EQ(ex->ladder[0].reps, 5);
}

TEST(YamlLoaderTest, ParsesLoadsInEveryForm) {
  static const struct {
    const char* text;
    LoadKind kind;
    double value;
    const char* band;
  } kCases[] = {
      {"2 kg", LoadKind::kKg, 2, ""},
      {"5 lb", LoadKind::kLb, 5, ""},
      {"red band", LoadKind::kBand, 0, "red"},
      {"bodyweight", LoadKind::kBodyweight, 0, ""},
      {"rpe 6", LoadKind::kRpe, 6, ""},
      {" 2.5kg ", LoadKind::kKg, 2.5, ""},
      {"RPE 7.5", LoadKind::kRpe, 7.5, ""},
      {"light-blue  band", LoadKind::kBand, 0, "light-blue"},
  };
  for (const auto& c : kCases) {
    std::string text =
        ProgramWithFirstStep(std::string("{sets: 1, reps: 5, load: ") + c.text + "}");
    Diagnostics diags;
    auto p = LoadProgram(text, "p.yaml", Catalogue(), &diags);
    ASSERT_TRUE(p.has_value()) << c.text << "\n" << diags.ToString();
    const Load& load = p->FindExercise("quad-set")->ladder[0].load;
    EXPECT_EQ(load.kind, c.kind) << c.text;
    EXPECT_EQ(load.value, c.value) << c.text;
    EXPECT_EQ(load.band, c.band) << c.text;
  }
}

TEST(YamlLoaderTest, RejectsLoadsThatAreAlmostRight) {
  for (const char* text : {"2 KG", "2.kg", "kg", "-red band", "red- band", "red--blue band",
                           "red band x", "redband", "rpe6", "rpe x", "0 kg", "rpe 11"}) {
    std::string program =
        ProgramWithFirstStep(std::string("{sets: 1, reps: 5, load: \"") + text + "\"}");
    EXPECT_NE(LoadErrors(program).find("'load' must be like"), std::string::npos) << text;
  }
}

TEST(YamlLoaderTest, SaysALoadTooLargeForANumberIsOutOfRange) {
  std::string digits(400, '9');
  EXPECT_EQ(LoadErrors(ProgramWithFirstStep("{sets: 1, reps: 5, load: " + digits + " kg}")),
            "p.yaml:12:34: error: 'load' is out of range: a weight must be more than 0 and at "
            "most 500, got \"" + digits + " kg\"\n" +
            "      - {sets: 1, reps: 5, load: " + std::string(87, '9') + "...\n" +
            std::string(33, ' ') + "^\n");
  std::string rpe = LoadErrors(ProgramWithFirstStep("{sets: 1, reps: 5, load: rpe " + digits + "}"));
  EXPECT_TRUE(rpe.starts_with("p.yaml:12:34: error: 'load' is out of range: an rpe must be from 1 "
                              "to 10, got \"rpe " + digits + "\"\n"))
      << rpe;
}

TEST(YamlLoaderTest, SaysAWholeNumberTooLargeForAnyIntegerIsOutOfRange) {
  std::string digits(400, '9');
  std::string errors = LoadErrors(ProgramWithFirstStep("{sets: 1, reps: " + digits + "}"));
  EXPECT_TRUE(errors.starts_with("p.yaml:12:25: error: 'reps' is out of range: it must be from 1 "
                                 "to 100, got \"" + digits + "\"\n"))
      << errors;
  errors = LoadErrors(ProgramWithFirstStep("{sets: 1, reps: 5, hold: -" + digits + "}"));
  EXPECT_TRUE(errors.starts_with("p.yaml:12:34: error: 'hold' is out of range: it must be from 1 "
                                 "to 600, got \"-" + digits + "\"\n"))
      << errors;
}

TEST(YamlLoaderTest, SaysAnExitCriterionTooLargeForANumberIsOutOfRange) {
  std::string text = std::string(kHeader) + kSmallProgram + R"(    exit_criteria:
      - {measure: flexion, min: 1e400, text: Bend far}
)";
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:16:33: error: 'min' is out of range: \"1e400\" is too large or too small for "
            "a number\n"
            "      - {measure: flexion, min: 1e400, text: Bend far}\n"
            "                                ^\n");
}

TEST(YamlLoaderTest, RejectsASecondDocumentInAProgramAtItsStart) {
  std::string text = std::string(kHeader) + kSmallProgram +
                     "---\nrestrictions:\n  - {tag: impact, until: 12w, reason: Graft}\n";
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:15:1: error: a second YAML document starts here; a file holds one document "
            "and rehab would ignore everything from here on: remove it, or merge it into the "
            "first\n"
            "---\n"
            "^\n");
}

TEST(YamlLoaderTest, RejectsASecondDocumentAfterAnEndMarker) {
  std::string text = std::string(kHeader) + kSmallProgram + "...\nid: other\n";
  EXPECT_TRUE(LoadErrors(text).starts_with("p.yaml:16:1: error: a second YAML document starts here"))
      << LoadErrors(text);
}

TEST(YamlLoaderTest, RejectsASecondDocumentEvenWhenItIsBrokenOrEmpty) {
  for (const char* rest : {"---\n", "---\n{unclosed: [\n", "--- # nothing\n"}) {
    std::string text = std::string(kHeader) + kSmallProgram + rest;
    EXPECT_TRUE(LoadErrors(text).starts_with("p.yaml:15:1: error: a second YAML document"))
        << rest << "\n" << LoadErrors(text);
  }
}

TEST(YamlLoaderTest, AcceptsADocumentThatStartsWithItsMarkerOrEndsWithOne) {
  Diagnostics diags;
  EXPECT_TRUE(LoadProgram("---\n" + std::string(kHeader) + kSmallProgram + "...\n# done\n",
                          "p.yaml", Catalogue(), &diags)
                  .has_value())
      << diags.ToString();
}

TEST(YamlLoaderTest, RejectsASecondDocumentInACatalogueAndAPatientFile) {
  Diagnostics diags;
  EXPECT_FALSE(LoadCatalogue(std::string(kCatalogue) + "---\nexercises: []\n", "c.yaml", &diags));
  EXPECT_TRUE(diags.ToString().starts_with("c.yaml:19:1: error: a second YAML document"))
      << diags.ToString();
  Diagnostics patient_diags;
  EXPECT_FALSE(LoadPatient("id: p\nside: left\nstart: 2026-12-01\n---\nside: right\n", "pt.yaml",
                           &patient_diags));
  EXPECT_TRUE(patient_diags.ToString().starts_with("pt.yaml:4:1: error: a second YAML document"))
      << patient_diags.ToString();
}

TEST(YamlLoaderTest, RejectsControlCharactersInTextFieldsAtTheValue) {
  std::string text = std::string(kHeader) + kSmallProgram;
  text.replace(text.find("title: Test program"), 19, "title: \"Test \\e[31mprogram\"");
  EXPECT_EQ(LoadErrors(text),
            "p.yaml:2:8: error: 'title' contains the control character U+001B; remove it\n"
            "title: \"Test \\e[31mprogram\"\n"
            "       ^\n");
  // Raw bytes, a C1 control and DEL, in a catalogue's name, instructions and list items.
  for (const char* bad : {"\x1B]0;owned\x07", "csi \xC2\x9B" "2J", "del \x7F", "bell \x07",
                          "cr \r here"}) {
    std::string catalogue = kCatalogue;
    catalogue.replace(catalogue.find("Tighten the thigh."), 18, std::string("\"") + bad + "\"");
    Diagnostics diags;
    EXPECT_FALSE(LoadCatalogue(catalogue, "c.yaml", &diags)) << bad;
    EXPECT_NE(diags.ToString().find("c.yaml:6:19: error: 'instructions' contains the control "
                                    "character U+00"),
              std::string::npos)
        << diags.ToString();
  }
  std::string catalogue = kCatalogue;
  catalogue.replace(catalogue.find("targets: [quadriceps]"), 21, "targets: [\"quad\\u0085\"]");
  Diagnostics diags;
  EXPECT_FALSE(LoadCatalogue(catalogue, "c.yaml", &diags));
  EXPECT_NE(diags.ToString().find("'targets' contains the control character U+0085"),
            std::string::npos)
      << diags.ToString();
}

TEST(YamlLoaderTest, KeepsTabsAndTheLineBreaksOfBlockScalarsInText) {
  for (const char* line_end : {"\n", "\r\n"}) {
    std::string catalogue = kCatalogue;
    catalogue.replace(catalogue.find("instructions: Tighten the thigh."), 32,
                      std::string("instructions: |") + line_end + "      Tighten\tthe thigh." +
                          line_end + "      Hold it.");
    if (std::string(line_end) == "\r\n") {
      for (size_t at = 0; (at = catalogue.find('\n', at)) != std::string::npos; at += 2) {
        if (at == 0 || catalogue[at - 1] != '\r') catalogue.insert(at, "\r");
      }
    }
    Diagnostics diags;
    auto c = LoadCatalogue(catalogue, "c.yaml", &diags);
    ASSERT_TRUE(c.has_value()) << diags.ToString();
    EXPECT_EQ((*c)[1].instructions, "Tighten\tthe thigh.\nHold it.\n");
  }
}

TEST(YamlLoaderTest, RejectsControlCharactersInAPatientFile) {
  Diagnostics diags;
  EXPECT_FALSE(LoadPatient("id: \"p\\a\"\nside: left\nstart: 2026-12-01\n", "pt.yaml", &diags));
  EXPECT_EQ(diags.ToString(),
            "pt.yaml:1:5: error: 'id' contains the control character U+0007; remove it\n"
            "id: \"p\\a\"\n"
            "    ^\n");
}

// Parsing apart from checking (as the CLI does, with the catalogue loading on
// another thread) gives exactly what loading in one go gives.
TEST(YamlLoaderTest, ParsingFirstAndCheckingLaterGivesTheSameResult) {
  const std::string good = std::string(kHeader) + R"(phases:
  - id: one
    title: One
    start: 0d
    end: 2w
    exercises: [quad-set, {exercise: jog, days_per_week: 3}]
)";
  const std::string bad = std::string(kHeader) + R"(phases:
  - id: one
    title: One
    strat: 0d
    end: 2w
    exercises: [quad-sets]
  - &p {id: Two, title: Two, start: 2w, end: ten, exercises: [jog]}
  - *p
)";
  for (const std::string& text : {good, bad, std::string("id: [\n"), std::string(""),
                                   std::string("- a\n- b\n")}) {
    Diagnostics at_once, in_two_steps;
    auto a = LoadProgram(text, "p.yaml", Catalogue(), &at_once);
    ParsedYaml parsed = ParseYamlText(text, "p.yaml");
    auto b = LoadProgram(parsed, Catalogue(), &in_two_steps);
    EXPECT_EQ(a.has_value(), b.has_value()) << text;
    EXPECT_EQ(at_once.ToString(), in_two_steps.ToString()) << text;
    if (a && b) {
      EXPECT_EQ(a->phases.size(), b->phases.size());
      EXPECT_EQ(a->exercises.size(), b->exercises.size());
    }
  }
  Diagnostics diags;
  EXPECT_TRUE(LoadProgram(ParseYamlText(good, "p.yaml"), Catalogue(), &diags).has_value())
      << diags.ToString();
  // An alias is the node its anchor names: its errors point at the anchor.
  const std::string errors = LoadErrors(bad);
  EXPECT_NE(errors.find("p.yaml:12:5: error: unknown key 'strat' in a phase"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find("p.yaml:15:5: error: phase 'Two' is defined twice"), std::string::npos)
      << errors;
}

TEST(YamlLoaderTest, ParsesDurationsInDaysAndWeeks) {
  EXPECT_EQ(ParseDays("10d"), 10);
  EXPECT_EQ(ParseDays("6w"), 42);
  EXPECT_EQ(ParseDays("3"), 3);
  EXPECT_EQ(ParseDays("w"), std::nullopt);
  EXPECT_EQ(ParseDays("-1d"), std::nullopt);
  EXPECT_EQ(ParseDays("2m"), std::nullopt);
}

const char kPatient[] = R"(id: p-1
side: left
timezone: Europe/Berlin
start: 2026-12-01
sessions:
  days: [mon, wed, fri]
  times: ["18:00", "08:00"]
units: lb
)";

TEST(YamlLoaderTest, LoadsAPatientWithSessionDaysAndSortedTimes) {
  Diagnostics diags;
  auto p = LoadPatient(kPatient, "patient.yaml", &diags);
  ASSERT_TRUE(p.has_value()) << diags.ToString();
  EXPECT_EQ(p->side, Side::kLeft);
  EXPECT_EQ(p->timezone, "Europe/Berlin");
  EXPECT_EQ(FormatDate(*p->start), "2026-12-01");
  EXPECT_EQ(p->session_days,
            (std::vector<Weekday>{Weekday::kMon, Weekday::kWed, Weekday::kFri}));
  EXPECT_EQ(p->session_times, (std::vector<TimeOfDay>{8 * 60, 18 * 60}));
  EXPECT_EQ(p->units, "lb");
}

TEST(YamlLoaderTest, ReportsAnUnknownTimeZoneAndAnImpossibleDateTogether) {
  Diagnostics diags;
  auto p = LoadPatient("id: p-1\nside: left\ntimezone: Europe/Berlinn\nstart: 2026-02-30\n",
                       "patient.yaml", &diags);
  EXPECT_FALSE(p.has_value());
  EXPECT_EQ(diags.ToString(),
            "patient.yaml:3:11: error: unknown time zone 'Europe/Berlinn', did you mean "
            "'Europe/Berlin'?\n"
            "timezone: Europe/Berlinn\n"
            "          ^\n"
            "patient.yaml:4:8: error: 'start' must be a real date as YYYY-MM-DD, got "
            "\"2026-02-30\"\n"
            "start: 2026-02-30\n"
            "       ^\n");
}

TEST(YamlLoaderTest, ReportsAnUnknownWeekdayWithASuggestion) {
  Diagnostics diags;
  LoadPatient("id: p\nside: right\nstart: 2026-12-01\nsessions:\n  days: [mon, wdd]\n",
              "patient.yaml", &diags);
  EXPECT_EQ(diags.ToString(),
            "patient.yaml:5:15: error: unknown day 'wdd' (use mon, tue, wed, thu, fri, sat, sun or "
            "daily), did you mean 'wed'?\n"
            "  days: [mon, wdd]\n"
            "              ^\n");
}

TEST(YamlLoaderTest, LoadsAPatientsCareTeam) {
  Diagnostics diags;
  auto p = LoadPatient(std::string(kPatient) +
                           "care_team:\n"
                           "  clinic: Lakeside Physical Therapy\n"
                           "  therapist: Sam Rivera\n"
                           "  clinic_phone: (312) 555-0199\n"
                           "  clinic_hours: Mon-Fri 8:00-17:00\n"
                           "  surgeon_team_phone: +1 312 555 0100\n"
                           "  surgeon_team_after_hours_phone: 312.555.0111\n",
                       "patient.yaml", &diags);
  ASSERT_TRUE(p.has_value()) << diags.ToString();
  ASSERT_TRUE(p->care_team.has_value());
  EXPECT_EQ(p->care_team->clinic, "Lakeside Physical Therapy");
  EXPECT_EQ(p->care_team->therapist, "Sam Rivera");
  EXPECT_EQ(p->care_team->clinic_phone, "(312) 555-0199");
  EXPECT_EQ(p->care_team->clinic_hours, "Mon-Fri 8:00-17:00");
  EXPECT_EQ(p->care_team->surgeon_team_phone, "+1 312 555 0100");
  EXPECT_EQ(p->care_team->surgeon_team_after_hours_phone, "312.555.0111");
}

TEST(YamlLoaderTest, APatientFileWithoutACareTeamHasNone) {
  Diagnostics diags;
  auto p = LoadPatient(kPatient, "patient.yaml", &diags);
  ASSERT_TRUE(p.has_value()) << diags.ToString();
  EXPECT_FALSE(p->care_team.has_value());
}

TEST(YamlLoaderTest, ACareTeamMayGiveOnlySomeOfItsKeys) {
  Diagnostics diags;
  auto p = LoadPatient(std::string(kPatient) + "care_team:\n  surgeon_team_phone: 5550100\n",
                       "patient.yaml", &diags);
  ASSERT_TRUE(p.has_value()) << diags.ToString();
  EXPECT_EQ(p->care_team->surgeon_team_phone, "5550100");
  EXPECT_EQ(p->care_team->clinic, "");
}

TEST(YamlLoaderTest, RejectsAPhoneNumberWithLettersAtTheFirstLetter) {
  Diagnostics diags;
  auto p = LoadPatient(std::string(kPatient) + "care_team:\n  clinic_phone: 1-800-PHYSIO\n",
                       "patient.yaml", &diags);
  EXPECT_FALSE(p.has_value());
  EXPECT_EQ(diags.ToString(),
            "patient.yaml:10:23: error: 'clinic_phone' must be a phone number of digits, spaces "
            "and + - ( ) . (a + only at the start), got \"1-800-PHYSIO\"\n"
            "  clinic_phone: 1-800-PHYSIO\n"
            "                      ^\n");
}

TEST(YamlLoaderTest, ReadsALadderStepsOwnSide) {
  Diagnostics diags;
  auto catalogue = LoadCatalogue(
      "exercises:\n"
      "  - id: calf-raise\n"
      "    name: Calf raise\n"
      "    kind: strength\n"
      "    side: both\n"
      "    instructions: Rise onto your toes.\n"
      "    ladder:\n"
      "      - {sets: 2, reps: 10}\n"
      "      - {sets: 3, reps: 10}\n"
      "      - {sets: 3, reps: 10, side: affected}\n",
      "exercises.yaml", &diags);
  ASSERT_TRUE(catalogue.has_value()) << diags.ToString();
  const Exercise& e = catalogue->front();
  EXPECT_EQ(e.side, Side::kBoth);
  EXPECT_FALSE(e.ladder[0].side.has_value());
  EXPECT_EQ(e.ladder[2].side, Side::kAffected);
}

TEST(YamlLoaderTest, DetectsFileKindsFromContent) {
  EXPECT_EQ(DetectFileKind("date,during\n2026-12-01,3\n"), FileKind::kDiary);
  EXPECT_EQ(DetectFileKind("note,date\n2026-12-01,x\n"), FileKind::kDiary);
  EXPECT_EQ(DetectFileKind("\"date\",\"during\"\n2026-12-01,3\n"), FileKind::kDiary);
  EXPECT_EQ(DetectFileKind("# during, note\n" + std::string(kPatient)), FileKind::kPatient);
  EXPECT_EQ(DetectFileKind(kPatient), FileKind::kPatient);
  EXPECT_EQ(DetectFileKind(kCatalogue), FileKind::kCatalogue);
  EXPECT_EQ(DetectFileKind(std::string(kHeader) + "phases: []\n"), FileKind::kProgram);
  EXPECT_EQ(DetectFileKind("language: es\ntranslates: x.yaml\ntexts: {}\n"),
            FileKind::kTranslation);
  EXPECT_EQ(DetectFileKind("hello: world\n"), FileKind::kUnknown);
}

TEST(YamlLoaderTest, LoadsEveryShippedProgram) {
  for (const auto& id : testing::ShippedProgramIds()) {
    std::string path = testing::SourcePath("programs/" + id + ".yaml");
    Diagnostics diags;
    auto p = LoadProgramFromCatalogue(testing::ReadFile(path), path, testing::ShippedCatalogue(),
                                      &diags);
    ASSERT_TRUE(p.has_value()) << diags.ToString();
    EXPECT_EQ(p->id, id);
  }
}

}  // namespace
}  // namespace rehab
