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

// Problems found in the values before any YAML is made (a control character,
// a quote in an id...): field name -> message.
std::map<std::string, std::string> CheckValues(const FieldValues& values);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_PATIENT_FORM_H_
