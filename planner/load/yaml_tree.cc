// Builds the loaders' YAML tree from yaml-cpp's parse events, and turns
// every way a parse can fail into a located diagnostic.
#include "planner/load/yaml_tree.h"

#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "planner/base/limits.h"
#include "planner/base/utf8.h"

namespace rehab::load_internal {

namespace {

// Builds the tree from yaml-cpp's parse events, as YAML::Load's NodeBuilder
// does.
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

// True when the parser holds a second document, whole or broken (a broken
// second document is still a second document). Rethrows yaml-cpp's
// exception when the text after the first document starts no document.
bool HasSecondDocument(YAML::Parser* parser, YAML::Mark* where) {
  std::deque<TreeNode> rest;
  TreeBuilder second(&rest);
  bool more = false;
  try {
    more = parser->HandleNextDocument(second);
  } catch (const YAML::Exception&) {
    if (!second.started()) throw;
    more = true;
  }
  *where = second.document_mark();
  return more || second.started();
}

// The parse proper; throws YAML::Exception for text yaml-cpp rejects.
std::optional<Node> ParseOneDocument(std::string_view text, const std::string& file,
                                     Diagnostics* diags, std::deque<TreeNode>* nodes) {
  std::istringstream input{std::string(text)};
  YAML::Parser parser(input);
  TreeBuilder builder(nodes);
  Node root = parser.HandleNextDocument(builder) ? Node(builder.root()) : Node();
  YAML::Mark second;
  if (HasSecondDocument(&parser, &second)) {
    diags->Error(LocOfMark(text, file, second),
                 "a second YAML document starts here; a file holds one document and rehab "
                 "would ignore everything from here on: remove it, or merge it into the first");
    return std::nullopt;
  }
  if (!root.IsDefined() || root.IsNull()) {
    diags->Error({file, 0, 0}, "the file is empty");
    return std::nullopt;
  }
  return root;
}

}  // namespace

int CharColumn(std::string_view text, int line_start, int byte_column) {
  if (line_start < 0 || static_cast<size_t>(line_start) > text.size()) return byte_column + 1;
  return 1 + static_cast<int>(CountCharacters(text.substr(line_start, byte_column)));
}

SourceLoc LocOfMark(std::string_view text, const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, CharColumn(text, mark.pos - mark.column, mark.column)};
}

std::optional<Node> ParseYaml(std::string_view text, const std::string& file, Diagnostics* diags,
                              std::deque<TreeNode>* nodes) {
  diags->AddSource(file, text);
  if (!CheckTextInput(text, file, diags) || !CheckYamlShape(text, file, diags)) {
    return std::nullopt;
  }
  try {
    return ParseOneDocument(text, file, diags, nodes);
  } catch (const YAML::Exception& e) {
    diags->Error(LocOfMark(text, file, e.mark), fmt::format("invalid YAML: {}", e.msg));
    return std::nullopt;
  }
}

}  // namespace rehab::load_internal
