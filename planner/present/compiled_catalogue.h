// One language's interface texts as a compiled gettext catalogue: the bytes
// of a .mo file (msgfmt's output for po/<language>.po), read with
// Boost.Locale's gettext reader from memory. The library reads no file: the
// caller hands it the bytes (AddCatalogue, messages.h). Internal to
// planner/present/messages.cc.
#ifndef REHAB_PLANNER_PRESENT_COMPILED_CATALOGUE_H_
#define REHAB_PLANNER_PRESENT_COMPILED_CATALOGUE_H_

#include <locale>
#include <memory>
#include <string>

namespace boost::locale {
template <typename CharType>
class message_format;
}  // namespace boost::locale

namespace rehab::messages_internal {

class CompiledCatalogue {
 public:
  // The catalogue of `language` ("es") in `mo` (a .mo file's bytes); null
  // after setting *error when they are not one.
  static std::unique_ptr<const CompiledCatalogue> Read(const std::string& language,
                                                       const std::string& mo,
                                                       std::string* error);
  ~CompiledCatalogue();
  CompiledCatalogue(const CompiledCatalogue&) = delete;
  CompiledCatalogue& operator=(const CompiledCatalogue&) = delete;

  // The translation of `english` in context `context` (its msgctxt, the
  // text's id); null when the catalogue has none (or an empty one). Stays
  // valid as long as the catalogue.
  const char* Find(const std::string& context, const char* english) const;

  // The form for the count `n` of the text with forms by count whose English
  // singular is `english` (a plural entry, msgid_plural): msgstr[i] for the i
  // the catalogue's Plural-Forms gives `n`. Null as Find.
  const char* FindPlural(const std::string& context, const char* english, int n) const;

 private:
  // A facet is owned by the locale it is in (its destructor is not public).
  CompiledCatalogue(std::locale locale, const boost::locale::message_format<char>* facet);
  std::locale locale_;
  const boost::locale::message_format<char>* facet_;
};

}  // namespace rehab::messages_internal

#endif  // REHAB_PLANNER_PRESENT_COMPILED_CATALOGUE_H_
