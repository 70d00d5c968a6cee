// The typed field reader the loaders share (internal to planner/load/): it
// reads one file's YAML tree against a schema (keys allowed and required,
// value types and ranges) and reports each problem at file:line:col.
#ifndef REHAB_PLANNER_LOAD_SCHEMA_READER_H_
#define REHAB_PLANNER_LOAD_SCHEMA_READER_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/load/yaml_tree.h"

namespace rehab::load_internal {

// ASCII character classes of the file formats (no locale).
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// An id: [a-z0-9][a-z0-9-]*
bool IsIdText(std::string_view s);

// Reads values out of one file's tree, reporting into `diags`. Each reader
// of a value returns true and sets `*out` when the value is there and valid;
// it returns false when the key is absent (silently) or the value is invalid
// (after reporting it).
class SchemaReader {
 public:
  // `text` is the file's text the tree was parsed from; it must outlive the reader.
  SchemaReader(const std::string& file, std::string_view text, Diagnostics* diags)
      : file_(file), text_(text), diags_(diags) {}

  // Where `node` starts, counting columns in characters.
  SourceLoc Loc(const Node& node) const;

  // Where the `nth` (0-based) occurrence of `needle` after the start of
  // `node` is, moved on by `extra` bytes: a place inside a scalar's text.
  // The node's own location when the text is not found there (a needle
  // broken over two lines of a folded scalar, say).
  SourceLoc LocInside(const Node& node, std::string_view needle, int nth, size_t extra) const;

  void Error(const Node& node, std::string message) {
    diags_->Error(Loc(node), std::move(message));
  }
  void Error(const SourceLoc& loc, std::string message) { diags_->Error(loc, std::move(message)); }
  void Note(const SourceLoc& loc, std::string message) { diags_->Note(loc, std::move(message)); }

  // A mapping with only `allowed` keys; reports unknown keys (with a
  // suggestion), keys given twice and missing `required` keys. Returns false
  // (after reporting) when `node` is not a map; `what` names it ("a phase").
  bool Map(const Node& node, const char* what, const std::vector<std::string>& allowed,
           const std::vector<std::string>& required, MapView* out);

  // A single value (not a list or map) free of control characters.
  bool Scalar(const MapView::Entry& e, std::string* out);

  // Every text read from the file passes here: C0/C1 controls (other than
  // tab and the line feeds of a block scalar) could drive a terminal or hide
  // text in a handout. Reports the first one, at the value.
  bool NoControlCharacters(const Node& value, std::string_view key);

  // A non-empty scalar.
  bool String(const MapView& map, const char* key, std::string* out);

  // A whole number from `min` to `max`.
  bool Int(const MapView::Entry& e, int min, int max, int* out);
  bool Int(const MapView& map, const char* key, int min, int max, int* out);

  // A finite decimal number.
  bool Number(const MapView::Entry& e, double* out);

  // true/yes or false/no.
  bool Bool(const MapView& map, const char* key, bool* out);

  // A duration ("10d", "6w" or days) within [min, max] days.
  bool Days(const MapView::Entry& e, int min, int max, int* out);
  bool Days(const MapView& map, const char* key, int min, int max, int* out);

  // One of `names`; `*out` is its index.
  bool Enum(const MapView& map, const char* key, const std::vector<std::string>& names, int* out);

  // A list of non-empty scalars. An item that is not one is reported and
  // left out; true whenever the value is a list.
  bool StringList(const MapView& map, const char* key, std::vector<std::string>* out);

  // The list node at `key`, or nullptr (reporting when it is not a list).
  const Node* List(const MapView& map, const char* key);

  // A String that IsIdText.
  bool Id(const MapView& map, const char* key, std::string* out);

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::string_view text_;
  Diagnostics* diags_;
};

// Parses `file` (ParseYaml) and, when it parses, hands its root to `read`
// with a SchemaReader for it. Every diagnostic goes to `diags`; false when
// any of this file's is an error.
bool ReadYamlFile(std::string_view text, const std::string& file, Diagnostics* diags,
                  const std::function<void(SchemaReader&, const Node&)>& read);

}  // namespace rehab::load_internal

#endif  // REHAB_PLANNER_LOAD_SCHEMA_READER_H_
