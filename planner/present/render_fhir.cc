// The plan as a FHIR R4 Bundle: the program's definitions (PlanDefinition,
// ActivityDefinition), the patient's CarePlan, and (render_fhir_diary.cc)
// the diary's Observations and Questionnaire. It reads what the plan says
// (its days, doses, changes and alerts) and decides nothing itself.
#include "planner/present/render_fhir.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "planner/engine/time_zones.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"
#include "planner/present/render_fhir_internal.h"

namespace rehab {

namespace {

using fhir::Coding;
using fhir::Id;
using fhir::Ids;
using fhir::Json;
using fhir::Reference;
using fhir::Url;

// The definitions word doses as `rehab show` does, in kilograms: they are
// the program's, the same for every patient. The CarePlan's doses are in the
// patient's units.
constexpr char kDefinitionUnits[] = "kg";

// Local times in the patient's zone as FHIR dateTimes, with the zone's UTC
// offset on that date ("2026-11-02T09:00:00-05:00"). A local time the clocks
// skip keeps the offset before the change (02:30 on the night the clocks go
// from 02:00 to 03:00 is the instant of 03:30 after it, as RFC 5545 reads
// it); one they pass twice, the first.
class LocalTimes {
 public:
  explicit LocalTimes(const std::string& zone_name)
      : utc_(IsUtcZoneName(zone_name)), zone_(utc_ ? nullptr : FindTimeZone(zone_name)) {}

  std::string DateTime(Date d, TimeOfDay t) const {
    std::string local = fmt::format("{}T{}:00", FormatDate(d), FormatTime(t));
    if (zone_ == nullptr) return local + "Z";  // UTC (a zone the database lacks too)
    date::local_seconds at = date::local_days{d.time_since_epoch()} + std::chrono::minutes{t};
    date::local_info info = zone_->get_info(at);
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(info.first.offset).count();
    char sign = minutes < 0 ? '-' : '+';
    if (minutes < 0) minutes = -minutes;
    return fmt::format("{}{}{:02}:{:02}", local, sign, minutes / 60, minutes % 60);
  }

