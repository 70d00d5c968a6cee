// The patient form's fields and the in-place edit of a patient file.
#include "server/patient_form.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace rehab::serve {

namespace {

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, ',')) {
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A plain scalar YAML reads back as this same string.
bool SafePlain(const std::string& s) {
  static const std::regex plain("[A-Za-z0-9][A-Za-z0-9 ._/-]*");
  static const std::regex special("(?:y|n|yes|no|on|off|true|false|null)", std::regex::icase);
  return std::regex_match(s, plain) && !std::regex_match(s, special) && s.back() != ' ';
}

// The field's value as YAML text (one line).
std::string YamlValue(const FieldSpec& f, const std::string& value) {
  switch (f.kind) {
    case FieldSpec::kDays: {
      std::string out;
      for (const auto& d : SplitList(value)) out += (out.empty() ? "" : ", ") + d;
      return "[" + out + "]";
    }
    case FieldSpec::kTimes: {
      std::string out;
      for (const auto& t : SplitList(value)) out += (out.empty() ? "" : ", ") + Quoted(t);
      return "[" + out + "]";
    }
    case FieldSpec::kDate:
    case FieldSpec::kChoice:
    case FieldSpec::kText:
      break;
  }
  return SafePlain(value) ? value : Quoted(value);
}

// The value of `node` as the form shows it.
std::string FormValue(const YAML::Node& node) {
  if (!node || node.IsNull()) return "";
  if (node.IsScalar()) return node.Scalar();
  if (node.IsSequence()) {
    std::string out;
    for (const auto& item : node) {
      if (item.IsScalar()) out += (out.empty() ? "" : ", ") + item.Scalar();
    }
    return out;
  }
  return "";
}

struct Found {
  YAML::Node key, value;  // undefined when absent
  bool found = false;
};

// The map entry at `path` (walking maps only).
Found Find(const YAML::Node& root, const std::vector<std::string>& path) {
  Found out;
  YAML::Node map = root;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!map.IsMap()) return out;
    bool step = false;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == path[i]) {
        if (i + 1 == path.size()) {
          // reset, not =: assigning a Node writes into the node it refers to.
          out.key.reset(it->first);
          out.value.reset(it->second);
          out.found = true;
          return out;
        }
        map.reset(it->second);
        step = true;
        break;
      }
    }
    if (!step) return out;
  }
  return out;
}

