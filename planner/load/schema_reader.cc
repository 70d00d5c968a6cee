// The typed field reader: each value's type, range and text checked, each
// problem reported at the value with a message that names the key.
#include "planner/load/schema_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <set>

#include <fmt/format.h>

#include "planner/base/utf8.h"
#include "planner/load/yaml_loader.h"

namespace rehab {

std::optional<int> ParseDays(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int multiplier = 1;
  if (text.back() == 'd') {
    text.remove_suffix(1);
  } else if (text.back() == 'w') {
    multiplier = 7;
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 5) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value * multiplier;
}

namespace load_internal {

bool IsIdText(std::string_view s) {
  if (s.empty() || s[0] == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsLower(c) || IsDigit(c) || c == '-'; });
}

SourceLoc SchemaReader::Loc(const Node& node) const { return LocOfMark(text_, file_, node.Mark()); }

SourceLoc SchemaReader::LocInside(const Node& node, std::string_view needle, int nth,
                                  size_t extra) const {
  YAML::Mark m = node.Mark();
  if (m.is_null() || m.pos < 0 || static_cast<size_t>(m.pos) > text_.size()) return Loc(node);
  size_t at = static_cast<size_t>(m.pos);
  for (int i = 0; i <= nth; ++i) {
    at = text_.find(needle, i == 0 ? at : at + 1);
    if (at == std::string_view::npos) return Loc(node);
  }
  at += extra;
  int line = m.line + 1;
  size_t line_start = static_cast<size_t>(m.pos - m.column);
  for (size_t i = static_cast<size_t>(m.pos); i < at; ++i) {
    if (text_[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {file_, line,
          CharColumn(text_, static_cast<int>(line_start), static_cast<int>(at - line_start))};
}

bool SchemaReader::Map(const Node& node, const char* what, const std::vector<std::string>& allowed,
                       const std::vector<std::string>& required, MapView* out) {
  if (!node.IsMap()) {
    Error(node, fmt::format("{} must be a mapping of keys to values", what));
    return false;
  }
  *out = MapView(node);
  std::set<std::string> seen;
  for (const auto& e : out->entries()) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
      Error(e.key_node,
            fmt::format("unknown key '{}' in {}{}", e.key, what, DidYouMean(e.key, allowed)));
    } else if (!seen.emplace(e.key).second) {
      Error(e.key_node, fmt::format("key '{}' appears twice in {}", e.key, what));
    }
  }
  for (const auto& key : required) {
    if (out->Find(key) == nullptr) {
      Error(node, fmt::format("{} is missing the required key '{}'", what, key));
    }
  }
  return true;
}

bool SchemaReader::Scalar(const MapView::Entry& e, std::string* out) {
  if (!e.value.IsScalar()) {
    Error(e.value, fmt::format("'{}' must be a single value", e.key));
    return false;
  }
  if (!NoControlCharacters(e.value, e.key)) return false;
  *out = e.value.Scalar();
  return true;
}

bool SchemaReader::NoControlCharacters(const Node& value, std::string_view key) {
  const std::string& text = value.Scalar();
  size_t control = FindControlCharacter(text);
  if (control == std::string::npos) return true;
  Error(value, fmt::format("'{}' contains the control character {}; remove it", key,
                           ControlCharacterName(text, control)));
  return false;
}

bool SchemaReader::String(const MapView& map, const char* key, std::string* out) {
  const auto* e = map.Find(key);
  if (e == nullptr) return false;
  if (!Scalar(*e, out)) return false;
  if (out->empty()) {
    Error(e->value, fmt::format("'{}' must not be empty", key));
    return false;
  }
  return true;
}

bool SchemaReader::Int(const MapView::Entry& e, int min, int max, int* out) {
  std::string text;
  if (!Scalar(e, &text)) return false;
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range && p == text.data() + text.size()) {
    Error(e.value, fmt::format("'{}' is out of range: it must be from {} to {}, got \"{}\"", e.key,
                               min, max, text));
    return false;
  }
  if (ec != std::errc() || p != text.data() + text.size()) {
    Error(e.value, fmt::format("'{}' must be a whole number from {} to {}, got \"{}\"", e.key, min,
                               max, text));
    return false;
  }
  if (v < min || v > max) {
    Error(e.value, fmt::format("'{}' must be from {} to {}, got {}", e.key, min, max, v));
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool SchemaReader::Int(const MapView& map, const char* key, int min, int max, int* out) {
  const auto* e = map.Find(key);
  return e != nullptr && Int(*e, min, max, out);
}

bool SchemaReader::Number(const MapView::Entry& e, double* out) {
  std::string text;
  if (!Scalar(e, &text)) return false;
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range && p == text.data() + text.size()) {
    Error(e.value, fmt::format("'{}' is out of range: \"{}\" is too large or too small for a "
                               "number",
                               e.key, text));
    return false;
  }
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v)) {
    Error(e.value, fmt::format("'{}' must be a number, got \"{}\"", e.key, text));
    return false;
  }
  *out = v;
  return true;
}

