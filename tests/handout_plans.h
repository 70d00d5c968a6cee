// Hand-built programs and plans for the handout tests: a post-operative knee
// plan and a conservative knee plan, each optionally with a pain diary and an
// active red flag. Plain structs, no engine, so the renderer is tested alone.
#ifndef REHAB_TESTS_HANDOUT_PLANS_H_
#define REHAB_TESTS_HANDOUT_PLANS_H_

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "planner/model/plan.h"
#include "planner/present/dose_text.h"
#include "tests/support/plan_builder.h"

namespace rehab::testing {

struct HandoutCase {
  bool post_op = true;
  bool diary = false;
  bool red_flag = false;  // an active calf-pain alert; exercise stopped from its date
  std::string units = "kg";
  int today = 16;  // days from the anchor
  std::function<void(Program&)> edit_program = {};  // applied before the plan is laid out
};

inline Dose MakeDose(int sets, int reps, int hold = 0, int minutes = 0, Load load = {}) {
  Dose d;
  d.sets = sets;
  d.reps = reps;
  d.hold_seconds = hold;
  d.minutes = minutes;
  d.load = load;
  return d;
}

inline Load Kg(double v) { return Load{LoadKind::kKg, v, ""}; }
inline Load Band(const std::string& colour) { return Load{LoadKind::kBand, 0, colour}; }

inline Exercise MakeExercise(const std::string& id, const std::string& name, ExerciseKind kind,
                             std::vector<Dose> ladder, const std::string& instructions,
                             const std::string& stop_if, Side side = Side::kAffected) {
  Exercise e;
  e.id = id;
  e.name = name;
  e.kind = kind;
  e.ladder = std::move(ladder);
  e.instructions = instructions;
  e.stop_if = stop_if;
  e.side = side;
  return e;
}

// A red flag that stops all exercise.
inline RedFlag MakeRedFlag(const std::string& id, const std::string& flag, const std::string& text,
                           const std::string& action, Urgency urgency) {
  return RedFlag{id, flag, text, action, urgency, RedFlagStops::kAll, false, {}};
}

inline PhaseExercise InPhase(const std::string& id, int days_per_week = 7, int times_per_day = 1) {
  PhaseExercise pe;
  pe.exercise_id = id;
  pe.days_per_week = days_per_week;
  pe.times_per_day = times_per_day;
  return pe;
}

inline Phase MakePhase(const std::string& id, const std::string& title, int start, int end,
                       std::vector<PhaseExercise> exercises, std::vector<std::string> goals,
                       std::vector<std::string> education, std::string exit_text = "") {
  Phase p;
  p.id = id;
  p.title = title;
  p.start_day = start;
  p.end_day = end;
  p.max_end_day = end + 14;
  p.exercises = std::move(exercises);
  p.goals = std::move(goals);
  p.education = std::move(education);
  if (!exit_text.empty()) {
    Criterion c;
    c.measure = "flexion";
    c.value = 90;
    c.text = exit_text;
    p.exit_criteria.push_back(c);
  }
  return p;
}

inline Program PostOpKneeProgram() {
  Program p;
  p.id = "tka-test";
  p.title = "Knee replacement: the first twelve weeks";
  p.version = 2;
  p.anchor = Anchor::kSurgery;
  p.exercises = {
      MakeExercise("ankle-pumps", "Ankle pumps", ExerciseKind::kMobility,
                   {MakeDose(1, 20), MakeDose(2, 20)},
                   "Lie on your back with your legs straight.\nPoint your toes away, then pull "
                   "them towards you. Keep the movement smooth.",
                   "your calf becomes painful, hot or swollen.", Side::kBoth),
      MakeExercise("quad-sets", "Thigh tightening (quad sets)", ExerciseKind::kStrength,
                   {MakeDose(2, 10, 5), MakeDose(3, 10, 5), MakeDose(3, 10, 10)},
                   "Lie with your leg straight. Tighten the muscle on the front of your thigh so "
                   "the back of your knee presses down. Hold, then relax.",
                   "the pain goes above 5 out of 10."),
      MakeExercise("heel-slides", "Heel slides", ExerciseKind::kMobility,
                   {MakeDose(2, 10), MakeDose(3, 10), MakeDose(3, 15)},
                   "Lie on your back. Slide your heel towards your bottom, bending the knee as "
                   "far as is comfortable, then slide it back.",
                   "the knee feels unstable or the wound leaks."),
      MakeExercise("slr", "Straight leg raise", ExerciseKind::kStrength,
                   {MakeDose(2, 10), MakeDose(3, 10, 3), MakeDose(3, 10, 3, 0, Kg(1))},
                   "Lie on your back, bend the other knee. Tighten the thigh of the straight "
                   "leg and lift it to the height of the other knee. Lower slowly.",
                   "your knee bends while lifting or you feel a sharp pain."),
      MakeExercise("sit-to-stand", "Sit to stand", ExerciseKind::kStrength,
                   {MakeDose(2, 8), MakeDose(3, 10)},
                   "Sit on a firm chair with arms. Lean forward and stand up, using your hands "
                   "if needed. Sit down slowly.",
                   "you feel dizzy.", Side::kBoth),
      MakeExercise("bike", "Exercise bike", ExerciseKind::kCardio,
                   {MakeDose(0, 0, 0, 10), MakeDose(0, 0, 0, 15)},
                   "Set the seat high. Pedal gently backwards and forwards with no resistance.",
                   "the knee swells more the next morning.", Side::kBoth),
  };
  Modality ice;
  ice.id = "ice";
  ice.name = "Ice pack";
  ice.minutes = 15;
  ice.times_per_day = 3;
  ice.when = ModalityTiming::kAfterExercise;
  ice.from_day = 0;
  ice.to_day = 42;
  ice.instructions = "Wrap the pack in a damp towel. Never put ice straight on the skin [s1].";
  ice.contraindications = {"numb skin", "poor circulation"};
  p.modalities = {ice};
  p.phases = {
      MakePhase("early", "Early recovery", 0, 14,
                {InPhase("ankle-pumps", 7, 3), InPhase("quad-sets", 7, 2),
                 InPhase("heel-slides", 7, 2), InPhase("slr")},
                {"Control pain and swelling", "Bend the knee to 90 degrees"}, {"swelling", "pain"},
                "your knee bends to at least 90 degrees"),
      MakePhase("strength", "Building strength", 14, 42,
                {InPhase("quad-sets"), InPhase("heel-slides"), InPhase("slr"),
                 InPhase("sit-to-stand", 5), InPhase("bike", 5)},
                {"Walk without a frame", "Climb stairs one at a time"}, {"pain", "walking"},
                "you can stand up from a chair without using your hands"),
      MakePhase("function", "Back to daily life", 42, 84,
                {InPhase("sit-to-stand", 5), InPhase("bike", 5)},
                {"Walk for 30 minutes", "Return to your usual activities"}, {"walking"}),
  };
  p.pain_rules.acceptable_max = 5;
  RedFlag fever = MakeRedFlag("fever", "fever", "Fever over 38.0 \u00b0C (100.4 \u00b0F) or chills",
                              "Call your surgeon today", Urgency::kSameDay);
  RedFlag calf =
      MakeRedFlag("calf-pain", "calf-pain", "Pain, swelling or tenderness in your calf",
                  "Call your surgeon or go to the emergency department today", Urgency::kEmergency);
  RedFlag wound = MakeRedFlag("wound", "wound-redness", "The wound is red, hot, or leaks fluid",
                              "Call your surgeon today", Urgency::kSameDay);
  RedFlag breath = MakeRedFlag("breath", "", "Sudden shortness of breath or chest pain",
                               "Call 911 / 999 / 112", Urgency::kEmergency);
  p.red_flags = {fever, calf, wound, breath};
  p.education = {
      {"swelling",
       "Swelling",
       "Some swelling is normal for weeks.\nRaise your leg when resting.",
       {}},
      {"pain",
       "Pain while exercising",
       "Pain up to 5 out of 10 during exercise is fine if it settles by the next morning [s1].",
       {}},
      {"walking", "Walking", "Walk a little more each day. Short, frequent walks are best.", {}},
  };
  p.sources = {
      {"s1", "Example A, et al. Rehabilitation after total knee arthroplasty. J Example. 2020.",
       "https://doi.org/10.0000/example.1"},
      {"s2", "Example B. Pain monitoring model. Physio Example. 2011.", ""},
  };
  return p;
}

inline Program ConservativeKneeProgram() {
  Program p;
  p.id = "pfp-test";
  p.title = "Kneecap pain: exercise program";
  p.version = 1;
  p.anchor = Anchor::kStart;
  p.exercises = {
      MakeExercise("clams", "Clams", ExerciseKind::kStrength,
                   {MakeDose(3, 12, 0, 0, Band("yellow")), MakeDose(3, 15, 0, 0, Band("red"))},
                   "Lie on your side with knees bent. Keep your feet together and lift the top "
                   "knee. Lower slowly.",
                   "you feel pain in the hip."),
      MakeExercise("wall-squat", "Wall squat", ExerciseKind::kStrength,
                   {MakeDose(3, 10, 5), MakeDose(3, 10, 10)},
                   "Stand with your back against a wall. Slide down until your knees are bent a "
                   "little. Hold, then slide up.",
                   "the pain behind the kneecap goes above 5 out of 10.", Side::kBoth),
      MakeExercise("step-up", "Step up", ExerciseKind::kStrength,
                   {MakeDose(3, 10, 0, 0, Kg(2)), MakeDose(3, 12, 0, 0, Kg(4))},
                   "Hold a weight in each hand. Step onto a low step with the painful leg, then "
                   "step down.",
                   "the knee gives way."),
      MakeExercise("calf-stretch", "Calf stretch", ExerciseKind::kStretch, {MakeDose(3, 0, 30)},
                   "Stand facing a wall, one foot back, heel down. Lean forward until you feel a "
                   "stretch in the calf.",
                   "you feel pain rather than a stretch."),
  };
  Modality heat;
  heat.id = "heat";
  heat.name = "Warm pack";
  heat.kind = ModalityKind::kHeat;
  heat.minutes = 10;
  heat.times_per_day = 1;
  heat.when = ModalityTiming::kBeforeExercise;
  heat.to_day = 84;
  p.modalities = {heat};
  p.phases = {
      MakePhase("settle", "Settle the pain", 0, 21,
                {InPhase("clams", 5), InPhase("wall-squat", 5), InPhase("calf-stretch")},
                {"Pain below 3 out of 10 on stairs"}, {"load"},
                "stairs hurt no more than 3 out of 10"),
      MakePhase("load", "Build strength", 21, 56,
                {InPhase("clams", 3), InPhase("wall-squat", 3), InPhase("step-up", 3),
                 InPhase("calf-stretch")},
                {"Squat and climb stairs without pain"}, {"load"}),
  };
  RedFlag locking =
      MakeRedFlag("locking", "locking", "Your knee locks and you cannot straighten it",
                  "See your doctor this week", Urgency::kSameDay);
  RedFlag giving = MakeRedFlag("giving-way", "giving-way", "Your knee gives way and you fall",
                               "See your doctor", Urgency::kSameDay);
  p.red_flags = {locking, giving};
  p.education = {{"load",
                  "Load, not rest",
                  "Kneecap pain settles with the right amount of exercise, not with rest.",
                  {}}};
  p.sources = {{"s1", "Example C. Patellofemoral pain guideline. 2018.",
                "https://example.org/pfp-guideline"}};
  return p;
}

// Lays a program on the calendar the simple way (every phase on its planned
// days, step up one ladder rung every 7 days in a phase) to give the
// renderer a realistic plan.
inline Plan BuildHandoutPlan(const HandoutCase& c) {
  Program program = c.post_op ? PostOpKneeProgram() : ConservativeKneeProgram();
  if (c.edit_program) c.edit_program(program);
  Patient patient;
  patient.id = c.post_op ? "TKA-0042" : "PFP-0007";
  patient.side = Side::kRight;
  patient.units = c.units;
  patient.session_times = {9 * 60, 17 * 60};
  Date anchor = date::sys_days(date::year{2026} / 3 / 2);
  if (c.post_op) {
    patient.surgery = anchor;
    patient.procedure = "Total knee replacement";
  } else {
    patient.start = anchor;
  }
  int days = program.phases.back().end_day;
  Plan plan = PlanSkeleton(std::move(program), std::move(patient), anchor, days,
                           anchor + date::days{c.today});
  int stop_from = c.red_flag ? c.today - 1 : days + 1;

  for (auto& day : plan.days) {
    int d = day.day;
    const Phase* phase = plan.FindPhase(day.phase_id);
    day.stopped = d >= stop_from;
    if (!day.stopped) {
      for (int slot = 0; slot < 3; ++slot) {
        Session s;
        s.slot = slot;
        s.time = slot == 0 ? 9 * 60 : slot == 1 ? 13 * 60 : 17 * 60;
        int weekday = static_cast<int>(date::weekday(day.date).c_encoding());
        for (const auto& pe : phase->exercises) {
          if (slot >= pe.times_per_day) continue;
          if (pe.days_per_week < 7 && weekday >= 1 + pe.days_per_week) continue;
          if (pe.days_per_week < 7 && weekday == 0) continue;
          const Exercise* ex = plan.program->FindExercise(pe.exercise_id);
          int step =
              std::min<int>((d - phase->start_day) / 7, static_cast<int>(ex->ladder.size()) - 1);
          ScheduledExercise se;
          se.exercise = ex;
          se.step = step;
          se.steps = static_cast<int>(ex->ladder.size());
          se.dose = &ex->ladder[static_cast<size_t>(step)];
          se.side = ex->side == Side::kAffected ? plan.patient.side : ex->side;
          s.exercises.push_back(se);
          if (slot == 0 && d > phase->start_day && (d - phase->start_day) % 7 == 0 && step > 0 &&
              (d - phase->start_day) / 7 < static_cast<int>(ex->ladder.size())) {
            DoseChange ch;
            ch.date = day.date;
            ch.exercise_id = ex->id;
            ch.from_step = step - 1;
            ch.to_step = step;
            ch.change = StepChange::kUp;
            ch.reason = {"step-up",
                         Message::Verbatim("Pain stayed at 5 or below and settled by the morning."),
                         {}};
            plan.changes.push_back(ch);
          }
        }
        if (!s.exercises.empty()) day.sessions.push_back(s);
      }
      for (const auto& m : plan.program->modalities) {
        if (d < m.from_day || d >= m.to_day) continue;
        for (int i = 0; i < m.times_per_day; ++i) {
          day.modalities.push_back({m.id, m.name, m.kind,
                                    (i == 0   ? 9
                                     : i == 1 ? 13
                                              : 17) *
                                            60 +
                                        30,
                                    m.minutes, m.when});
        }
      }
    }
  }
  if (c.diary) {
    for (int d = 1; d < c.today; ++d) {
      DiaryEntry e;
      e.date = anchor + date::days{d};
      e.during = std::max(1, 6 - d / 3);
      e.after = std::max(0, 5 - d / 3);
      e.morning = std::max(0, 4 - d / 4);
      e.line = d + 1;
      plan.diary.entries.push_back(e);
    }
    DoseChange hold;
    hold.date = anchor + date::days{5};
    hold.exercise_id = c.post_op ? "slr" : "wall-squat";
    hold.from_step = hold.to_step = 0;
    hold.change = StepChange::kHold;
    hold.reason = {
        "amber-hold",
        Message::Verbatim("Pain after exercise was 4/10 on 2026-03-06; kept the same dose."),
        {anchor + date::days{4}}};
    plan.changes.push_back(hold);
  }
  std::sort(plan.changes.begin(), plan.changes.end(), [](const DoseChange& a, const DoseChange& b) {
    return a.date != b.date ? a.date < b.date : a.exercise_id < b.exercise_id;
  });
  if (c.red_flag) {
    Alert a;
    a.kind = AlertKind::kRedFlag;
    a.id = c.post_op ? "calf-pain" : "giving-way";
    a.date = anchor + date::days{stop_from};
    a.text = Message::Verbatim(c.post_op ? "Pain, swelling or tenderness in your calf"
                                         : "Your knee gives way and you fall");
    a.action =
        Message::Verbatim(c.post_op ? "Call your surgeon or go to the emergency department today"
                                    : "See your doctor");
    a.urgency = c.post_op ? Urgency::kEmergency : Urgency::kSameDay;
    a.stops = RedFlagStops::kAll;
    a.active = true;
    plan.alerts.push_back(a);
  }
  return plan;
}

}  // namespace rehab::testing

#endif  // REHAB_TESTS_HANDOUT_PLANS_H_
