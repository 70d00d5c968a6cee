// Helpers for the tests that plan the shipped programs with the real loader
// and engine: the shipped catalogue and programs, loaded as `rehab` loads them
// (LoadProgramFromCatalogue, so the catalogue's default red flags apply), the
// fixtures under tests/data/scenarios/, and lookups in the plan they give.
#ifndef REHAB_TESTS_SUPPORT_SCENARIO_SUPPORT_H_
#define REHAB_TESTS_SUPPORT_SCENARIO_SUPPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab::testing {

// The date "YYYY-MM-DD"; `text` must be one.
Date D(const char* text);

// programs/exercises.yaml, loaded once; a load error fails the test.
const Catalogue& ShippedCatalogue();

// A catalogue exercise by id; a missing one fails the test and gives an empty exercise.
const Exercise& CatalogueExercise(const std::string& id);

// programs/<id>.yaml loaded with ShippedCatalogue() as `rehab` loads it; a
// load error fails the test and gives an empty program.
Program LoadBuiltin(const std::string& id);

// LoadBuiltin(id), loaded once per id and kept until the test program ends.
const Program& Builtin(const std::string& id);

// tests/data/scenarios/<name>: a patient file, a diary. A load error fails the test.
Patient LoadScenarioPatient(const std::string& name);
Diary LoadScenarioDiary(const std::string& name);

// Whether exercise `e` carries `tag`.
bool HasTag(const Exercise& e, const std::string& tag);

// A patient whose start and surgery are both `start`, the rest default.
Patient StartingOn(date::year_month_day start);

// Builtin(program) planned for tests/data/scenarios/<patient> with `diary`
// on `today` ("YYYY-MM-DD"), default plan options.
Plan ScenarioPlan(const std::string& program, const std::string& patient, const Diary& diary,
                  const char* today);

// A diary from CSV text (header line included); a parse error fails the test.
Diary DiaryFromCsv(const std::string& csv);

// The day of `plan` `day` days after its anchor, or null.
const DayPlan* DayOf(const Plan& plan, int day);

// How many modality slots of `kind` `day` has.
int SlotsOf(const DayPlan& day, ModalityKind kind);

// The first session of `day` that schedules `exercise`, the exercise there; or null.
const ScheduledExercise* FindScheduled(const DayPlan& day, const std::string& exercise);

// Whether `exercise` is scheduled on `day` / on `date` of `plan`.
bool Schedules(const DayPlan& day, const std::string& exercise);
bool ScheduledOn(const Plan& plan, const std::string& exercise, Date date);

// The exercise's 0-based step on `date`, or nullopt when it is not scheduled.
std::optional<int> StepOn(const Plan& plan, const std::string& exercise, Date date);

// The plan's dose changes of `exercise`, in plan order; the one on `date`, or null.
std::vector<DoseChange> ChangesOf(const Plan& plan, const std::string& exercise);
const DoseChange* ChangeOn(const Plan& plan, const std::string& exercise, Date date);

// The plan's alert / phase span with this id, or null.
const Alert* FindAlert(const Plan& plan, const std::string& id);
const PhaseSpan* FindSpan(const Plan& plan, const std::string& id);

}  // namespace rehab::testing

#endif  // REHAB_TESTS_SUPPORT_SCENARIO_SUPPORT_H_
