// Translation files of programs/i18n/<language>/ (translation.h).
#include "planner/load/translation.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "planner/base/utf8.h"
#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"
#include "planner/model/model.h"

namespace rehab {

namespace {

using load_internal::LocOfMark;
using load_internal::MapView;
using load_internal::Node;
using load_internal::SchemaReader;

// A list section of a program: its texts, and its lists of texts.
struct Section {
  const char* name;
  std::vector<const char*> fields;
  std::vector<const char*> lists;
};

// The order of docs/translations.md, which the template of a new language follows.
const Section kSections[] = {
    {"education", {"title", "text"}, {}},
    {"exercises", {"name", "instructions", "stop_if"}, {"equipment"}},
    {"modalities", {"name", "instructions"}, {"contraindications"}},
    {"outcome_measures", {"name"}, {}},
    {"phases", {"title"}, {"goals"}},
    {"red_flags", {"text", "action"}, {}},
};

// A text found by the walk, and its node in the tree.
struct FoundText {
  std::string key;
  const load_internal::TreeNode* node;
};

class TextWalker {
 public:
  explicit TextWalker(std::vector<FoundText>* out) : out_(out) {}

  void Add(std::string key, const Node& value) {
    if (!value.IsScalar()) return;
    out_->push_back({std::move(key), value.tree()});
  }

  // The scalars of the list `map[list]`, keyed "<base>.<list>.<index>".
  void AddList(const std::string& base, const Node& map, const char* list) {
    int i = 0;
    const Node items = map[list];
    for (const Node item : items) Add(fmt::format("{}.{}.{}", base, list, i++), item);
  }

  // `field` of each map in the list `map[list]`, keyed "<base>.<list>.<index>.<field>".
  void AddEach(const std::string& base, const Node& map, const char* list, const char* field) {
    int i = 0;
    const Node items = map[list];
    for (const Node item : items) {
      if (item.IsMap()) Add(fmt::format("{}.{}.{}.{}", base, list, i, field), item[field]);
      ++i;
    }
  }

  void Walk(const Node& root) {
    if (!root.IsMap()) return;
    for (const char* key : {"title", "condition", "summary"}) Add(key, root[key]);
    for (const Section& section : kSections) {
      const Node items = root[section.name];
      for (const Node item : items) {
        if (!item.IsMap() || !item["id"].IsScalar()) continue;
        std::string base = fmt::format("{}.{}", section.name, item["id"].Scalar());
        for (const char* field : section.fields) Add(base + "." + field, item[field]);
        for (const char* list : section.lists) AddList(base, item, list);
        if (std::string_view(section.name) == "exercises") AddEach(base, item, "ladder", "note");
        if (std::string_view(section.name) == "phases") {
          AddEach(base, item, "exit_criteria", "text");
        }
      }
    }
    int i = 0;
    const Node restrictions = root["restrictions"];
    for (const Node r : restrictions) {
      if (r.IsMap()) Add(fmt::format("restrictions.{}.reason", i), r["reason"]);
      ++i;
    }
  }

 private:
  std::vector<FoundText>* out_;
};

bool IsSourceHash(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (!load_internal::IsDigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

// The start of `text` on one line, for a message.
std::string Excerpt(std::string_view text) {
  std::string line;
  for (char c : text) line += (c == '\n' ? ' ' : c);
  constexpr size_t kMax = 60;
  if (line.size() <= kMax) return line;
  size_t cut = kMax;
  while (cut > 0 && IsUtf8Continuation(line[cut])) --cut;
  return line.substr(0, cut) + "...";
}

}  // namespace

bool IsLanguageTag(std::string_view tag) {
  size_t dash = tag.find('-');
  std::string_view primary = tag.substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3) return false;
  for (char c : primary) {
    if (!load_internal::IsLower(c)) return false;
  }
  while (dash != std::string_view::npos) {
    tag.remove_prefix(dash + 1);
    dash = tag.find('-');
    std::string_view part = tag.substr(0, dash);
    if (part.size() < 2 || part.size() > 8) return false;
    for (char c : part) {
      bool alnum = load_internal::IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alnum) return false;
    }
  }
  return true;
}

std::optional<std::vector<TranslatableText>> TranslatableTexts(std::string_view text,
                                                               const std::string& file,
                                                               Diagnostics* diags) {
  std::vector<TranslatableText> out;
  bool parsed = load_internal::ReadYamlFile(text, file, diags, [&](SchemaReader&, const Node& root) {
    std::vector<FoundText> found;
    TextWalker(&found).Walk(root);
    for (FoundText& f : found) {
      out.push_back({std::move(f.key), f.node->scalar, LocOfMark(text, file, f.node->mark)});
    }
  });
  if (!parsed) return std::nullopt;
  return out;
}

TranslationOutcome Translate(const Translation& translation, ParsedYaml* parsed) {
  TranslationOutcome outcome;
  ParsedYaml::Impl& impl = parsed->mutable_impl();
  if (!impl.root) return outcome;
  std::vector<FoundText> found;
  TextWalker(&found).Walk(*impl.root);
  std::map<std::string_view, const Translation::Entry*> by_key;
  for (const auto& entry : translation.entries) by_key.emplace(entry.key, &entry);
  std::set<const load_internal::TreeNode*> done;  // an alias reaches a node twice
  for (const FoundText& f : found) {
    if (done.count(f.node) != 0) continue;
    auto it = by_key.find(f.key);
    if (it == by_key.end() || it->second->source != SourceHash(f.node->scalar)) {
      outcome.english.push_back(f.key);
      continue;
    }
    // The walk hands out const nodes; `impl` owns them, and is not const.
    const_cast<load_internal::TreeNode*>(f.node)->scalar = it->second->text;
    done.insert(f.node);
    ++outcome.translated;
  }
  return outcome;
}

std::string SourceHash(std::string_view english) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : english) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", h);
}

