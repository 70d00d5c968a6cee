// YAML loading for programs, the catalogue and patients. yaml-cpp builds the
// node tree; everything here walks it, checks types, ranges and references,
// and reports each problem at its file:line:col.
#include "planner/load/yaml_loader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <exception>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <date/tz.h>
#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "planner/base/limits.h"
#include "planner/base/utf8.h"
#include "planner/load/diary.h"

namespace rehab {

namespace {

// \s of the "C" locale, as std::regex used it.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Removes leading \s*; returns how many were removed.
size_t SkipSpaces(std::string_view* s) {
  size_t n = 0;
  while (n < s->size() && IsSpace((*s)[n])) ++n;
  s->remove_prefix(n);
  return n;
}

// Takes [0-9]+(\.[0-9]+)? from the front of `s`.
bool TakeDecimal(std::string_view* s, std::string_view* number) {
  size_t n = 0;
  while (n < s->size() && IsDigit((*s)[n])) ++n;
  if (n == 0) return false;
  if (n + 1 < s->size() && (*s)[n] == '.' && IsDigit((*s)[n + 1])) {
    n += 2;
    while (n < s->size() && IsDigit((*s)[n])) ++n;
  }
  *number = s->substr(0, n);
  s->remove_prefix(n);
  return true;
}

// [a-z0-9][a-z0-9-]*
bool IsIdText(std::string_view s) {
  if (s.empty() || s[0] == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsLower(c) || IsDigit(c) || c == '-'; });
}

// \s*([0-9]+(\.[0-9]+)?)\s*(kg|lb)\s*
bool MatchWeight(std::string_view s, std::string_view* number, bool* kg) {
  SkipSpaces(&s);
  if (!TakeDecimal(&s, number)) return false;
  SkipSpaces(&s);
  if (!s.starts_with("kg") && !s.starts_with("lb")) return false;
  *kg = s[0] == 'k';
  s.remove_prefix(2);
  SkipSpaces(&s);
  return s.empty();
}

// \s*([a-z]+(-[a-z]+)*)\s+band\s*
bool MatchBand(std::string_view s, std::string_view* band) {
  SkipSpaces(&s);
  size_t n = 0;
  while (n < s.size() && !IsSpace(s[n])) ++n;
  std::string_view name = s.substr(0, n);
  // Letters in dash-separated runs: no leading, trailing or doubled dash.
  if (name.empty() || name.front() == '-' || name.back() == '-' ||
      name.find("--") != std::string_view::npos ||
      !std::all_of(name.begin(), name.end(), [](char c) { return IsLower(c) || c == '-'; })) {
    return false;
  }
  s.remove_prefix(n);
  if (SkipSpaces(&s) == 0 || !s.starts_with("band")) return false;
  s.remove_prefix(4);
  SkipSpaces(&s);
  if (!s.empty()) return false;
  *band = name;
  return true;
}

// \s*rpe\s+([0-9]+(\.[0-9]+)?)\s* with "rpe" in any case.
bool MatchRpe(std::string_view s, std::string_view* number) {
  SkipSpaces(&s);
  if (s.size() < 3 || (s[0] | 0x20) != 'r' || (s[1] | 0x20) != 'p' || (s[2] | 0x20) != 'e') {
    return false;
  }
  s.remove_prefix(3);
  if (SkipSpaces(&s) == 0 || !TakeDecimal(&s, number)) return false;
  SkipSpaces(&s);
  return s.empty();
}

// The YAML tree the loaders walk. yaml-cpp parses (its Parser, fed to a
// YAML::EventHandler); the tree is our own: nodes in one deque, children as
// plain pointers, a Node a copyable pointer. It mirrors what YAML::Load's
// NodeBuilder makes (nulls, scalars, sequences, maps with duplicate keys kept
// in order, an alias the very node its anchor names, marks from the events)
// at a fraction of the cost of Node's reference-counted graph, which
// was a third of the time spent loading the catalogue.
struct TreeNode {
  enum class Kind : unsigned char { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  YAML::Mark mark;
  std::string scalar;
  std::vector<const TreeNode*> children;  // items; for a map: key, value, key, value, ...
};

class Node {
 public:
  Node() = default;
  explicit Node(const TreeNode* n) : n_(n) {}

  bool IsDefined() const { return n_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  bool IsNull() const { return n_ != nullptr && n_->kind == TreeNode::Kind::kNull; }
  bool IsScalar() const { return n_ != nullptr && n_->kind == TreeNode::Kind::kScalar; }
  bool IsSequence() const { return n_ != nullptr && n_->kind == TreeNode::Kind::kSequence; }
  bool IsMap() const { return n_ != nullptr && n_->kind == TreeNode::Kind::kMap; }
  // The scalar's text; empty for any other node (as yaml-cpp's Scalar()).
  const std::string& Scalar() const {
    static const std::string kEmpty;
    return n_ != nullptr ? n_->scalar : kEmpty;
  }
  YAML::Mark Mark() const { return n_ != nullptr ? n_->mark : YAML::Mark::null_mark(); }
  // Items of a sequence, key-value pairs of a map, 0 for anything else.
  size_t size() const {
    if (IsSequence()) return n_->children.size();
    if (IsMap()) return n_->children.size() / 2;
    return 0;
  }
  // The value of the first scalar key equal to `key` in a map (as yaml-cpp's
  // const operator[]); an undefined Node when there is none.
  Node operator[](std::string_view key) const {
    if (!IsMap()) return Node();
    for (size_t i = 0; i + 1 < n_->children.size(); i += 2) {
      const TreeNode* k = n_->children[i];
      if (k->kind == TreeNode::Kind::kScalar && k->scalar == key) return Node(n_->children[i + 1]);
    }
    return Node();
  }
  // Iterates a sequence's items (nothing for other nodes).
  class Iterator {
   public:
    explicit Iterator(const TreeNode* const* p) : p_(p) {}
    Node operator*() const { return Node(*p_); }
    Iterator& operator++() {
      ++p_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return p_ != other.p_; }

   private:
    const TreeNode* const* p_;
  };
  Iterator begin() const { return Iterator(IsSequence() ? n_->children.data() : nullptr); }
  Iterator end() const {
    return Iterator(IsSequence() ? n_->children.data() + n_->children.size() : nullptr);
  }
  // A map's children: key, value, key, value, ...
  const std::vector<const TreeNode*>& MapChildren() const { return n_->children; }
  // The node itself: an alias is the very node its anchor names.
  const TreeNode* tree_node() const { return n_; }

 private:
  const TreeNode* n_ = nullptr;
};

// Builds the tree from yaml-cpp's parse events, as NodeBuilder does.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(std::deque<TreeNode>* nodes) : nodes_(nodes) {}
  const TreeNode* root() const { return root_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    started_ = true;
    document_mark_ = mark;
  }
  // Whether a document began, and where (its '---', or its first token).
  bool started() const { return started_; }
  const YAML::Mark& document_mark() const { return document_mark_; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Push(New(mark, anchor, TreeNode::Kind::kNull));
    Pop();
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // yaml-cpp's parser rejects an unknown anchor before this is called.
    if (anchor >= 1 && anchor <= anchors_.size()) {
      Push(anchors_[anchor - 1]);
    } else {
      Push(New(mark, YAML::NullAnchor, TreeNode::Kind::kNull));
    }
    Pop();
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    TreeNode* n = New(mark, anchor, TreeNode::Kind::kScalar);
    n->scalar = value;
    Push(n);
    Pop();
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Push(New(mark, anchor, TreeNode::Kind::kSequence));
  }
  void OnSequenceEnd() override { Pop(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Push(New(mark, anchor, TreeNode::Kind::kMap));
  }
  void OnMapEnd() override { Pop(); }

 private:
  TreeNode* New(const YAML::Mark& mark, YAML::anchor_t anchor, TreeNode::Kind kind) {
    TreeNode& n = nodes_->emplace_back();
    n.kind = kind;
    n.mark = mark;
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() < anchor) anchors_.resize(anchor, nullptr);
      anchors_[anchor - 1] = &n;
    }
    return &n;
  }
  void Push(TreeNode* n) { stack_.push_back(n); }
  void Pop() {
    TreeNode* n = stack_.back();
    stack_.pop_back();
    if (stack_.empty()) {
      root_ = n;
    } else {
      stack_.back()->children.push_back(n);
    }
  }

  std::deque<TreeNode>* nodes_;
  std::vector<TreeNode*> stack_;
  std::vector<TreeNode*> anchors_;
  const TreeNode* root_ = nullptr;
  bool started_ = false;
  YAML::Mark document_mark_ = YAML::Mark::null_mark();
};

// One parsed document: its nodes and its root.
struct Tree {
  std::deque<TreeNode> nodes;
  Node root;
};

// A mapping node with its keys in document order, for strict key checks and
// located lookups.
class MapView {
 public:
  struct Entry {
    std::string_view key;
    Node key_node;
    Node value;
  };
  MapView() = default;
  explicit MapView(const Node& node) : node_(node) {
    const auto& children = node.MapChildren();
    entries_.reserve(children.size() / 2);
    for (size_t i = 0; i + 1 < children.size(); i += 2) {
      Node key(children[i]);
      entries_.push_back({key.Scalar(), key, Node(children[i + 1])});
    }
  }
  const Entry* Find(std::string_view key) const {
    for (const auto& e : entries_) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }
  const std::vector<Entry>& entries() const { return entries_; }
  const Node& node() const { return node_; }

