// The languages a plan can be written in: English, built in, and each whose
// compiled catalogue (<build>/locale/<language>.mo, from po/<language>.po)
// the CLI finds and hands to the library (docs/translations.md).
#ifndef REHAB_CLI_LANGUAGES_H_
#define REHAB_CLI_LANGUAGES_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace rehab::cli {

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

}  // namespace rehab::cli

#endif  // REHAB_CLI_LANGUAGES_H_
