// Pain diary CSV: the header that names the columns, then one entry per row,
// every bad field reported at its line and column.
#include "planner/load/diary.h"

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "planner/base/limits.h"
#include "planner/load/csv_reader.h"
#include "planner/load/diary_fields.h"

namespace rehab {

using load_internal::Column;
using load_internal::Field;
using load_internal::Record;
using load_internal::Trim;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// What the first record of a file says it is.
enum class FirstRecord {
  kHeader,     // names at least one diary column: a diary header, maybe a bad one
  kDatedRow,   // starts with a date: a diary that lost its header line
  kNotADiary,  // anything else, e.g. the first line of a YAML file
};

// The one test of "is this a diary" (ParseDiary, and through LooksLikeDiary
// the file-kind detection of `validate` and `batch`): the header names are
// compared trimmed and unquoted, in any order, so every header ParseDiary
// accepts is detected. A YAML comment or directive line is never a header.
FirstRecord ClassifyFirstRecord(const Record& first) {
  if (first.fields.empty()) return FirstRecord::kNotADiary;
  std::string_view lead = Trim(first.fields[0].value);
  if (lead.starts_with('#') || lead.starts_with('%') || lead.starts_with("---")) {
    return FirstRecord::kNotADiary;
  }
  if (ParseDate(lead)) return FirstRecord::kDatedRow;
  for (const Field& field : first.fields) {
    if (load_internal::ColumnFromName(Trim(field.value))) return FirstRecord::kHeader;
  }
  return FirstRecord::kNotADiary;
}

// A header line names each column once, so more problems than it has
// possible columns say the line is not a header at all; reporting every
// field of a line of a million would flood the terminal.
constexpr size_t kMaxHeaderErrors = 8;

// What is wrong with a header field named `name` (its column, if any, in
// `*column`; reset for a column named twice), or "" when nothing is.
std::string HeaderProblem(std::string_view name, std::optional<Column>* column,
                          std::set<std::string_view>* seen) {
  if (name.empty()) {
    return fmt::format("empty column name in the header; expected {}",
                       load_internal::JoinForMessage(DiaryColumns(), " or "));
  }
  if (!*column) return load_internal::UnknownMessage("column", name, DiaryColumns());
  if (!seen->insert(name).second) {
    column->reset();
    return fmt::format("column '{}' appears twice in the header", name);
  }
  return "";
}

// Maps header names to columns; nullopt entries are unknown names.
std::vector<std::optional<Column>> ReadHeader(const Record& header, const std::string& file,
                                              Diagnostics* diags) {
  std::vector<std::optional<Column>> columns;
  std::set<std::string_view> seen;
  size_t errors = 0;
  for (const Field& field : header.fields) {
    std::string_view name = Trim(field.value);
    std::optional<Column> column = load_internal::ColumnFromName(name);
    std::string problem = HeaderProblem(name, &column, &seen);
    if (!problem.empty() && ++errors <= kMaxHeaderErrors) {
      diags->Error(SourceLoc{file, field.line, field.column}, std::move(problem));
    }
    columns.push_back(column);
  }
  if (errors > kMaxHeaderErrors) {
    diags->Error(
        SourceLoc{file, header.line, 1},
        fmt::format("{} more problems in the header are not shown", errors - kMaxHeaderErrors));
  }
  return columns;
}

// The columns the first record names, or nullopt after reporting that it is
// no header, or one without a 'date' column. `names` receives the header's
// names in file order.
std::optional<std::vector<std::optional<Column>>> ReadHeaderLine(const Record& header,
                                                                 const std::string& file,
                                                                 Diagnostics* diags,
                                                                 std::vector<std::string>* names) {
  switch (ClassifyFirstRecord(header)) {
    case FirstRecord::kHeader:
      break;
    case FirstRecord::kDatedRow:
      diags->Error(SourceLoc{file, header.line, 1},
                   fmt::format("the header line is missing; the first line names the columns, "
                               "e.g. {}",
                               DiaryHeader()));
      return std::nullopt;
    case FirstRecord::kNotADiary:
      diags->Error(SourceLoc{file, header.line, 1},
                   fmt::format("this is not a diary: its first line names no diary column; a "
                               "diary starts with a header such as {}",
                               DiaryHeader()));
      return std::nullopt;
  }
  std::vector<std::optional<Column>> kinds = ReadHeader(header, file, diags);
  if (names != nullptr) {
    for (const Field& f : header.fields) names->emplace_back(Trim(f.value));
  }
  if (std::find(kinds.begin(), kinds.end(), Column::kDate) == kinds.end()) {
    diags->Error(SourceLoc{file, header.line, 1}, "the header has no 'date' column");
    return std::nullopt;
  }
  return kinds;
}

void CheckFieldCount(const Record& record, size_t expected, const std::string& file,
                     Diagnostics* diags) {
  size_t got = record.fields.size();
  std::string message =
      fmt::format("too {} fields: the header names {} column{}, this row has {}",
                  got > expected ? "many" : "few", expected, expected == 1 ? "" : "s", got);
  if (got > expected) {
    const Field& extra = record.fields[expected];
    diags->Error(SourceLoc{file, extra.line, extra.column}, std::move(message));
  } else {
    diags->Error(SourceLoc{file, record.end_line, record.end_column}, std::move(message));
  }
}

// The entries of the rows after the header; rows with errors are left out.
void ReadRows(const std::vector<Record>& records, const std::vector<std::optional<Column>>& kinds,
              const std::string& file, Diagnostics* diags, std::vector<DiaryEntry>* out) {
  for (size_t r = 1; r < records.size(); ++r) {
    const Record& record = records[r];
    if (record.fields.size() != kinds.size()) {
      CheckFieldCount(record, kinds.size(), file, diags);
      continue;
    }
    DiaryEntry entry;
    if (load_internal::ParseRow(record, kinds, file, diags, &entry)) {
      out->push_back(std::move(entry));
    }
  }
}

}  // namespace

