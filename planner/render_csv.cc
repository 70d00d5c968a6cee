// CSV export: one row per exercise per session, RFC 4180 quoting.
#include "planner/render_csv.h"

#include <fmt/format.h>

#include <vector>

#include "planner/dose_text.h"

namespace rehab {
namespace {

constexpr char kHeader[] =
    "date,time,session,phase,exercise,sets,reps,hold_seconds,minutes,load,side,"
    "change,reason,dose,step,steps,exercise_id,phase_id";

std::string Count(int n) { return n > 0 ? fmt::format("{}", n) : std::string(); }

std::string PhaseTitle(const Plan& plan, const std::string& phase_id) {
  for (const auto& span : plan.phases) {
    if (span.id == phase_id && !span.title.empty()) return span.title;
  }
  const Phase* phase = plan.FindPhase(phase_id);
  return phase != nullptr && !phase->title.empty() ? phase->title : phase_id;
}

void AppendRow(const std::vector<std::string>& fields, std::string& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

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
  const std::string& units = plan.patient.units;
  for (const auto& day : plan.days) {
    if (day.stopped) continue;
    std::string phase = PhaseTitle(plan, day.phase_id);
    for (const auto& session : day.sessions) {
      for (const auto& ex : session.exercises) {
        std::string reason =
            ex.change != StepChange::kSame && ex.reason ? ex.reason->text : std::string();
        const Dose& dose = *ex.dose;
        AppendRow({FormatDate(day.date), FormatTime(session.time), Count(session.slot + 1), phase,
                   ex.name(), Count(dose.sets), Count(dose.reps), Count(dose.hold_seconds),
                   Count(dose.minutes), DescribeLoad(dose.load, units), DescribeSide(ex.side),
                   ToString(ex.change), reason, DescribeDose(dose, units), Count(ex.step + 1),
                   Count(ex.steps), ex.id(), day.phase_id},
                  out);
      }
    }
  }
  return out;
}

}  // namespace rehab
