// Shipped programs, scenario fixtures and plan lookups for the tests.
#include "tests/support/scenario_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "planner/base/diagnostics.h"
#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "tests/support/test_util.h"

namespace rehab::testing {

Date D(const char* text) { return ParseDate(text).value(); }

const Catalogue& ShippedCatalogue() {
  static const Catalogue catalogue = [] {
    Diagnostics diags;
    std::string path = SourcePath("programs/exercises.yaml");
    auto loaded = LoadCatalogueFile(ReadFile(path), path, &diags);
    if (!loaded) ADD_FAILURE() << diags.ToString();
    return loaded.value_or(Catalogue{});
  }();
  return catalogue;
}

const Exercise& CatalogueExercise(const std::string& id) {
  static const Exercise kNone;
  for (const auto& e : ShippedCatalogue().exercises) {
    if (e.id == id) return e;
  }
  ADD_FAILURE() << "no exercise '" << id << "' in the catalogue";
  return kNone;
}

Program LoadBuiltin(const std::string& id) {
  Diagnostics diags;
  std::string path = SourcePath("programs/" + id + ".yaml");
  auto program = LoadProgramFromCatalogue(ReadFile(path), path, ShippedCatalogue(), &diags);
  if (!program) ADD_FAILURE() << "cannot load " << id << ":\n" << diags.ToString();
  return program.value_or(Program{});
}

const Program& Builtin(const std::string& id) {
  // std::map nodes never move, so the references stay valid as it grows.
  static std::map<std::string, Program> cache;
  auto it = cache.find(id);
  if (it == cache.end()) it = cache.emplace(id, LoadBuiltin(id)).first;
  return it->second;
}

Patient LoadScenarioPatient(const std::string& name) {
  Diagnostics diags;
  std::string path = DataPath("scenarios/" + name);
  auto patient = LoadPatient(ReadFile(path), path, &diags);
  EXPECT_TRUE(patient.has_value()) << diags.ToString();
  return patient.value_or(Patient{});
}

Diary LoadScenarioDiary(const std::string& name) {
  Diagnostics diags;
  std::string path = DataPath("scenarios/" + name);
  Diary diary = ParseDiary(ReadFile(path), path, &diags);
  EXPECT_FALSE(diags.HasErrors()) << diags.ToString();
  return diary;
}

bool HasTag(const Exercise& e, const std::string& tag) {
  return std::find(e.tags.begin(), e.tags.end(), tag) != e.tags.end();
}

Patient StartingOn(date::year_month_day start) {
  Patient patient;
  patient.start = Date(start);
  patient.surgery = Date(start);
  return patient;
}

Plan ScenarioPlan(const std::string& program, const std::string& patient, const Diary& diary,
                  const char* today) {
  return Generate(Builtin(program), LoadScenarioPatient(patient), diary,
                  date::year_month_day(D(today)));
}

Diary DiaryFromCsv(const std::string& csv) {
  Diagnostics diags;
  Diary diary = ParseDiary(csv, "diary.csv", &diags);
  EXPECT_FALSE(diags.HasErrors()) << diags.ToString();
  return diary;
}

const DayPlan* DayOf(const Plan& plan, int day) {
  for (const auto& d : plan.days) {
    if (d.day == day) return &d;
  }
  return nullptr;
}

int SlotsOf(const DayPlan& day, ModalityKind kind) {
  return static_cast<int>(std::count_if(day.modalities.begin(), day.modalities.end(),
                                        [&](const ModalitySlot& s) { return s.kind == kind; }));
}

const ScheduledExercise* FindScheduled(const DayPlan& day, const std::string& exercise) {
  for (const auto& s : day.sessions) {
    for (const auto& e : s.exercises) {
      if (e.id() == exercise) return &e;
    }
  }
  return nullptr;
}

bool Schedules(const DayPlan& day, const std::string& exercise) {
  return FindScheduled(day, exercise) != nullptr;
}

bool ScheduledOn(const Plan& plan, const std::string& exercise, Date date) {
  return StepOn(plan, exercise, date).has_value();
}

std::optional<int> StepOn(const Plan& plan, const std::string& exercise, Date date) {
  const DayPlan* day = plan.FindDay(date);
  const ScheduledExercise* e = day == nullptr ? nullptr : FindScheduled(*day, exercise);
  if (e == nullptr) return std::nullopt;
  return e->step;
}

std::vector<DoseChange> ChangesOf(const Plan& plan, const std::string& exercise) {
  std::vector<DoseChange> out;
  for (const auto& c : plan.changes) {
    if (c.exercise_id == exercise) out.push_back(c);
  }
  return out;
}

const DoseChange* ChangeOn(const Plan& plan, const std::string& exercise, Date date) {
  for (const auto& c : plan.changes) {
    if (c.exercise_id == exercise && c.date == date) return &c;
  }
  return nullptr;
}

const Alert* FindAlert(const Plan& plan, const std::string& id) {
  for (const auto& a : plan.alerts) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const PhaseSpan* FindSpan(const Plan& plan, const std::string& id) {
  for (const auto& s : plan.phases) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace rehab::testing
