// The programs the verbs plan with: the built-in ones (a folder of program
// files and their shared exercise catalogue) and program files by path, each
// read and loaded at most once per library and shared by everyone who asks
// (every patient of a batch, every request of a server). The files are read
// here; parsing and checking stay in planner/load.
#ifndef REHAB_CLI_PROGRAM_LIBRARY_H_
#define REHAB_CLI_PROGRAM_LIBRARY_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/model/model.h"

namespace rehab::cli {

// The folder of built-in programs: $REHAB_PROGRAMS_DIR, else the source
// tree's programs/ this binary was built from.
std::string ProgramsDir();

// The exercise catalogue, as loaded from its file.
struct LoadedCatalogue {
  std::string path;
  uint64_t digest = 0;  // of the file's bytes (0 when unread, or without a digest function)
  Diagnostics diags;    // the load's diagnostics; a read error is one of them
  std::optional<Catalogue> catalogue;  // nullopt when it failed to load
};

// A program file, as loaded against the catalogue.
struct LoadedProgram {
  std::string path;
  uint64_t digest = 0;     // of the file's bytes (0 when unread, or without a digest function)
  std::string read_error;  // "cannot read 'x': reason" when the file could not be read
  Diagnostics diags;       // the program's own diagnostics (not the catalogue's)
  // Null when it failed to load, or when the catalogue did.
  std::shared_ptr<const Program> program;
  // The language of its texts, and for one but English: the keys of the
  // texts left in English, having no translation from the English they are
  // now ("title"; "exercises.quad-set.name" for the catalogue's).
  std::string language = "en";
  std::vector<std::string> english_texts;
  // The translation files it was translated with that name no clinician's
  // review (`reviewed:`, docs/translations.md).
  std::vector<std::string> unreviewed;
};

// Thread-safe: every method may be called from many threads at once.
class ProgramLibrary {
 public:
  // A digest of a file's bytes, recorded in LoadedCatalogue/LoadedProgram.
  using Digest = uint64_t (*)(std::string_view bytes);

  // Nothing is read until asked for. `dir` holds the built-in programs
  // (DIR/ID.yaml) and the catalogue (DIR/exercises.yaml).
  explicit ProgramLibrary(std::string dir = ProgramsDir(), Digest digest = nullptr);
  ~ProgramLibrary();
  ProgramLibrary(const ProgramLibrary&) = delete;
  ProgramLibrary& operator=(const ProgramLibrary&) = delete;

  // Ids of the built-in programs (DIR/*.yaml but the catalogue), sorted;
  // the folder is listed on the first call.
  const std::vector<std::string>& BuiltinIds();

  // DIR/ID.yaml, the file of a built-in program.
  std::string BuiltinFile(const std::string& id) const;

  // The file of program NAME: a path (it has a '/' or ends in .yaml or .yml)
  // as given, or, with `relative_to`, joined to it and normalised; a built-in
  // id's DIR/ID.yaml; nullopt for an unknown id.
  std::optional<std::string> FileOf(const std::string& name,
                                    const std::filesystem::path* relative_to = nullptr);

  // "unknown program 'x', did you mean 'y'?" for a name FileOf did not know.
  std::string UnknownProgramMessage(const std::string& name);

  // Starts loading the catalogue on another thread, unless it has started.
  void StartLoadingCatalogue();

  // The catalogue, loaded once (waits for a load StartLoadingCatalogue began).
  const LoadedCatalogue& LoadCatalogue();

  // The program file at `path`, read, parsed and checked against the
  // catalogue on the first call for that path; later calls (from any thread)
  // share the result, waiting for a load under way.
  std::shared_ptr<const LoadedProgram> LoadProgram(const std::string& path);

  // The same for many paths, in order; the files not loaded yet are all read
  // and parsed before the catalogue is waited for.
  std::vector<std::shared_ptr<const LoadedProgram>> LoadPrograms(
      const std::vector<std::string>& paths);

  // The program file at `path` with its patient-facing texts in `language`
  // (a language tag, "es"): each translated from the English it is now by
  // the file's translation, PATH's folder/i18n/LANGUAGE/FILE (for "es-MX",
  // i18n/es/ when there is no i18n/es-MX/), and each exercise the catalogue
  // gives by DIR/i18n/LANGUAGE/exercises.yaml; a text with none keeps its
  // English (listed in english_texts). A translation file that does not
  // load is an error of the program. "en" is LoadProgram(path). Loaded once
  // per path and language.
  std::shared_ptr<const LoadedProgram> LoadProgram(const std::string& path,
                                                   const std::string& language);

  // How many program files this library has loaded (each path counts once).
  size_t program_loads() const;

 private:
  struct Claim;
  using Future = std::shared_future<std::shared_ptr<const LoadedProgram>>;
  LoadedCatalogue ReadCatalogue() const;
  // The catalogue with its texts in `language`, and the keys left in English.
  struct TranslatedCatalogue {
    LoadedCatalogue loaded;
    std::string translation_text;
    std::vector<std::string> english_texts;
    std::vector<std::string> unreviewed;  // as LoadedProgram's
  };
  TranslatedCatalogue ReadTranslatedCatalogue(const std::string& language) const;
  std::shared_ptr<const LoadedProgram> ReadTranslatedProgram(const std::string& path,
                                                             const std::string& language);
  void ReadAndParse(Claim* claim) const;
  void LoadClaimed(std::vector<Claim>* claims);

  const std::string dir_;
  const Digest digest_;
  std::once_flag ids_once_;
  std::vector<std::string> ids_;
  std::atomic<size_t> program_loads_{0};
  mutable std::mutex mutex_;
  std::shared_future<LoadedCatalogue> catalogue_;
  std::map<std::string, Future> programs_;
  // Translated loads, rarer: loaded one at a time, under their own lock.
  std::mutex translated_mutex_;
  std::map<std::string, TranslatedCatalogue> translated_catalogues_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const LoadedProgram>>
      translated_programs_;
};

}  // namespace rehab::cli

#endif  // REHAB_CLI_PROGRAM_LIBRARY_H_
