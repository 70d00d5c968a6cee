// The clinical content fixes of issue 14 ("Program content"): each test loads
// the shipped catalogue and programs through the real loader (and, where the
// fact is about the schedule, plans with the real engine) and fails if the
// fix is lost. Each is named in docs/clinical-fidelity.md next to its fact.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/engine/engine.h"
#include "planner/load/yaml_loader.h"
#include "planner/model/model.h"
#include "planner/model/plan.h"
#include "planner/present/dose_text.h"
#include "planner/present/render_text.h"
#include "tests/support/scenario_support.h"
#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::Builtin;
using testing::CatalogueExercise;
using testing::DayOf;
using testing::HasTag;
using testing::Mentions;
using testing::RunBinary;
using testing::Schedules;
using testing::ShippedCatalogue;
using testing::SlotsOf;
using testing::SourcePath;
using testing::StartingOn;

// Every shipped program's id.
const std::vector<std::string> kAllPrograms = testing::ShippedProgramIds();

bool Uses(const Phase& phase, const std::string& exercise) {
  return std::any_of(phase.exercises.begin(), phase.exercises.end(),
                     [&](const PhaseExercise& pe) { return pe.exercise_id == exercise; });
}

bool UsesAnywhere(const Program& p, const std::string& exercise) {
  return std::any_of(p.phases.begin(), p.phases.end(),
                     [&](const Phase& ph) { return Uses(ph, exercise); });
}

bool CitesSource(const Program& p, const std::string& id) {
  return std::any_of(p.sources.begin(), p.sources.end(),
                     [&](const Source& s) { return s.id == id; });
}

const Criterion* CriterionOn(const Phase& phase, const std::string& measure) {
  for (const auto& c : phase.exit_criteria) {
    if (c.measure == measure) return &c;
  }
  return nullptr;
}

const Phase* FindPhase(const Program& p, const std::string& id) {
  for (const auto& ph : p.phases) {
    if (ph.id == id) return &ph;
  }
  return nullptr;
}

constexpr date::year_month_day kStart = date::year{2026} / 3 / 2;

DiaryEntry MeasuresOn(Date d, std::map<std::string, double> measures, int during = 2,
                      Swelling swelling = Swelling::kNone) {
  DiaryEntry e;
  e.date = d;
  e.during = during;
  e.swelling = swelling;
  e.measures = std::move(measures);
  return e;
}

// ---- Step-ups and step-downs: "up with the good, down with the bad" [60] ----

TEST(ProgramContentTest, StepUpStepsDownWithTheSoreLegFirstSoTheGoodLegLowers) {
  const Exercise& up = CatalogueExercise("step-up");
  EXPECT_TRUE(Mentions(up.instructions, "Step down with your sore leg first")) << up.instructions;
  EXPECT_TRUE(Mentions(up.instructions, "good leg does the lowering")) << up.instructions;
  EXPECT_FALSE(Mentions(up.instructions, "Step down with the other leg first")) << up.instructions;
  EXPECT_TRUE(Mentions(up.instructions, "[60]")) << up.instructions;
}

TEST(ProgramContentTest, StepDownGetsOffTheStepWithTheSoreLegFirst) {
  const Exercise& down = CatalogueExercise("step-down");
  EXPECT_TRUE(Mentions(down.instructions, "step off with your sore leg first"))
      << down.instructions;
  EXPECT_TRUE(Mentions(down.instructions, "good leg lowers you")) << down.instructions;
  EXPECT_TRUE(Mentions(down.instructions, "[60]")) << down.instructions;
}

TEST(ProgramContentTest, EveryProgramWithAStepExerciseListsTheStairsSource) {
  int checked = 0;
  for (const auto& id : kAllPrograms) {
    const Program& p = Builtin(id);
    if (!UsesAnywhere(p, "step-up") && !UsesAnywhere(p, "step-down")) continue;
    ++checked;
    EXPECT_TRUE(CitesSource(p, "60")) << id << " uses a step exercise without source [60]";
  }
  EXPECT_EQ(checked, 8) << "every shipped program has a step-up or step-down";
}

// ---- The standing hip push-out stands on the sore leg -----------------------

TEST(ProgramContentTest, StandingHipPushOutIsTaggedAsFullWeightBearing) {
  const Exercise& push = CatalogueExercise("standing-isometric-hip-abduction");
  EXPECT_TRUE(Mentions(push.instructions, "Stand on your sore leg")) << push.instructions;
  EXPECT_TRUE(HasTag(push, "full-weight-bearing"));
}

