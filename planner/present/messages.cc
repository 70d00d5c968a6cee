// The message catalogue. Each language is two tables: the handout's fixed
// texts, {id, text} rows in StringId order (a compile-time check keeps every
// table complete and in order, so a translation cannot silently shift texts),
// and the message templates, {id, template, forms} rows keyed by message id.
#include "planner/present/messages.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <span>
#include <string_view>

#include "planner/engine/engine.h"
#include "planner/present/messages_tables.h"

namespace rehab {
namespace {

using messages_internal::English;
using messages_internal::Language;
using messages_internal::MessageRow;
using messages_internal::Table;

constexpr int kManyAbove = 3;

// Every language with a column in the catalogue.
std::span<const Language* const> Languages() {
  static const Language* const kLanguages[] = {&English()};
  return kLanguages;
}

const Language* FindLanguage(const std::string& language) {
  // "en-GB" and "en_US" use the "en" table.
  std::string_view code(language);
  code = code.substr(0, code.find_first_of("-_"));
  for (const Language* l : Languages()) {
    if (l->code == code) return l;
  }
  return nullptr;
}

const Table* FindTable(const std::string& language) {
  const Language* l = FindLanguage(language);
  return l != nullptr ? l->table : nullptr;
}

const MessageRow* FindRow(std::span<const MessageRow> rows, std::string_view id) {
  for (const auto& r : rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// The row for `id` in `language`, else in English; null when neither has it.
const MessageRow* FindMessage(std::string_view id, const std::string& language) {
  if (const Language* l = FindLanguage(language)) {
    if (const MessageRow* r = FindRow(l->messages, id)) return r;
  }
  return FindRow(English().messages, id);
}

// A template without arguments ("list.and") in `language`.
std::string_view Word(std::string_view id, const std::string& language) {
  const MessageRow* r = FindMessage(id, language);
  return r != nullptr ? r->text : std::string_view();
}

StringId Offset(StringId first, unsigned offset) {
  return static_cast<StringId>(static_cast<unsigned>(first) + offset);
}

// A list argument, worded: the items joined as a list ("a, b and c" with the
// language's words), or with the separator a template gives ("{x:; }").
struct WordList {
  std::vector<std::string> items;
  std::string_view comma;
  std::string_view and_word;
};

}  // namespace
}  // namespace rehab

template <>
struct fmt::formatter<rehab::WordList> {
  std::string_view separator;  // empty: a list with "and"

  constexpr auto parse(format_parse_context& ctx) {
    auto it = ctx.begin();
    while (it != ctx.end() && *it != '}') ++it;
    separator = std::string_view(ctx.begin(), static_cast<size_t>(it - ctx.begin()));
    return it;
  }

  auto format(const rehab::WordList& list, format_context& ctx) const {
    auto out = ctx.out();
    for (size_t i = 0; i < list.items.size(); ++i) {
      if (i > 0) {
        std::string_view sep = !separator.empty()           ? separator
                               : i + 1 == list.items.size() ? list.and_word
                                                            : list.comma;
        out = std::copy(sep.begin(), sep.end(), out);
      }
      out = std::copy(list.items[i].begin(), list.items[i].end(), out);
    }
    return out;
  }
};

namespace rehab {
namespace {

using ArgStore = fmt::dynamic_format_arg_store<fmt::format_context>;

// Words the typed arguments of one message in one language.
class ArgWords {
 public:
  explicit ArgWords(const std::string& language) : language_(language) {}

  void Add(const MessageArg& arg, ArgStore* store) const {
    const std::string& name = arg.name;
    std::visit([&](const auto& v) { AddValue(name, v, store); }, arg.value);
  }

 private:
  void AddValue(const std::string& name, int v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), v));
  }
  void AddValue(const std::string& name, double v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), v));
  }
  void AddValue(const std::string& name, const std::string& v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), v));
  }
  void AddValue(const std::string& name, Date v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), FormatDate(v)));
  }
  void AddValue(const std::string& name, const StepOf& v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), Words(v)));
  }
  void AddValue(const std::string& name, const ClockTime& v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), FormatTime(v.minutes)));
  }
  void AddValue(const std::string& name, const MeasureValue& v, ArgStore* store) const {
    store->push_back(fmt::arg(name.c_str(), DescribeMeasureValue(v.measure, v.value, language_)));
  }
  template <typename T>
  void AddValue(const std::string& name, const std::vector<T>& list, ArgStore* store) const {
    WordList words{{}, Word("list.comma", language_), Word("list.and", language_)};
    words.items.reserve(list.size());
    for (const auto& item : list) words.items.push_back(Words(item));
    int count = static_cast<int>(list.size());
    store->push_back(fmt::arg((name + "_count").c_str(), count));
    store->push_back(fmt::arg((name + "_rest").c_str(), std::max(count - 1, 0)));
    store->push_back(
        fmt::arg((name + "_first").c_str(), list.empty() ? std::string() : words.items.front()));
    store->push_back(fmt::arg(name.c_str(), std::move(words)));
  }

  std::string Words(int v) const { return std::to_string(v); }
  std::string Words(Date v) const { return FormatDate(v); }
  std::string Words(const std::string& v) const { return v; }
  std::string Words(Weekday v) const {
    return Text(Offset(StringId::kWeekdaySunShort, static_cast<unsigned>(v)), language_);
  }
  std::string Words(const Message& v) const { return MessageText(v, language_); }
  std::string Words(const StepOf& v) const {
    return fmt::format(fmt::runtime(Word("step", language_)), fmt::arg("n", v.step + 1),
                       fmt::arg("steps", v.steps));
  }

  const std::string& language_;
};

