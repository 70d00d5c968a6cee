// Pain diary CSV: an RFC 4180 reader that keeps each field's line and column,
// the per-column value parsers, and the row writer used by `rehab log`.
#include "planner/load/diary.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "planner/base/limits.h"
#include "planner/base/utf8.h"

namespace rehab {

namespace {

enum class Column { kDate, kDuring, kAfter, kMorning, kSwelling, kMeasures, kFlags, kNote };

constexpr Column kColumnOrder[] = {Column::kDate,    Column::kDuring,   Column::kAfter,
                                   Column::kMorning, Column::kSwelling, Column::kMeasures,
                                   Column::kFlags,   Column::kNote};

std::optional<Column> ColumnFromName(std::string_view name) {
  const auto& names = DiaryColumns();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return kColumnOrder[i];
  }
  return std::nullopt;
}

// One CSV field as written in the file: its unquoted value and where it starts.
struct Field {
  std::string value;
  int line = 0;
  int column = 0;
};

struct Record {
  std::vector<Field> fields;
  int line = 0;        // where the record starts
  int end_line = 0;    // where it ends (a quoted field may span lines)
  int end_column = 0;  // the column just past its last character
  bool malformed = false;
};

// Splits the text into records, reporting quoting errors. Columns count
// UTF-8 code points so the caret lands under the right character.
class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file, Diagnostics* diags)
      : text_(text), file_(std::move(file)), diags_(diags) {}

  std::vector<Record> ReadAll() {
    std::vector<Record> records;
    while (pos_ < text_.size()) {
      Record record;
      if (!ReadRecord(&record)) break;  // unterminated quote: the rest is lost
      if (!IsBlank(record)) records.push_back(std::move(record));
    }
    return records;
  }

  // The first record that is not blank (the header of a diary), or nullopt
  // when there is none or it runs into an unterminated quote.
  std::optional<Record> ReadFirst() {
    while (pos_ < text_.size()) {
      Record record;
      if (!ReadRecord(&record)) return std::nullopt;
      if (!IsBlank(record)) return record;
    }
    return std::nullopt;
  }

 private:
  static bool IsBlank(const Record& r) {
    if (r.fields.size() != 1 || r.malformed) return false;
    return r.fields[0].value.find_first_not_of(" \t") == std::string::npos;
  }

  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  bool AtLineEnd(size_t i) const { return At(i) == '\n' || (At(i) == '\r' && At(i + 1) == '\n'); }

  // The column of text_[i] on the current line. Positions asked for only grow
  // along a line, so the count goes on from the last one asked: each line is
  // counted once, not once per field (which made a line of n fields cost n^2).
  int ColumnAt(size_t i) {
    size_t end = std::min(i, text_.size());
    if (end <= line_start_) return 1;
    if (counted_to_ < line_start_ || counted_to_ > end) {
      counted_to_ = line_start_;
      counted_column_ = 1;
    }
    counted_column_ +=
        static_cast<int>(CountCharacters(text_.substr(counted_to_, end - counted_to_)));
    counted_to_ = end;
    return counted_column_;
  }

  // Consumes "\n" or "\r\n" at pos_.
  void ConsumeLineEnd() {
    pos_ += text_[pos_] == '\r' ? 2 : 1;
    ++line_;
    line_start_ = pos_;
  }

  void Error(int line, int column, std::string message) {
    diags_->Error(SourceLoc{file_, line, column}, std::move(message));
  }

  // False when the record ran into the end of the text inside quotes.
  bool ReadRecord(Record* record) {
    record->line = line_;
    while (true) {
      Field field;
      field.line = line_;
      field.column = ColumnAt(pos_);
      if (At(pos_) == '"') {
        if (!ReadQuoted(&field, record)) return false;
      } else {
        ReadUnquoted(&field, record);
      }
      record->fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      record->end_line = line_;
      record->end_column = ColumnAt(pos_);
      if (pos_ < text_.size()) ConsumeLineEnd();
      return true;
    }
  }

  bool ReadQuoted(Field* field, Record* record) {
    ++pos_;  // the opening quote
    while (true) {
      if (pos_ >= text_.size()) {
        Error(field->line, field->column, "unterminated quoted field: the closing '\"' is missing");
        record->malformed = true;
        return false;
      }
      char c = text_[pos_];
      if (c == '"') {
        if (At(pos_ + 1) == '"') {
          field->value += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (AtLineEnd(pos_)) {
        // A line break inside quotes is part of the value; CRLF files and LF
        // files give the same text.
        field->value += '\n';
        ConsumeLineEnd();
        continue;
      }
      field->value += c;
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd(pos_)) {
      Error(line_, ColumnAt(pos_),
            "unexpected text after a closing quote; write a quote inside a quoted field "
            "as two quotes (\"\")");
      record->malformed = true;
      while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd(pos_)) ++pos_;
    }
    return true;
  }

  void ReadUnquoted(Field* field, Record* record) {
    bool reported = false;
    while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd(pos_)) {
      if (text_[pos_] == '"' && !reported) {
        Error(line_, ColumnAt(pos_),
              "a quote in an unquoted field; enclose the field in quotes and write the "
              "quote as two quotes (\"\")");
        record->malformed = true;
        reported = true;
      }
      field->value += text_[pos_];
      ++pos_;
    }
  }

  std::string_view text_;
  std::string file_;
  Diagnostics* diags_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  size_t counted_to_ = 0;   // ColumnAt's last position ...
  int counted_column_ = 1;  // ... and its column
};