 private:
  Node node_;
  std::vector<Entry> entries_;
};

// Walks one file's YAML tree, reporting into `diags`.
class Reader {
 public:
  Reader(const std::string& file, std::string_view text, Diagnostics* diags)
      : file_(file), text_(text), diags_(diags) {}

  // yaml-cpp counts columns in bytes; messages count characters, as the
  // diary's do, so a caret after "Übung" still lands under the right letter.
  SourceLoc Loc(const Node& node) const {
    YAML::Mark m = node.Mark();
    if (m.is_null()) return {file_, 0, 0};
    return {file_, m.line + 1, CharColumn(m.pos - m.column, m.column)};
  }

  // Where the `nth` (0-based) occurrence of `needle` after the start of
  // `node` is, moved on by `extra` bytes: a place inside a scalar's text.
  // The node's own location when the text is not found there (a needle
  // broken over two lines of a folded scalar, say).
  SourceLoc LocInside(const Node& node, std::string_view needle, int nth, size_t extra) const {
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
            CharColumn(static_cast<int>(line_start), static_cast<int>(at - line_start))};
  }

  int CharColumn(int line_start, int byte_column) const {
    if (line_start < 0 || static_cast<size_t>(line_start) > text_.size()) return byte_column + 1;
    return 1 + static_cast<int>(CountCharacters(text_.substr(line_start, byte_column)));
  }

  void Error(const Node& node, std::string message) { diags_->Error(Loc(node), std::move(message)); }
  void Error(const SourceLoc& loc, std::string message) { diags_->Error(loc, std::move(message)); }
  void Note(const SourceLoc& loc, std::string message) { diags_->Note(loc, std::move(message)); }