TEST(ProgramContentTest, AProgramThatForbidsWeightBearingCannotScheduleTheHipPushOut) {
  const std::string text = R"(id: no-standing
title: Protected weight bearing
version: 1
condition: Test
anchor: surgery
sources:
  - {id: S, citation: Test source}
restrictions:
  - {tag: full-weight-bearing, until: 6w, reason: Crutches until week 6}
phases:
  - id: early
    title: Early
    start: 0d
    end: 2w
    exercises: [standing-isometric-hip-abduction]
)";
  Diagnostics diags;
  diags.AddSource("no-standing.yaml", text);
  auto program = LoadProgramFromCatalogue(text, "no-standing.yaml", ShippedCatalogue(), &diags);
  EXPECT_FALSE(program.has_value());
  EXPECT_NE(diags.ToString().find("no-standing.yaml:15:17: error: phase 'early' (days 0-14) "
                                  "schedules 'standing-isometric-hip-abduction', tagged "
                                  "'full-weight-bearing'"),
            std::string::npos)
      << diags.ToString();
}

TEST(ProgramContentTest, NoPostOperativePhaseThatForbidsWeightBearingStandsOnTheSoreLeg) {
  int windows = 0;
  for (const auto& id : kAllPrograms) {
    const Program& p = Builtin(id);
    for (const auto& r : p.restrictions) {
      if (r.tag != "full-weight-bearing") continue;
      ++windows;
      for (const auto& ph : p.phases) {
        if (ph.start_day >= r.until_day || r.from_day >= ph.max_end_day) continue;
        EXPECT_FALSE(Uses(ph, "standing-isometric-hip-abduction")) << id << " phase " << ph.id;
      }
    }
  }
  EXPECT_GE(windows, 1) << "meniscus-repair forbids full weight bearing to week 6";
}

// ---- Total knee replacement: full extension is a criterion, not only a goal -

TEST(ProgramContentTest, TotalKneeReplacementPhasesOneAndTwoRequireAFullyStraightKnee) {
  const Program& p = Builtin("total-knee-replacement");
  ASSERT_GE(p.phases.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const Criterion* c = CriterionOn(p.phases[i], "extension-deficit");
    ASSERT_NE(c, nullptr) << p.phases[i].id << " has no extension criterion";
    EXPECT_EQ(c->op, CompareOp::kAtMost);
    EXPECT_EQ(c->value, 0) << "the goal is 0 degrees [24]";
    EXPECT_TRUE(Mentions(c->text, "straightens fully")) << c->text;
  }
  EXPECT_TRUE(Mentions(p.phases[0].goals[1], "fully straight (0 degrees)"));
}

TEST(ProgramContentTest, TotalKneeReplacementHoldsPhaseOneWhileTheKneeKeepsAFixedBend) {
  const Program& p = Builtin("total-knee-replacement");
  Date start(kStart);
  auto plan_with_deficit = [&](double deficit) {
    Diary diary;
    for (int day = 10; day <= 20; ++day) {
      diary.entries.push_back(
          MeasuresOn(start + date::days(day),
                     {{"flexion", 95}, {"walk-distance", 40}, {"extension-deficit", deficit}}));
    }
    return Generate(p, StartingOn(kStart), diary, date::year_month_day(start + date::days(20)),
                    PlanOptions{4});
  };
  Plan bent = plan_with_deficit(10);
  ASSERT_FALSE(bent.phases.empty());
  EXPECT_TRUE(bent.phases[0].extended) << "a knee 10 degrees short of straight moved on";
  EXPECT_GT(bent.phases[0].end, start + date::days(20));

  Plan straight = plan_with_deficit(0);
  ASSERT_FALSE(straight.phases.empty());
  EXPECT_FALSE(straight.phases[0].extended);
  EXPECT_EQ(straight.phases[0].end, start + date::days(14));
}

// ---- ACL reconstruction: hop drills wait for the return-to-sport tests ------

