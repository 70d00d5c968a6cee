// The therapist's pages of `rehab serve`, server-rendered HTML that works
// without JavaScript. They are for therapists, so their fixed words are
// English here (like the diagnostics of `rehab validate`); what they show of a
// plan comes from the catalogue through the library's renderers.
#ifndef REHAB_SERVER_PAGES_H_
#define REHAB_SERVER_PAGES_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/program_library.h"
#include "server/caseload.h"
#include "server/patient_form.h"

namespace rehab::serve {

std::string ErrorPage(int status, const std::string& message);
std::string LoggedOutPage();

// The patients in triage order, kCaseloadPageRows to a page (page 1: the most
// urgent): id, program, phase, last diary entry, the next outcome measure due,
// and why they need attention; with the counts of the whole caseload.
inline constexpr size_t kCaseloadPageRows = 100;
std::string CaseloadPage(const std::vector<std::shared_ptr<const PatientState>>& patients,
                         Date today, const std::string& csrf, size_t page = 1);

// One patient: alerts, the handout link, downloads, explain, the diary as a
// table, the patient link (make, show, revoke). `patient_link` is "" when
// the patient has none.
std::string PlanPage(const PatientState& state, const std::string& csrf,
                     const std::string& patient_link, const std::string& qr_svg = "");

// The new / edit patient form. `errors` by field name are shown beside their
// field, `general` above the form; `stamp` (edit only) is the file's size and
// time when the form was made, so a save over a file changed meanwhile is
// refused.
// An exercise the form's "changes for this patient" offers a row for: its
// id and name, and its ladder's steps in words ("3 sets of 10, hold 5
// seconds"); `in_program` false for an override naming an exercise the
// program does not use (shown so it can be cleared).
struct OverrideChoice {
  std::string exercise, name;
  std::vector<std::string> steps;
  bool in_program = true;
};

// `errors` of an override row are under "override.<exercise>".
struct PatientForm {
  bool is_new = true;
  std::string patient_id;  // edit: the patient being edited
  std::map<std::string, std::string> values, errors;
  std::vector<std::string> general;
  std::string stamp;
  std::vector<OverrideChoice> override_choices;  // edit only
  std::vector<OverrideRow> overrides;           // the rows' values
};
std::string PatientFormPage(const PatientForm& form, cli::ProgramLibrary* programs,
                            const std::string& csrf);

std::string ProgramsPage(cli::ProgramLibrary* programs, const std::string& csrf);
// False when `id` is no built-in program.
bool ProgramPage(cli::ProgramLibrary* programs, const std::string& id, const std::string& csrf,
                 std::string* page);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_PAGES_H_
