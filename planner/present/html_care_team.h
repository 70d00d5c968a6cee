// The handout's care team: who the patient calls and on which number, from
// the patient file's `care_team` (internal to the handout's section files).
#ifndef REHAB_PLANNER_PRESENT_HTML_CARE_TEAM_H_
#define REHAB_PLANNER_PRESENT_HTML_CARE_TEAM_H_

#include "planner/present/html_handout.h"

namespace rehab::html {

// Where the care team is written: among the header's lines on page 1 ("Your
// clinic: …", "Your surgeon's team: …"), or in the red-flag box as the
// numbers to call, the emergency number last.
enum class CareTeamPlace { kHeader, kRedFlags };

// Appends the care team for `place` to `w`; nothing when the patient file
// gives no care team (or, in the red-flag box, no phone number).
void WriteCareTeam(Writer& w, CareTeamPlace place);

}  // namespace rehab::html

#endif  // REHAB_PLANNER_PRESENT_HTML_CARE_TEAM_H_