TEST(ProgramContentTest, AclPhaseBeforeHopDrillsRequiresNinetyPercentSymmetryNoEffusionAndLowPain) {
  const Program& p = Builtin("acl-reconstruction");
  size_t first = p.phases.size();
  for (size_t i = 0; i < p.phases.size(); ++i) {
    if (Uses(p.phases[i], "hop-drills")) {
      first = i;
      break;
    }
  }
  ASSERT_LT(first, p.phases.size()) << "no phase has hop drills";
  ASSERT_GT(first, 0u);
  const Phase& gate = p.phases[first - 1];
  const Criterion* quad = CriterionOn(gate, "quad-strength");
  const Criterion* hop = CriterionOn(gate, "hop-symmetry");
  const Criterion* swelling = CriterionOn(gate, "swelling");
  const Criterion* pain = CriterionOn(gate, "pain");
  ASSERT_NE(quad, nullptr) << gate.id;
  ASSERT_NE(hop, nullptr) << gate.id << " has no hop-test (limb symmetry) criterion";
  ASSERT_NE(swelling, nullptr) << gate.id;
  ASSERT_NE(pain, nullptr) << gate.id;
  EXPECT_EQ(quad->op, CompareOp::kAtLeast);
  EXPECT_GE(quad->value, 90) << "more than 70% thigh strength [43,45]";
  EXPECT_EQ(hop->op, CompareOp::kAtLeast);
  EXPECT_GE(hop->value, 90) << "hop tests at 90% of the other leg [43,44,45]";
  EXPECT_EQ(swelling->value, static_cast<double>(Swelling::kNone)) << "no effusion [40]";
  EXPECT_LE(pain->value, p.pain_rules.safe_max) << "pain in the green zone";
}

TEST(ProgramContentTest, AclHopDrillsAreNotScheduledUntilTheHopTestsArePassed) {
  const Program& p = Builtin("acl-reconstruction");
  Date start(kStart);
  Diary diary;  // every earlier phase's criteria met, thigh strength 85%, hop tests 80%
  for (int day = 10; day <= 180; day += 2) {
    diary.entries.push_back(MeasuresOn(start + date::days(day),
                                       {{"flexion", 140},
                                        {"extension-deficit", 0},
                                        {"extension-lag", 0},
                                        {"limp", 0},
                                        {"quad-strength", 85},
                                        {"hop-symmetry", 80}},
                                       1));
  }
  Plan plan = Generate(p, StartingOn(kStart), diary, date::year_month_day(start + date::days(180)),
                       PlanOptions{30});
  const PhaseSpan* running = nullptr;
  for (const auto& span : plan.phases) {
    if (span.id == "running") running = &span;
  }
  ASSERT_NE(running, nullptr) << "the diary should reach the running phase";
  EXPECT_EQ(running->start, start + date::days(84)) << "jogging on time at week 12";
  int hop_days = 0;
  for (const auto& day : plan.days) hop_days += Schedules(day, "hop-drills");
  EXPECT_EQ(hop_days, 0) << "hop drills with 80% on the hop tests";
}

TEST(ProgramContentTest, AclRsiCriterionMeansAbove56AsItsTextSays) {
  const Program& p = Builtin("acl-reconstruction");
  const Phase* rts = FindPhase(p, "return-to-sport");
  ASSERT_NE(rts, nullptr);
  const Criterion* rsi = CriterionOn(*rts, "acl-rsi");
  ASSERT_NE(rsi, nullptr);
  EXPECT_TRUE(Mentions(rsi->text, "above 56")) << rsi->text;
  EXPECT_EQ(rsi->op, CompareOp::kAtLeast);
  EXPECT_GT(rsi->value, 56) << "a score of 56 is not above 56 [43]";
  EXPECT_LE(rsi->value, 57) << "a whole-number score of 57 is above 56";
}

// ---- Partial knee replacement: cycling from about 6 weeks -------------------

TEST(ProgramContentTest, UnicompartmentalPlanHasNoCyclingBeforeSixWeeksAsItsTextSays) {
  const Program& p = Builtin("unicompartmental-knee-replacement");
  const Education* activities = p.FindEducation("activities");
  ASSERT_NE(activities, nullptr);
  EXPECT_TRUE(Mentions(activities->text, "Cycling (a stationary bike too)")) << activities->text;
  EXPECT_TRUE(Mentions(activities->text, "from about 6")) << activities->text;
  bool restricted =
      std::any_of(p.restrictions.begin(), p.restrictions.end(), [](const Restriction& r) {
        return r.tag == "cycling" && r.from_day == 0 && r.until_day >= 42;
      });
  EXPECT_TRUE(restricted) << "no cycling restriction to week 6";
  Plan plan = Generate(p, StartingOn(kStart), Diary{}, kStart, PlanOptions{16});
  int bike_days = 0;
  for (const auto& day : plan.days) {
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) {
        if (HasTag(*e.exercise, "cycling")) {
          EXPECT_GE(day.day, 42) << e.id() << " on day " << day.day;
          ++bike_days;
        }
      }
    }
  }
  EXPECT_GT(bike_days, 0) << "the bike comes back from week 6";
}

