// Reading a .mo catalogue from memory with Boost.Locale (compiled_catalogue.h).
#include "planner/present/compiled_catalogue.h"

#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>

#include <exception>
#include <utility>
#include <vector>

namespace rehab::messages_internal {
namespace {

constexpr const char* kDomain = "rehab";

}  // namespace

CompiledCatalogue::CompiledCatalogue(std::locale locale,
                                     const boost::locale::message_format<char>* facet)
    : locale_(std::move(locale)), facet_(facet) {}

CompiledCatalogue::~CompiledCatalogue() = default;

std::unique_ptr<const CompiledCatalogue> CompiledCatalogue::Read(const std::string& language,
                                                                 const std::string& mo,
                                                                 std::string* error) {
  namespace gettext = boost::locale::gnu_gettext;
  gettext::messages_info info;
  info.language = language;
  info.encoding = "UTF-8";
  info.domains.push_back(gettext::messages_info::domain(std::string(kDomain) + "/UTF-8"));
  // Boost.Locale asks for PATH/LANGUAGE/LC_MESSAGES/rehab.mo in each path: the
  // one path is a name, never opened; the bytes are the caller's.
  info.paths.push_back("memory:");
  bool asked = false;
  info.callback = [&](const std::string& file, const std::string&) {
    if (file != "memory:/" + language + "/LC_MESSAGES/" + kDomain + ".mo") {
      return std::vector<char>();
    }
    asked = true;
    return std::vector<char>(mo.begin(), mo.end());
  };
  boost::locale::message_format<char>* facet = nullptr;
  try {
    facet = gettext::create_messages_facet<char>(info);
  } catch (const std::exception& e) {
    *error = std::string("not a compiled gettext catalogue: ") + e.what();
    return nullptr;
  }
  if (facet == nullptr) {
    *error = "not a compiled gettext catalogue";
    return nullptr;
  }
  // The locale owns the facet from here, and deletes it with itself.
  std::locale locale(std::locale::classic(), facet);
  if (!asked) {
    *error = "not a compiled gettext catalogue";
    return nullptr;
  }
  return std::unique_ptr<const CompiledCatalogue>(new CompiledCatalogue(std::move(locale), facet));
}

const char* CompiledCatalogue::Find(const std::string& context, const char* english) const {
  if (english == nullptr || *english == '\0') return nullptr;
  const char* text = facet_->get(0, context.c_str(), english);
  return text != nullptr && *text != '\0' ? text : nullptr;
}

const char* CompiledCatalogue::FindPlural(const std::string& context, const char* english,
                                          int n) const {
  if (english == nullptr || *english == '\0') return nullptr;
  const char* text = facet_->get(0, context.c_str(), english, n);
  return text != nullptr && *text != '\0' ? text : nullptr;
}

}  // namespace rehab::messages_internal
