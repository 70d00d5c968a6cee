// The pain diary file: a CSV with a header line (see docs/formats/diary.md).
// Parsing reports every bad field with its line and column; formatting writes
// rows that parse back to the same entry. Defined in diary.cc (reading) and
// diary_format.cc (writing), on csv_reader.h and diary_fields.h.
#ifndef REHAB_PLANNER_LOAD_DIARY_H_
#define REHAB_PLANNER_LOAD_DIARY_H_

#include <string>
#include <string_view>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/model/model.h"

namespace rehab {

// The column names in the order rehab writes them:
// date, during, after, morning, swelling, measures, flags, note.
const std::vector<std::string>& DiaryColumns();

// The flags a diary entry may carry, in documentation order
// (fever, chills, calf-pain, ..., cleared).
const std::vector<std::string>& KnownDiaryFlags();

// Parses a diary. `text` is the whole file (a UTF-8 BOM and CRLF line ends are
// accepted); `file` names it in diagnostics. Every bad field is reported to
// `diags` as "file:LINE:COL: error: ..." (COL is the field's first character);
// entries of rows with errors are left out. An empty file is an empty diary.
// Entries come back sorted by date, in file order for equal dates.
// When `columns` is given it receives the header's column names in file order
// (empty when the file has no header).
Diary ParseDiary(std::string_view text, const std::string& file, Diagnostics* diags,
                 std::vector<std::string>* columns = nullptr);

// True when `text` reads as a diary, by the same test ParseDiary applies to
// its first line: that line (a UTF-8 BOM skipped, read as CSV, names trimmed
// and unquoted) names at least one diary column in any order, or starts with
// a date (a diary whose header is missing). A line starting with '#', '%' or
// '---' (YAML) is not a diary header. So every diary ParseDiary accepts
// passes; files that pass but hold errors get ParseDiary's diagnostics.
bool LooksLikeDiary(std::string_view text);

// "date,during,after,morning,swelling,measures,flags,note" (no newline).
std::string DiaryHeader();

// One CSV row for `entry` in DiaryHeader() order, fields quoted per RFC 4180
// where needed; no trailing newline.
std::string FormatDiaryRow(const DiaryEntry& entry);

// The same row with only `columns`, in that order (for appending to a diary
// whose header has fewer columns or another order). REQUIRES: every name in
// `columns` is one of DiaryColumns().
std::string FormatDiaryRow(const DiaryEntry& entry, const std::vector<std::string>& columns);

// Checks an entry about to be logged: pains 0-10, known flags, well-formed
// measure names with finite values, a date not after `today`. On failure
// returns false with every problem in `error`, one per line.
bool ValidateEntry(const DiaryEntry& entry, Date today, std::string* error);

// Parses one measure value ("95", "-3", "12.5"); false for anything else.
bool ParseMeasureValue(std::string_view text, double* value);

// True for a measure name made of [a-z0-9-]+.
bool IsValidMeasureName(std::string_view name);

// "95", "-3", "12.5": the shortest text that parses back to `value`.
std::string FormatMeasureValue(double value);

}  // namespace rehab

#endif  // REHAB_PLANNER_LOAD_DIARY_H_