std::string_view Trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

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

// `"value"` for messages: control characters escaped, long values cut short.
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

enum class DecimalResult { kOk, kNotANumber, kOutOfRange };

// A plain decimal number ("95", "-3", "12.5", "1e3"): no hex, inf or nan,
// which from_chars would take. kOutOfRange when it is well formed but
// overflows (or underflows) a double.
DecimalResult ParseDecimal(std::string_view text, double* value) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t whole = digits();
  size_t fraction = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (whole + fraction == 0) return DecimalResult::kNotANumber;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return DecimalResult::kNotANumber;
  }
  if (i != text.size()) return DecimalResult::kNotANumber;
  size_t skip = text[0] == '+' ? 1 : 0;  // from_chars takes no leading '+'
  double parsed = 0;
  auto [end, ec] = std::from_chars(text.data() + skip, text.data() + text.size(), parsed);
  if (ec == std::errc::result_out_of_range) return DecimalResult::kOutOfRange;
  if (ec != std::errc() || end != text.data() + text.size()) return DecimalResult::kNotANumber;
  if (!std::isfinite(parsed)) return DecimalResult::kOutOfRange;
  *value = parsed;
  return DecimalResult::kOk;
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

// Parses the fields of one row into `entry`; false when any field was bad.
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
        ParseMeasuresField(value, entry);
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

  void ParseMeasuresField(std::string_view value, DiaryEntry* entry) {
    for (std::string_view item : SplitList(value)) {
      size_t eq = item.find('=');
      if (eq == std::string_view::npos) {
        Error(fmt::format("measure {} must be written NAME=VALUE, e.g. flexion=95", Quote(item)));
        continue;
      }
      std::string_view name = Trim(item.substr(0, eq));
      std::string_view number = Trim(item.substr(eq + 1));
      if (!IsValidMeasureName(name)) {
        Error(fmt::format("measure name {} must be made of a-z, 0-9 and '-'", Quote(name)));
        continue;
      }
      double parsed = 0;
      switch (ParseDecimal(number, &parsed)) {
        case DecimalResult::kOk:
          break;
        case DecimalResult::kNotANumber:
          Error(fmt::format("measure '{}' must be a number, got {}", name, Quote(number)));
          continue;
        case DecimalResult::kOutOfRange:
          Error(fmt::format("measure '{}' is out of range: {} is {}", name, Quote(number),
                            "too large or too small for a number"));
          continue;
      }
      if (!entry->measures.emplace(std::string(name), parsed).second) {
        Error(fmt::format("measure '{}' is given twice", name));
      }
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
    if (ColumnFromName(Trim(field.value))) return FirstRecord::kHeader;
  }
  return FirstRecord::kNotADiary;
}

// A header line names each column once, so more problems than it has
// possible columns say the line is not a header at all; reporting every
// field of a line of a million would flood the terminal.
constexpr size_t kMaxHeaderErrors = 8;

