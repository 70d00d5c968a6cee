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
struct PatientForm {
  bool is_new = true;
  std::string patient_id;  // edit: the patient being edited
  std::map<std::string, std::string> values, errors;
  std::vector<std::string> general;
  std::string stamp;
};
std::string PatientFormPage(const PatientForm& form, cli::ProgramLibrary* programs,
                            const std::string& csrf);

std::string ProgramsPage(cli::ProgramLibrary* programs, const std::string& csrf);
// False when `id` is no built-in program.
bool ProgramPage(cli::ProgramLibrary* programs, const std::string& id, const std::string& csrf,
                 std::string* page);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_PAGES_H_