  // A mapping with only `allowed` keys; reports unknown keys (with a
  // suggestion) and missing `required` keys. Returns false when `node` is not a map.
  bool Map(const Node& node, const char* what, const std::vector<std::string>& allowed,
           const std::vector<std::string>& required, MapView* out) {
    if (!node.IsMap()) {
      Error(node, fmt::format("{} must be a mapping of keys to values", what));
      return false;
    }
    *out = MapView(node);
    std::set<std::string> seen;
    for (const auto& e : out->entries()) {
      if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
        Error(e.key_node, fmt::format("unknown key '{}' in {}{}", e.key, what, DidYouMean(e.key, allowed)));
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

  bool Scalar(const MapView::Entry& e, std::string* out) {
    if (!e.value.IsScalar()) {
      Error(e.value, fmt::format("'{}' must be a single value", e.key));
      return false;
    }
    if (!NoControlCharacters(e.value, e.key)) return false;
    *out = e.value.Scalar();
    return true;
  }

  // Every text read from the file passes here: C0/C1 controls (other than
  // tab and the line feeds of a block scalar) could drive a terminal or hide
  // text in a handout. Reports the first one, at the value.
  bool NoControlCharacters(const Node& value, std::string_view key) {
    const std::string& text = value.Scalar();
    size_t control = FindControlCharacter(text);
    if (control == std::string::npos) return true;
    Error(value, fmt::format("'{}' contains the control character {}; remove it", key,
                             ControlCharacterName(text, control)));
    return false;
  }

  bool String(const MapView& map, const char* key, std::string* out) {
    const auto* e = map.Find(key);
    if (e == nullptr) return false;
    if (!Scalar(*e, out)) return false;
    if (out->empty()) {
      Error(e->value, fmt::format("'{}' must not be empty", key));
      return false;
    }
    return true;
  }

  bool Int(const MapView::Entry& e, int min, int max, int* out) {
    std::string text;
    if (!Scalar(e, &text)) return false;
    long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc::result_out_of_range && p == text.data() + text.size()) {
      Error(e.value, fmt::format("'{}' is out of range: it must be from {} to {}, got \"{}\"",
                                 e.key, min, max, text));
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

  bool Int(const MapView& map, const char* key, int min, int max, int* out) {
    const auto* e = map.Find(key);
    return e != nullptr && Int(*e, min, max, out);
  }

  bool Number(const MapView::Entry& e, double* out) {
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

  bool Bool(const MapView& map, const char* key, bool* out) {
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

  // A duration ("10d", "6w" or days) within [min, max] days.
  bool Days(const MapView::Entry& e, int min, int max, int* out) {
    std::string text;
    if (!Scalar(e, &text)) return false;
    auto days = ParseDays(text);
    if (!days) {
      Error(e.value, fmt::format("'{}' must be a duration such as 10d or 6w, got \"{}\"", e.key, text));
      return false;
    }
    if (*days < min || *days > max) {
      Error(e.value, fmt::format("'{}' must be from {}d to {}d, got {}", e.key, min, max, text));
      return false;
    }
    *out = *days;
    return true;
  }

  bool Days(const MapView& map, const char* key, int min, int max, int* out) {
    const auto* e = map.Find(key);
    return e != nullptr && Days(*e, min, max, out);
  }

  // One of `names`; returns its index.
  bool Enum(const MapView& map, const char* key, const std::vector<std::string>& names, int* out) {
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

  // A list of plain strings.
  bool StringList(const MapView& map, const char* key, std::vector<std::string>* out) {
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

  // A list node at `key`, or nullptr (reporting when it is not a list).
  const Node* List(const MapView& map, const char* key) {
    const auto* e = map.Find(key);
    if (e == nullptr) return nullptr;
    if (!e->value.IsSequence()) {
      Error(e->value, fmt::format("'{}' must be a list", key));
      return nullptr;
    }
    return &e->value;
  }

  bool Id(const MapView& map, const char* key, std::string* out) {
    if (!String(map, key, out)) return false;
    if (!IsIdText(*out)) {
      Error(map.Find(key)->value,
            fmt::format("'{}' must be lowercase letters, digits and dashes, got \"{}\"", key, *out));
      return false;
    }
    return true;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::string_view text_;
  Diagnostics* diags_;
};

const std::vector<std::string> kKindNames = {"stretch", "strength", "mobility",
                                             "balance", "cardio",   "modality"};
const std::vector<std::string> kSideNames = {"affected", "unaffected", "left", "right", "both"};

// The diary flags a red flag may name: every known flag but the clinician's
// `cleared` and `reviewed` entries. Every program must cover each of them.
const std::vector<std::string>& RedFlagNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& flag : KnownDiaryFlags()) {
      if (flag != "cleared" && flag != "reviewed") names.push_back(flag);
    }
    return names;
  }();
  return kNames;
}

// "2 kg", "5 lb", "bodyweight", "red band", "rpe 6": the text must match one
// of these whole (hand-written matchers for what were std::regex patterns,
// whose compilation alone cost a tenth of `rehab plan`'s instructions):
//   weight  \s*([0-9]+(\.[0-9]+)?)\s*(kg|lb)\s*
//   band    \s*([a-z]+(-[a-z]+)*)\s+band\s*
//   rpe     \s*rpe\s+([0-9]+(\.[0-9]+)?)\s*      (case-insensitive)
// The numbers are [0-9]+(\.[0-9]+)?, read with from_chars (which throws
// nothing and reports a number too large, or too small, for a double).
enum class LoadResult { kOk, kBadFormat, kWeightOutOfRange, kRpeOutOfRange };

// `number` as matched by TakeDecimal; false when it does not fit a double.
bool DecimalValue(std::string_view number, double* value) {
  auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), *value);
  return ec == std::errc() && p == number.data() + number.size() && std::isfinite(*value);
}

LoadResult ParseLoad(const std::string& text, Load* out) {
  std::string_view number, band;
  bool kg = false;
  if (text == "bodyweight") {
    out->kind = LoadKind::kBodyweight;
  } else if (MatchWeight(text, &number, &kg)) {
    out->kind = kg ? LoadKind::kKg : LoadKind::kLb;
    if (!DecimalValue(number, &out->value)) return LoadResult::kWeightOutOfRange;
    if (out->value <= 0 || out->value > 500) return LoadResult::kBadFormat;
  } else if (MatchBand(text, &band)) {
    out->kind = LoadKind::kBand;
    out->band = std::string(band);
  } else if (MatchRpe(text, &number)) {
    out->kind = LoadKind::kRpe;
    if (!DecimalValue(number, &out->value)) return LoadResult::kRpeOutOfRange;
    if (out->value < 1 || out->value > 10) return LoadResult::kBadFormat;
  } else {
    return LoadResult::kBadFormat;
  }
  return LoadResult::kOk;
}

bool ParseDose(Reader& r, const Node& node, Dose* dose) {
  MapView m;
  if (!r.Map(node, "a ladder step",
             {"sets", "reps", "hold", "rest", "minutes", "load", "tempo", "range", "note"}, {}, &m)) {
    return false;
  }
  r.Int(m, "sets", 1, 20, &dose->sets);
  r.Int(m, "reps", 1, 100, &dose->reps);
  r.Int(m, "hold", 1, 600, &dose->hold_seconds);
  r.Int(m, "rest", 0, 600, &dose->rest_seconds);
  r.Int(m, "minutes", 1, 120, &dose->minutes);
  if (const auto* e = m.Find("load")) {
    std::string text;
    if (r.Scalar(*e, &text)) {
      switch (ParseLoad(text, &dose->load)) {
        case LoadResult::kOk:
          break;
        case LoadResult::kBadFormat:
          r.Error(e->value, fmt::format("'load' must be like \"2 kg\", \"5 lb\", "
                                        "\"bodyweight\", \"red band\" or \"rpe 6\", got \"{}\"",
                                        text));
          break;
        case LoadResult::kWeightOutOfRange:
          r.Error(e->value, fmt::format("'load' is out of range: a weight must be more than 0 and "
                                        "at most 500, got \"{}\"",
                                        text));
          break;
        case LoadResult::kRpeOutOfRange:
          r.Error(e->value, fmt::format("'load' is out of range: an rpe must be from 1 to 10, "
                                        "got \"{}\"",
                                        text));
          break;
      }
    }
  }
  r.String(m, "tempo", &dose->tempo);
  r.String(m, "range", &dose->range);
  r.String(m, "note", &dose->note);
  if (m.Find("reps") == nullptr && m.Find("hold") == nullptr && m.Find("minutes") == nullptr) {
    r.Error(node, "a ladder step needs at least one of 'reps', 'hold' or 'minutes'");
    return false;
  }
  return true;
}

// Stretches hold 15 to 60 seconds (clinical reference, section 2): every
// ladder step of a stretch needs a 'hold' in that range.
constexpr int kMinStretchHold = 15;
constexpr int kMaxStretchHold = 60;

void CheckStretchHolds(Reader& r, const MapView& m, const Exercise& ex) {
  if (ex.kind != ExerciseKind::kStretch) return;
  auto in_range = [](int seconds) {
    return seconds >= kMinStretchHold && seconds <= kMaxStretchHold;
  };
  const auto* ladder = m.Find("ladder");
  if (ladder == nullptr || !ladder->value.IsSequence()) {
    // An override that makes a catalogue exercise a stretch keeps its ladder.
    const auto* kind = m.Find("kind");
    bool all_held = std::all_of(ex.ladder.begin(), ex.ladder.end(),
                                [&](const Dose& d) { return in_range(d.hold_seconds); });
    if (kind != nullptr && !all_held) {
      r.Error(kind->value, fmt::format("stretch '{}' needs a 'hold' of {} to {} seconds on every "
                                       "ladder step",
                                       ex.id, kMinStretchHold, kMaxStretchHold));
    }
    return;
  }
  for (const auto& step : ladder->value) {
    if (!step.IsMap()) continue;  // ParseDose has reported it
    MapView sm(step);
    const auto* hold = sm.Find("hold");
    if (hold == nullptr) {
      r.Error(step, fmt::format("a ladder step of stretch '{}' needs a 'hold' of {} to {} seconds",
                                ex.id, kMinStretchHold, kMaxStretchHold));
      continue;
    }
    const std::string& text = hold->value.Scalar();
    int seconds = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    // A hold that is not a number, or outside 1-600, ParseDose has reported.
    if (ec != std::errc() || p != text.data() + text.size() || seconds < 1 || seconds > 600) {
      continue;
    }
    if (!in_range(seconds)) {
      r.Error(hold->value, fmt::format("stretch '{}' holds {} seconds; a stretch holds {} to {} "
                                       "seconds",
                                       ex.id, seconds, kMinStretchHold, kMaxStretchHold));
    }
  }
}

// A source citation in plain-language text: "[6]", "[S]", "[24,31]",
// "[43-45]" (every source from 43 to 45). `ids` are the sources it names,
// each with its offset in `text`.
struct Citation {
  std::string bracket;  // "[24,31]"
  std::vector<std::pair<std::string, size_t>> ids;
};

bool IsCitationIdChar(char c) { return IsDigit(c) || IsLower(c) || (c >= 'A' && c <= 'Z'); }

// Every bracketed citation in `text`. Brackets whose content is not a list
// of ids (letters and digits) and ranges are left alone.
std::vector<Citation> FindCitations(std::string_view text) {
  constexpr int kMaxRange = 100;  // "[1-99999]" is a typo, not 99999 sources
  std::vector<Citation> out;
  for (size_t open = text.find('['); open != std::string_view::npos;
       open = text.find('[', open + 1)) {
    size_t close = text.find(']', open);
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(open + 1, close - open - 1);
    Citation c;
    c.bracket = std::string(text.substr(open, close - open + 1));
    bool ok = !inner.empty();
    size_t i = 0;
    while (ok && i <= inner.size()) {
      while (i < inner.size() && inner[i] == ' ') ++i;
      size_t start = i;
      while (i < inner.size() && IsCitationIdChar(inner[i])) ++i;
      std::string_view first = inner.substr(start, i - start);
      if (first.empty()) {
        ok = false;
        break;
      }
      if (i < inner.size() && inner[i] == '-') {  // a range of numbers
        size_t second_start = ++i;
        while (i < inner.size() && IsDigit(inner[i])) ++i;
        std::string_view second = inner.substr(second_start, i - second_start);
        int from = 0, to = 0;
        auto [p1, e1] = std::from_chars(first.data(), first.data() + first.size(), from);
        auto [p2, e2] = std::from_chars(second.data(), second.data() + second.size(), to);
        if (second.empty() || e1 != std::errc() || p1 != first.data() + first.size() ||
            e2 != std::errc() || to <= from || to - from > kMaxRange) {
          ok = false;
          break;
        }
        for (int n = from; n <= to; ++n) c.ids.emplace_back(std::to_string(n), 1 + start);
      } else {
        c.ids.emplace_back(std::string(first), 1 + start);
      }
      while (i < inner.size() && inner[i] == ' ') ++i;
      if (i == inner.size()) break;
      if (inner[i] != ',') ok = false;
      ++i;
    }
    if (ok) out.push_back(std::move(c));
  }
  return out;
}

const std::vector<std::string> kExerciseKeys = {
    "id",   "name",          "kind",         "targets", "equipment", "tags",
    "side", "interval_days", "instructions", "stop_if", "ladder"};

// Reads an exercise. With `base`, the node overrides only the keys it gives.
bool ParseExercise(Reader& r, const Node& node, const Exercise* base, Exercise* ex) {
  MapView m;
  std::vector<std::string> required;
  if (base == nullptr) required = {"id", "name", "kind", "instructions", "ladder"};
  if (!r.Map(node, "an exercise", kExerciseKeys, required, &m)) return false;
  if (base != nullptr) *ex = *base;
  r.Id(m, "id", &ex->id);
  r.String(m, "name", &ex->name);
  int kind = 0;
  if (r.Enum(m, "kind", kKindNames, &kind)) ex->kind = static_cast<ExerciseKind>(kind);
  r.StringList(m, "targets", &ex->targets);
  r.StringList(m, "equipment", &ex->equipment);
  r.StringList(m, "tags", &ex->tags);
  int side = 0;
  if (r.Enum(m, "side", kSideNames, &side)) ex->side = static_cast<Side>(side);
  r.Int(m, "interval_days", 1, 56, &ex->interval_days);
  r.String(m, "instructions", &ex->instructions);
  r.String(m, "stop_if", &ex->stop_if);
  if (const Node* ladder = r.List(m, "ladder")) {
    ex->ladder.clear();
    if (ladder->size() == 0) r.Error(*ladder, "'ladder' needs at least one step");
    if (ladder->size() > static_cast<size_t>(kMaxLadderSteps)) {
      r.Error(*ladder, fmt::format("'ladder' has {} steps, more than the limit of {}",
                                   ladder->size(), kMaxLadderSteps));
      return false;
    }
    for (const auto& step : *ladder) {
      Dose dose;
      if (ParseDose(r, step, &dose)) ex->ladder.push_back(dose);
    }
  }
  ex->loc = r.Loc(node);
  CheckStretchHolds(r, m, *ex);
  if (ex->kind == ExerciseKind::kStrength && !ex->ladder.empty() &&
      ex->ladder.size() < static_cast<size_t>(kMinStrengthSteps)) {
    r.Error(m.Find("ladder") ? m.Find("ladder")->key_node : node,
            fmt::format("strength exercise '{}' needs a ladder of at least {} steps to progress "
                        "along, got {}",
                        ex->id, kMinStrengthSteps, ex->ladder.size()));
  }
  return true;
}

bool ParseExerciseList(Reader& r, const Node& list, std::vector<Exercise>* out) {
  if (list.size() > static_cast<size_t>(kMaxExercises)) {
    r.Error(list, fmt::format("{} exercises, more than the limit of {}", list.size(), kMaxExercises));
    return false;
  }
  std::map<std::string, SourceLoc> seen;
  for (const auto& item : list) {
    Exercise ex;
    if (!ParseExercise(r, item, nullptr, &ex)) continue;
    if (ex.id.empty()) continue;
    auto [it, inserted] = seen.emplace(ex.id, ex.loc);
    if (!inserted) {
      r.Error(ex.loc, fmt::format("exercise '{}' is defined twice", ex.id));
      r.Note(it->second, "first defined here");
      continue;
    }
    out->push_back(std::move(ex));
  }
  return true;
}

// Top-level parse with yaml-cpp's exceptions turned into diagnostics. A file
// holds one document: a second one (after '---', or after '...') is an error
// at its start, not silently dropped with whatever it says (a restriction,
// say). The nodes go into `nodes`.
std::optional<Node> ParseYaml(std::string_view text, const std::string& file, Diagnostics* diags,
                              std::deque<TreeNode>* nodes) {
  diags->AddSource(file, text);
  if (!CheckTextInput(text, file, diags) || !CheckYamlShape(text, file, diags)) {
    return std::nullopt;
  }
  try {
    std::istringstream input{std::string(text)};
    YAML::Parser parser(input);
    TreeBuilder builder(nodes);
    Node root;
    if (!parser.HandleNextDocument(builder)) {
      root = Node();
    } else {
      root = Node(builder.root());
    }
    std::deque<TreeNode> rest;
    TreeBuilder second(&rest);
    bool more = false;
    try {
      more = parser.HandleNextDocument(second);
    } catch (const YAML::Exception&) {
      if (!second.started()) throw;
      more = true;  // a broken second document is still a second document
    }
    if (more || second.started()) {
      YAML::Mark m = second.document_mark();
      SourceLoc loc{file, 0, 0};
      if (!m.is_null()) {
        loc = {file, m.line + 1, Reader(file, text, diags).CharColumn(m.pos - m.column, m.column)};
      }
      diags->Error(loc,
                   "a second YAML document starts here; a file holds one document and rehab "
                   "would ignore everything from here on: remove it, or merge it into the first");
      return std::nullopt;
    }
    if (!root.IsDefined() || root.IsNull()) {
      diags->Error({file, 0, 0}, "the file is empty");
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& e) {
    SourceLoc loc{file, 0, 0};
    if (!e.mark.is_null()) {
      loc = {file, e.mark.line + 1,
             Reader(file, text, diags).CharColumn(e.mark.pos - e.mark.column, e.mark.column)};
    }
    diags->Error(loc, fmt::format("invalid YAML: {}", e.msg));
    return std::nullopt;
  }
}

// A `red_flags` list, of a program or of the catalogue (the shared defaults).
void ParseRedFlagList(Reader& r, const Node& list, bool from_catalogue, std::vector<RedFlag>* out) {
  for (const auto& item : list) {
    MapView fm;
    if (!r.Map(item, "a red flag",
               {"id", "flag", "text", "action", "urgency", "stops", "stops_exercise"},
               {"id", "text", "action"}, &fm)) {
      continue;
    }
    RedFlag rf;
    rf.loc = r.Loc(item);
    rf.from_catalogue = from_catalogue;
    r.Id(fm, "id", &rf.id);
    r.String(fm, "text", &rf.text);
    r.String(fm, "action", &rf.action);
    int urgency = 1;
    if (r.Enum(fm, "urgency", {"emergency", "same-day", "routine"}, &urgency)) {
      rf.urgency = static_cast<Urgency>(urgency);
    }
    if (const auto* f = fm.Find("flag")) {
      if (r.Scalar(*f, &rf.flag) && std::find(RedFlagNames().begin(), RedFlagNames().end(),
                                              rf.flag) == RedFlagNames().end()) {
        r.Error(f->value, fmt::format("unknown diary flag '{}'{}", rf.flag,
                                      DidYouMean(rf.flag, RedFlagNames())));
      }
    }
    // Default: a routine flag asks for an appointment and stops nothing; a
    // same-day or emergency flag stops everything.
    rf.stops = rf.flag.empty() || rf.urgency == Urgency::kRoutine ? RedFlagStops::kNone
                                                                  : RedFlagStops::kAll;
    const auto* stops = fm.Find("stops");
    const auto* legacy = fm.Find("stops_exercise");
    if (stops != nullptr && legacy != nullptr) {
      r.Error(legacy->key_node, "give 'stops' or the older 'stops_exercise', not both");
    }
    int which = 0;
    if (r.Enum(fm, "stops", {"none", "all-but-essentials", "all"}, &which)) {
      rf.stops = static_cast<RedFlagStops>(which);
    }
    bool stops_exercise = false;
    if (r.Bool(fm, "stops_exercise", &stops_exercise)) {
      rf.stops = stops_exercise ? RedFlagStops::kAll : RedFlagStops::kNone;
    }
    if (rf.urgency == Urgency::kRoutine && rf.stops == RedFlagStops::kAll) {
      r.Error(stops != nullptr    ? stops->value
              : legacy != nullptr ? legacy->value
                                  : item,
              fmt::format("red flag '{}' is routine (an appointment), so it may not stop all "
                          "exercise: use 'stops: none' or 'stops: all-but-essentials', or make it "
                          "'urgency: same-day'",
                          rf.id));
    }
    if (rf.flag.empty() && rf.stops != RedFlagStops::kNone && (stops || legacy)) {
      r.Error(item, fmt::format("red flag '{}' has no diary 'flag', so nothing can raise it to "
                                "stop exercise",
                                rf.id));
    }
    for (const auto& other : *out) {
      if (other.id == rf.id) r.Error(rf.loc, fmt::format("red flag '{}' is defined twice", rf.id));
    }
    out->push_back(rf);
  }
}

int UrgencyRank(Urgency u) { return u == Urgency::kEmergency ? 0 : u == Urgency::kSameDay ? 1 : 2; }

class ProgramParser {
 public:
  // `defaults`: the catalogue's shared red flags (nullptr: none, and no
  // check that every diary flag is covered).
  ProgramParser(const std::string& file, std::string_view text,
                const std::vector<Exercise>& catalogue, Diagnostics* diags,
                const std::vector<RedFlag>* defaults = nullptr)
      : r_(file, text, diags), catalogue_(catalogue), defaults_(defaults), diags_(diags) {}

  std::optional<Program> Parse(const Node& root) {
    Program p;
    p.file = r_.file();
    MapView m;
    if (!r_.Map(root, "a program",
                {"id", "title", "version", "condition", "summary", "anchor", "acute_days", "weeks",
                 "sources", "pain_rules", "exercises", "restrictions", "modalities", "phases",
                 "red_flags", "outcome_measures", "education"},
                {"id", "title", "version", "condition", "anchor", "sources", "phases"}, &m)) {
      return std::nullopt;
    }
    r_.Id(m, "id", &p.id);
    r_.String(m, "title", &p.title);
    r_.Int(m, "version", 1, 1000000, &p.version);
    r_.String(m, "condition", &p.condition);
    r_.String(m, "summary", &p.summary);
    int anchor = 0;
    if (r_.Enum(m, "anchor", {"start", "surgery"}, &anchor)) p.anchor = static_cast<Anchor>(anchor);
    r_.Days(m, "acute_days", 0, 365, &p.acute_days);
    r_.Int(m, "weeks", 1, 104, &p.default_weeks);
    ParseSources(m, &p);
    ParsePainRules(m, &p.pain_rules);
    ParseEducation(m, &p);
    ParseLocalExercises(m);
    ParseRestrictions(m, &p);
    ParseModalities(m, &p);
    ParsePhases(m, &p);
    ParseRedFlags(m, &p);
    if (defaults_ != nullptr) ApplyRedFlagDefaults(root, &p);
    ParseOutcomeMeasures(m, &p);
    CollectExercises(&p);
    CheckPhaseWindows(p);
    CheckRestrictions(p);
    CheckHeatOutsideAcuteWindow(p);
    CheckExitCriteria(p);
    CheckCitations(root, p);
    if (diags_->HasErrors()) return std::nullopt;
    return p;
  }

 private:
  void ParseSources(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "sources");
    if (list == nullptr) return;
    if (list->size() == 0) r_.Error(*list, "'sources' needs at least one citation");
    for (const auto& item : *list) {
      MapView s;
      if (!r_.Map(item, "a source", {"id", "citation", "url"}, {"id", "citation"}, &s)) continue;
      Source src;
      r_.String(s, "id", &src.id);
      r_.String(s, "citation", &src.citation);
      r_.String(s, "url", &src.url);
      p->sources.push_back(src);
    }
  }

  void ParsePainRules(const MapView& m, PainRules* rules) {
    const auto* e = m.Find("pain_rules");
    if (e == nullptr) return;
    MapView pr;
    if (!r_.Map(e->value, "pain_rules",
                {"safe_max", "acceptable_max", "red_min", "rising_sessions", "stop_after_reds",
                 "stop_window_days", "interval_days", "min_logged_per_interval", "gap_days",
                 "persistent_pain_days", "persistent_pain_min", "baseline_mornings",
                 "on_repeated_red"},
                {}, &pr)) {
      return;
    }
    rules->loc = r_.Loc(e->value);
    r_.Int(pr, "safe_max", 0, 10, &rules->safe_max);
    r_.Int(pr, "acceptable_max", 0, 10, &rules->acceptable_max);
    r_.Int(pr, "red_min", 1, 10, &rules->red_min);
    r_.Int(pr, "rising_sessions", 2, 14, &rules->rising_sessions);
    r_.Int(pr, "stop_after_reds", 1, 20, &rules->stop_after_reds);
    r_.Int(pr, "stop_window_days", 1, 90, &rules->stop_window_days);
    r_.Int(pr, "interval_days", 1, 56, &rules->interval_days);
    r_.Int(pr, "min_logged_per_interval", 0, 14, &rules->min_logged_per_interval);
    r_.Int(pr, "gap_days", 2, 60, &rules->gap_days);
    r_.Int(pr, "persistent_pain_days", 0, 730, &rules->persistent_pain_days);
    r_.Int(pr, "persistent_pain_min", 1, 10, &rules->persistent_pain_min);
    r_.Int(pr, "baseline_mornings", 1, 14, &rules->baseline_mornings);
    int repeated = 0;
    if (r_.Enum(pr, "on_repeated_red", {"lowest-step", "stop"}, &repeated)) {
      rules->on_repeated_red = static_cast<RepeatedRed>(repeated);
    }
    if (rules->safe_max > rules->acceptable_max) {
      r_.Error(e->value, "pain_rules: 'safe_max' must not be above 'acceptable_max'");
    }
    if (rules->red_min <= rules->acceptable_max) {
      r_.Error(e->value, "pain_rules: 'red_min' must be above 'acceptable_max'");
    }
  }

  void ParseEducation(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "education");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView em;
      if (!r_.Map(item, "an education item", {"id", "title", "text"}, {"id", "title", "text"}, &em)) {
        continue;
      }
      Education ed;
      ed.loc = r_.Loc(item);
      r_.Id(em, "id", &ed.id);
      r_.String(em, "title", &ed.title);
      r_.String(em, "text", &ed.text);
      if (p->FindEducation(ed.id) != nullptr) {
        r_.Error(ed.loc, fmt::format("education item '{}' is defined twice", ed.id));
      }
      p->education.push_back(ed);
    }
  }

  // Program-local exercises: new definitions or overrides of catalogue entries.
  void ParseLocalExercises(const MapView& m) {
    const Node* list = r_.List(m, "exercises");
    if (list == nullptr) return;
    if (list->size() > static_cast<size_t>(kMaxExercises)) {
      r_.Error(*list, fmt::format("{} exercises, more than the limit of {}", list->size(),
                                  kMaxExercises));
      return;
    }
    for (const auto& item : *list) {
      const Exercise* base = nullptr;
      if (item.IsMap() && item["id"] && item["id"].IsScalar()) {
        base = FindIn(catalogue_, item["id"].Scalar());
      }
      Exercise ex;
      if (!ParseExercise(r_, item, base, &ex) || ex.id.empty()) continue;
      if (FindIn(local_, ex.id) != nullptr) {
        r_.Error(item, fmt::format("exercise '{}' is defined twice", ex.id));
        continue;
      }
      local_.push_back(std::move(ex));
    }
  }

  void ParseRestrictions(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "restrictions");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView rm;
      if (!r_.Map(item, "a restriction", {"tag", "from", "until", "reason"},
                  {"tag", "until", "reason"}, &rm)) {
        continue;
      }
      Restriction res;
      res.loc = r_.Loc(item);
      r_.String(rm, "tag", &res.tag);
      r_.Days(rm, "from", 0, 3650, &res.from_day);
      r_.Days(rm, "until", 1, 3650, &res.until_day);
      r_.String(rm, "reason", &res.reason);
      if (rm.Find("until") && res.until_day <= res.from_day) {
        r_.Error(rm.Find("until")->value, "'until' must come after 'from'");
      }
      p->restrictions.push_back(res);
    }
  }

  void ParseModalities(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "modalities");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView mm;
      if (!r_.Map(item, "a modality",
                  {"id", "name", "kind", "minutes", "times_per_day", "when", "from", "until",
                   "skip_when_swollen", "only_on_flare", "contraindications", "instructions"},
                  {"id", "name", "kind", "minutes", "times_per_day", "until"}, &mm)) {
        continue;
      }
      Modality mod;
      mod.loc = r_.Loc(item);
      r_.Id(mm, "id", &mod.id);
      r_.String(mm, "name", &mod.name);
      int kind = 0;
      if (r_.Enum(mm, "kind", {"ice", "heat"}, &kind)) mod.kind = static_cast<ModalityKind>(kind);
      r_.Int(mm, "minutes", 1, 60, &mod.minutes);
      r_.Int(mm, "times_per_day", 1, 12, &mod.times_per_day);
      int when = 0;
      if (r_.Enum(mm, "when", {"any", "before-exercise", "after-exercise"}, &when)) {
        mod.when = static_cast<ModalityTiming>(when);
      }
      r_.Days(mm, "from", 0, 3650, &mod.from_day);
      r_.Days(mm, "until", 1, 3650, &mod.to_day);
      if (mm.Find("until") && mod.to_day <= mod.from_day) {
        r_.Error(mm.Find("until")->value, "'until' must come after 'from'");
      }
      r_.Bool(mm, "skip_when_swollen", &mod.skip_when_swollen);
      ParseFlareRule(mm, &mod);
      CheckIceMinutes(mm, mod);
      r_.StringList(mm, "contraindications", &mod.contraindications);
      r_.String(mm, "instructions", &mod.instructions);
      if (mod.kind == ModalityKind::kHeat && !mod.skip_when_swollen) {
        r_.Error(item, fmt::format("heat modality '{}' must set 'skip_when_swollen: true' "
                                   "(no heat on a swollen knee)",
                                   mod.id));
      }
      if (p->FindModality(mod.id) != nullptr) {
        r_.Error(mod.loc, fmt::format("modality '{}' is defined twice", mod.id));
      }
      p->modalities.push_back(mod);
    }
  }

  // `only_on_flare: {swelling: mild, pain: 6}`: the modality is given only on
  // a flare day (see FlareRule).
  void ParseFlareRule(const MapView& mm, Modality* mod) {
    const auto* e = mm.Find("only_on_flare");
    if (e == nullptr) return;
    MapView fm;
    if (!r_.Map(e->value, "only_on_flare", {"swelling", "pain"}, {}, &fm)) return;
    FlareRule rule;
    int swelling = 0;
    if (r_.Enum(fm, "swelling", {"none", "mild", "moderate", "severe"}, &swelling)) {
      if (swelling == 0) {
        r_.Error(fm.Find("swelling")->value,
                 "'swelling' must be mild, moderate or severe: every day has at least no swelling");
      } else {
        rule.swelling_min = static_cast<Swelling>(swelling);
      }
    }
    int pain = 0;
    if (r_.Int(fm, "pain", 1, 10, &pain)) rule.pain_min = pain;
    if (fm.Find("swelling") == nullptr && fm.Find("pain") == nullptr) {
      r_.Error(e->value, "'only_on_flare' needs 'swelling', 'pain' or both");
    }
    mod->only_on_flare = rule;
  }

  // Ice goes on for at most 20 minutes at a time (clinical reference, section 3).
  void CheckIceMinutes(const MapView& mm, const Modality& mod) {
    constexpr int kMaxIceMinutes = 20;
    const auto* minutes = mm.Find("minutes");
    if (mod.kind != ModalityKind::kIce || minutes == nullptr || mod.minutes <= kMaxIceMinutes) {
      return;
    }
    r_.Error(minutes->value, fmt::format("ice modality '{}' lasts {} minutes; ice goes on for at "
                                         "most {} minutes at a time",
                                         mod.id, mod.minutes, kMaxIceMinutes));
  }

  void ParseCriterion(const Node& item, Phase* phase) {
    MapView cm;
    if (!r_.Map(item, "an exit criterion", {"measure", "min", "max", "text"}, {"measure", "text"},
                &cm)) {
      return;
    }
    Criterion c;
    c.loc = r_.Loc(item);
    r_.String(cm, "measure", &c.measure);
    r_.String(cm, "text", &c.text);
    const auto* min = cm.Find("min");
    const auto* max = cm.Find("max");
    if ((min == nullptr) == (max == nullptr)) {
      r_.Error(item, "an exit criterion needs exactly one of 'min' or 'max'");
      return;
    }
    c.op = min != nullptr ? CompareOp::kAtLeast : CompareOp::kAtMost;
    const auto* bound = min != nullptr ? min : max;
    if (c.measure == "swelling") {
      static const std::vector<std::string> kLevels = {"none", "mild", "moderate", "severe"};
      std::string text;
      if (r_.Scalar(*bound, &text)) {
        auto it = std::find(kLevels.begin(), kLevels.end(), text);
        if (it != kLevels.end()) {
          c.value = static_cast<double>(it - kLevels.begin());
        } else if (!r_.Number(*bound, &c.value)) {
          return;
        }
      }
    } else if (!r_.Number(*bound, &c.value)) {
      return;
    }
    if ((c.measure == "pain" || c.measure == "morning-pain") && (c.value < 0 || c.value > 10)) {
      r_.Error(bound->value, fmt::format("pain must be from 0 to 10, got {}", c.value));
    }
    phase->exit_criteria.push_back(c);
  }

  void ParsePhaseExercise(const Node& item, Phase* phase) {
    PhaseExercise pe;
    pe.loc = r_.Loc(item);
    if (item.IsScalar()) {
      if (!r_.NoControlCharacters(item, "exercises")) return;
      pe.exercise_id = item.Scalar();
    } else {
      MapView em;
      if (!r_.Map(item, "a phase exercise",
                  {"exercise", "days_per_week", "times_per_day", "start_step", "essential",
                   "on_repeated_red"},
                  {"exercise"}, &em)) {
        return;
      }
      r_.String(em, "exercise", &pe.exercise_id);
      if (const auto* e = em.Find("exercise")) pe.loc = r_.Loc(e->value);
      r_.Int(em, "days_per_week", 1, 7, &pe.days_per_week);
      r_.Int(em, "times_per_day", 1, 6, &pe.times_per_day);
      int step = 1;
      if (r_.Int(em, "start_step", 1, 50, &step)) pe.start_step = step - 1;
      r_.Bool(em, "essential", &pe.essential);
      int repeated = 0;
      if (r_.Enum(em, "on_repeated_red", {"lowest-step", "stop"}, &repeated)) {
        pe.on_repeated_red = static_cast<RepeatedRed>(repeated);
        if (pe.essential && pe.on_repeated_red == RepeatedRed::kStop) {
          r_.Error(em.Find("on_repeated_red")->value,
                   fmt::format("'{}' is essential in phase '{}': pain never stops an essential "
                               "exercise (use 'on_repeated_red: lowest-step')",
                               pe.exercise_id, phase->id));
        }
      }
    }
    phase->exercises.push_back(pe);
  }

  void ParsePhase(const Node& item, Program* p) {
    MapView pm;
    if (!r_.Map(item, "a phase",
                {"id", "title", "goals", "start", "end", "max_end", "restrictions", "exit_criteria",
                 "exercises", "education"},
                {"id", "title", "start", "end", "exercises"}, &pm)) {
      return;
    }
    Phase ph;
    ph.loc = r_.Loc(item);
    r_.Id(pm, "id", &ph.id);
    r_.String(pm, "title", &ph.title);
    r_.StringList(pm, "goals", &ph.goals);
    bool start_ok = r_.Days(pm, "start", 0, 3650, &ph.start_day);
    bool end_ok = r_.Days(pm, "end", 1, 3650, &ph.end_day);
    ph.max_end_day = ph.end_day;
    bool max_ok = r_.Days(pm, "max_end", 1, 3650, &ph.max_end_day);
    if (start_ok && end_ok && ph.end_day <= ph.start_day) {
      r_.Error(pm.Find("end")->value, fmt::format("phase '{}' must end after it starts", ph.id));
    }
    if (end_ok && max_ok && ph.max_end_day < ph.end_day) {
      r_.Error(pm.Find("max_end")->value, "'max_end' must not come before 'end'");
    }
    r_.StringList(pm, "restrictions", &ph.restrictions);
    if (const Node* list = r_.List(pm, "exit_criteria")) {
      for (const auto& c : *list) ParseCriterion(c, &ph);
    }
    if (const Node* list = r_.List(pm, "exercises")) {
      if (list->size() == 0) r_.Error(*list, "'exercises' needs at least one exercise");
      for (const auto& e : *list) ParsePhaseExercise(e, &ph);
    }
    if (const auto* e = pm.Find("education")) {
      r_.StringList(pm, "education", &ph.education);
      size_t i = 0;
      for (const auto& node : e->value) {
        if (i < ph.education.size() && p->FindEducation(ph.education[i]) == nullptr) {
          std::vector<std::string> ids;
          for (const auto& ed : p->education) ids.push_back(ed.id);
          r_.Error(node, fmt::format("phase '{}' names education '{}' that the program does not "
                                     "define{}",
                                     ph.id, ph.education[i], DidYouMean(ph.education[i], ids)));
        }
        ++i;
      }
    }
    for (const auto& other : p->phases) {
      if (other.id == ph.id) r_.Error(ph.loc, fmt::format("phase '{}' is defined twice", ph.id));
    }
    p->phases.push_back(std::move(ph));
  }

  void ParsePhases(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "phases");
    if (list == nullptr) return;
    if (list->size() == 0) r_.Error(*list, "'phases' needs at least one phase");
    if (list->size() > static_cast<size_t>(kMaxPhases)) {
      r_.Error(*list, fmt::format("{} phases, more than the limit of {}", list->size(), kMaxPhases));
      return;
    }
    for (const auto& item : *list) ParsePhase(item, p);
  }

  void ParseRedFlags(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "red_flags");
    red_flags_node_ = list;
    if (list == nullptr) return;
    ParseRedFlagList(r_, *list, false, &p->red_flags);
  }

  void ParseOutcomeMeasures(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "outcome_measures");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView om;
      if (!r_.Map(item, "an outcome measure", {"id", "name", "due"}, {"id", "name", "due"}, &om)) {
        continue;
      }
      OutcomeMeasure o;
      o.loc = r_.Loc(item);
      r_.Id(om, "id", &o.id);
      r_.String(om, "name", &o.name);
      if (const Node* due = r_.List(om, "due")) {
        for (const auto& d : *due) {
          auto days = d.IsScalar() ? ParseDays(d.Scalar()) : std::nullopt;
          if (!days || *days < 0 || *days > 3650) {
            r_.Error(d, "each 'due' must be a duration such as 0d, 6w or 26w");
            continue;
          }
          o.due_days.push_back(*days);
        }
      }
      p->outcome_measures.push_back(o);
    }
  }

  // The catalogue's default red flags fill in every diary flag the program
  // does not name; a program's own red flag for a flag replaces the default
  // and may only tighten it (as urgent or more, stopping as much or more).
  // Then every diary flag must have a red flag.
  void ApplyRedFlagDefaults(const Node& root, Program* p) {
    std::vector<RedFlag> added;
    for (const auto& d : *defaults_) {
      if (d.flag.empty()) continue;
      const RedFlag* own = nullptr;
      for (const auto& rf : p->red_flags) {
        if (rf.flag == d.flag) {
          own = &rf;
          break;
        }
      }
      if (own == nullptr) {
        for (const auto& rf : p->red_flags) {
          bool known = rf.flag.empty() || std::find(RedFlagNames().begin(), RedFlagNames().end(),
                                                    rf.flag) != RedFlagNames().end();
          if (rf.id == d.id && known) {  // (an unknown flag is reported already)
            r_.Error(rf.loc, fmt::format("red flag id '{}' is the catalogue's default for diary "
                                         "flag '{}': give this one another id, or flag: {}",
                                         rf.id, d.flag, d.flag));
          }
        }
        added.push_back(d);
        continue;
      }
      if (UrgencyRank(own->urgency) > UrgencyRank(d.urgency)) {
        r_.Error(own->loc,
                 fmt::format("red flag '{}' is {} but the catalogue's default for '{}' "
                             "is {}: a program may only tighten it",
                             own->id, ToString(own->urgency), d.flag, ToString(d.urgency)));
        r_.Note(d.loc, fmt::format("the catalogue's default red flag '{}'", d.id));
      }
      if (static_cast<int>(own->stops) < static_cast<int>(d.stops)) {
        r_.Error(own->loc, fmt::format("red flag '{}' stops {} but the catalogue's default for "
                                       "'{}' stops {}: a program may only tighten it",
                                       own->id, ToString(own->stops), d.flag, ToString(d.stops)));
        r_.Note(d.loc, fmt::format("the catalogue's default red flag '{}'", d.id));
      }
    }
    p->red_flags.insert(p->red_flags.end(), added.begin(), added.end());
    for (const auto& flag : RedFlagNames()) {
      bool covered = std::any_of(p->red_flags.begin(), p->red_flags.end(),
                                 [&](const RedFlag& rf) { return rf.flag == flag; });
      if (covered) continue;
      r_.Error(red_flags_node_ != nullptr ? *red_flags_node_ : root,
               fmt::format("no red flag for the diary flag '{}': a patient who logs it would get "
                           "no alert; add one with 'flag: {}' here or to the catalogue's "
                           "'red_flags'",
                           flag, flag));
    }
  }

  static const Exercise* FindIn(const std::vector<Exercise>& list, const std::string& id) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Exercise& e) { return e.id == id; });
    return it == list.end() ? nullptr : &*it;
  }

  // Resolves each phase exercise against the program's own exercises, then
  // the catalogue; keeps the ones used (and all program-local ones), sorted by id.
  void CollectExercises(Program* p) {
    std::vector<std::string> known;
    for (const auto& e : local_) known.push_back(e.id);
    for (const auto& e : catalogue_) known.push_back(e.id);
    std::map<std::string, Exercise> used;
    for (const auto& e : local_) used.emplace(e.id, e);
    for (const auto& phase : p->phases) {
      for (const auto& pe : phase.exercises) {
        const Exercise* ex = FindIn(local_, pe.exercise_id);
        if (ex == nullptr) ex = FindIn(catalogue_, pe.exercise_id);
        if (ex == nullptr) {
          r_.Error(pe.loc, fmt::format("phase '{}' names exercise '{}' that is not in the "
                                       "catalogue{}",
                                       phase.id, pe.exercise_id, DidYouMean(pe.exercise_id, known)));
          continue;
        }
        if (pe.start_step >= static_cast<int>(ex->ladder.size()) && !ex->ladder.empty()) {
          r_.Error(pe.loc, fmt::format("'start_step' {} is beyond the {} steps of '{}'",
                                       pe.start_step + 1, ex->ladder.size(), ex->id));
        }
        used.emplace(ex->id, *ex);
      }
    }
    for (auto& [id, ex] : used) p->exercises.push_back(std::move(ex));
  }

  void CheckPhaseWindows(const Program& p) {
    for (size_t i = 0; i < p.phases.size(); ++i) {
      const Phase& ph = p.phases[i];
      int expected = i == 0 ? 0 : p.phases[i - 1].end_day;
      if (ph.start_day == expected) continue;
      if (i == 0) {
        r_.Error(ph.loc, fmt::format("the first phase '{}' must start at 0d, got day {}", ph.id,
                                     ph.start_day));
      } else {
        r_.Error(ph.loc, fmt::format("phase '{}' starts on day {} but the phase before it ends on "
                                     "day {}: it {}",
                                     ph.id, ph.start_day, expected,
                                     ph.start_day > expected ? "leaves a gap" : "overlaps it"));
      }
    }
  }

  // Restrictions are law: no phase may list an exercise whose tags are
  // forbidden during any day the phase can cover.
  void CheckRestrictions(const Program& p) {
    for (const auto& ph : p.phases) {
      for (const auto& pe : ph.exercises) {
        const Exercise* ex = p.FindExercise(pe.exercise_id);
        if (ex == nullptr) continue;
        for (const auto& tag : ex->tags) {
          if (std::find(ph.restrictions.begin(), ph.restrictions.end(), tag) !=
              ph.restrictions.end()) {
            r_.Error(pe.loc, fmt::format("phase '{}' schedules '{}', tagged '{}', which the phase "
                                         "itself forbids",
                                         ph.id, ex->id, tag));
          }
          for (const auto& res : p.restrictions) {
            bool overlaps = ph.start_day < res.until_day && res.from_day < ph.max_end_day;
            if (res.tag == tag && overlaps) {
              r_.Error(pe.loc, fmt::format("phase '{}' (days {}-{}) schedules '{}', tagged '{}', "
                                           "forbidden from day {} to day {}",
                                           ph.id, ph.start_day, ph.max_end_day, ex->id, tag,
                                           res.from_day, res.until_day));
              r_.Note(res.loc, fmt::format("restriction '{}': {}", res.tag, res.reason));
            }
          }
        }
      }
    }
  }

  // Every phase but the last says when the patient moves on.
  void CheckExitCriteria(const Program& p) {
    for (size_t i = 0; i + 1 < p.phases.size(); ++i) {
      const Phase& ph = p.phases[i];
      if (!ph.exit_criteria.empty()) continue;
      r_.Error(ph.loc, fmt::format("phase '{}' has no exit criteria: every phase but the last "
                                   "needs them, to say when the patient moves on",
                                   ph.id));
    }
  }

  // Every [citation] in the program's text names one of its `sources`: the
  // program's own scalars (all but the `sources` list itself) and the text a
  // used catalogue exercise brings in unchanged.
  void CheckCitations(const Node& root, const Program& p) {
    std::set<std::string> defined;
    for (const auto& src : p.sources) defined.insert(src.id);
    // The program file's own text, in document order.
    MapView top(root);
    std::set<const TreeNode*> seen;
    for (const auto& e : top.entries()) {
      if (e.key != "sources") CheckCitationsIn(e.value, defined, &seen);
    }
    // Catalogue text a used exercise keeps, reported (in the order of the
    // file) where a phase first names the exercise.
    std::vector<std::pair<SourceLoc, std::string>> found;
    for (const auto& ex : p.exercises) {
      const Exercise* cat = FindIn(catalogue_, ex.id);
      if (cat == nullptr) continue;
      SourceLoc where = ex.loc;  // a program-local override no phase names
      bool named = false;
      for (const auto& ph : p.phases) {
        for (const auto& pe : ph.exercises) {
          if (!named && pe.exercise_id == ex.id) {
            where = pe.loc;
            named = true;
          }
        }
      }
      const std::pair<const char*, const std::string*> texts[] = {
          {"name", &cat->name}, {"instructions", &cat->instructions}, {"stop_if", &cat->stop_if}};
      const std::string* own[] = {&ex.name, &ex.instructions, &ex.stop_if};
      for (size_t t = 0; t < 3; ++t) {
        if (*own[t] != *texts[t].second) continue;  // overridden: checked above
        for (const auto& c : FindCitations(*own[t])) {
          for (const auto& cited : c.ids) {
            if (defined.count(cited.first) != 0) continue;
            found.emplace_back(where, fmt::format("exercise '{}' cites {} in its catalogue '{}', "
                                                  "but source '{}' is not in the program's "
                                                  "'sources'",
                                                  ex.id, c.bracket, texts[t].first, cited.first));
          }
        }
      }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
    });
    for (auto& [loc, message] : found) r_.Error(loc, std::move(message));
  }

  // The citations in the scalars under `n`, each node once: aliases repeat
  // nodes, and walking them again would take exponential time (see
  // tests/data/bad/prog-alias-doubling.yaml). The YAML shape limits keep the
  // recursion shallow.
  void CheckCitationsIn(const Node& n, const std::set<std::string>& defined,
                        std::set<const TreeNode*>* seen) {
    if (!seen->insert(n.tree_node()).second) return;
    if (n.IsSequence()) {
      for (const auto& item : n) CheckCitationsIn(item, defined, seen);
    } else if (n.IsMap()) {
      MapView m(n);
      for (const auto& e : m.entries()) CheckCitationsIn(e.value, defined, seen);
    }
    if (!n.IsScalar() || n.Scalar().find('[') == std::string::npos) return;
    std::vector<Citation> cites = FindCitations(n.Scalar());
    for (size_t ci = 0; ci < cites.size(); ++ci) {
      const Citation& c = cites[ci];
      int nth = 0;  // earlier copies of the same bracket in this scalar
      for (size_t k = 0; k < ci; ++k) nth += cites[k].bracket == c.bracket;
      for (const auto& [id, offset] : c.ids) {
        if (defined.count(id) != 0) continue;
        r_.Error(r_.LocInside(n, c.bracket, nth, offset),
                 fmt::format("citation {} names source '{}', which is not in the program's "
                             "'sources'",
                             c.bracket, id));
      }
    }
  }

  void CheckHeatOutsideAcuteWindow(const Program& p) {
    for (const auto& mod : p.modalities) {
      if (mod.kind == ModalityKind::kHeat && mod.from_day < p.acute_days) {
        r_.Error(mod.loc, fmt::format("heat modality '{}' starts on day {}, inside the acute window "
                                      "(the first {} days): no heat while the knee is acute",
                                      mod.id, mod.from_day, p.acute_days));
      }
    }
  }

  Reader r_;
  const std::vector<Exercise>& catalogue_;
  const std::vector<RedFlag>* defaults_;
  Diagnostics* diags_;
  std::vector<Exercise> local_;
  const Node* red_flags_node_ = nullptr;
};

