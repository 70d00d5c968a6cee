// Input limits and the checks made on raw text before any parser sees it:
// size, binary garbage, UTF-16, invalid UTF-8, YAML nesting depth and alias
// count. They keep hostile or broken files from crashing or hanging rehab.
#ifndef REHAB_PLANNER_BASE_LIMITS_H_
#define REHAB_PLANNER_BASE_LIMITS_H_

#include <string>
#include <string_view>

#include "planner/base/diagnostics.h"

namespace rehab {

inline constexpr size_t kMaxInputBytes = 4 * 1024 * 1024;  // any one input file
inline constexpr int kMaxYamlDepth = 32;       // nested mappings/lists
inline constexpr int kMaxYamlAliases = 64;     // *alias uses in one document
inline constexpr int kMaxExercises = 500;      // catalogue or program exercises
inline constexpr int kMaxPhases = 40;
inline constexpr int kMaxLadderSteps = 20;
inline constexpr int kMinStrengthSteps = 3;    // a strength exercise must be able to progress
inline constexpr int kMaxDiaryRows = 20000;    // over 50 years of daily entries

// Size, NUL bytes, UTF-16/32 byte-order marks and UTF-8 validity. Reports the
// first problem found as a located error; true when the text is acceptable.
bool CheckTextInput(std::string_view text, const std::string& file, Diagnostics* diags);

// Depth of block and flow nesting and the number of aliases, from a scan of
// the text (so a pathological document never reaches the recursive parser).
// REQUIRES: CheckTextInput passed.
bool CheckYamlShape(std::string_view text, const std::string& file, Diagnostics* diags);

}  // namespace rehab

#endif  // REHAB_PLANNER_BASE_LIMITS_H_
