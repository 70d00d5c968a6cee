// JSON rendering with nlohmann::ordered_json, so key order is fixed and the
// output is byte-identical for the same plan.
#include "planner/present/render_json.h"

#include <nlohmann/json.hpp>

#include "planner/present/dose_text.h"
#include "planner/present/messages.h"

namespace rehab {

namespace {

using Json = nlohmann::ordered_json;

Json DatesJson(const std::vector<Date>& dates) {
  Json a = Json::array();
  for (Date d : dates) a.push_back(FormatDate(d));
  return a;
}

Json DoseJson(const Dose& dose, const std::string& units, const std::string& language) {
  Json j;
  j["text"] = DescribeDose(dose, units, language);
  if (dose.sets) j["sets"] = dose.sets;
  if (dose.reps) j["reps"] = dose.reps;
  if (dose.hold_seconds) j["hold_seconds"] = dose.hold_seconds;
  if (dose.rest_seconds) j["rest_seconds"] = dose.rest_seconds;
  if (dose.minutes) j["minutes"] = dose.minutes;
  if (dose.load.kind != LoadKind::kNone) {
    Json load;
    load["kind"] = ToString(dose.load.kind);
    if (dose.load.kind == LoadKind::kKg || dose.load.kind == LoadKind::kLb ||
        dose.load.kind == LoadKind::kRpe) {
      load["value"] = dose.load.value;
    }
    if (dose.load.kind == LoadKind::kBand) load["band"] = dose.load.band;
    load["text"] = DescribeLoad(dose.load, units, language);
    j["load"] = load;
  }
  if (!dose.tempo.empty()) j["tempo"] = dose.tempo;
  if (!dose.range.empty()) j["range"] = dose.range;
  if (!dose.note.empty()) j["note"] = dose.note;
  return j;
}

// Every key, null where the patient file gives none, so a reader need not
// guess which are there.
Json CareTeamJson(const CareTeam& team) {
  auto text = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  Json j;
  j["clinic"] = text(team.clinic);
  j["therapist"] = text(team.therapist);
  j["clinic_phone"] = text(team.clinic_phone);
  j["clinic_hours"] = text(team.clinic_hours);
  j["surgeon_team_phone"] = text(team.surgeon_team_phone);
  j["surgeon_team_after_hours_phone"] = text(team.surgeon_team_after_hours_phone);
  return j;
}

Json ReasonJson(const Reason& r, const std::string& language) {
  Json j;
  j["rule"] = r.rule;
  j["text"] = MessageText(r.message, language);
  j["diary_dates"] = DatesJson(r.diary_dates);
  return j;
}

Json AlertJson(const Plan& plan, const Alert& a) {
  Json j;
  j["kind"] = ToString(a.kind);
  j["id"] = a.id;
  j["date"] = FormatDate(a.date);
  j["cleared"] = a.cleared ? Json(FormatDate(*a.cleared)) : Json(nullptr);
  j["active"] = a.active;
  j["urgency"] = ToString(a.urgency);
  j["stops"] = ToString(a.stops);
  j["headline"] = AlertHeadline(plan.patient, plan.program->anchor, a.urgency, a.stops, a.kind);
  j["text"] = MessageText(a.text, plan.patient.language);
  j["action"] = MessageText(a.action, plan.patient.language);
  if (!a.detail.empty()) j["detail"] = MessageText(a.detail, plan.patient.language);
  j["diary_dates"] = DatesJson(a.diary_dates);
  return j;
}

Json DayJson(const DayPlan& day, const std::string& units, const std::string& language) {
  Json j;
  j["date"] = FormatDate(day.date);
  j["day"] = day.day;
  j["phase"] = day.phase_id;
  j["past"] = day.past;
  j["stopped"] = day.stopped;
  j["essentials_only"] = day.essentials_only;
  Json sessions = Json::array();
  for (const auto& s : day.sessions) {
    Json sj;
    sj["slot"] = s.slot + 1;
    sj["time"] = FormatTime(s.time);
    sj["duration_minutes"] = s.duration_minutes;
    Json exercises = Json::array();
    for (const auto& e : s.exercises) {
      Json ej;
      ej["id"] = e.id();
      ej["name"] = e.name();
      ej["kind"] = ToString(e.kind());
      ej["step"] = e.step + 1;
      ej["steps"] = e.steps;
      ej["side"] = ToString(e.side);
      ej["dose"] = DoseJson(*e.dose, units, language);
      ej["change"] = ToString(e.change);
      ej["reason"] = e.reason ? ReasonJson(*e.reason, language) : Json(nullptr);
      exercises.push_back(ej);
    }
    sj["exercises"] = exercises;
    sessions.push_back(sj);
  }
  j["sessions"] = sessions;
  Json mods = Json::array();
  for (const auto& m : day.modalities) {
    Json mj;
    mj["id"] = m.modality_id;
    mj["name"] = m.name;
    mj["kind"] = ToString(m.kind);
    mj["time"] = FormatTime(m.time);
    mj["minutes"] = m.minutes;
    mj["when"] = ToString(m.when);
    mods.push_back(mj);
  }
  j["modalities"] = mods;
  Json milestones = Json::array();
  for (const auto& m : day.milestones) {
    milestones.push_back(
        {{"kind", ToString(m.kind)}, {"id", m.id}, {"text", MessageText(m.message, language)}});
  }
  j["milestones"] = milestones;
  return j;
}

}  // namespace

std::string RenderJson(const Plan& plan) {
  const std::string& units = plan.patient.units;
  const std::string& language = plan.patient.language;
  Json j;
  j["schema"] = kPlanSchema;
  j["program"] = {{"id", plan.program->id},
                  {"title", plan.program->title},
                  {"version", plan.program->version},
                  {"condition", plan.program->condition}};
  j["patient"] = {{"id", plan.patient.id},
                  {"side", ToString(plan.patient.side)},
                  {"timezone", plan.patient.timezone},
                  {"units", plan.patient.units},
                  {"language", language}};
  if (plan.patient.care_team) j["patient"]["care_team"] = CareTeamJson(*plan.patient.care_team);
  j["anchor"] = {{"kind", plan.program->anchor == Anchor::kSurgery ? "surgery" : "start"},
                 {"date", FormatDate(plan.anchor)}};
  j["first_day"] = FormatDate(plan.start);
  j["last_day"] = FormatDate(plan.end - date::days(1));
  j["today"] = FormatDate(plan.today);
  EmergencyNumber emergency = EmergencyNumberFor(plan.patient);
  j["emergency_number"] = {{"number", emergency.number},
                           {"country", emergency.country},
                           {"fallback", emergency.fallback}};
  Json alerts = Json::array();
  for (const auto& a : plan.alerts) alerts.push_back(AlertJson(plan, a));
  j["alerts"] = alerts;
  Json warnings = Json::array();
  for (const auto& w : plan.ignored) {
    warnings.push_back({{"kind", "future-entry"},
                        {"date", FormatDate(w.date)},
                        {"line", w.line > 0 ? Json(w.line) : Json(nullptr)},
                        {"text", MessageText(w.message, language)}});
  }
  j["warnings"] = warnings;
  Json notes = Json::array();
  for (const auto& n : plan.notes)
    notes.push_back({{"id", n.id}, {"text", MessageText(n.message, language)}});
  j["notes"] = notes;
  Json phases = Json::array();
  for (const auto& p : plan.phases) {
    Json pj;
    pj["id"] = p.id;
    pj["title"] = p.title;
    pj["first_day"] = FormatDate(p.start);
    pj["last_day"] = FormatDate(p.end - date::days(1));
    pj["extended"] = p.extended;
    pj["overdue"] = p.overdue;
    if (const Phase* ph = plan.FindPhase(p.id)) {
      pj["goals"] = ph->goals;
      Json criteria = Json::array();
      for (const auto& c : ph->exit_criteria) criteria.push_back(c.text);
      pj["exit_criteria"] = criteria;
    }
    phases.push_back(pj);
  }
  j["phases"] = phases;
  Json days = Json::array();
  for (const auto& d : plan.days) days.push_back(DayJson(d, units, language));
  j["days"] = days;
  Json changes = Json::array();
  for (const auto& c : plan.changes) {
    Json cj;
    cj["date"] = FormatDate(c.date);
    cj["exercise"] = c.exercise_id;
    cj["from_step"] = c.from_step < 0 ? Json(nullptr) : Json(c.from_step + 1);
    cj["to_step"] = c.to_step + 1;
    cj["change"] = ToString(c.change);
    cj["reason"] = ReasonJson(c.reason, language);
    changes.push_back(cj);
  }
  j["changes"] = changes;
  return j.dump(2) + "\n";
}

std::string RenderProgramJson(const Program& program) {
  Json j;
  j["id"] = program.id;
  j["title"] = program.title;
  j["version"] = program.version;
  j["condition"] = program.condition;
  j["summary"] = program.summary;
  j["anchor"] = program.anchor == Anchor::kSurgery ? "surgery" : "start";
  j["acute_days"] = program.acute_days;
  Json sources = Json::array();
  for (const auto& s : program.sources) {
    sources.push_back({{"id", s.id}, {"citation", s.citation}, {"url", s.url}});
  }
  j["sources"] = sources;
  Json exercises = Json::array();
  for (const auto& e : program.exercises) {
    Json ej;
    ej["id"] = e.id;
    ej["name"] = e.name;
    ej["kind"] = ToString(e.kind);
    ej["targets"] = e.targets;
    ej["equipment"] = e.equipment;
    ej["tags"] = e.tags;
    ej["side"] = ToString(e.side);
    ej["instructions"] = e.instructions;
    ej["stop_if"] = e.stop_if;
    Json ladder = Json::array();
    for (const auto& d : e.ladder) {
      Json step = DoseJson(d, "kg", "en");
      if (d.side) step["side"] = ToString(*d.side);  // a plan resolves it into the exercise's
      ladder.push_back(step);
    }
    ej["ladder"] = ladder;
    exercises.push_back(ej);
  }
  j["exercises"] = exercises;
  Json phases = Json::array();
  for (const auto& p : program.phases) {
    Json pj;
    pj["id"] = p.id;
    pj["title"] = p.title;
    pj["goals"] = p.goals;
    pj["start_day"] = p.start_day;
    pj["end_day"] = p.end_day;
    pj["max_end_day"] = p.max_end_day;
    pj["restrictions"] = p.restrictions;
    Json criteria = Json::array();
    for (const auto& c : p.exit_criteria) criteria.push_back(c.text);
    pj["exit_criteria"] = criteria;
    Json ex = Json::array();
    for (const auto& pe : p.exercises) {
      ex.push_back({{"exercise", pe.exercise_id},
                    {"days_per_week", pe.days_per_week},
                    {"times_per_day", pe.times_per_day},
                    {"start_step", pe.start_step + 1},
                    {"essential", pe.essential}});
    }
    pj["exercises"] = ex;
    pj["education"] = p.education;
    phases.push_back(pj);
  }
  j["phases"] = phases;
  Json restrictions = Json::array();
  for (const auto& r : program.restrictions) {
    restrictions.push_back({{"tag", r.tag},
                            {"from_day", r.from_day},
                            {"until_day", r.until_day},
                            {"reason", r.reason}});
  }
  j["restrictions"] = restrictions;
  Json mods = Json::array();
  for (const auto& m : program.modalities) {
    mods.push_back({{"id", m.id},
                    {"name", m.name},
                    {"kind", ToString(m.kind)},
                    {"minutes", m.minutes},
                    {"times_per_day", m.times_per_day},
                    {"when", ToString(m.when)},
                    {"from_day", m.from_day},
                    {"until_day", m.to_day}});
  }
  j["modalities"] = mods;
  Json flags = Json::array();
  for (const auto& f : program.red_flags) {
    flags.push_back({{"id", f.id},
                     {"flag", f.flag},
                     {"text", f.text},
                     {"action", f.action},
                     {"urgency", ToString(f.urgency)},
                     {"stops", ToString(f.stops)}});
  }
  j["red_flags"] = flags;
  return j.dump(2) + "\n";
}

}  // namespace rehab
