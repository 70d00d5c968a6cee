// The languages a plan can be written in: English, built in, and each whose
// compiled catalogue (<build>/locale/<language>.mo, from po/<language>.po)
// the CLI finds and hands to the library (docs/translations.md).
#ifndef REHAB_CLI_LANGUAGES_H_
#define REHAB_CLI_LANGUAGES_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace rehab::cli {

class ProgramLibrary;
struct LoadedProgram;

// The language of what the CLI itself says on the terminal (errors,
// warnings, usage): English; a plan's language is its patient's.
inline constexpr char kDiagnosticLanguage[] = "en";

// The folder of the compiled catalogues: $REHAB_LOCALE_DIR, else the build's.
std::string LocaleDir();

// The languages there are: "en" and one per catalogue in LocaleDir(), sorted.
std::vector<std::string> AvailableLanguages();

// Makes `language` (a language tag) usable for the texts of a plan: English
// always is; another needs its catalogue, LocaleDir()/<language>.mo (for
// "es-MX" es-MX.mo, else es.mo), read and given to the library the first
// time. False after printing why not on `err` ("rehab: there is no catalogue
// for the language 'xx' (there are: en, es)").
bool UseLanguage(const std::string& language, std::ostream& err);

// The digest of the catalogue file UseLanguage read for `language` (its own
// or its primary language's); 0 for English built in, or one not used yet.
// A batch hashes it with a patient's inputs, so that a corrected translation
// reaches that patient's next output.
uint64_t CatalogueDigest(const std::string& language);

// Why `language` cannot be used: "there is no catalogue for the language 'xx'
// (there are: en, es); docs/translations.md says how to add one".
std::string NoCatalogueMessage(const std::string& language);

// The program file at `path` with its texts in `language`: for English the
// program as it is; for another, once UseLanguage made it usable, the program
// translated (ProgramLibrary::LoadProgram). Null after printing on `err` why
// the language cannot be used. The program's own load errors are the
// caller's to report, as for LoadProgram.
std::shared_ptr<const LoadedProgram> LoadProgramIn(ProgramLibrary* library,
                                                   const std::string& path,
                                                   const std::string& language,
                                                   std::ostream& err);

// What a therapist is warned of before a plan in a translation goes to a
// patient: texts of the program left in English, and translation files no
// clinician has reviewed. "" for English, or for a complete, reviewed one.
std::string TranslationWarnings(const LoadedProgram& loaded);

}  // namespace rehab::cli

#endif  // REHAB_CLI_LANGUAGES_H_