// Maps header names to columns; nullopt entries are unknown names.
std::vector<std::optional<Column>> ReadHeader(const Record& header, const std::string& file,
                                              Diagnostics* diags) {
  std::vector<std::optional<Column>> columns;
  std::set<std::string_view> seen;
  size_t errors = 0;
  for (const Field& field : header.fields) {
    SourceLoc loc{file, field.line, field.column};
    std::string_view name = Trim(field.value);
    std::optional<Column> column = ColumnFromName(name);
    bool shown = errors < kMaxHeaderErrors;
    if (name.empty()) {
      ++errors;
      if (shown) {
        diags->Error(loc, fmt::format("empty column name in the header; expected {}",
                                      JoinForMessage(DiaryColumns(), " or ")));
      }
    } else if (!column) {
      ++errors;
      if (shown) diags->Error(loc, UnknownMessage("column", name, DiaryColumns()));
    } else if (!seen.insert(name).second) {
      ++errors;
      if (shown) diags->Error(loc, fmt::format("column '{}' appears twice in the header", name));
      column.reset();
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

std::string FieldText(const DiaryEntry& entry, Column column) {
  auto pain = [](const std::optional<int>& p) { return p ? std::to_string(*p) : std::string(); };
  std::string text;
  switch (column) {
    case Column::kDate:
      return FormatDate(entry.date);
    case Column::kDuring:
      return pain(entry.during);
    case Column::kAfter:
      return pain(entry.after);
    case Column::kMorning:
      return pain(entry.morning);
    case Column::kSwelling:
      return entry.swelling ? ToString(*entry.swelling) : "";
    case Column::kMeasures:
      for (const auto& [name, value] : entry.measures) {
        if (!text.empty()) text += ';';
        text += name + "=" + FormatMeasureValue(value);
      }
      return text;
    case Column::kFlags:
      for (const auto& flag : entry.flags) {
        if (!text.empty()) text += ';';
        text += flag;
      }
      return text;
    case Column::kNote:
      return entry.note;
  }
  return text;
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
  return ParseDecimal(text, value) == DecimalResult::kOk;
}

std::string FormatMeasureValue(double value) { return fmt::format("{}", value); }

bool LooksLikeDiary(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  Diagnostics ignored;  // quoting errors are ParseDiary's to report
  std::optional<Record> first = CsvReader(text, "", &ignored).ReadFirst();
  return first && ClassifyFirstRecord(*first) != FirstRecord::kNotADiary;
}

Diary ParseDiary(std::string_view text, const std::string& file, Diagnostics* diags,
                 std::vector<std::string>* columns) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  diags->AddSource(file, text);
  if (columns != nullptr) columns->clear();

  Diary diary;
  diary.file = file;
  if (!CheckTextInput(text, file, diags)) return diary;
  std::vector<Record> records = CsvReader(text, file, diags).ReadAll();
  if (records.empty()) return diary;
  if (records.size() > static_cast<size_t>(kMaxDiaryRows) + 1) {
    diags->Error(SourceLoc{file, 0, 0}, fmt::format("{} rows, more than the limit of {}",
                                                    records.size() - 1, kMaxDiaryRows));
    return diary;
  }

  const Record& header = records.front();
  switch (ClassifyFirstRecord(header)) {
    case FirstRecord::kHeader:
      break;
    case FirstRecord::kDatedRow:
      diags->Error(SourceLoc{file, header.line, 1},
                   fmt::format("the header line is missing; the first line names the columns, "
                               "e.g. {}",
                               DiaryHeader()));
      return diary;
    case FirstRecord::kNotADiary:
      diags->Error(SourceLoc{file, header.line, 1},
                   fmt::format("this is not a diary: its first line names no diary column; a "
                               "diary starts with a header such as {}",
                               DiaryHeader()));
      return diary;
  }
  std::vector<std::optional<Column>> kinds = ReadHeader(header, file, diags);
  if (columns != nullptr) {
    for (const Field& f : header.fields) columns->emplace_back(Trim(f.value));
  }
  if (std::find(kinds.begin(), kinds.end(), Column::kDate) == kinds.end()) {
    diags->Error(SourceLoc{file, header.line, 1}, "the header has no 'date' column");
    return diary;
  }

  RowParser parser(file, diags);
  for (size_t r = 1; r < records.size(); ++r) {
    const Record& record = records[r];
    if (record.fields.size() != kinds.size()) {
      CheckFieldCount(record, kinds.size(), file, diags);
      continue;
    }
    DiaryEntry entry;
    if (parser.Parse(record, kinds, &entry)) diary.entries.push_back(std::move(entry));
  }
  std::stable_sort(diary.entries.begin(), diary.entries.end(),
                   [](const DiaryEntry& a, const DiaryEntry& b) { return a.date < b.date; });
  return diary;
}

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
    std::optional<Column> column = ColumnFromName(columns[i]);
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
  const std::pair<const char*, const std::optional<int>*> pains[] = {
      {"during", &entry.during}, {"after", &entry.after}, {"morning", &entry.morning}};
  for (const auto& [name, pain] : pains) {
    if (*pain && (**pain < 0 || **pain > 10)) {
      problems.push_back(
          fmt::format("pain '{}' must be a whole number from 0 to 10, got {}", name, **pain));
    }
  }
  for (const auto& [name, value] : entry.measures) {
    if (!IsValidMeasureName(name)) {
      problems.push_back(
          fmt::format("measure name {} must be made of a-z, 0-9 and '-'", Quote(name)));
    } else if (!std::isfinite(value)) {
      problems.push_back(fmt::format("measure '{}' must be a finite number", name));
    }
  }
  for (const auto& flag : entry.flags) {
    const auto& known = KnownDiaryFlags();
    if (std::find(known.begin(), known.end(), flag) == known.end()) {
      problems.push_back(UnknownMessage("flag", flag, known));
    }
  }
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
