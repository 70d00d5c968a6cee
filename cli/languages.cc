// Finding and adding the interface catalogues (languages.h).
#include "cli/languages.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <ostream>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/io.h"
#include "cli/program_library.h"
#include "planner/base/hash.h"
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

namespace {

// One language added at a time, so that two threads do not both read it.
std::mutex catalogues_mutex;
// The digest of each catalogue file read, by the tag it was added as.
std::map<std::string, uint64_t> catalogue_digests;

}  // namespace

bool UseLanguage(const std::string& language, std::ostream& err) {
  std::lock_guard<std::mutex> lock(catalogues_mutex);
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
    Fnv1a64 digest;
    digest.Add(*bytes);
    catalogue_digests[tag] = digest.value();
    return true;
  }
  err << "rehab: " << NoCatalogueMessage(language) << "\n";
  return false;
}

uint64_t CatalogueDigest(const std::string& language) {
  std::lock_guard<std::mutex> lock(catalogues_mutex);
  for (std::string tag : {language, language.substr(0, language.find_first_of("-_"))}) {
    if (auto it = catalogue_digests.find(tag); it != catalogue_digests.end()) return it->second;
  }
  return 0;
}

std::string NoCatalogueMessage(const std::string& language) {
  return fmt::format("there is no catalogue for the language '{}' (there are: {}); "
                     "docs/translations.md says how to add one",
                     language, fmt::join(AvailableLanguages(), ", "));
}

std::shared_ptr<const LoadedProgram> LoadProgramIn(ProgramLibrary* library,
                                                   const std::string& path,
                                                   const std::string& language,
                                                   std::ostream& err) {
  if (language == "en") return library->LoadProgram(path);
  if (!UseLanguage(language, err)) return nullptr;
  return library->LoadProgram(path, language);
}

std::string TranslationWarnings(const LoadedProgram& loaded) {
  std::string out;
  if (!loaded.english_texts.empty()) {
    constexpr size_t kListed = 5;
    std::vector<std::string> listed(
        loaded.english_texts.begin(),
        loaded.english_texts.begin() + std::min(kListed, loaded.english_texts.size()));
    out += fmt::format("rehab: warning: {} text(s) of {} have no translation into '{}' from "
                       "their English now, and stay in English: {}{} ('rehab validate' on the "
                       "translation says why)\n",
                       loaded.english_texts.size(), loaded.path, loaded.language,
                       fmt::join(listed, ", "), loaded.english_texts.size() > kListed ? ", ..." : "");
  }
  // The patient reads these texts as the plan's: say when nobody who reads
  // the language has checked them against the English.
  if (!loaded.unreviewed.empty()) {
    out += fmt::format("rehab: warning: no clinician has reviewed the translation into '{}' "
                       "({}): read the plan before the patient does (docs/translations.md)\n",
                       loaded.language, fmt::join(loaded.unreviewed, ", "));
  }
  return out;
}

}  // namespace rehab::cli
