// The diary's field values: a date, pains 0-10, a swelling level, measures
// NAME=VALUE and flags (both ';'-separated), a free-text note.
#include "planner/load/diary_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "planner/base/utf8.h"
#include "planner/load/diary.h"

namespace rehab::load_internal {

namespace {

constexpr Column kColumnOrder[] = {Column::kDate,    Column::kDuring,   Column::kAfter,
                                   Column::kMorning, Column::kSwelling, Column::kMeasures,
                                   Column::kFlags,   Column::kNote};

std::vector<std::string_view> SplitList(std::string_view s) {
  std::vector<std::string_view> items;
  size_t begin = 0;
  while (begin <= s.size()) {
    size_t end = s.find(';', begin);
    if (end == std::string_view::npos) end = s.size();
    std::string_view item = Trim(s.substr(begin, end - begin));
    if (!item.empty()) items.push_back(item);
    begin = end + 1;
  }
  return items;
}

// [+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?
bool IsDecimalSyntax(std::string_view text) {
  size_t i = 0;
  auto sign = [&] {
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  };
  auto digits = [&] {
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  sign();
  size_t whole = digits();
  size_t fraction = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (whole + fraction == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    sign();
    if (digits() == 0) return false;
  }
  return i == text.size();
}

std::optional<int> ParsePain(std::string_view s) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value > 10) return std::nullopt;
  return value;
}

const char* PainName(Column c) {
  switch (c) {
    case Column::kDuring:
      return "during";
    case Column::kAfter:
      return "after";
    default:
      return "morning";
  }
}

// Parses the fields of one row into an entry, noting whether any was bad.
class RowParser {
 public:
  RowParser(const std::string& file, Diagnostics* diags) : file_(file), diags_(diags) {}

  bool Parse(const Record& record, const std::vector<std::optional<Column>>& columns,
             DiaryEntry* entry) {
    ok_ = !record.malformed;
    entry->line = record.line;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!columns[i]) continue;  // unknown column, already reported
      const Field& field = record.fields[i];
      loc_ = SourceLoc{file_, field.line, field.column};
      ParseField(*columns[i], field.value, entry);
    }
    return ok_;
  }

 private:
  void Error(std::string message) {
    diags_->Error(loc_, std::move(message));
    ok_ = false;
  }

  void ParseField(Column column, std::string_view raw, DiaryEntry* entry) {
    std::string_view value = column == Column::kNote ? raw : Trim(raw);
    switch (column) {
      case Column::kDate:
        entry->date_column = loc_.column;
        ParseDateField(value, entry);
        break;
      case Column::kDuring:
        ParsePainField(column, value, &entry->during);
        break;
      case Column::kAfter:
        ParsePainField(column, value, &entry->after);
        break;
      case Column::kMorning:
        ParsePainField(column, value, &entry->morning);
        break;
      case Column::kSwelling:
        ParseSwellingField(value, entry);
        break;
      case Column::kMeasures:
        for (std::string_view item : SplitList(value)) ParseMeasure(item, entry);
        break;
      case Column::kFlags:
        ParseFlagsField(value, entry);
        break;
      case Column::kNote:
        ParseNoteField(value, entry);
        break;
    }
  }

  void ParseNoteField(std::string_view value, DiaryEntry* entry) {
    // Tabs and line breaks (in a quoted note) are text; other controls could
    // drive the terminal or the handout that shows the note.
    size_t control = FindControlCharacter(value);
    if (control != std::string_view::npos) {
      Error(fmt::format("'note' contains the control character {}; remove it",
                        ControlCharacterName(value, control)));
      return;
    }
    entry->note = std::string(value);
  }

  void ParseDateField(std::string_view value, DiaryEntry* entry) {
    if (value.empty()) {
      Error("'date' is empty; every entry needs a date as YYYY-MM-DD");
      return;
    }
    std::optional<Date> date = ParseDate(value);
    if (!date) {
      Error(fmt::format("'date' must be a real date as YYYY-MM-DD, got {}", Quote(value)));
      return;
    }
    entry->date = *date;
  }

  void ParsePainField(Column column, std::string_view value, std::optional<int>* out) {
    if (value.empty()) return;  // not logged
    std::optional<int> pain = ParsePain(value);
    if (!pain) {
      Error(fmt::format("'{}' must be a whole number from 0 to 10, got {}", PainName(column),
                        Quote(value)));
      return;
    }
    *out = *pain;
  }

  void ParseSwellingField(std::string_view value, DiaryEntry* entry) {
    if (value.empty()) return;
    const auto& names = SwellingNames();
    auto it = std::find(names.begin(), names.end(), value);
    if (it == names.end()) {
      Error(UnknownMessage("swelling", value, names));
      return;
    }
    entry->swelling = static_cast<Swelling>(it - names.begin());
  }

  // One NAME=VALUE item of the measures field.
  void ParseMeasure(std::string_view item, DiaryEntry* entry) {
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      Error(fmt::format("measure {} must be written NAME=VALUE, e.g. flexion=95", Quote(item)));
      return;
    }
    std::string_view name = Trim(item.substr(0, eq));
    std::string_view number = Trim(item.substr(eq + 1));
    if (!IsValidMeasureName(name)) {
      Error(fmt::format("measure name {} must be made of a-z, 0-9 and '-'", Quote(name)));
      return;
    }
    double parsed = 0;
    switch (ParseDecimal(number, &parsed)) {
      case DecimalResult::kOk:
        break;
      case DecimalResult::kNotANumber:
        Error(fmt::format("measure '{}' must be a number, got {}", name, Quote(number)));
        return;
      case DecimalResult::kOutOfRange:
        Error(fmt::format("measure '{}' is out of range: {} is {}", name, Quote(number),
                          "too large or too small for a number"));
        return;
    }
    if (!entry->measures.emplace(std::string(name), parsed).second) {
      Error(fmt::format("measure '{}' is given twice", name));
    }
  }

  void ParseFlagsField(std::string_view value, DiaryEntry* entry) {
    const auto& known = KnownDiaryFlags();
    for (std::string_view flag : SplitList(value)) {
      if (std::find(known.begin(), known.end(), flag) == known.end()) {
        Error(UnknownMessage("flag", flag, known));
        continue;
      }
      if (std::find(entry->flags.begin(), entry->flags.end(), flag) == entry->flags.end()) {
        entry->flags.emplace_back(flag);
      }
    }
  }

  const std::string& file_;
  Diagnostics* diags_;
  SourceLoc loc_;
  bool ok_ = true;
};

}  // namespace

