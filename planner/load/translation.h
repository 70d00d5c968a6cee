// Translations of a program's patient-facing texts: the files under
// programs/i18n/<language>/ (docs/translations.md). Each holds, for one
// program file, its texts in one language, keyed by where the English text is
// in the program ("title", "phases.early.goals.0", ...), each with the hash
// of the English it translates, so a text whose English changed since is
// found. This file reads them, checks one against its program, and puts one
// into a parsed program (or catalogue) before it is loaded.
#ifndef REHAB_PLANNER_LOAD_TRANSLATION_H_
#define REHAB_PLANNER_LOAD_TRANSLATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/load/yaml_loader.h"

namespace rehab {

// One patient-facing text of a program file, as written there.
struct TranslatableText {
  std::string key;      // where it is: "title", "exercises.heel-slide.equipment.0", ...
  std::string english;  // the scalar's value
  SourceLoc loc;        // where the value is in the program file
};

// Every patient-facing text of the program file `text`, in file order within
// the order of docs/translations.md: title, condition, summary; education,
// exercises, modalities, outcome measures, phases, red flags (each item's
// texts, then its list items, an exercise's ladder notes and a phase's exit
// criteria); restriction reasons. Only the file's own texts: an exercise taken
// from the catalogue unchanged has none here. A program that does not parse
// is reported into `diags`, and the result is nullopt.
std::optional<std::vector<TranslatableText>> TranslatableTexts(std::string_view text,
                                                               const std::string& file,
                                                               Diagnostics* diags);

// A language tag as the files and the patient file give it: two or three
// lowercase letters, then any number of "-" and two to eight letters or
// digits ("es", "pt-BR", "en-XA").
bool IsLanguageTag(std::string_view tag);

// The hash a translation keeps of the English it translates: FNV-1a 64 of the
// text's UTF-8 bytes, as 16 lowercase hexadecimal digits.
std::string SourceHash(std::string_view english);

// A translation file, as read.
struct Translation {
  struct Entry {
    std::string key;
    std::string source;  // the hash of the English translated
    std::string text;    // the translation
    SourceLoc key_loc, source_loc;
  };
  // Who checked the translation against the English, and when: a clinician
  // who reads the language (docs/translations.md). None until someone has.
  struct Review {
    std::string by;    // "Dr. Ana García, PT"
    std::string date;  // "2027-01-15"
  };
  std::string language;    // "es", "en-XA"
  std::string translates;  // the program's file name: "total-knee-replacement.yaml"
  std::optional<Review> reviewed;
  SourceLoc language_loc, translates_loc, texts_loc;
  std::vector<Entry> entries;
};

// Reads a translation file (keys language, translates, texts; each text a
// map of source and text; optionally reviewed: by and date). Every problem is reported; nullopt on any error.
std::optional<Translation> LoadTranslation(std::string_view text, const std::string& file,
                                           Diagnostics* diags);

// Checks `translation` against the texts of the program it translates: each
// English text translated, from the English it is now (a stale source hash is
// an error, with a note at the English in the program), and no key that is
// not a text of the program. True when there is nothing to report.
bool CheckTranslation(const Translation& translation, const std::vector<TranslatableText>& english,
                      Diagnostics* diags);

// What Translate did to a parsed file.
struct TranslationOutcome {
  int translated = 0;                 // texts now in the translation's language
  std::vector<std::string> english;   // keys of the texts left in English: not
                                      // translated, or translated from an older English
};

// Puts into `parsed` (a program's or the catalogue's file, as ParseYamlText
// gave it) the translation of each of its texts that `translation` translates
// from the English there now; the file's other texts keep their English (a
// translation of an older English could say what the program no longer says).
// Then LoadProgram / LoadCatalogueFile load the translated file as they would
// the English one; diagnostics still point into the English file.
TranslationOutcome Translate(const Translation& translation, ParsedYaml* parsed);

}  // namespace rehab

#endif  // REHAB_PLANNER_LOAD_TRANSLATION_H_
