// Writing diary rows (for `rehab log`) that ParseDiary reads back to the
// same entry, and checking an entry before it is written.
#include "planner/load/diary.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "planner/base/utf8.h"
#include "planner/load/diary_fields.h"

namespace rehab {

using load_internal::Column;

namespace {

// "a,b" stays a,b; anything CSV treats specially gets quotes, inner quotes doubled.
std::string CsvField(std::string_view value) {
  bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                      (!value.empty() && (value.front() == ' ' || value.front() == '\t' ||
                                          value.back() == ' ' || value.back() == '\t'));
  if (!needs_quotes) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string PainText(const std::optional<int>& pain) {
  return pain ? std::to_string(*pain) : std::string();
}

std::string MeasuresText(const DiaryEntry& entry) {
  std::string text;
  for (const auto& [name, value] : entry.measures) {
    if (!text.empty()) text += ';';
    text += name + "=" + FormatMeasureValue(value);
  }
  return text;
}

std::string FlagsText(const DiaryEntry& entry) {
  std::string text;
  for (const auto& flag : entry.flags) {
    if (!text.empty()) text += ';';
    text += flag;
  }
  return text;
}

std::string FieldText(const DiaryEntry& entry, Column column) {
  switch (column) {
    case Column::kDate:
      return FormatDate(entry.date);
    case Column::kDuring:
      return PainText(entry.during);
    case Column::kAfter:
      return PainText(entry.after);
    case Column::kMorning:
      return PainText(entry.morning);
    case Column::kSwelling:
      return entry.swelling ? ToString(*entry.swelling) : "";
    case Column::kMeasures:
      return MeasuresText(entry);
    case Column::kFlags:
      return FlagsText(entry);
    case Column::kNote:
      return entry.note;
  }
  return "";
}

void CheckPains(const DiaryEntry& entry, std::vector<std::string>* problems) {
  const std::pair<const char*, const std::optional<int>*> pains[] = {
      {"during", &entry.during}, {"after", &entry.after}, {"morning", &entry.morning}};
  for (const auto& [name, pain] : pains) {
    if (*pain && (**pain < 0 || **pain > 10)) {
      problems->push_back(
          fmt::format("pain '{}' must be a whole number from 0 to 10, got {}", name, **pain));
    }
  }
}

void CheckMeasures(const DiaryEntry& entry, std::vector<std::string>* problems) {
  for (const auto& [name, value] : entry.measures) {
    if (!IsValidMeasureName(name)) {
      problems->push_back(fmt::format("measure name {} must be made of a-z, 0-9 and '-'",
                                      load_internal::Quote(name)));
    } else if (!std::isfinite(value)) {
      problems->push_back(fmt::format("measure '{}' must be a finite number", name));
    }
  }
}

void CheckFlags(const DiaryEntry& entry, std::vector<std::string>* problems) {
  const auto& known = KnownDiaryFlags();
  for (const auto& flag : entry.flags) {
    if (std::find(known.begin(), known.end(), flag) == known.end()) {
      problems->push_back(load_internal::UnknownMessage("flag", flag, known));
    }
  }
}

}  // namespace

std::string FormatMeasureValue(double value) { return fmt::format("{}", value); }

std::string DiaryHeader() {
  std::string header;
  for (const auto& name : DiaryColumns()) {
    if (!header.empty()) header += ',';
    header += name;
  }
  return header;
}

std::string FormatDiaryRow(const DiaryEntry& entry) {
  return FormatDiaryRow(entry, DiaryColumns());
}

std::string FormatDiaryRow(const DiaryEntry& entry, const std::vector<std::string>& columns) {
  std::string row;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) row += ',';
    std::optional<Column> column = load_internal::ColumnFromName(columns[i]);
    if (column) row += CsvField(FieldText(entry, *column));
  }
  return row;
}

bool ValidateEntry(const DiaryEntry& entry, Date today, std::string* error) {
  std::vector<std::string> problems;
  if (entry.date > today) {
    problems.push_back(fmt::format("the date {} is in the future (today is {})",
                                   FormatDate(entry.date), FormatDate(today)));
  }
  CheckPains(entry, &problems);
  CheckMeasures(entry, &problems);
  CheckFlags(entry, &problems);
  if (size_t control = FindControlCharacter(entry.note); control != std::string::npos) {
    problems.push_back(fmt::format("the note contains the control character {}",
                                   ControlCharacterName(entry.note, control)));
  }
  if (error != nullptr) {
    error->clear();
    for (const auto& p : problems) {
      if (!error->empty()) *error += '\n';
      *error += p;
    }
  }
  return problems.empty();
}

}  // namespace rehab