bool SchemaReader::Bool(const MapView& map, const char* key, bool* out) {
  const auto* e = map.Find(key);
  if (e == nullptr) return false;
  std::string text;
  if (!Scalar(*e, &text)) return false;
  if (text == "true" || text == "yes") {
    *out = true;
  } else if (text == "false" || text == "no") {
    *out = false;
  } else {
    Error(e->value, fmt::format("'{}' must be true or false, got \"{}\"", key, text));
    return false;
  }
  return true;
}

bool SchemaReader::Days(const MapView::Entry& e, int min, int max, int* out) {
  std::string text;
  if (!Scalar(e, &text)) return false;
  auto days = ParseDays(text);
  if (!days) {
    Error(e.value,
          fmt::format("'{}' must be a duration such as 10d or 6w, got \"{}\"", e.key, text));
    return false;
  }
  if (*days < min || *days > max) {
    Error(e.value, fmt::format("'{}' must be from {}d to {}d, got {}", e.key, min, max, text));
    return false;
  }
  *out = *days;
  return true;
}

bool SchemaReader::Days(const MapView& map, const char* key, int min, int max, int* out) {
  const auto* e = map.Find(key);
  return e != nullptr && Days(*e, min, max, out);
}

bool SchemaReader::Enum(const MapView& map, const char* key, const std::vector<std::string>& names,
                        int* out) {
  const auto* e = map.Find(key);
  if (e == nullptr) return false;
  std::string text;
  if (!Scalar(*e, &text)) return false;
  auto it = std::find(names.begin(), names.end(), text);
  if (it == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    Error(e->value, fmt::format("'{}' must be one of {}, got \"{}\"{}", key, list, text,
                                DidYouMean(text, names)));
    return false;
  }
  *out = static_cast<int>(it - names.begin());
  return true;
}

bool SchemaReader::StringList(const MapView& map, const char* key, std::vector<std::string>* out) {
  const auto* e = map.Find(key);
  if (e == nullptr) return false;
  if (!e->value.IsSequence()) {
    Error(e->value, fmt::format("'{}' must be a list", key));
    return false;
  }
  out->clear();
  for (const auto& item : e->value) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      Error(item, fmt::format("each item of '{}' must be a non-empty value", key));
      continue;
    }
    if (!NoControlCharacters(item, key)) continue;
    out->push_back(item.Scalar());
  }
  return true;
}

const Node* SchemaReader::List(const MapView& map, const char* key) {
  const auto* e = map.Find(key);
  if (e == nullptr) return nullptr;
  if (!e->value.IsSequence()) {
    Error(e->value, fmt::format("'{}' must be a list", key));
    return nullptr;
  }
  return &e->value;
}

bool SchemaReader::Id(const MapView& map, const char* key, std::string* out) {
  if (!String(map, key, out)) return false;
  if (!IsIdText(*out)) {
    Error(map.Find(key)->value,
          fmt::format("'{}' must be lowercase letters, digits and dashes, got \"{}\"", key, *out));
    return false;
  }
  return true;
}

bool ReadYamlFile(std::string_view text, const std::string& file, Diagnostics* diags,
                  const std::function<void(SchemaReader&, const Node&)>& read) {
  Diagnostics local;  // this file's alone, whatever `diags` holds already
  std::deque<TreeNode> nodes;
  std::optional<Node> root = ParseYaml(text, file, &local, &nodes);
  if (root) {
    SchemaReader r(file, text, &local);
    read(r, *root);
  }
  diags->Merge(local);
  return !local.HasErrors();
}

}  // namespace load_internal
}  // namespace rehab