// The size of a list or the value of a number argument; -1 for others.
int CountOf(const MessageValue& v) {
  return std::visit(
      [](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, int>) {
          return x;
        } else if constexpr (requires { x.size(); } && !std::is_same_v<T, std::string>) {
          return static_cast<int>(x.size());
        } else {
          return -1;
        }
      },
      v);
}

// The form of `row` for the message's arguments.
std::string_view PickForm(const MessageRow& row, const Message& message) {
  if (row.count.empty()) return row.text;
  const MessageValue* v = message.Find(row.count);
  int n = v != nullptr ? CountOf(*v) : -1;
  std::string_view form = n == 0 ? row.none : n == 1 ? row.one : n > kManyAbove ? row.many : "";
  return form.empty() ? row.text : form;
}

}  // namespace

std::string MessageText(const Message& message, const std::string& language) {
  const MessageRow* row = FindMessage(message.id, language);
  if (row == nullptr) return "";
  std::string_view form = PickForm(*row, message);
  ArgStore store;
  ArgWords words(language);
  for (const auto& arg : message.args) words.Add(arg, &store);
  try {
    return fmt::vformat(fmt::string_view(form.data(), form.size()), store);
  } catch (const fmt::format_error&) {
    // A template naming an argument the message lacks: the template as it is,
    // so the gap shows (tests check every message the engine emits).
    return std::string(form);
  }
}

bool HasMessage(std::string_view id) { return FindRow(English().messages, id) != nullptr; }

std::vector<std::string_view> MessageIds() {
  std::vector<std::string_view> out;
  for (const auto& r : English().messages) out.push_back(r.id);
  return out;
}

std::string AlertHeadline(const Patient& patient, Anchor anchor, Urgency urgency,
                          RedFlagStops stops, AlertKind kind) {
  const std::string& language = patient.language;
  if (kind == AlertKind::kTherapistReview) {
    return MessageText(Message("headline.therapist-review"), language);
  }
  std::string surgery = anchor == Anchor::kSurgery ? ".surgery" : "";
  switch (urgency) {
    case Urgency::kEmergency: {
      EmergencyNumber n = EmergencyNumberFor(patient);
      Message m(n.fallback ? "headline.emergency-fallback" : "headline.emergency");
      return MessageText(m.With("number", n.number), language);
    }
    case Urgency::kSameDay:
      return MessageText(Message("headline.same-day" + surgery +
                                 (stops == RedFlagStops::kAll ? ".stops-all" : "")),
                         language);
    case Urgency::kRoutine:
      return MessageText(Message("headline.routine" + surgery), language);
  }
  return "";
}

std::string DescribeMeasureValue(const std::string& measure, double value,
                                 const std::string& language) {
  if (measure == "swelling") {
    int s = std::clamp(static_cast<int>(std::lround(value)), 0, 3);
    return std::string(
        Word(std::string("swelling.") + ToString(static_cast<Swelling>(s)), language));
  }
  std::string number = value == std::floor(value) ? fmt::format("{}", static_cast<long>(value))
                                                  : fmt::format("{:.1f}", value);
  if (measure == "pain" || measure == "morning-pain") return number + "/10";
  // The units docs/formats/program.md gives for the documented measures.
  static const std::map<std::string, std::string, std::less<>> kUnits = {
      {"flexion", "°"},           {"extension", "°"},      {"extension-lag", "°"},
      {"extension-deficit", "°"}, {"quad-strength", " %"}, {"hamstring-strength", " %"},
      {"hop-symmetry", " %"},     {"walk-distance", " m"}};
  auto unit = kUnits.find(measure);
  return number + (unit == kUnits.end() ? "" : unit->second);
}

std::string DescribeTarget(const Criterion& criterion, const std::string& language) {
  return MessageText(TargetOf(criterion), language);
}

std::string LogHint(const std::string& measure) {
  if (measure == "pain") return "pain during exercise (--during N)";
  if (measure == "morning-pain") return "pain the next morning (--morning N)";
  if (measure == "swelling") return "swelling (--swelling none|mild|moderate|severe)";
  return fmt::format("{} (--measure {}=VALUE)", measure, measure);
}

const char* Text(StringId id, const std::string& language) {
  auto index = static_cast<std::size_t>(id);
  if (index >= messages_internal::kCount) return "";
  const Table* table = FindTable(language);
  // An empty translation is "not yet translated", except where English is
  // empty too.
  if (table != nullptr && (*table)[index].text[0] != '\0') return (*table)[index].text;
  return (*English().table)[index].text;
}

bool HasLanguage(const std::string& language) { return FindTable(language) != nullptr; }

std::string WeekdayName(Date d, const std::string& language) {
  unsigned wd = date::weekday(d).c_encoding();
  return Text(Offset(StringId::kWeekdaySunShort, wd), language);
}

std::string LongDate(Date d, const std::string& language) {
  date::year_month_day ymd(d);
  unsigned wd = date::weekday(d).c_encoding();
  unsigned month = static_cast<unsigned>(ymd.month()) - 1;
  return fmt::format(fmt::runtime(Text(StringId::kDateLong, language)),
                     fmt::arg("weekday", Text(Offset(StringId::kWeekdaySun, wd), language)),
                     fmt::arg("day", static_cast<unsigned>(ymd.day())),
                     fmt::arg("month", Text(Offset(StringId::kMonthJan, month), language)),
                     fmt::arg("year", static_cast<int>(ymd.year())));
}

std::string ShortDate(Date d, const std::string& language) {
  date::year_month_day ymd(d);
  unsigned month = static_cast<unsigned>(ymd.month()) - 1;
  return fmt::format(fmt::runtime(Text(StringId::kDateShort, language)),
                     fmt::arg("day", static_cast<unsigned>(ymd.day())),
                     fmt::arg("month", Text(Offset(StringId::kMonthJanShort, month), language)));
}

}  // namespace rehab