const std::vector<std::string>& DiaryColumns() {
  static const std::vector<std::string> kColumns = {"date",     "during",   "after", "morning",
                                                    "swelling", "measures", "flags", "note"};
  return kColumns;
}

const std::vector<std::string>& KnownDiaryFlags() {
  static const std::vector<std::string> kFlags = {"fever",
                                                  "chills",
                                                  "calf-pain",
                                                  "calf-swelling",
                                                  "wound-redness",
                                                  "wound-drainage",
                                                  "chest-pain",
                                                  "breathless",
                                                  "giving-way",
                                                  "locking",
                                                  "fall",
                                                  "no-weight-bearing",
                                                  "hot-swollen-knee",
                                                  "malaise",
                                                  "weight-loss",
                                                  "limits-movement",
                                                  "injury",
                                                  "cleared",
                                                  "reviewed"};
  return kFlags;
}

bool IsValidMeasureName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool ParseMeasureValue(std::string_view text, double* value) {
  return load_internal::ParseDecimal(text, value) == load_internal::DecimalResult::kOk;
}

bool LooksLikeDiary(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  Diagnostics ignored;  // quoting errors are ParseDiary's to report
  std::optional<Record> first = load_internal::CsvReader(text, "", &ignored).ReadFirst();
  return first && ClassifyFirstRecord(*first) != FirstRecord::kNotADiary;
}

Diary ParseDiary(std::string_view text, const std::string& file, Diagnostics* diags,
                 std::vector<std::string>* columns) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  diags->AddSource(file, text);
  if (columns != nullptr) columns->clear();

  Diary diary;
  diary.file = file;
  if (!CheckTextInput(text, file, diags)) return diary;
  std::vector<Record> records = load_internal::CsvReader(text, file, diags).ReadAll();
  if (records.empty()) return diary;
  if (records.size() > static_cast<size_t>(kMaxDiaryRows) + 1) {
    diags->Error(SourceLoc{file, 0, 0}, fmt::format("{} rows, more than the limit of {}",
                                                    records.size() - 1, kMaxDiaryRows));
    return diary;
  }
  auto kinds = ReadHeaderLine(records.front(), file, diags, columns);
  if (!kinds) return diary;
  ReadRows(records, *kinds, file, diags, &diary.entries);
  std::stable_sort(diary.entries.begin(), diary.entries.end(),
                   [](const DiaryEntry& a, const DiaryEntry& b) { return a.date < b.date; });
  return diary;
}

}  // namespace rehab