// Where the one-line value starting at `col` of `line` ends (before a
// comment and trailing blanks).
size_t ValueEnd(const std::string& line, size_t col) {
  size_t i = col;
  if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
    char q = line[i++];
    while (i < line.size() && line[i] != q) i += (line[i] == '\\' && q == '"') ? 2 : 1;
    return std::min(i + 1, line.size());
  }
  if (i < line.size() && line[i] == '[') {
    int depth = 0;
    char q = 0;
    for (; i < line.size(); ++i) {
      char c = line[i];
      if (q != 0) {
        if (c == '\\' && q == '"') ++i;
        else if (c == q) q = 0;
      } else if (c == '"' || c == '\'') {
        q = c;
      } else if (c == '[') {
        ++depth;
      } else if (c == ']' && --depth == 0) {
        return i + 1;
      }
    }
    return line.size();
  }
  size_t hash = line.find(" #", col);
  size_t end = hash == std::string::npos ? line.size() : hash;
  while (end > col && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return end;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

size_t Indent(const std::string& line) { return line.find_first_not_of(' '); }

// Applies one field to `text`; false with `why` when it cannot be done in place.
bool EditOne(std::string* text, const FieldSpec& f, const std::string& value, bool add_defaults,
             std::string* why) {
  YAML::Node root = YAML::Load(*text);
  Found at = Find(root, f.path);
  std::vector<std::string> lines = SplitLines(*text);
  const std::string wanted = value.empty() ? "" : YamlValue(f, value);
  if (at.found) {
    if (FormValue(at.value) == FormValue(YAML::Load(wanted.empty() ? "~" : wanted)) &&
        !value.empty()) {
      return true;  // unchanged: the file keeps its own spelling
    }
    size_t key_line = static_cast<size_t>(at.key.Mark().line);
    bool one_line = at.value.IsNull() || at.value.IsScalar() ||
                    (at.value.IsSequence() && at.value.Style() == YAML::EmitterStyle::Flow);
    if (!one_line || (!at.value.IsNull() &&
                      static_cast<size_t>(at.value.Mark().line) != key_line) ||
        key_line >= lines.size()) {
      *why = fmt::format("'{}' is written over several lines in the file; edit it by hand",
                         f.name);
      return false;
    }
    if (value.empty()) {
      lines.erase(lines.begin() + static_cast<long>(key_line));
    } else if (at.value.IsNull()) {
      std::string& line = lines[key_line];
      size_t colon = line.find(':', static_cast<size_t>(at.key.Mark().column));
      line = line.substr(0, colon + 1) + " " + wanted + line.substr(ValueEnd(line, colon + 1));
    } else {
      std::string& line = lines[key_line];
      size_t col = static_cast<size_t>(at.value.Mark().column);
      line = line.substr(0, col) + wanted + line.substr(ValueEnd(line, col));
    }
    *text = JoinLines(lines);
    return true;
  }
  if (value.empty() || (!add_defaults && value == f.absent_means)) return true;
  // Missing: under the deepest parent that exists, or a new block at the end.
  size_t have = 0;
  YAML::Node parent_key;
  for (size_t depth = f.path.size() - 1; depth > 0; --depth) {
    Found p = Find(root, std::vector<std::string>(f.path.begin(), f.path.begin() + depth));
    if (p.found) {
      if (!p.value.IsMap() || p.value.Style() == YAML::EmitterStyle::Flow) {
        *why = fmt::format("'{}' cannot be added: its parent is not a block of keys", f.name);
        return false;
      }
      have = depth;
      parent_key.reset(p.key);
      break;
    }
  }
  std::vector<std::string> block;
  size_t insert_at = lines.size();
  size_t indent = 0;
  if (have > 0) {
    size_t parent_line = static_cast<size_t>(parent_key.Mark().line);
    size_t parent_indent = Indent(lines[parent_line]);
    indent = parent_indent + 2;
    insert_at = parent_line + 1;
    for (size_t i = parent_line + 1; i < lines.size(); ++i) {
      size_t ind = Indent(lines[i]);
      if (ind == std::string::npos || lines[i][ind] == '#') continue;  // blank or comment
      if (ind <= parent_indent) break;
      if (insert_at == parent_line + 1) indent = ind;
      insert_at = i + 1;
    }
  }
  for (size_t depth = have; depth < f.path.size(); ++depth) {
    std::string line = std::string(indent, ' ') + f.path[depth] + ":";
    if (depth + 1 == f.path.size()) line += " " + wanted;
    block.push_back(line);
    indent += 2;
  }
  lines.insert(lines.begin() + static_cast<long>(insert_at), block.begin(), block.end());
  *text = JoinLines(lines);
  return true;
}

}  // namespace

const std::vector<FieldSpec>& PatientFields() {
  static const std::vector<FieldSpec> fields = {
      {"id", "Patient id (no name: an id only)", {"id"}, FieldSpec::kText},
      {"program", "Program", {"program"}, FieldSpec::kChoice},
      {"side", "Affected side", {"side"}, FieldSpec::kChoice, "right"},
      {"start", "Start date (conservative care)", {"start"}, FieldSpec::kDate},
      {"surgery.date", "Surgery date (after an operation)", {"surgery", "date"}, FieldSpec::kDate},
      {"surgery.procedure", "Procedure", {"surgery", "procedure"}, FieldSpec::kText},
      {"sessions.days", "Exercise days", {"sessions", "days"}, FieldSpec::kDays},
      {"sessions.times", "Session times (HH:MM, comma-separated)", {"sessions", "times"},
       FieldSpec::kTimes},
      {"timezone", "Time zone (e.g. America/Chicago)", {"timezone"}, FieldSpec::kText, "UTC"},
      {"country", "Country, 2 letters (e.g. US): the emergency number alerts give",
       {"country"}, FieldSpec::kText},
      {"units", "Weights in", {"units"}, FieldSpec::kChoice, "kg"},
      {"language", "Language", {"language"}, FieldSpec::kChoice, "en"},
      {"diary", "Diary file (beside the patient file)", {"diary"}, FieldSpec::kText},
      {"care_team.clinic", "Clinic", {"care_team", "clinic"}, FieldSpec::kText},
      {"care_team.therapist", "Therapist", {"care_team", "therapist"}, FieldSpec::kText},
      {"care_team.clinic_phone", "Clinic phone", {"care_team", "clinic_phone"}, FieldSpec::kText},
      {"care_team.clinic_hours", "Clinic opening hours", {"care_team", "clinic_hours"},
       FieldSpec::kText},
      {"care_team.surgeon_team_phone", "Surgeon's team phone", {"care_team", "surgeon_team_phone"},
       FieldSpec::kText},
      {"care_team.surgeon_team_after_hours_phone", "Surgeon's team phone out of hours",
       {"care_team", "surgeon_team_after_hours_phone"}, FieldSpec::kText},
  };
  return fields;
}

