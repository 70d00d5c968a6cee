// The program library: built-in ids, the catalogue and program files, each
// loaded once and shared.
#include "cli/program_library.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <functional>

#include <fmt/format.h>

#include "cli/io.h"
#include "planner/load/translation.h"
#include "planner/load/yaml_loader.h"

namespace rehab::cli {

namespace fs = std::filesystem;

std::string ProgramsDir() {
  if (const char* env = std::getenv("REHAB_PROGRAMS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return REHAB_PROGRAMS_DIR;
}

namespace {

bool LooksLikePath(const std::string& name) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
}

// Runs `job` now, keeping what it throws for later, so an exception surfaces
// where it would have if the work had been done in order.
std::exception_ptr RunCapturing(const std::function<void()>& job) {
  try {
    job();
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

// The translation of the file `file` (its name) kept in `dir`/i18n/: for
// "es-MX" i18n/es-MX/ if there is one, else i18n/es/; "" when neither has it.
std::string TranslationFile(const fs::path& dir, const std::string& file,
                            const std::string& language) {
  std::error_code ec;
  for (std::string tag : {language, language.substr(0, language.find('-'))}) {
    fs::path candidate = dir / "i18n" / tag / file;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return "";
}

// Reads the translation at `path` and puts it into `parsed`, named `file`.
// Its problems go into `diags`; `*text` keeps what was read; `path` goes into
// `*unreviewed` when the file names no review.
std::optional<TranslationOutcome> ReadAndTranslate(const std::string& path,
                                                   const std::string& file, ParsedYaml* parsed,
                                                   std::string* text, Diagnostics* diags,
                                                   std::vector<std::string>* unreviewed) {
  std::string error;
  auto read = ReadWholeFile(path, &error);
  if (!read) {
    diags->Error({path, 0, 0}, error);
    return std::nullopt;
  }
  *text = std::move(*read);
  std::optional<Translation> translation = LoadTranslation(*text, path, diags);
  if (!translation) return std::nullopt;
  if (translation->translates != file) {
    diags->Error(translation->translates_loc,
                 fmt::format("this file translates '{}', but it is the translation of '{}' "
                             "by where it is",
                             translation->translates, file));
    return std::nullopt;
  }
  if (!translation->reviewed) unreviewed->push_back(path);
  return Translate(*translation, parsed);
}

}  // namespace

// A program file this thread has undertaken to load; the others asking for
// it wait on `promise`'s future.
struct ProgramLibrary::Claim {
  std::promise<std::shared_ptr<const LoadedProgram>> promise;
  std::shared_ptr<LoadedProgram> loaded = std::make_shared<LoadedProgram>();
  std::optional<ParsedYaml> parsed;  // when the file was read
  std::exception_ptr thrown;
};

ProgramLibrary::ProgramLibrary(std::string dir, Digest digest)
    : dir_(std::move(dir)), digest_(digest) {}

// Waits for a catalogue load still running on its thread (the future of
// std::async does).
ProgramLibrary::~ProgramLibrary() = default;

const std::vector<std::string>& ProgramLibrary::BuiltinIds() {
  std::call_once(ids_once_, [this] {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      if (entry.path().extension() != ".yaml") continue;
      std::string stem = entry.path().stem().string();
      if (stem != "exercises") ids_.push_back(stem);
    }
    std::sort(ids_.begin(), ids_.end());
  });
  return ids_;
}

std::optional<std::string> ProgramLibrary::FileOf(const std::string& name,
                                                  const fs::path* relative_to) {
  if (LooksLikePath(name)) {
    return relative_to == nullptr ? name : (*relative_to / name).lexically_normal().string();
  }
  const std::vector<std::string>& ids = BuiltinIds();
  if (!std::binary_search(ids.begin(), ids.end(), name)) return std::nullopt;
  return BuiltinFile(name);
}

std::string ProgramLibrary::BuiltinFile(const std::string& id) const {
  return (fs::path(dir_) / (id + ".yaml")).string();
}

std::string ProgramLibrary::UnknownProgramMessage(const std::string& name) {
  return fmt::format("unknown program '{}'{}", name, DidYouMean(name, BuiltinIds()));
}

LoadedCatalogue ProgramLibrary::ReadCatalogue() const {
  LoadedCatalogue loaded;
  loaded.path = (fs::path(dir_) / "exercises.yaml").string();
  std::string error;
  auto text = ReadWholeFile(loaded.path, &error);
  if (!text) {
    loaded.diags.Error({loaded.path, 0, 0}, error);
    return loaded;
  }
  if (digest_ != nullptr) loaded.digest = digest_(*text);
  loaded.catalogue = LoadCatalogueFile(*text, loaded.path, &loaded.diags);
  return loaded;
}

void ProgramLibrary::StartLoadingCatalogue() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!catalogue_.valid()) {
    catalogue_ = std::async(std::launch::async, [this] { return ReadCatalogue(); }).share();
  }
}

const LoadedCatalogue& ProgramLibrary::LoadCatalogue() {
  StartLoadingCatalogue();
  std::shared_future<LoadedCatalogue> catalogue;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    catalogue = catalogue_;
  }
  // The shared state outlives this copy: catalogue_ keeps it.
  return catalogue.get();
}

void ProgramLibrary::ReadAndParse(Claim* claim) const {
  LoadedProgram& loaded = *claim->loaded;
  auto text = ReadWholeFile(loaded.path, &loaded.read_error);
  if (!text) return;
  loaded.read_error.clear();
  if (digest_ != nullptr) loaded.digest = digest_(*text);
  claim->parsed = ParseYamlText(*text, loaded.path);
}

// Reads and parses every claimed file, then waits for the catalogue (whose
// exception, if its load threw, comes first, as if it had been loaded
// first), then checks each program and fulfils its claim.
void ProgramLibrary::LoadClaimed(std::vector<Claim>* claims) {
  for (Claim& claim : *claims) {
    claim.thrown = RunCapturing([&] { ReadAndParse(&claim); });
  }
  const LoadedCatalogue* catalogue = nullptr;
  std::exception_ptr catalogue_thrown = RunCapturing([&] { catalogue = &LoadCatalogue(); });
  for (Claim& claim : *claims) {
    if (catalogue_thrown) claim.thrown = catalogue_thrown;
    if (!claim.thrown && claim.parsed && catalogue->catalogue) {
      claim.thrown = RunCapturing([&] {
        LoadedProgram& loaded = *claim.loaded;
        auto program = LoadProgramFromCatalogue(*claim.parsed, *catalogue->catalogue, &loaded.diags);
        if (program) loaded.program = std::make_shared<const rehab::Program>(std::move(*program));
      });
    }
    claim.parsed.reset();
    ++program_loads_;
    if (claim.thrown) {
      claim.promise.set_exception(claim.thrown);
    } else {
      claim.promise.set_value(std::move(claim.loaded));
    }
  }
}

std::shared_ptr<const LoadedProgram> ProgramLibrary::LoadProgram(const std::string& path) {
  Future loaded;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = programs_.find(path);
    if (it != programs_.end()) loaded = it->second;
  }
  if (loaded.valid()) return loaded.get();
  return LoadPrograms({path}).front();
}