const std::vector<std::string> kWeekdayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

}  // namespace

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

bool IsKnownTimeZone(const std::string& zone) {
  try {
    return date::locate_zone(zone) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::optional<Catalogue> LoadCatalogueFile(std::string_view text, const std::string& file,
                                           Diagnostics* diags) {
  Diagnostics local;
  std::deque<TreeNode> nodes;
  auto root = ParseYaml(text, file, &local, &nodes);
  Catalogue out;
  if (root) {
    Reader r(file, text, &local);
    MapView m;
    if (r.Map(*root, "an exercise catalogue", {"exercises", "red_flags"}, {"exercises"}, &m)) {
      if (const Node* list = r.List(m, "exercises")) ParseExerciseList(r, *list, &out.exercises);
      if (const Node* list = r.List(m, "red_flags")) {
        ParseRedFlagList(r, *list, true, &out.red_flags);
        for (size_t i = 0; i < out.red_flags.size(); ++i) {
          const RedFlag& rf = out.red_flags[i];
          if (rf.flag.empty()) {
            r.Error(rf.loc, fmt::format("the catalogue's red flag '{}' needs a diary 'flag': "
                                        "its defaults are per flag",
                                        rf.id));
          }
          for (size_t j = 0; j < i; ++j) {
            if (!rf.flag.empty() && out.red_flags[j].flag == rf.flag) {
              r.Error(rf.loc,
                      fmt::format("the catalogue has two default red flags for '{}'", rf.flag));
            }
          }
        }
      }
    }
  }
  diags->Merge(local);
  if (local.HasErrors()) return std::nullopt;
  std::sort(out.exercises.begin(), out.exercises.end(),
            [](const Exercise& a, const Exercise& b) { return a.id < b.id; });
  return out;
}

std::optional<std::vector<Exercise>> LoadCatalogue(std::string_view text, const std::string& file,
                                                   Diagnostics* diags) {
  auto catalogue = LoadCatalogueFile(text, file, diags);
  if (!catalogue) return std::nullopt;
  return std::move(catalogue->exercises);
}

struct ParsedYaml::Impl {
  std::string file;
  std::string text;
  Diagnostics diags;  // the parse's own (with the text registered as a source)
  std::deque<TreeNode> nodes;
  std::optional<Node> root;  // points into `nodes`
};

ParsedYaml::ParsedYaml(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParsedYaml::ParsedYaml(ParsedYaml&&) noexcept = default;
ParsedYaml& ParsedYaml::operator=(ParsedYaml&&) noexcept = default;
ParsedYaml::~ParsedYaml() = default;

ParsedYaml ParseYamlText(std::string_view text, const std::string& file) {
  auto impl = std::make_unique<ParsedYaml::Impl>();
  impl->file = file;
  impl->text = std::string(text);
  impl->root = ParseYaml(impl->text, file, &impl->diags, &impl->nodes);
  return ParsedYaml(std::move(impl));
}

std::optional<Program> LoadProgram(const ParsedYaml& parsed, const std::vector<Exercise>& catalogue,
                                   Diagnostics* diags) {
  const ParsedYaml::Impl& in = parsed.impl();
  Diagnostics local = in.diags;
  std::optional<Program> program;
  if (in.root) program = ProgramParser(in.file, in.text, catalogue, &local).Parse(*in.root);
  diags->Merge(local);
  if (local.HasErrors()) return std::nullopt;
  return program;
}

std::optional<Program> LoadProgram(std::string_view text, const std::string& file,
                                   const std::vector<Exercise>& catalogue, Diagnostics* diags) {
  return LoadProgram(ParseYamlText(text, file), catalogue, diags);
}

std::optional<Program> LoadProgramFromCatalogue(const ParsedYaml& parsed,
                                                const Catalogue& catalogue, Diagnostics* diags) {
  const ParsedYaml::Impl& in = parsed.impl();
  Diagnostics local = in.diags;
  std::optional<Program> program;
  if (in.root) {
    program = ProgramParser(in.file, in.text, catalogue.exercises, &local, &catalogue.red_flags)
                  .Parse(*in.root);
  }
  diags->Merge(local);
  if (local.HasErrors()) return std::nullopt;
  return program;
}

std::optional<Program> LoadProgramFromCatalogue(std::string_view text, const std::string& file,
                                                const Catalogue& catalogue, Diagnostics* diags) {
  return LoadProgramFromCatalogue(ParseYamlText(text, file), catalogue, diags);
}

std::optional<Patient> LoadPatient(std::string_view text, const std::string& file,
                                   Diagnostics* diags) {
  Diagnostics local;
  std::deque<TreeNode> nodes;
  auto root = ParseYaml(text, file, &local, &nodes);
  Patient p;
  p.file = file;
  if (root) {
    Reader r(file, text, &local);
    MapView m;
    if (r.Map(*root, "a patient file",
              {"id", "program", "diary", "side", "timezone", "country", "start", "surgery",
               "sessions", "units", "language", "overrides"},
              {"id", "side"}, &m)) {
      r.String(m, "id", &p.id);
      r.String(m, "program", &p.program);
      r.String(m, "diary", &p.diary);
      int side = 0;
      if (r.Enum(m, "side", {"left", "right", "both"}, &side)) {
        p.side = side == 0 ? Side::kLeft : side == 1 ? Side::kRight : Side::kBoth;
      }
      if (const auto* e = m.Find("timezone")) {
        if (r.Scalar(*e, &p.timezone) && !IsKnownTimeZone(p.timezone)) {
          r.Error(e->value, fmt::format("unknown time zone '{}' (use an IANA name such as "
                                        "Europe/Berlin or America/New_York)",
                                        p.timezone));
        }
      }
      if (const auto* e = m.Find("country")) {
        std::string country;
        if (r.Scalar(*e, &country)) {
          bool code = country.size() == 2 && std::isupper(static_cast<unsigned char>(country[0])) &&
                      std::isupper(static_cast<unsigned char>(country[1]));
          if (code) {
            p.country = country;
          } else {
            r.Error(e->value,
                    fmt::format("'country' must be an ISO 3166 two-letter code in capitals "
                                "such as US, GB, DE or AU, got \"{}\"",
                                country));
          }
        }
      }
      auto read_date = [&](const MapView::Entry& e, std::optional<Date>* out) {
        std::string text_value;
        if (!r.Scalar(e, &text_value)) return;
        *out = ParseDate(text_value);
        if (!*out) {
          r.Error(e.value, fmt::format("'{}' must be a real date as YYYY-MM-DD, got \"{}\"", e.key,
                                       text_value));
        }
      };
      if (const auto* e = m.Find("start")) read_date(*e, &p.start);
      if (const auto* e = m.Find("surgery")) {
        MapView sm;
        if (r.Map(e->value, "surgery", {"procedure", "date"}, {"date"}, &sm)) {
          r.String(sm, "procedure", &p.procedure);
          if (const auto* d = sm.Find("date")) read_date(*d, &p.surgery);
        }
      }
      if (const auto* e = m.Find("sessions")) {
        MapView sm;
        if (r.Map(e->value, "sessions", {"days", "times"}, {}, &sm)) {
          if (const auto* days = sm.Find("days")) {
            std::vector<std::string> names;
            if (r.StringList(sm, "days", &names)) {
              size_t i = 0;
              for (const auto& node : days->value) {
                if (i >= names.size()) break;
                std::string name = names[i++];
                if (name == "daily" || name == "every-day") {
                  p.session_days.clear();
                  break;
                }
                auto it = std::find(kWeekdayNames.begin(), kWeekdayNames.end(), name.substr(0, 3));
                if (name.size() < 3 || it == kWeekdayNames.end()) {
                  r.Error(node, fmt::format("unknown day '{}' (use mon, tue, wed, thu, fri, sat, sun "
                                            "or daily){}",
                                            name, DidYouMean(name, kWeekdayNames)));
                  continue;
                }
                auto day = static_cast<Weekday>(it - kWeekdayNames.begin());
                if (std::find(p.session_days.begin(), p.session_days.end(), day) ==
                    p.session_days.end()) {
                  p.session_days.push_back(day);
                }
              }
              std::sort(p.session_days.begin(), p.session_days.end());
            }
          }
          if (const auto* times = sm.Find("times")) {
            std::vector<std::string> names;
            if (r.StringList(sm, "times", &names)) {
              p.session_times.clear();
              size_t i = 0;
              for (const auto& node : times->value) {
                if (i >= names.size()) break;
                auto t = ParseTime(names[i++]);
                if (!t) {
                  r.Error(node, fmt::format("session time must be HH:MM (24-hour), got \"{}\"",
                                            names[i - 1]));
                  continue;
                }
                p.session_times.push_back(*t);
              }
              std::sort(p.session_times.begin(), p.session_times.end());
              p.session_times.erase(std::unique(p.session_times.begin(), p.session_times.end()),
                                    p.session_times.end());
              if (p.session_times.empty()) r.Error(times->value, "'times' needs at least one time");
              if (p.session_times.size() > 6) r.Error(times->value, "at most 6 session times a day");
            }
          }
        }
      }
      int units = 0;
      if (r.Enum(m, "units", {"kg", "lb"}, &units)) p.units = units == 0 ? "kg" : "lb";
      int language = 0;
      if (r.Enum(m, "language", {"en"}, &language)) p.language = "en";
      if (const Node* list = r.List(m, "overrides")) {
        for (const auto& item : *list) {
          MapView om;
          if (!r.Map(item, "an override", {"exercise", "start_step", "skip", "note"}, {"exercise"},
                     &om)) {
            continue;
          }
          ExerciseOverride o;
          o.loc = r.Loc(item);
          r.String(om, "exercise", &o.exercise_id);
          if (const auto* ex = om.Find("exercise")) o.loc = r.Loc(ex->value);
          int step = 0;
          if (r.Int(om, "start_step", 1, 50, &step)) o.start_step = step - 1;
          r.Bool(om, "skip", &o.skip);
          r.String(om, "note", &o.note);
          p.overrides.push_back(o);
        }
      }
      if (m.Find("start") == nullptr && m.Find("surgery") == nullptr) {
        r.Error(*root, "a patient file needs a 'start' date or a 'surgery' date");
      }
    }
  }
  diags->Merge(local);
  if (local.HasErrors()) return std::nullopt;
  return p;
}

bool CheckPatientAgainstProgram(const Patient& patient, const Program& program,
                                Diagnostics* diags) {
  bool ok = true;
  std::vector<std::string> ids;
  for (const auto& e : program.exercises) ids.push_back(e.id);
  for (const auto& o : patient.overrides) {
    const Exercise* ex = program.FindExercise(o.exercise_id);
    if (ex == nullptr) {
      diags->Error(o.loc, fmt::format("override names exercise '{}' that program '{}' does not "
                                      "use{}",
                                      o.exercise_id, program.id, DidYouMean(o.exercise_id, ids)));
      ok = false;
    } else if (o.start_step && *o.start_step >= static_cast<int>(ex->ladder.size())) {
      diags->Error(o.loc, fmt::format("'start_step' {} is beyond the {} steps of '{}'",
                                      *o.start_step + 1, ex->ladder.size(), ex->id));
      ok = false;
    }
  }
  return ok;
}

FileKind DetectFileKind(std::string_view text) {
  // A diary starts with its header, or (a common mistake) straight with a
  // dated row: ParseDiary's own test, so `validate` takes what `plan` takes.
  if (LooksLikeDiary(text)) return FileKind::kDiary;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // Look at top-level keys only: lines that start with a letter and hold a colon.
  std::set<std::string> keys;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line.empty() || !std::isalpha(static_cast<unsigned char>(line[0]))) continue;
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) keys.emplace(line.substr(0, colon));
  }
  if (keys.count("phases") || keys.count("anchor")) return FileKind::kProgram;
  if (keys.count("timezone") || keys.count("side") || keys.count("surgery") ||
      keys.count("sessions")) {
    return FileKind::kPatient;
  }
  if (keys.count("exercises")) return FileKind::kCatalogue;
  return FileKind::kUnknown;
}

}  // namespace rehab
