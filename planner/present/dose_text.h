// Doses in words, the one place every renderer takes them from (worded by
// the message catalogue in `language`):
// "3 sets of 10, hold 5 seconds, right leg".
#ifndef REHAB_PLANNER_PRESENT_DOSE_TEXT_H_
#define REHAB_PLANNER_PRESENT_DOSE_TEXT_H_

#include <string>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab {

// "2 kg", "4.5 lb", "red band", "bodyweight", "effort 6/10"; "" for none.
// Loads in kg or lb are converted to `units` ("kg" or "lb") and rounded to a
// practical amount (0.5 steps below 10, then 2.5 lb or 1 kg steps).
std::string DescribeLoad(const Load& load, const std::string& units,
                         const std::string& language);

// The dose without the side: "3 sets of 10, hold 5 seconds, 2 kg".
std::string DescribeDose(const Dose& dose, const std::string& units,
                         const std::string& language);

// "right leg", "left leg", "both legs".
std::string DescribeSide(Side side, const std::string& language);

// The side `exercise` is done on (`side`, resolved: left, right or both) in
// words, said once for a card, a calendar line or a row: "right leg", "both
// legs"; for an exercise done lying on one side (its illustration's position
// is side-lying, where the working leg is the top one), the side to lie on:
// "lying on your left side" for the right leg, and for both legs "lying on
// each side in turn".
std::string DescribeSide(const Exercise& exercise, Side side,
                         const std::string& language);

// DescribeSide of a scheduled exercise: its exercise and its step's side.
std::string DescribeSide(const ScheduledExercise& scheduled,
                         const std::string& language);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_DOSE_TEXT_H_