std::vector<std::shared_ptr<const LoadedProgram>> ProgramLibrary::LoadPrograms(
    const std::vector<std::string>& paths) {
  std::vector<Claim> claims;
  std::vector<Future> futures;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& path : paths) {
      auto [it, inserted] = programs_.try_emplace(path);
      if (inserted) {
        Claim& claim = claims.emplace_back();
        claim.loaded->path = path;
        it->second = claim.promise.get_future().share();
      }
      futures.push_back(it->second);
    }
  }
  // Loaded outside the lock; others asking for these paths wait on their futures.
  LoadClaimed(&claims);
  std::vector<std::shared_ptr<const LoadedProgram>> loaded;
  for (const Future& future : futures) loaded.push_back(future.get());
  return loaded;
}

ProgramLibrary::TranslatedCatalogue ProgramLibrary::ReadTranslatedCatalogue(
    const std::string& language) const {
  TranslatedCatalogue out;
  LoadedCatalogue& loaded = out.loaded;
  loaded.path = (fs::path(dir_) / "exercises.yaml").string();
  std::string error;
  auto text = ReadWholeFile(loaded.path, &error);
  if (!text) {
    loaded.diags.Error({loaded.path, 0, 0}, error);
    return out;
  }
  ParsedYaml parsed = ParseYamlText(*text, loaded.path);
  std::string translation = TranslationFile(dir_, "exercises.yaml", language);
  if (!translation.empty()) {
    auto outcome = ReadAndTranslate(translation, "exercises.yaml", &parsed,
                                    &out.translation_text, &loaded.diags, &out.unreviewed);
    if (!outcome) return out;
    out.english_texts = std::move(outcome->english);
  }
  if (digest_ != nullptr) loaded.digest = digest_(*text + '\0' + out.translation_text);
  loaded.catalogue = LoadCatalogueFile(parsed, &loaded.diags);
  return out;
}