std::optional<Translation> LoadTranslation(std::string_view text, const std::string& file,
                                           Diagnostics* diags) {
  Translation t;
  bool ok = load_internal::ReadYamlFile(text, file, diags, [&](SchemaReader& r, const Node& root) {
    MapView top;
    if (!r.Map(root, "a translation file", {"language", "translates", "reviewed", "texts"},
               {"language", "translates", "texts"}, &top)) {
      return;
    }
    if (const auto* e = top.Find("reviewed")) {
      MapView review;
      Translation::Review out;
      if (r.Map(e->value, "a translation's review", {"by", "date"}, {"by", "date"}, &review) &&
          r.String(review, "by", &out.by) && r.String(review, "date", &out.date)) {
        if (!ParseDate(out.date)) {
          r.Error(review.Find("date")->value,
                  fmt::format("'{}' is not a date (YYYY-MM-DD)", out.date));
        } else {
          t.reviewed = std::move(out);
        }
      }
    }
    if (const auto* e = top.Find("language"); e && r.Scalar(*e, &t.language)) {
      t.language_loc = r.Loc(e->value);
      if (!IsLanguageTag(t.language)) {
        r.Error(e->value, fmt::format("'{}' is not a language tag: two or three lowercase "
                                      "letters, as 'es', optionally a region, as 'pt-BR'",
                                      t.language));
      }
    }
    if (const auto* e = top.Find("translates"); e && r.Scalar(*e, &t.translates)) {
      t.translates_loc = r.Loc(e->value);
      if (t.translates.find('/') != std::string::npos || t.translates.starts_with(".") ||
          !t.translates.ends_with(".yaml")) {
        r.Error(e->value, fmt::format("'{}' is not the file name of a program beside "
                                      "programs/i18n/ (as 'total-knee-replacement.yaml')",
                                      t.translates));
      }
    }
    const auto* texts = top.Find("texts");
    if (texts == nullptr) return;
    t.texts_loc = r.Loc(texts->key_node);
    if (!texts->value.IsMap()) {
      r.Error(texts->value, "'texts' must map each text's key to its source and text");
      return;
    }
    std::set<std::string_view> seen;
    const MapView text_map(texts->value);
    for (const auto& entry : text_map.entries()) {
      if (!entry.key_node.IsScalar() || entry.key.empty()) {
        r.Error(entry.key_node, "a text's key must be the place of its English, as 'title'");
        continue;
      }
      if (!seen.insert(entry.key).second) {
        r.Error(entry.key_node, fmt::format("'{}' is translated twice", entry.key));
        continue;
      }
      MapView fields;
      if (!r.Map(entry.value, "a translated text", {"source", "text"}, {"source", "text"},
                 &fields)) {
        continue;
      }
      Translation::Entry out;
      out.key = std::string(entry.key);
      out.key_loc = r.Loc(entry.key_node);
      if (const auto* s = fields.Find("source"); s && r.Scalar(*s, &out.source)) {
        out.source_loc = r.Loc(s->value);
        if (!IsSourceHash(out.source)) {
          r.Error(s->value, fmt::format("'{}' is not a source hash: 16 lowercase hexadecimal "
                                        "digits (docs/translations.md)",
                                        out.source));
        }
      }
      if (const auto* s = fields.Find("text"); s && r.Scalar(*s, &out.text) && out.text.empty()) {
        r.Error(s->value, fmt::format("the translation of '{}' is empty", out.key));
      }
      t.entries.push_back(std::move(out));
    }
  });
  if (!ok) return std::nullopt;
  return t;
}

bool CheckTranslation(const Translation& translation, const std::vector<TranslatableText>& english,
                      Diagnostics* diags) {
  int errors_before = diags->error_count();
  std::map<std::string_view, const TranslatableText*> by_key;
  std::vector<std::string> keys;
  for (const auto& e : english) {
    by_key.emplace(e.key, &e);
    keys.push_back(e.key);
  }
  std::set<std::string_view> translated;
  for (const auto& entry : translation.entries) {
    auto it = by_key.find(entry.key);
    if (it == by_key.end()) {
      diags->Error(entry.key_loc, fmt::format("'{}' is not a text of {}{}", entry.key,
                                              translation.translates, DidYouMean(entry.key, keys)));
      continue;
    }
    translated.insert(entry.key);
    std::string now = SourceHash(it->second->english);
    if (entry.source != now) {
      diags->Error(entry.source_loc,
                   fmt::format("the English of '{}' changed after it was translated (this "
                               "translation is of the English hashed {}, the English now hashes "
                               "to {}): translate it again and set source to \"{}\"",
                               entry.key, entry.source, now, now));
      diags->Note(it->second->loc, fmt::format("the English of '{}' now", entry.key));
    }
  }
  for (const auto& e : english) {
    if (translated.count(e.key) == 0) {
      diags->Error(translation.texts_loc,
                   fmt::format("'{}' is not translated (the English: \"{}\", source \"{}\")", e.key,
                               Excerpt(e.english), SourceHash(e.english)));
    }
  }
  return diags->error_count() == errors_before;
}

}  // namespace rehab
