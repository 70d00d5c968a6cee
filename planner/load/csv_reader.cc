// CSV records with positions: quoted fields, doubled quotes, CRLF or LF.
#include "planner/load/csv_reader.h"

#include <algorithm>
#include <utility>

#include "planner/base/utf8.h"

namespace rehab::load_internal {

namespace {

bool IsBlank(const Record& r) {
  if (r.fields.size() != 1 || r.malformed) return false;
  return r.fields[0].value.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

std::vector<Record> CsvReader::ReadAll() {
  std::vector<Record> records;
  while (pos_ < text_.size()) {
    Record record;
    if (!ReadRecord(&record)) break;
    if (!IsBlank(record)) records.push_back(std::move(record));
  }
  return records;
}

std::optional<Record> CsvReader::ReadFirst() {
  while (pos_ < text_.size()) {
    Record record;
    if (!ReadRecord(&record)) return std::nullopt;
    if (!IsBlank(record)) return record;
  }
  return std::nullopt;
}

// The column of text_[i] on the current line. Positions asked for only grow
// along a line, so the count goes on from the last one asked: each line is
// counted once, not once per field.
int CsvReader::ColumnAt(size_t i) {
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
void CsvReader::ConsumeLineEnd() {
  pos_ += text_[pos_] == '\r' ? 2 : 1;
  ++line_;
  line_start_ = pos_;
}

void CsvReader::Error(int line, int column, std::string message) {
  diags_->Error(SourceLoc{file_, line, column}, std::move(message));
}

// False when the record ran into the end of the text inside quotes.
bool CsvReader::ReadRecord(Record* record) {
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

bool CsvReader::ReadQuoted(Field* field, Record* record) {
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

void CsvReader::ReadUnquoted(Field* field, Record* record) {
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

}  // namespace rehab::load_internal
