// The message catalogue's English tables (internal to
// planner/present/messages.cc and messages_en.cc).
#ifndef REHAB_PLANNER_PRESENT_MESSAGES_TABLES_H_
#define REHAB_PLANNER_PRESENT_MESSAGES_TABLES_H_

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "planner/present/messages.h"

namespace rehab::messages_internal {

struct Row {
  StringId id;
  const char* name;  // the id's name, "kAlertHeading": its msgctxt in po/
  const char* text;
};

// A row of a Table: REHAB_TEXT(kAlertHeading, "Important: act now").
#define REHAB_TEXT(id, text) ::rehab::messages_internal::Row{::rehab::StringId::id, #id, text}

constexpr std::size_t kCount = static_cast<std::size_t>(StringId::kCount);
using Table = std::array<Row, kCount>;

// One message template. Its fields are fmt named fields over the message's
// arguments. With `count` set (the name of a list or number argument), the
// form is picked by that value: `none` for 0, `one` for 1, `many` for more
// than three, `text` otherwise (and wherever the picked form is empty).
struct MessageRow {
  std::string_view id;
  std::string_view text;
  std::string_view count = {};
  std::string_view none = {};
  std::string_view one = {};
  std::string_view many = {};
};

struct Language {
  std::string_view code;
  const Table* table;
  std::span<const MessageRow> messages;
};

// True when `table` lists every StringId once, in enum order, each with a text.
constexpr bool InOrder(const Table& table) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (static_cast<std::size_t>(table[i].id) != i || table[i].text == nullptr) return false;
  }
  return true;
}

// English, the built-in language and the fallback of every other; those come
// as compiled gettext catalogues (AddCatalogue, messages.h), whose msgctxt
// is a Row's name or a MessageRow's id (po/rehab.pot).
const Language& English();

}  // namespace rehab::messages_internal

#endif  // REHAB_PLANNER_PRESENT_MESSAGES_TABLES_H_
