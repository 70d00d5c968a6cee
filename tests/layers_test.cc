// The library's layers (docs/architecture.md): every file under planner/LAYER/
// includes headers of its own layer and the layers below it only, and cli/
// reaches the library through headers, never through another verb's source.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SourcePath;

// Each layer and the layers it may include (itself included).
const std::map<std::string, std::set<std::string>>& AllowedLayers() {
  static const std::map<std::string, std::set<std::string>> allowed = {
      {"base", {"base"}},
      {"model", {"base", "model"}},
      {"engine", {"base", "model", "engine"}},
      {"load", {"base", "model", "engine", "load"}},
      {"present", {"base", "model", "engine", "present"}},
  };
  return allowed;
}

struct Include {
  int line = 0;
  std::string path;  // as written between the quotes
};

std::vector<Include> ProjectIncludes(const std::string& text) {
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<Include> includes;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch match;
    if (std::regex_search(line, match, include)) includes.push_back({number, match[1]});
  }
  return includes;
}

// The layer of "planner/LAYER/name.h", or "" for anything else.
std::string LayerOf(const std::string& include_path) {
  static const std::regex planner(R"(^planner/([a-z]+)/[a-z0-9_]+\.h$)");
  std::smatch match;
  return std::regex_match(include_path, match, planner) ? match[1].str() : "";
}

std::vector<fs::path> SourcesUnder(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(SourcePath(folder))) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".h" || ext == ".cc")) files.push_back(entry.path());
  }
  return files;
}

TEST(LayersTest, EveryPlannerFileLivesInAKnownLayer) {
  for (const auto& file : SourcesUnder("planner")) {
    std::string layer = file.parent_path().filename().string();
    EXPECT_TRUE(AllowedLayers().contains(layer))
        << file << " is in no layer (put it under planner/{base,model,engine,load,present}/)";
  }
}

TEST(LayersTest, NoPlannerFileIncludesALayerAboveItsOwn) {
  for (const auto& file : SourcesUnder("planner")) {
    std::string layer = file.parent_path().filename().string();
    if (!AllowedLayers().contains(layer)) continue;
    const auto& allowed = AllowedLayers().at(layer);
    for (const Include& inc : ProjectIncludes(ReadFile(file.string()))) {
      std::string target = LayerOf(inc.path);
      EXPECT_FALSE(target.empty()) << file << ":" << inc.line << ": \"" << inc.path
                                   << "\" is not a planner/LAYER/ header";
      EXPECT_TRUE(target.empty() || allowed.contains(target))
          << file << ":" << inc.line << ": the " << layer << " layer includes \"" << inc.path
          << "\" from the " << target << " layer above it";
    }
  }
}

TEST(LayersTest, TheCliIncludesLibraryHeadersAndItsOwnHeadersOnly) {
  for (const auto& file : SourcesUnder("cli")) {
    for (const Include& inc : ProjectIncludes(ReadFile(file.string()))) {
      bool library = !LayerOf(inc.path).empty();
      bool own_header = inc.path.starts_with("cli/") && inc.path.ends_with(".h");
      EXPECT_TRUE(library || own_header) << file << ":" << inc.line << ": \"" << inc.path << "\"";
    }
  }
}

TEST(LayersTest, TheCheckRecognisesAnUpwardInclude) {
  auto includes = ProjectIncludes("#include <vector>\n\n#include \"planner/present/messages.h\"\n");
  ASSERT_EQ(includes.size(), 1u);
  EXPECT_EQ(includes[0].line, 3);
  EXPECT_EQ(LayerOf(includes[0].path), "present");
  EXPECT_FALSE(AllowedLayers().at("engine").contains(LayerOf(includes[0].path)));
}

}  // namespace
}  // namespace rehab