// ---- Knee osteoarthritis: flare-up ice only on a flare day ------------------

TEST(ProgramContentTest, KneeOsteoarthritisGivesNoFlareIceOnAQuietDay) {
  const Program& p = Builtin("knee-osteoarthritis");
  Plan plan = Generate(p, StartingOn(kStart), Diary{}, kStart, PlanOptions{12});
  int heat_days = 0;
  for (const auto& day : plan.days) {
    EXPECT_EQ(SlotsOf(day, ModalityKind::kIce), 0) << "ice on quiet day " << day.day;
    heat_days += SlotsOf(day, ModalityKind::kHeat) > 0;
  }
  EXPECT_GT(heat_days, 50) << "heat before exercise stays daily";
}

TEST(ProgramContentTest, KneeOsteoarthritisIcesOnASwollenDayInsteadOfHeating) {
  const Program& p = Builtin("knee-osteoarthritis");
  Date start(kStart);
  Diary diary;
  diary.entries.push_back(MeasuresOn(start + date::days(20), {}, 3, Swelling::kNone));
  diary.entries.push_back(MeasuresOn(start + date::days(30), {}, 3, Swelling::kMild));
  Plan plan = Generate(p, StartingOn(kStart), diary, date::year_month_day(start + date::days(40)),
                       PlanOptions{12});
  const DayPlan* quiet = DayOf(plan, 20);
  const DayPlan* flare = DayOf(plan, 30);
  const DayPlan* settled = DayOf(plan, 34);
  ASSERT_NE(quiet, nullptr);
  ASSERT_NE(flare, nullptr);
  ASSERT_NE(settled, nullptr);
  EXPECT_EQ(SlotsOf(*quiet, ModalityKind::kIce), 0);
  EXPECT_GT(SlotsOf(*quiet, ModalityKind::kHeat), 0);
  EXPECT_EQ(SlotsOf(*flare, ModalityKind::kIce), 2);
  EXPECT_EQ(SlotsOf(*flare, ModalityKind::kHeat), 0) << "no heat on a swollen knee";
  EXPECT_EQ(SlotsOf(*settled, ModalityKind::kIce), 0) << "4 days after the swelling";
}

TEST(ProgramContentTest, KneeOsteoarthritisIcesAfterPainAboveFiveButNotAtFive) {
  const Program& p = Builtin("knee-osteoarthritis");
  Date start(kStart);
  Diary diary;
  diary.entries.push_back(MeasuresOn(start + date::days(20), {}, 5));
  diary.entries.push_back(MeasuresOn(start + date::days(30), {}, 6));
  Plan plan = Generate(p, StartingOn(kStart), diary, date::year_month_day(start + date::days(40)),
                       PlanOptions{12});
  ASSERT_NE(DayOf(plan, 20), nullptr);
  ASSERT_NE(DayOf(plan, 31), nullptr);
  EXPECT_EQ(SlotsOf(*DayOf(plan, 20), ModalityKind::kIce), 0) << "5/10 is acceptable [2]";
  EXPECT_EQ(SlotsOf(*DayOf(plan, 31), ModalityKind::kIce), 2) << "the day after 6/10";
}

TEST(ProgramContentTest, ShowTellsWhenTheFlareIceIsGiven) {
  std::string text = RenderProgramText(Builtin("knee-osteoarthritis"), "en");
  EXPECT_NE(text.find("Ice pack for a flare-up: 15 minutes, 2 times a day, days 0-84, only on a "
                      "flare day (swelling mild or more, or pain 6/10 or more, logged that day or "
                      "in the 3 days before)"),
            std::string::npos)
      << text;
}

// ---- Each card says its side once (issue 17) --------------------------------

// The side words `text` uses, lowercased: "3 sets of 10, on the sore leg only,
// both legs" names two (sore, both); a card must name one.
std::set<std::string> SidesNamed(const std::string& text) {
  static const std::set<std::string> kSideWords = {"left",       "right",    "both",   "each",
                                                   "sore",       "good",     "other",  "affected",
                                                   "unaffected", "operated", "injured"};
  std::set<std::string> found;
  std::string word;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (kSideWords.count(word)) found.insert(word);
    word.clear();
  }
  return found;
}

// The patients every program is checked for: each side of the body.
Patient PatientOnSide(Side side) {
  Patient p = StartingOn(kStart);
  p.side = side;
  return p;
}