FieldValues ValuesFromYaml(const std::string& text) {
  FieldValues out;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return out;
  }
  for (const auto& f : PatientFields()) {
    Found at = Find(root, f.path);
    out[f.name] = at.found ? FormValue(at.value) : "";
  }
  return out;
}

std::string NewPatientYaml(const FieldValues& values, const std::string& header_comment) {
  std::string text = header_comment;
  for (const auto& f : PatientFields()) {
    auto it = values.find(f.name);
    if (it == values.end() || it->second.empty()) continue;
    std::string why;
    // Adding to a file of top-level blocks only: this cannot fail.
    EditOne(&text, f, it->second, /*add_defaults=*/true, &why);
  }
  return text;
}

bool EditPatientYaml(const std::string& text, const FieldValues& values, std::string* out,
                     std::string* why) {
  std::string edited = text;
  if (!edited.empty() && edited.back() != '\n') edited += '\n';
  try {
    for (const auto& f : PatientFields()) {
      auto it = values.find(f.name);
      if (it == values.end()) continue;
      if (!EditOne(&edited, f, it->second, /*add_defaults=*/false, why)) return false;
    }
  } catch (const YAML::Exception& e) {
    *why = fmt::format("the file is not valid YAML ({}); fix it by hand first", e.what());
    return false;
  }
  *out = edited;
  return true;
}

std::map<std::string, int> FieldLines(const std::string& text) {
  std::map<std::string, int> out;
  try {
    YAML::Node root = YAML::Load(text);
    for (const auto& f : PatientFields()) {
      Found at = Find(root, f.path);
      if (at.found) out[f.name] = at.key.Mark().line + 1;
    }
  } catch (const YAML::Exception&) {
  }
  return out;
}

namespace {

// The control character or length problem of one line of text, or "".
std::string TextProblem(const std::string& value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) return "holds a control character (a line break?)";
  }
  if (value.size() > 200) return "is longer than 200 characters";
  return "";
}

// The top-level `overrides` key and value of `root` (found false if absent).
Found FindOverrides(const YAML::Node& root) { return Find(root, {"overrides"}); }

std::vector<OverrideRow> NonEmpty(const std::vector<OverrideRow>& rows) {
  std::vector<OverrideRow> out;
  for (const auto& r : rows) {
    if (!r.Empty()) out.push_back(r);
  }
  std::sort(out.begin(), out.end(),
            [](const OverrideRow& a, const OverrideRow& b) { return a.exercise < b.exercise; });
  return out;
}

std::string OverridesBlock(const std::vector<OverrideRow>& rows) {
  std::string out = "overrides:\n";
  for (const auto& r : rows) {
    if (r.Empty()) continue;
    out += "  - exercise: " + (SafePlain(r.exercise) ? r.exercise : Quoted(r.exercise)) + "\n";
    if (r.start_step > 0) out += fmt::format("    start_step: {}\n", r.start_step);
    if (r.skip) out += "    skip: true\n";
    if (!r.note.empty()) out += "    note: " + (SafePlain(r.note) ? r.note : Quoted(r.note)) + "\n";
  }
  return out;
}

}  // namespace

