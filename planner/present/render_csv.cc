// CSV export: one row per exercise per session and one per ice/heat slot, in
// time order within each day, RFC 4180 quoting.
#include "planner/present/render_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "planner/present/dose_text.h"
#include "planner/present/messages.h"

namespace rehab {
namespace {

constexpr char kHeader[] =
    "date,time,session,phase,exercise,sets,reps,hold_seconds,minutes,load,side,"
    "change,reason,dose,step,steps,exercise_id,phase_id,kind";

std::string Count(int n) { return n > 0 ? fmt::format("{}", n) : std::string(); }

std::string PhaseTitle(const Plan& plan, const std::string& phase_id) {
  for (const auto& span : plan.phases) {
    if (span.id == phase_id && !span.title.empty()) return span.title;
  }
  const Phase* phase = plan.FindPhase(phase_id);
  return phase != nullptr && !phase->title.empty() ? phase->title : phase_id;
}

// One cell: a number rehab formats itself, or text that may come from a
// program file.
struct Cell {
  std::string value;
  bool text = true;
};

Cell Text(std::string s) { return {std::move(s), true}; }
Cell Number(int n) { return {Count(n), false}; }

void AppendRow(const std::vector<Cell>& cells, std::string& out) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(cells[i].text ? NeutraliseFormula(cells[i].value) : cells[i].value);
  }
  out += "\r\n";
}

void AppendExercise(const Plan& plan, const DayPlan& day, const std::string& phase,
                    const Session& session, const ScheduledExercise& ex, std::string& out) {
  const std::string& units = plan.patient.units;
  const std::string& language = plan.patient.language;
  std::string reason = ex.change != StepChange::kSame && ex.reason
                           ? MessageText(ex.reason->message, language)
                           : std::string();
  const Dose& dose = *ex.dose;
  AppendRow(
      {Text(FormatDate(day.date)), Text(FormatTime(session.time)), Number(session.slot + 1),
       Text(phase), Text(ex.name()), Number(dose.sets), Number(dose.reps),
       Number(dose.hold_seconds), Number(dose.minutes),
       Text(DescribeLoad(dose.load, units, language)), Text(DescribeSide(ex, language)),
       Text(ToString(ex.change)), Text(reason), Text(DescribeDose(dose, units, language)),
       Number(ex.step + 1), Number(ex.steps), Text(ex.id()), Text(day.phase_id), Text("exercise")},
      out);
}

// An ice or heat slot: its name, minutes and, when it matters, whether it
// comes before or after exercise ("15 minutes, after exercise").
void AppendModality(const Plan& plan, const DayPlan& day, const std::string& phase,
                    const ModalitySlot& slot, std::string& out) {
  const std::string& language = plan.patient.language;
  std::string dose = fmt::format(fmt::runtime(Text(StringId::kModalityMinutesValue, language)),
                                 fmt::arg("n", slot.minutes));
  if (slot.when == ModalityTiming::kBeforeExercise) {
    dose += ", " + std::string(Text(StringId::kModalityBefore, language));
  } else if (slot.when == ModalityTiming::kAfterExercise) {
    dose += ", " + std::string(Text(StringId::kModalityAfter, language));
  }
  AppendRow({Text(FormatDate(day.date)), Text(FormatTime(slot.time)), Number(0), Text(phase),
             Text(slot.name), Number(0), Number(0), Number(0), Number(slot.minutes), Text(""),
             Text(""), Text(""), Text(""), Text(dose), Number(0), Number(0), Text(slot.modality_id),
             Text(day.phase_id), Text(slot.kind == ModalityKind::kIce ? "ice" : "heat")},
            out);
}

// One day's rows: its sessions' exercises (none on a stopped day) and its
// ice/heat slots, by time; a session comes before a slot at the same time.
void AppendDay(const Plan& plan, const DayPlan& day, std::string& out) {
  struct Timed {
    TimeOfDay time;
    const Session* session;
    const ModalitySlot* slot;
  };
  std::vector<Timed> timed;
  if (!day.stopped) {
    for (const auto& s : day.sessions) timed.push_back({s.time, &s, nullptr});
  }
  for (const auto& m : day.modalities) timed.push_back({m.time, nullptr, &m});
  if (timed.empty()) return;
  std::stable_sort(timed.begin(), timed.end(),
                   [](const Timed& a, const Timed& b) { return a.time < b.time; });
  std::string phase = PhaseTitle(plan, day.phase_id);
  for (const auto& t : timed) {
    if (t.slot != nullptr) {
      AppendModality(plan, day, phase, *t.slot, out);
      continue;
    }
    for (const auto& ex : t.session->exercises)
      AppendExercise(plan, day, phase, *t.session, ex, out);
  }
}

}  // namespace

std::string NeutraliseFormula(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string RenderCsv(const Plan& plan, const CsvOptions& options) {
  std::string out = options.byte_order_mark ? "\xEF\xBB\xBF" : "";
  out += kHeader;
  out += "\r\n";
  for (const auto& day : plan.days) AppendDay(plan, day, out);
  return out;
}

}  // namespace rehab
