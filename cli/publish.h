// `rehab publish` for a caseload: what `rehab batch DIR -o OUT --caldav
// BASE_URL` calls after planning, one calendar collection per patient.
#ifndef REHAB_CLI_PUBLISH_H_
#define REHAB_CLI_PUBLISH_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace rehab::cli {

struct CaseloadPublish {
  std::string base_url;  // each patient's collection is base_url + id + "/"
  bool insecure = false;
  std::string today;  // YYYY-MM-DD
  int remind_minutes = 10;
  bool one_event_per_session = false;
};

struct CaseloadPatient {
  std::string file;  // the patient file
  std::string id;    // its patient id
};

// Checks a --caldav BASE_URL as `rehab publish` checks its URL. Returns ""
// or why it is refused.
std::string CheckCaseloadUrl(const std::string& base_url, bool insecure);

// Publishes each patient's plan as `rehab publish --patient FILE` would, to
// its own collection, one summary line each on `out`; a patient that cannot
// be synced does not stop the others. Returns kExitOk when every patient's
// calendar holds its plan, else kExitInvalidInput after printing, for each
// that failed, what was and was not synced.
int PublishCaseload(const std::vector<CaseloadPatient>& patients, const CaseloadPublish& request,
                    std::ostream& out, std::ostream& err);

}  // namespace rehab::cli

#endif  // REHAB_CLI_PUBLISH_H_