std::vector<OverrideRow> OverridesFromYaml(const std::string& text) {
  std::vector<OverrideRow> rows;
  try {
    Found at = FindOverrides(YAML::Load(text));
    if (!at.found || !at.value.IsSequence()) return rows;
    for (const auto& item : at.value) {
      if (!item.IsMap() || !item["exercise"] || !item["exercise"].IsScalar()) continue;
      OverrideRow row;
      row.exercise = item["exercise"].Scalar();
      if (item["start_step"]) row.start_step = item["start_step"].as<int>(0);
      if (item["skip"]) row.skip = item["skip"].as<bool>(false);
      if (item["note"] && item["note"].IsScalar()) row.note = item["note"].Scalar();
      rows.push_back(row);
    }
  } catch (const YAML::Exception&) {
    rows.clear();
  }
  return rows;
}

bool EditOverridesYaml(const std::string& text, const std::vector<OverrideRow>& rows,
                       std::string* out, std::string* why) {
  if (NonEmpty(OverridesFromYaml(text)) == NonEmpty(rows)) {
    *out = text;
    return true;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    *why = fmt::format("the file is not valid YAML ({}); fix it by hand first", e.what());
    return false;
  }
  if (root && !root.IsNull() && (!root.IsMap() || root.Style() == YAML::EmitterStyle::Flow)) {
    *why = "the patient file is not a block of keys; edit its overrides by hand";
    return false;
  }
  std::vector<std::string> lines = SplitLines(text);
  const std::string block = NonEmpty(rows).empty() ? "" : OverridesBlock(rows);
  Found at = FindOverrides(root);
  if (!at.found) {
    *out = text;
    if (!out->empty() && out->back() != '\n') *out += '\n';
    *out += block;
    return true;
  }
  const size_t first = static_cast<size_t>(at.key.Mark().line);
  if (at.key.Mark().column != 0 || first >= lines.size()) {
    *why = "'overrides' is not a top-level key of the file; edit it by hand";
    return false;
  }
  // The block: the key's line and every line after it that is indented or a
  // list item at the margin, up to its last such line (blank lines and
  // comments at the margin before the next key stay with that key).
  size_t last = first;
  for (size_t i = first + 1; i < lines.size(); ++i) {
    size_t ind = Indent(lines[i]);
    if (ind == std::string::npos) continue;
    if (ind == 0 && lines[i][0] != '-') break;
    last = i;
  }
  std::vector<std::string> replaced = SplitLines(block);
  lines.erase(lines.begin() + static_cast<long>(first), lines.begin() + static_cast<long>(last) + 1);
  lines.insert(lines.begin() + static_cast<long>(first), replaced.begin(), replaced.end());
  *out = JoinLines(lines);
  return true;
}

std::map<std::string, int> OverrideLines(const std::string& text) {
  std::map<std::string, int> out;
  try {
    Found at = FindOverrides(YAML::Load(text));
    if (!at.found || !at.value.IsSequence()) return out;
    for (const auto& item : at.value) {
      if (item.IsMap() && item["exercise"] && item["exercise"].IsScalar()) {
        out[item["exercise"].Scalar()] = item["exercise"].Mark().line + 1;
      }
    }
  } catch (const YAML::Exception&) {
  }
  return out;
}

std::map<std::string, std::string> CheckOverrides(const std::vector<OverrideRow>& rows) {
  std::map<std::string, std::string> problems;
  for (const auto& r : rows) {
    std::string problem = TextProblem(r.note);
    if (!problem.empty()) problems["override." + r.exercise] = "the note " + problem;
  }
  return problems;
}

std::map<std::string, std::string> CheckValues(const FieldValues& values) {
  std::map<std::string, std::string> problems;
  for (const auto& [name, value] : values) {
    std::string problem = TextProblem(value);
    if (!problem.empty()) problems[name] = problem;
  }
  auto id = values.find("id");
  static const std::regex good_id("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  if (id == values.end() || !std::regex_match(id->second, good_id)) {
    problems["id"] = "must be 1-64 letters, digits, '.', '-' or '_', starting with a letter or digit";
  }
  return problems;
}

}  // namespace rehab::serve
