// The diary's columns and the readers of their values (internal to
// planner/load/), shared by the diary parser, the row writer and the entry
// check of `rehab log`.
#ifndef REHAB_PLANNER_LOAD_DIARY_FIELDS_H_
#define REHAB_PLANNER_LOAD_DIARY_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/load/csv_reader.h"
#include "planner/model/model.h"

namespace rehab::load_internal {

// The diary's columns, in DiaryColumns() order.
enum class Column { kDate, kDuring, kAfter, kMorning, kSwelling, kMeasures, kFlags, kNote };

// The column DiaryColumns() names `name`, or nullopt.
std::optional<Column> ColumnFromName(std::string_view name);

// `s` without leading and trailing spaces and tabs.
std::string_view Trim(std::string_view s);

// `"value"` for messages: control characters escaped, long values cut short.
std::string Quote(std::string_view value);

// "a, b or c" with `last_joiner` " or ".
std::string JoinForMessage(const std::vector<std::string>& words, const char* last_joiner);

// "unknown WHAT 'word'" with a suggestion from `known`, or else the list of them.
std::string UnknownMessage(const char* what, std::string_view word,
                           const std::vector<std::string>& known);

enum class DecimalResult { kOk, kNotANumber, kOutOfRange };

// A plain decimal number ("95", "-3", "12.5", "1e3"): no hex, inf or nan,
// which from_chars would take. kOutOfRange when it is well formed but
// overflows (or underflows) a double; `*value` is set only for kOk.
DecimalResult ParseDecimal(std::string_view text, double* value);

// Reads the fields of `record` into `entry`, `columns[i]` saying what field
// i holds (nullopt: an unknown column, skipped). Every bad field is reported
// at its first character. False when any field was bad or the record is
// malformed. REQUIRES: record.fields.size() == columns.size().
bool ParseRow(const Record& record, const std::vector<std::optional<Column>>& columns,
              const std::string& file, Diagnostics* diags, DiaryEntry* entry);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_DIARY_FIELDS_H_
