// Finding the bracketed citations in a text, and checking each against the
// program's sources.
#include "planner/load/citations.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "planner/base/citation_text.h"
#include "planner/load/exercise_reader.h"

namespace rehab::load_internal {

namespace {

// The citations in one scalar, each reported at its own place in the text.
void CheckScalarCitations(SchemaReader& r, const Node& n, const std::set<std::string>& defined) {
  std::vector<Citation> cites = FindCitations(n.Scalar());
  for (size_t ci = 0; ci < cites.size(); ++ci) {
    const Citation& c = cites[ci];
    int nth = 0;  // earlier copies of the same bracket in this scalar
    for (size_t k = 0; k < ci; ++k) nth += cites[k].bracket == c.bracket;
    for (const auto& [id, offset] : c.ids) {
      if (defined.count(id) != 0) continue;
      r.Error(r.LocInside(n, c.bracket, nth, offset),
              fmt::format("citation {} names source '{}', which is not in the program's "
                          "'sources'",
                          c.bracket, id));
    }
  }
}

// The citations in the scalars under `n`, each node once: aliases repeat
// nodes, and walking them again would take exponential time (see
// tests/data/bad/prog-alias-doubling.yaml). The YAML shape limits keep the
// recursion shallow.
void CheckCitationsIn(SchemaReader& r, const Node& n, const std::set<std::string>& defined,
                      std::set<const TreeNode*>* seen) {
  if (!seen->insert(n.tree_node()).second) return;
  if (n.IsSequence()) {
    for (const auto& item : n) CheckCitationsIn(r, item, defined, seen);
  } else if (n.IsMap()) {
    MapView m(n);
    for (const auto& e : m.entries()) CheckCitationsIn(r, e.value, defined, seen);
  }
  if (!n.IsScalar() || n.Scalar().find('[') == std::string::npos) return;
  CheckScalarCitations(r, n, defined);
}

// Where the first phase names `ex`; the exercise's own place for a
// program-local override no phase names.
SourceLoc FirstNamed(const Program& p, const Exercise& ex) {
  for (const auto& ph : p.phases) {
    for (const auto& pe : ph.exercises) {
      if (pe.exercise_id == ex.id) return pe.loc;
    }
  }
  return ex.loc;
}

using Finding = std::pair<SourceLoc, std::string>;

// The uncited sources in the text `ex` keeps unchanged from the catalogue's
// `cat`, all reported at `where`. Text the program overrides is its own,
// checked where it is written.
void FindInCatalogueText(const Exercise& ex, const Exercise& cat, const SourceLoc& where,
                         const std::set<std::string>& defined, std::vector<Finding>* found) {
  const std::pair<const char*, const std::string*> texts[] = {
      {"name", &cat.name}, {"instructions", &cat.instructions}, {"stop_if", &cat.stop_if}};
  const std::string* own[] = {&ex.name, &ex.instructions, &ex.stop_if};
  for (size_t t = 0; t < 3; ++t) {
    if (*own[t] != *texts[t].second) continue;
    for (const auto& c : FindCitations(*own[t])) {
      for (const auto& cited : c.ids) {
        if (defined.count(cited.first) != 0) continue;
        found->emplace_back(where, fmt::format("exercise '{}' cites {} in its catalogue '{}', "
                                               "but source '{}' is not in the program's "
                                               "'sources'",
                                               ex.id, c.bracket, texts[t].first, cited.first));
      }
    }
  }
}

}  // namespace

void CheckCitations(SchemaReader& r, const Node& root, const Program& p,
                    const std::vector<Exercise>& catalogue) {
  std::set<std::string> defined;
  for (const auto& src : p.sources) defined.insert(src.id);
  MapView top(root);
  std::set<const TreeNode*> seen;
  for (const auto& e : top.entries()) {
    if (e.key != "sources") CheckCitationsIn(r, e.value, defined, &seen);
  }
  std::vector<Finding> found;
  for (const auto& ex : p.exercises) {
    const Exercise* cat = FindExercise(catalogue, ex.id);
    if (cat != nullptr) FindInCatalogueText(ex, *cat, FirstNamed(p, ex), defined, &found);
  }
  std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
  });
  for (auto& [loc, message] : found) r.Error(loc, std::move(message));
}

}  // namespace rehab::load_internal
