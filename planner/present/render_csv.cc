// CSV export: one row per exercise per session, RFC 4180 quoting.
#include "planner/present/render_csv.h"

#include <fmt/format.h>

#include <vector>

#include "planner/present/dose_text.h"
#include "planner/present/messages.h"

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
  const std::string& units = plan.patient.units;
  for (const auto& day : plan.days) {
    if (day.stopped) continue;
    std::string phase = PhaseTitle(plan, day.phase_id);
    for (const auto& session : day.sessions) {
      for (const auto& ex : session.exercises) {
        std::string reason = ex.change != StepChange::kSame && ex.reason
                                 ? MessageText(ex.reason->message)
                                 : std::string();
        const Dose& dose = *ex.dose;
        AppendRow({Text(FormatDate(day.date)), Text(FormatTime(session.time)),
                   Number(session.slot + 1), Text(phase), Text(ex.name()), Number(dose.sets),
                   Number(dose.reps), Number(dose.hold_seconds), Number(dose.minutes),
                   Text(DescribeLoad(dose.load, units)), Text(DescribeSide(ex.side)),
                   Text(ToString(ex.change)), Text(reason), Text(DescribeDose(dose, units)),
                   Number(ex.step + 1), Number(ex.steps), Text(ex.id()), Text(day.phase_id)},
                  out);
      }
    }
  }
  return out;
}

}  // namespace rehab
