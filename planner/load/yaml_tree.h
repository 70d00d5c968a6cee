// The YAML tree the loaders walk, and the parse that builds it (internal to
// planner/load/). yaml-cpp's parser reads the text; the tree keeps every
// node's mark, so each diagnostic can point at file:line:col.
#ifndef REHAB_PLANNER_LOAD_YAML_TREE_H_
#define REHAB_PLANNER_LOAD_YAML_TREE_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/mark.h>

#include "planner/base/diagnostics.h"
#include "planner/load/yaml_loader.h"

namespace rehab::load_internal {

// One node of a parsed document. The meaning is that of the tree YAML::Load
// builds: nulls, scalars, sequences, maps with duplicate keys kept in order,
// an alias the very node its anchor names; `mark` is where its event was.
// Nodes live in one std::deque (their addresses never move) and point at
// their children.
struct TreeNode {
  enum class Kind : unsigned char { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  YAML::Mark mark;
  std::string scalar;
  std::vector<const TreeNode*> children;  // items; for a map: key, value, key, value, ...
};

// A copyable handle on a TreeNode, with the reading interface of YAML::Node.
// The default Node is undefined (a key that is not there).
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
  // The node itself (null when undefined).
  const TreeNode* tree() const { return n_; }
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
  // A map's children: key, value, key, value, ... REQUIRES: IsDefined().
  const std::vector<const TreeNode*>& MapChildren() const { return n_->children; }
  // The node itself: an alias is the very node its anchor names.
  const TreeNode* tree_node() const { return n_; }

 private:
  const TreeNode* n_ = nullptr;
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
  // The first entry whose key is `key`, or nullptr.
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

// The 1-based column, in characters, of the byte `byte_column` of the line
// of `text` that starts at byte `line_start`. yaml-cpp counts columns in
// bytes; messages count characters, as the diary's do, so a caret after
// "Übung" still lands under the right letter.
int CharColumn(std::string_view text, int line_start, int byte_column);

// Where `mark` points in `text`, named `file`; line 0 (the whole file) for
// a null mark.
SourceLoc LocOfMark(std::string_view text, const std::string& file, const YAML::Mark& mark);

// Parses `text` (after the text checks and YAML shape limits of
// planner/base/limits.h) into its tree, whose nodes go into `nodes`. Every
// problem is a diagnostic: yaml-cpp's exceptions, an empty file, and a
// second document (after '---' or '...'), reported at its start rather than
// silently dropped. Registers `text` as the source of `file` in `diags`.
// Returns the root, or nullopt after reporting.
std::optional<Node> ParseYaml(std::string_view text, const std::string& file, Diagnostics* diags,
                              std::deque<TreeNode>* nodes);

}  // namespace rehab::load_internal

namespace rehab {

// What ParseYamlText keeps of a file: its text and its tree.
struct ParsedYaml::Impl {
  std::string file;
  std::string text;
  Diagnostics diags;  // the parse's own (with the text registered as a source)
  std::deque<load_internal::TreeNode> nodes;
  std::optional<load_internal::Node> root;  // points into `nodes`
};

}  // namespace rehab

#endif  // REHAB_PLANNER_LOAD_YAML_TREE_H_