std::shared_ptr<const LoadedProgram> ProgramLibrary::ReadTranslatedProgram(
    const std::string& path, const std::string& language) {
  auto loaded = std::make_shared<LoadedProgram>();
  loaded->path = path;
  loaded->language = language;
  auto text = ReadWholeFile(path, &loaded->read_error);
  if (!text) return loaded;
  loaded->read_error.clear();
  auto catalogue = translated_catalogues_.find(language);
  if (catalogue == translated_catalogues_.end()) {
    catalogue = translated_catalogues_.emplace(language, ReadTranslatedCatalogue(language)).first;
  }
  // The catalogue's problems are reported with the catalogue (as LoadCatalogue's).
  if (!catalogue->second.loaded.catalogue) {
    loaded->diags.Merge(catalogue->second.loaded.diags);
    return loaded;
  }
  ParsedYaml parsed = ParseYamlText(*text, path);
  std::string file = fs::path(path).filename().string();
  std::string translation = TranslationFile(fs::path(path).parent_path(), file, language);
  std::string translation_text;
  std::vector<std::string> english;
  if (!translation.empty()) {
    auto outcome = ReadAndTranslate(translation, file, &parsed, &translation_text, &loaded->diags,
                                    &loaded->unreviewed);
    if (!outcome) return loaded;
    english = std::move(outcome->english);
  } else {
    english.push_back("(all: there is no translation file)");
  }
  if (digest_ != nullptr) {
    loaded->digest = digest_(*text + '\0' + translation_text + '\0' +
                             std::to_string(catalogue->second.loaded.digest));
  }
  auto program = LoadProgramFromCatalogue(parsed, *catalogue->second.loaded.catalogue,
                                          &loaded->diags);
  if (!program) return loaded;
  // The catalogue's texts left in English that this program shows.
  for (const std::string& key : catalogue->second.english_texts) {
    for (const Exercise& e : program->exercises) {
      if (key.starts_with("exercises." + e.id + ".")) english.push_back(key);
    }
  }
  loaded->english_texts = std::move(english);
  loaded->unreviewed.insert(loaded->unreviewed.end(), catalogue->second.unreviewed.begin(),
                            catalogue->second.unreviewed.end());
  loaded->program = std::make_shared<const rehab::Program>(std::move(*program));
  return loaded;
}

std::shared_ptr<const LoadedProgram> ProgramLibrary::LoadProgram(const std::string& path,
                                                                 const std::string& language) {
  if (language == "en") return LoadProgram(path);
  std::lock_guard<std::mutex> lock(translated_mutex_);
  auto key = std::make_pair(path, language);
  auto it = translated_programs_.find(key);
  if (it == translated_programs_.end()) {
    it = translated_programs_.emplace(key, ReadTranslatedProgram(path, language)).first;
    ++program_loads_;
  }
  return it->second;
}

size_t ProgramLibrary::program_loads() const { return program_loads_.load(); }

}  // namespace rehab::cli
