// An RFC 4180 CSV reader that keeps where each field starts (internal to
// planner/load/): the diary's records, with every quoting error located.
#ifndef REHAB_PLANNER_LOAD_CSV_READER_H_
#define REHAB_PLANNER_LOAD_CSV_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/base/diagnostics.h"

namespace rehab::load_internal {

// One CSV field as written in the file: its unquoted value and where it
// starts (1-based line and column, the column counted in characters).
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

// Splits a text into records, reporting quoting errors to `diags` as
// "file:LINE:COL". A line break inside quotes is part of the value, as "\n"
// for LF and CRLF files alike. Columns count UTF-8 code points, so the
// caret lands under the right character; a line of n fields costs time in
// its length, not n times its length.
class CsvReader {
 public:
  // `text` must outlive the reader.
  CsvReader(std::string_view text, std::string file, Diagnostics* diags)
      : text_(text), file_(std::move(file)), diags_(diags) {}

  // Every record that is not blank, in file order. An unterminated quote
  // ends the reading: the rest of the text is lost (and reported).
  std::vector<Record> ReadAll();

  // The first record that is not blank (the header of a diary), or nullopt
  // when there is none or it runs into an unterminated quote.
  std::optional<Record> ReadFirst();

 private:
  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  bool AtLineEnd(size_t i) const { return At(i) == '\n' || (At(i) == '\r' && At(i + 1) == '\n'); }
  int ColumnAt(size_t i);
  void ConsumeLineEnd();
  void Error(int line, int column, std::string message);
  bool ReadRecord(Record* record);
  bool ReadQuoted(Field* field, Record* record);
  void ReadUnquoted(Field* field, Record* record);

  std::string_view text_;
  std::string file_;
  Diagnostics* diags_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  size_t counted_to_ = 0;   // ColumnAt's last position ...
  int counted_column_ = 1;  // ... and its column
};

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_CSV_READER_H_
