// Loading the exercise catalogue: its exercises, sorted by id, and its
// default red flags, one per diary flag.
#include "planner/load/yaml_loader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/load/exercise_reader.h"
#include "planner/load/red_flags.h"
#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"

namespace rehab {

using load_internal::MapView;
using load_internal::Node;
using load_internal::SchemaReader;

namespace {

void ReadCatalogue(SchemaReader& r, const Node& root, Catalogue* out) {
  MapView m;
  if (!r.Map(root, "an exercise catalogue", {"exercises", "red_flags"}, {"exercises"}, &m)) return;
  if (const Node* list = r.List(m, "exercises")) {
    load_internal::ParseExerciseList(r, *list, &out->exercises);
  }
  if (const Node* list = r.List(m, "red_flags")) {
    load_internal::ParseRedFlagList(r, *list, true, &out->red_flags);
    load_internal::CheckCatalogueRedFlags(r, out->red_flags);
  }
}

}  // namespace

std::optional<Catalogue> LoadCatalogueFile(std::string_view text, const std::string& file,
                                           Diagnostics* diags) {
  return LoadCatalogueFile(ParseYamlText(text, file), diags);
}

std::optional<Catalogue> LoadCatalogueFile(const ParsedYaml& parsed, Diagnostics* diags) {
  const ParsedYaml::Impl& in = parsed.impl();
  Diagnostics local = in.diags;
  Catalogue out;
  if (in.root) {
    SchemaReader r(in.file, in.text, &local);
    ReadCatalogue(r, *in.root, &out);
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

}  // namespace rehab
