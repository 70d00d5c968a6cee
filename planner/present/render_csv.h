// The plan as CSV for spreadsheets: one row per exercise per session
// (RFC 4180: header row, CRLF, quoted fields where needed, UTF-8).
#ifndef REHAB_PLANNER_PRESENT_RENDER_CSV_H_
#define REHAB_PLANNER_PRESENT_RENDER_CSV_H_

#include <string>
#include <string_view>

#include "planner/model/plan.h"

namespace rehab {

struct CsvOptions {
  // Start with a UTF-8 byte order mark so Excel opens accents, Greek and CJK
  // correctly on a double-click (LibreOffice and most CSV readers skip it).
  bool byte_order_mark = true;
};

// The columns, in order (docs/calendar.md describes each):
// date,time,session,phase,exercise,sets,reps,hold_seconds,minutes,load,side,
// change,reason,dose,step,steps,exercise_id,phase_id
// Numbers that are not part of a dose are empty; loads are in the patient's
// units. Days stopped by a red flag have no rows. Every text cell goes
// through NeutraliseFormula; the number columns (session, sets, reps,
// hold_seconds, minutes, step, steps) hold only counts of 1 or more, never a
// sign, and are written as they are. Pure.
std::string RenderCsv(const Plan& plan, const CsvOptions& options = {});

// Text that a spreadsheet would run as a formula (it starts with '=', '+',
// '-', '@', a tab or a carriage return) gets a leading single quote, which
// makes Excel, LibreOffice and Sheets show it as text (OWASP's advice against
// CSV injection); other text is returned as is.
std::string NeutraliseFormula(std::string_view text);

// One RFC 4180 field: quoted (with "" for ") when it holds a comma, quote,
// CR or LF; as is otherwise.
std::string CsvField(std::string_view text);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_CSV_H_