TEST(ProgramContentTest, NoLadderStepOfAShippedProgramSaysASideInItsDose) {
  for (const auto& id : kAllPrograms) {
    for (const auto& e : Builtin(id).exercises) {
      for (size_t i = 0; i < e.ladder.size(); ++i) {
        std::string dose = DescribeDose(e.ladder[i], "kg", "en");
        EXPECT_TRUE(SidesNamed(dose).empty())
            << id << ": " << e.id << " step " << i + 1 << " says a side in \"" << dose
            << "\"; give the step a `side` instead";
      }
    }
  }
}

TEST(ProgramContentTest, EveryCardOfEveryShippedProgramSaysOneSide) {
  for (const auto& id : kAllPrograms) {
    for (Side side : {Side::kLeft, Side::kRight, Side::kBoth}) {
      Plan plan = Generate(Builtin(id), PatientOnSide(side), {}, kStart);
      std::set<std::string> checked;
      for (const auto& day : plan.days) {
        for (const auto& s : day.sessions) {
          for (const auto& e : s.exercises) {
            std::string card = DescribeDose(*e.dose, "kg", "en") + ", " + DescribeSide(e, "en");
            if (!checked.insert(card).second) continue;
            EXPECT_EQ(SidesNamed(card).size(), 1u)
                << id << " (patient " << ToString(side) << "): " << e.id() << ": " << card;
          }
        }
      }
      EXPECT_FALSE(checked.empty()) << id;
    }
  }
}

TEST(ProgramContentTest, CalfRaisesAndHopDrillsEndOnTheSoreLegAlone) {
  Plan plan = Generate(Builtin("knee-osteoarthritis"), PatientOnSide(Side::kLeft), {}, kStart);
  const ScheduledExercise* last = nullptr;
  for (const auto& day : plan.days) {
    const ScheduledExercise* e = testing::FindScheduled(day, "calf-raise");
    if (e != nullptr && e->step + 1 == e->steps) last = e;
  }
  ASSERT_NE(last, nullptr) << "the calf raise reaches its last step";
  EXPECT_EQ(DescribeSide(*last, "en"), "left leg");
  const Exercise& hops = CatalogueExercise("hop-drills");
  EXPECT_EQ(hops.side, Side::kBoth);
  EXPECT_EQ(hops.ladder.back().side, Side::kAffected);
}

TEST(ProgramContentTest, EverySideLyingExerciseSaysWhichSideToLieOn) {
  int side_lying = 0;
  for (const auto& e : ShippedCatalogue().exercises) {
    if (!e.illustration || e.illustration->position != BodyPosition::kSideLying) continue;
    ++side_lying;
    for (Side patient : {Side::kLeft, Side::kRight}) {
      std::string words = DescribeSide(e, ResolveExerciseSide(e.side, patient), "en");
      EXPECT_TRUE(words.starts_with("lying on your left side") ||
                  words.starts_with("lying on your right side") ||
                  words == "lying on each side in turn")
          << e.id << ": " << words;
    }
  }
  EXPECT_EQ(side_lying, 3) << "side-lying leg lift, clamshell, side plank";
}

// The working leg is the top one: "Lie on your good side" in the instructions
// of a sore-leg exercise is the side its card names.
TEST(ProgramContentTest, ASideLyingSoreLegExerciseLiesOnTheGoodSideItsCardNames) {
  for (const char* id : {"side-lying-hip-abduction", "clamshell"}) {
    const Exercise& e = CatalogueExercise(id);
    EXPECT_EQ(e.side, Side::kAffected) << id;
    EXPECT_TRUE(Mentions(e.instructions, "Lie on your good side")) << id;
    EXPECT_EQ(DescribeSide(e, ResolveExerciseSide(e.side, Side::kRight), "en"), "lying on your left side")
        << id;
  }
}

TEST(ProgramContentTest, TheSidePlankIsDoneLyingOnEachSideInTurn) {
  const Exercise& e = CatalogueExercise("side-plank");
  EXPECT_EQ(DescribeSide(e, ResolveExerciseSide(e.side, Side::kRight), "en"),
            "lying on each side in turn");
  EXPECT_TRUE(Mentions(e.instructions, "lying on your other side")) << e.instructions;
}

// ---- Every shipped program still validates ----------------------------------

TEST(ProgramContentTest, EveryShippedProgramPassesValidate) {
  std::vector<std::string> args = {"validate"};
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("programs"))) {
    if (entry.path().extension() == ".yaml") args.push_back(entry.path().string());
  }
  std::sort(args.begin() + 1, args.end());
  ASSERT_EQ(args.size(), 10u) << "the catalogue and eight programs";
  auto run = RunBinary(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
}

}  // namespace
}  // namespace rehab
