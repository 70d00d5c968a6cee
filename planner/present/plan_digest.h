// A fingerprint of what a calendar shows of a plan, for a caller that keeps a
// rendering of it: two plans with the same digest render to the same bytes in a
// format that does not show `today` (OutputFormat::shows_today: ics), given the
// same program, patient file, options and previous file.
#ifndef REHAB_PLANNER_PRESENT_PLAN_DIGEST_H_
#define REHAB_PLANNER_PRESENT_PLAN_DIGEST_H_

#include <cstdint>

#include "planner/model/plan.h"

namespace rehab {

// A hash of every field of `plan` but these, which the caller accounts for
// or a format that does not show today does not read:
//  - `program` and `patient`: the caller keys them by the bytes they came from;
//  - `diary`: such a format reads the diary only through what the plan made of
//    it (reasons, alerts, changes and their dates, all of which are digested);
//  - each alert's `detail`: the rule and values behind it, for the therapist
//    (the text plan, the JSON and the triage show it; a calendar does not);
//  - `today`, each day's `past` and `valid_through`: they move with the day
//    the plan is made on (see Plan::valid_through).
// Exercises are named by id and doses by their step on the exercise's ladder (or by
// value), never by address, so the digest is the same in every run and on every
// platform.
// tests/plan_digest_test.cc renders many plans to hold the promise above.
uint64_t OutcomeDigest(const Plan& plan);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_PLAN_DIGEST_H_
