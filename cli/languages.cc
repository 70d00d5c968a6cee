// Finding and adding the interface catalogues (languages.h).
#include "cli/languages.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/io.h"
#include "planner/present/messages.h"

namespace rehab::cli {

namespace fs = std::filesystem;

std::string LocaleDir() {
  if (const char* env = std::getenv("REHAB_LOCALE_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return REHAB_LOCALE_DIR;
}

std::vector<std::string> AvailableLanguages() {
  std::set<std::string> out = {"en"};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(LocaleDir(), ec)) {
    if (entry.path().extension() == ".mo") out.insert(entry.path().stem().string());
  }
  return {out.begin(), out.end()};
}

bool UseLanguage(const std::string& language, std::ostream& err) {
  // One language added at a time, so that two threads do not both read it.
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  std::error_code ec;
  // The tag's own catalogue, else its primary language's: "es-MX" uses es.mo;
  // English is built in, but "en-XA" (the pseudo-locale) has a catalogue.
  for (std::string tag : {language, language.substr(0, language.find_first_of("-_"))}) {
    if (HasCatalogue(tag)) return true;
    fs::path file = fs::path(LocaleDir()) / (tag + ".mo");
    if (!fs::is_regular_file(file, ec)) {
      if (tag == "en") return true;
      continue;
    }
    std::string error;
    auto bytes = ReadWholeFile(file.string(), &error);
    if (!bytes) {
      err << "rehab: " << error << "\n";
      return false;
    }
    if (std::string problem = AddCatalogue(tag, *bytes); !problem.empty()) {
      err << fmt::format("rehab: {}: {}\n", file.string(), problem);
      return false;
    }
    return true;
  }
  err << fmt::format("rehab: there is no catalogue for the language '{}' (there are: {}); "
                     "docs/translations.md says how to add one\n",
                     language, fmt::join(AvailableLanguages(), ", "));
  return false;
}

}  // namespace rehab::cli