 private:
  bool utc_;
  const date::time_zone* zone_;
};

std::string Canonical(std::string_view type, const std::string& id, const Plan& plan) {
  return Url(type, id) + "|" + fhir::Version(plan);
}

Json ExerciseConcept(const Exercise& e) {
  return Json{
      {"coding", Json::array({Coding(fhir::CodeSystemUrl(fhir::kExerciseSystem), e.id, e.name)})},
      {"text", e.name}};
}

Json DaysQuantity(int days) { return fhir::Quantity(days, "d"); }

Json ActivityDefinitionOf(const Plan& plan, const Ids& ids, const Exercise& e) {
  const std::string id = ids.ActivityDefinition(e.id);
  const std::string& language = plan.patient.language;
  Json a;
  a["resourceType"] = "ActivityDefinition";
  a["id"] = id;
  a["url"] = Url("ActivityDefinition", id);
  a["version"] = fhir::Version(plan);
  a["title"] = e.name;
  a["status"] = "active";
  if (!e.instructions.empty()) a["description"] = e.instructions;
  if (!e.stop_if.empty()) a["usage"] = e.stop_if;
  // The ladder, step by step: each step's dose in words.
  Json ladder = Json::array();
  for (size_t i = 0; i < e.ladder.size(); ++i) {
    ladder.push_back({{"type", "documentation"},
                      {"label", std::to_string(i + 1)},
                      {"display", DescribeDose(e.ladder[i], kDefinitionUnits, language)}});
  }
  a["relatedArtifact"] = ladder;
  a["kind"] = "ServiceRequest";
  a["code"] = ExerciseConcept(e);
  Json dosage = Json::array();
  for (size_t i = 0; i < e.ladder.size(); ++i) {
    dosage.push_back({{"sequence", static_cast<int>(i + 1)},
                      {"text", DescribeDose(e.ladder[i], kDefinitionUnits, language)}});
  }
  a["dosage"] = dosage;
  return a;
}

// How often a phase does an exercise: times a day, or (on fewer than seven
// days a week) times a week.
Json PhaseExerciseTiming(const PhaseExercise& pe) {
  Json repeat;
  if (pe.days_per_week >= 7) {
    repeat = {{"frequency", pe.times_per_day}, {"period", 1}, {"periodUnit", "d"}};
  } else {
    repeat = {
        {"frequency", pe.days_per_week * pe.times_per_day}, {"period", 1}, {"periodUnit", "wk"}};
  }
  return Json{{"repeat", repeat}};
}

// An exit criterion's target: at least (low) or at most (high) its value.
Json CriterionTarget(const Criterion& c) {
  Json target;
  target["measure"] = fhir::MeasureConcept(c.measure);
  if (c.measure != "swelling") {
    Json bound = fhir::Quantity(c.value, fhir::MeasureUnit(c.measure));
    target["detailRange"] = {{c.op == CompareOp::kAtLeast ? "low" : "high", bound}};
  }
  return target;
}

Json PlanDefinitionOf(const Plan& plan, const Ids& ids) {
  const Program& program = *plan.program;
  const std::string& language = plan.patient.language;
  Json p;
  p["resourceType"] = "PlanDefinition";
  p["id"] = ids.plan_definition;
  p["url"] = Url("PlanDefinition", ids.plan_definition);
  p["version"] = fhir::Version(plan);
  p["title"] = program.title;
  p["type"] = {{"coding", Json::array({Coding(fhir::kPlanDefinitionType, "clinical-protocol",
                                              "Clinical Protocol")})}};
  p["status"] = "active";
  if (!program.summary.empty()) p["description"] = program.summary;
  if (!program.condition.empty()) p["topic"] = Json::array({{{"text", program.condition}}});
  Json sources = Json::array();
  for (const Source& s : program.sources) {
    Json r = {{"type", "citation"}, {"label", s.id}, {"citation", s.citation}};
    if (!s.url.empty()) r["url"] = s.url;
    sources.push_back(std::move(r));
  }
  if (!sources.empty()) p["relatedArtifact"] = sources;
  Json goals = Json::array();
  Json actions = Json::array();
  std::string previous;
  for (const Phase& phase : program.phases) {
    Json goal_ids = Json::array();
    for (size_t i = 0; i < phase.goals.size(); ++i) {
      std::string gid = fmt::format("{}.goal-{}", phase.id, i + 1);
      goals.push_back({{"id", gid}, {"description", {{"text", phase.goals[i]}}}});
      goal_ids.push_back(gid);
    }
    for (size_t i = 0; i < phase.exit_criteria.size(); ++i) {
      const Criterion& c = phase.exit_criteria[i];
      std::string gid = fmt::format("{}.exit-{}", phase.id, i + 1);
      goals.push_back({{"id", gid},
                       {"description", {{"text", c.text}}},
                       {"target", Json::array({CriterionTarget(c)})}});
      goal_ids.push_back(gid);
    }
    Json action;
    action["id"] = phase.id;
    action["title"] = phase.title;
    if (!goal_ids.empty()) action["goalId"] = goal_ids;
    if (!previous.empty()) {
      action["relatedAction"] =
          Json::array({{{"actionId", previous}, {"relationship", "after-end"}}});
    }
    // Days from the anchor (the surgery or the start): from its earliest
    // start to its planned end, the next phase's earliest start.
    action["timingRange"] = {{"low", DaysQuantity(phase.start_day)},
                             {"high", DaysQuantity(phase.end_day)}};
    Json steps = Json::array();
    for (const PhaseExercise& pe : phase.exercises) {
      const Exercise* e = program.FindExercise(pe.exercise_id);
      if (e == nullptr) continue;
      Json sub;
      sub["id"] = fmt::format("{}.{}", phase.id, e->id);
      sub["title"] = e->name;
      if (pe.start_step >= 0 && pe.start_step < static_cast<int>(e->ladder.size())) {
        sub["description"] = DescribeDose(e->ladder[pe.start_step], kDefinitionUnits, language);
      }
      sub["timingTiming"] = PhaseExerciseTiming(pe);
      sub["definitionCanonical"] =
          Canonical("ActivityDefinition", ids.ActivityDefinition(e->id), plan);
      steps.push_back(std::move(sub));
    }
    if (!steps.empty()) action["action"] = steps;
    actions.push_back(std::move(action));
    previous = phase.id;
  }
  if (!goals.empty()) p["goal"] = goals;
  p["action"] = actions;
  return p;
}

// Where and how one exercise (or one ice/heat modality) appears in the plan.
struct Occurrences {
  std::vector<std::pair<Date, TimeOfDay>> at;  // in plan order
  bool future = false;                         // some on or after today
  bool past = false;                           // some before today
  // An exercise's dose today: its first session on or after today, else its last.
  const ScheduledExercise* current = nullptr;
  const ModalitySlot* slot = nullptr;  // a modality's: the same
};

void Add(Occurrences* o, const Plan& plan, Date d, TimeOfDay t) {
  o->at.emplace_back(d, t);
  if (d >= plan.today) {
    o->future = true;
  } else {
    o->past = true;
  }
}

// Whether the next occurrence noted (on `d`) is the one to describe the
// activity by: the first on or after today, else the latest before it.
bool Describes(const Occurrences& o, const Plan& plan, Date d) {
  bool had_future = o.future;
  return d >= plan.today ? !had_future : true;
}

// Whether today's phase prescribes the exercise, or (for a modality) today
// is in its window: what a red flag in force holds, rather than ends.
bool DueToday(const Plan& plan, const std::string& exercise_id, const std::string& modality_id) {
  const DayPlan* today = plan.FindDay(plan.today);
  if (today == nullptr) return false;
  if (!modality_id.empty()) {
    const Modality* m = plan.program->FindModality(modality_id);
    return m != nullptr && today->day >= m->from_day && today->day < m->to_day;
  }
  const Phase* phase = plan.FindPhase(today->phase_id);
  if (phase == nullptr) return false;
  for (const PhaseExercise& pe : phase->exercises) {
    if (pe.exercise_id == exercise_id) return true;
  }
  return false;
}

// Active, scheduled, held by a red flag, stopped or done: what the plan says
// of it today. Sets `*reason` to the plan's words for a hold or a stop.
std::string ActivityStatus(const Plan& plan, const Occurrences& o, const std::string& exercise_id,
                           const std::string& modality_id, std::string* reason) {
  if (o.future) return o.past ? "in-progress" : "scheduled";
  if (DueToday(plan, exercise_id, modality_id)) {
    for (const Alert* a : plan.ActiveAlerts()) {
      if (a->stops != RedFlagStops::kNone) {
        *reason = MessageText(a->text, plan.patient.language);
        return "on-hold";
      }
    }
  }
  const DoseChange* last = nullptr;
  for (const DoseChange& c : plan.changes) {
    if (c.exercise_id == exercise_id && c.date <= plan.today) last = &c;
  }
  if (last != nullptr && last->change == StepChange::kStop) {
    *reason = MessageText(last->reason.message, plan.patient.language);
    return "stopped";
  }
  return "completed";
}

Json ScheduledTiming(const Plan& plan, const Occurrences& o, const LocalTimes& times) {
  Json events = Json::array();
  for (const auto& [d, t] : o.at) events.push_back(times.DateTime(d, t));
  Json zone = {
      {"extension", Json::array({{{"url", fhir::kTzCode}, {"valueCode", plan.patient.timezone}}})}};
  Json bounds = {{"start", times.DateTime(o.at.front().first, o.at.front().second)},
                 {"_start", zone},
                 {"end", times.DateTime(o.at.back().first, o.at.back().second)},
                 {"_end", zone}};
  return Json{{"event", events}, {"repeat", {{"boundsPeriod", bounds}}}};
}

Json Detail(const Plan& plan, const Ids& ids, const Occurrences& o, const std::string& exercise_id,
            const std::string& modality_id, const std::string& canonical, const Json& code,
            const std::string& dose, const LocalTimes& times) {
  Json detail;
  if (!canonical.empty()) detail["instantiatesCanonical"] = Json::array({canonical});
  detail["code"] = code;
  std::string reason;
  detail["status"] = ActivityStatus(plan, o, exercise_id, modality_id, &reason);
  if (!reason.empty()) detail["statusReason"] = {{"text", reason}};
  detail["scheduledTiming"] = ScheduledTiming(plan, o, times);
  detail["performer"] = Json::array({Reference("Patient", ids.patient)});
  detail["description"] = dose;
  return detail;
}

// The plan's status: active until its last day, completed after; on hold
// while a red flag stops every exercise today.
std::string CarePlanStatus(const Plan& plan) {
  if (plan.today >= plan.end) return "completed";
  const DayPlan* today = plan.FindDay(plan.today);
  if (today != nullptr && today->stopped) return "on-hold";
  return "active";
}

// An alert in force today, worded as the other outputs word it: the
// headline, what happened, what to do, and the therapist's detail.
Json AlertNote(const Plan& plan, const Alert& a) {
  const std::string& language = plan.patient.language;
  std::string text = AlertHeadline(plan.patient, plan.program->anchor, a.urgency, a.stops, a.kind);
  for (const Message* m : {&a.text, &a.action, &a.detail}) {
    if (!m->empty()) text += "\n\n" + MessageText(*m, language);
  }
  return Json{{"time", FormatDate(a.date)}, {"text", text}};
}

Json CarePlanOf(const Plan& plan, const Ids& ids) {
  const Program& program = *plan.program;
  const std::string& language = plan.patient.language;
  const std::string& units = plan.patient.units;
  LocalTimes times(plan.patient.timezone);
  std::map<std::string, Occurrences> exercises, modalities;
  for (const DayPlan& day : plan.days) {
    for (const Session& s : day.sessions) {
      for (const ScheduledExercise& e : s.exercises) {
        Occurrences& o = exercises[e.id()];
        if (Describes(o, plan, day.date)) o.current = &e;
        Add(&o, plan, day.date, s.time);
      }
    }
    for (const ModalitySlot& m : day.modalities) {
      Occurrences& o = modalities[m.modality_id];
      if (Describes(o, plan, day.date)) o.slot = &m;
      Add(&o, plan, day.date, m.time);
    }
  }
  Json activities = Json::array();
  for (const Exercise& e : program.exercises) {
    auto found = exercises.find(e.id);
    if (found == exercises.end()) continue;
    const Occurrences& o = found->second;
    std::string dose = fmt::format("{}, {}", DescribeDose(*o.current->dose, units, language),
                                   DescribeSide(*o.current, language));
    Json activity;
    activity["id"] = "exercise." + e.id;
    Json progress = Json::array();
    for (const DoseChange& c : plan.changes) {
      if (c.exercise_id != e.id) continue;
      progress.push_back(
          {{"time", FormatDate(c.date)}, {"text", MessageText(c.reason.message, language)}});
    }
    if (!progress.empty()) activity["progress"] = progress;
    activity["detail"] = Detail(plan, ids, o, e.id, "",
                                Canonical("ActivityDefinition", ids.ActivityDefinition(e.id), plan),
                                ExerciseConcept(e), dose, times);
    activities.push_back(std::move(activity));
  }
  for (const Modality& m : program.modalities) {
    auto found = modalities.find(m.id);
    if (found == modalities.end()) continue;
    const Occurrences& o = found->second;
    Json code = {
        {"coding", Json::array({Coding(fhir::CodeSystemUrl(fhir::kModalitySystem), m.id, m.name)})},
        {"text", m.name}};
    std::string minutes = fmt::format(fmt::runtime(Text(StringId::kModalityMinutesValue, language)),
                                      fmt::arg("n", o.slot->minutes));
    Json activity;
    activity["id"] = "modality." + m.id;
    activity["detail"] = Detail(plan, ids, o, "", m.id, "", code, minutes, times);
    activities.push_back(std::move(activity));
  }
  // The diary, every day of the plan.
  Json diary;
  diary["id"] = "diary";
  diary["detail"] = {
      {"instantiatesCanonical", Json::array({Canonical("Questionnaire", ids.questionnaire, plan)})},
      {"code",
       {{"coding", Json::array({Coding(fhir::CodeSystemUrl(fhir::kDiaryItemSystem), "diary")})},
        {"text", Text(StringId::kLogHeading, language)}}},
      {"status", plan.today >= plan.end ? "completed" : "in-progress"},
      {"scheduledTiming",
       {{"repeat",
         {{"boundsPeriod",
           {{"start", FormatDate(plan.start)}, {"end", FormatDate(plan.end - date::days(1))}}},
          {"frequency", 1},
          {"period", 1},
          {"periodUnit", "d"}}}}},
      {"performer", Json::array({Reference("Patient", ids.patient)})}};
  activities.push_back(std::move(diary));

  Json c;
  c["resourceType"] = "CarePlan";
  c["id"] = ids.care_plan;
  c["instantiatesCanonical"] =
      Json::array({Canonical("PlanDefinition", ids.plan_definition, plan)});
  c["status"] = CarePlanStatus(plan);
  c["intent"] = "plan";
  c["title"] = program.title;
  c["subject"] = Reference("Patient", ids.patient);
  c["period"] = {{"start", FormatDate(plan.start)}, {"end", FormatDate(plan.end - date::days(1))}};
  c["activity"] = activities;
  Json notes = Json::array();
  for (const Alert* a : plan.ActiveAlerts()) notes.push_back(AlertNote(plan, *a));
  if (!notes.empty()) c["note"] = notes;
  return c;
}

Json Entry(const Json& resource, bool transaction) {
  const std::string type = resource["resourceType"];
  const std::string id = resource["id"];
  Json entry;
  entry["fullUrl"] = Url(type, id);
  entry["resource"] = resource;
  if (transaction) entry["request"] = {{"method", "PUT"}, {"url", type + "/" + id}};
  return entry;
}

}  // namespace

std::string RenderFhir(const Plan& plan, const FhirOptions& options) {
  const Ids ids = fhir::IdsOf(plan);
  std::vector<Json> resources;
  resources.push_back({{"resourceType", "Patient"}, {"id", ids.patient}});
  resources.push_back(PlanDefinitionOf(plan, ids));
  for (const Exercise& e : plan.program->exercises) {
    resources.push_back(ActivityDefinitionOf(plan, ids, e));
  }
  resources.push_back(fhir::DiaryQuestionnaire(plan, ids));
  resources.push_back(CarePlanOf(plan, ids));
  for (Json& o : fhir::DiaryObservations(plan, ids)) resources.push_back(std::move(o));

  Json bundle;
  bundle["resourceType"] = "Bundle";
  bundle["id"] = ids.care_plan;
  bundle["type"] = options.transaction ? "transaction" : "collection";
  Json entries = Json::array();
  for (const Json& r : resources) entries.push_back(Entry(r, options.transaction));
  bundle["entry"] = entries;
  return bundle.dump(2) + "\n";
}

}  // namespace rehab