std::optional<Column> ColumnFromName(std::string_view name) {
  const auto& names = DiaryColumns();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return kColumnOrder[i];
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

std::string Quote(std::string_view value) {
  std::string out = "\"";
  size_t shown = 0;
  for (char c : value) {
    if (++shown > 40) {
      out += "...";
      break;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JoinForMessage(const std::vector<std::string>& words, const char* last_joiner) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? last_joiner : ", ";
    out += words[i];
  }
  return out;
}

std::string UnknownMessage(const char* what, std::string_view word,
                           const std::vector<std::string>& known) {
  std::string suggestion = DidYouMean(word, known);
  if (!suggestion.empty()) return fmt::format("unknown {} '{}'{}", what, word, suggestion);
  return fmt::format("unknown {} '{}'; expected {}", what, word, JoinForMessage(known, " or "));
}

DecimalResult ParseDecimal(std::string_view text, double* value) {
  if (!IsDecimalSyntax(text)) return DecimalResult::kNotANumber;
  size_t skip = text[0] == '+' ? 1 : 0;  // from_chars takes no leading '+'
  double parsed = 0;
  auto [end, ec] = std::from_chars(text.data() + skip, text.data() + text.size(), parsed);
  if (ec == std::errc::result_out_of_range) return DecimalResult::kOutOfRange;
  if (ec != std::errc() || end != text.data() + text.size()) return DecimalResult::kNotANumber;
  if (!std::isfinite(parsed)) return DecimalResult::kOutOfRange;
  *value = parsed;
  return DecimalResult::kOk;
}

bool ParseRow(const Record& record, const std::vector<std::optional<Column>>& columns,
              const std::string& file, Diagnostics* diags, DiaryEntry* entry) {
  return RowParser(file, diags).Parse(record, columns, entry);
}

}  // namespace rehab::load_internal
