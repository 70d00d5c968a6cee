// The pseudo-locale en-XA (issue 21): every English text of the interface
// catalogue and of the programs, bracketed, lengthened by about 40 % and
// with accented letters, written as a language is added (docs/translations.md:
// a .po compiled by msgfmt, and programs/i18n/en-XA/). A text that reaches a
// page without a bracket bypassed the catalogue; a layout that holds the
// pseudo texts holds longer words.
#ifndef REHAB_TESTS_SUPPORT_PSEUDO_LOCALE_H_
#define REHAB_TESTS_SUPPORT_PSEUDO_LOCALE_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace rehab::testing {

inline constexpr char kPseudoLanguage[] = "en-XA";
inline constexpr char kPseudoOpen[] = "[";
inline constexpr char kPseudoClose[] = "]";

// `english` in the pseudo-locale: "Exercise {n} of {total}" becomes
// "[Éxérçísé {n} óf {total} ōñé ţŵó ţĥŕéé]". Placeholders stay as they are; a text
// without a letter ("–", "") stays as it is.
std::string Pseudo(std::string_view english);

// Where WritePseudoLocale put the language.
struct PseudoLocale {
  std::filesystem::path programs;  // for REHAB_PROGRAMS_DIR
  std::filesystem::path locale;    // for REHAB_LOCALE_DIR: en-XA.mo
};

// Writes the pseudo-locale under `dir`: a copy of programs/ with
// i18n/en-XA/ beside i18n/es/, and locale/en-XA.mo compiled by msgfmt
// --check from po/rehab.pot. Fails the calling test (and returns an empty
// locale) when a step fails.
PseudoLocale WritePseudoLocale(const std::filesystem::path& dir);

// `text` with every bracketed piece (nested ones too) removed: what is left
// on a pseudo-locale page did not come through a translation.
std::string OutsideBrackets(std::string_view text);

}  // namespace rehab::testing

#endif  // REHAB_TESTS_SUPPORT_PSEUDO_LOCALE_H_
