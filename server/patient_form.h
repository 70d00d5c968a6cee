// The new / edit patient form of `rehab serve`: its fields, the patient YAML
// they become, and the edit of an existing file that keeps everything the form
// does not touch (comments, key order, overrides, blank lines) byte for byte.
#ifndef REHAB_SERVER_PATIENT_FORM_H_
#define REHAB_SERVER_PATIENT_FORM_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rehab::serve {

// One form field and where it lives in the patient file.
struct FieldSpec {
  const char* name;   // the form's field name: "surgery.date"
  const char* label;  // what the therapist reads
  std::vector<std::string> path;  // YAML keys: {"surgery", "date"}
  enum Kind { kText, kDate, kChoice, kDays, kTimes } kind = kText;
  // What the loader takes when the key is absent: an absent key left at it
  // stays absent when the file is edited.
  const char* absent_means = "";
};

// Every field of the form, in form order.
const std::vector<FieldSpec>& PatientFields();

// Field name -> value, as the form posts it (days as "mon,wed,fri", times as
// "09:00, 17:00").
using FieldValues = std::map<std::string, std::string>;

// The values of an existing patient file's fields ("" for absent keys).
FieldValues ValuesFromYaml(const std::string& text);

// A new patient file holding `values` (empty values left out).
std::string NewPatientYaml(const FieldValues& values, const std::string& header_comment);

// `text` with each field of `values` whose value differs from the file's
// replaced where it stands (the rest of its line, a comment after it
// included, kept), added under its parent when missing, and removed (its
// line) when emptied. Returns false with `why` set when a field cannot be
// edited in place (a multi-line value, say), leaving `*out` unset.
bool EditPatientYaml(const std::string& text, const FieldValues& values, std::string* out,
                     std::string* why);

// The 1-based line of each field present in `text` (for errors beside fields).
std::map<std::string, int> FieldLines(const std::string& text);

// One exercise's row of the form's "changes for this patient": the patient
// file's `overrides` entry for it. A row with nothing set is no override.
struct OverrideRow {
  std::string exercise;
  int start_step = 0;  // 1-based ladder step; 0: where the program starts it
  bool skip = false;
  std::string note;
  bool Empty() const { return start_step == 0 && !skip && note.empty(); }
  bool operator==(const OverrideRow&) const = default;
};

// The overrides of a patient file (none when it has none or is not YAML).
std::vector<OverrideRow> OverridesFromYaml(const std::string& text);

// `text` with its top-level `overrides` block made to hold the non-empty
// `rows`, in their order: rewritten whole in place (a comment inside the block
// is not kept; the form says so), removed when no row is left, added at the
// end when missing, and left byte for byte when the rows say what the file
// says already (in any order). Returns false with `why` set when `overrides`
// is not a block the form can replace, leaving `*out` unset.
bool EditOverridesYaml(const std::string& text, const std::vector<OverrideRow>& rows,
                       std::string* out, std::string* why);

// The 1-based line of each override's `exercise:` (for errors beside rows).
std::map<std::string, int> OverrideLines(const std::string& text);

// Problems in the rows before any YAML is made: "override.<exercise>" ->
// message.
std::map<std::string, std::string> CheckOverrides(const std::vector<OverrideRow>& rows);

// Problems found in the values before any YAML is made (a control character,
// a quote in an id...): field name -> message.
std::map<std::string, std::string> CheckValues(const FieldValues& values);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_PATIENT_FORM_H_
