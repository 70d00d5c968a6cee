// The message catalogue. Each language is two tables: the handout's fixed
// texts, {id, text} rows in StringId order (a compile-time check keeps every
// table complete and in order, so a translation cannot silently shift texts),
// and the message templates, {id, template, forms} rows keyed by message id.
#include "planner/present/messages.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <utility>

#include "planner/engine/engine.h"
#include "planner/present/compiled_catalogue.h"
#include "planner/present/messages_tables.h"

namespace rehab {
namespace {

using messages_internal::CompiledCatalogue;
using messages_internal::English;
using messages_internal::MessageRow;
using messages_internal::Table;

constexpr int kManyAbove = 3;

// The catalogues callers added (AddCatalogue), by language tag. Never
// removed, so the texts they hand out stay valid for the process.
struct Catalogues {
  std::shared_mutex mutex;
  std::map<std::string, std::unique_ptr<const CompiledCatalogue>, std::less<>> by_language;
};

Catalogues& AddedCatalogues() {
  static Catalogues catalogues;
  return catalogues;
}

// The catalogue for `language`: its own, else its primary language's
// ("es-MX" and "es_MX" use "es" when there is no "es-MX"); null for English
// and for a language without one.
const CompiledCatalogue* FindCatalogue(const std::string& language) {
  if (language == "en" || language.empty()) return nullptr;  // the common case, without a lock
  Catalogues& c = AddedCatalogues();
  std::shared_lock lock(c.mutex);
  if (auto it = c.by_language.find(language); it != c.by_language.end()) return it->second.get();
  std::string_view primary(language);
  primary = primary.substr(0, primary.find_first_of("-_"));
  if (auto it = c.by_language.find(primary); it != c.by_language.end()) return it->second.get();
  return nullptr;
}

const MessageRow* FindRow(std::span<const MessageRow> rows, std::string_view id) {
  for (const auto& r : rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

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

// The count a row with forms by count is worded for: its `count` argument's
// (CountOf); -1 without one, or without a message to read it from.
int CountFor(const MessageRow& row, const Message* message) {
  if (row.count.empty() || message == nullptr) return -1;
  const MessageValue* v = message->Find(row.count);
  return v != nullptr ? CountOf(*v) : -1;
}

// The row for `id` in `language`, for `message` (null for a word without
// arguments): the English row with each text the language's catalogue
// translates; nullopt when English has no such id. A text with forms by count
// takes the catalogue's form for the message's count (its Plural-Forms), in
// place of English's general and singular forms; a form for 0 or for more
// than three that the catalogue lacks gives way to that form rather than to
// English.
std::optional<MessageRow> FindMessage(std::string_view id, const std::string& language,
                                      const Message* message = nullptr) {
  const MessageRow* english = FindRow(English().messages, id);
  if (english == nullptr) return std::nullopt;
  const CompiledCatalogue* catalogue = FindCatalogue(language);
  if (catalogue == nullptr) return *english;
  MessageRow row = *english;
  const std::string context(id);
  const char* text = nullptr;
  if (english->count.empty()) {
    text = catalogue->Find(context, std::string(english->text).c_str());
  } else {
    // Without a count (none given), the form gettext gives 2 in: a plural.
    const int n = CountFor(*english, message);
    const std::string_view singular = english->one.empty() ? english->text : english->one;
    text = catalogue->FindPlural(context, std::string(singular).c_str(), n < 0 ? 2 : n);
    if (text != nullptr) row.one = {};  // the catalogue's form is already the one for n
  }
  if (text != nullptr) row.text = text;
  for (auto [form, name] : {std::pair{&row.none, "|none"}, std::pair{&row.many, "|many"}}) {
    if (form->empty()) continue;
    const char* translated = catalogue->Find(context + name, std::string(*form).c_str());
    *form = translated != nullptr ? std::string_view(translated)
            : text != nullptr     ? std::string_view()
                                  : *form;
  }
  return row;
}

// A template without arguments ("list.and") in `language`.
std::string_view Word(std::string_view id, const std::string& language) {
  std::optional<MessageRow> r = FindMessage(id, language);
  return r ? r->text : std::string_view();
}

// The decimal point of the number written from `from` on in `out`, as
// `language` writes it ("number.decimal").
void LocalizeDecimal(size_t from, const std::string& language, std::string* out) {
  size_t point = out->find('.', from);
  if (point == std::string::npos) return;
  out->replace(point, 1, Word("number.decimal", language));
}

StringId Offset(StringId first, unsigned offset) {
  return static_cast<StringId>(static_cast<unsigned>(first) + offset);
}

// Expands a template's fields ("{name}", "{name:spec}") from a message's
// arguments, in one pass with no intermediate store. The field syntax is
// fmt's named-field syntax, so the templates read as before:
//   {dates}       a list, joined with the language's "," and "and"
//   {days:, }     a list, joined with the separator after the colon
//   {dates_count} {dates_rest} {dates_first}   a list's size, size - 1, first item
//   {mean:.1f}    a number with an fmt format spec
//   {{ and }}     literal braces
// A field naming an argument the message lacks fails the expansion.
class TemplateExpander {
 public:
  TemplateExpander(const Message& message, const std::string& language, DateStyle dates)
      : message_(message), language_(language), dates_(dates) {}

  // Appends the expansion of `form` to *out; false when a field is unknown or malformed.
  bool Expand(std::string_view form, std::string* out) const {
    size_t i = 0;
    while (i < form.size()) {
      size_t brace = i;
      while (brace < form.size() && form[brace] != '{' && form[brace] != '}') ++brace;
      out->append(form.substr(i, brace - i));
      if (brace == form.size()) break;
      if (brace + 1 < form.size() && form[brace + 1] == form[brace]) {  // "{{" or "}}"
        out->push_back(form[brace]);
        i = brace + 2;
        continue;
      }
      if (form[brace] == '}') return false;
      size_t close = form.find('}', brace);
      if (close == std::string_view::npos) return false;
      std::string_view field = form.substr(brace + 1, close - brace - 1);
      size_t colon = field.find(':');
      std::string_view name = field.substr(0, colon);
      std::string_view spec =
          colon == std::string_view::npos ? std::string_view() : field.substr(colon + 1);
      if (!Field(name, spec, out)) return false;
      i = close + 1;
    }
    return true;
  }

 private:
  bool Field(std::string_view name, std::string_view spec, std::string* out) const {
    if (const MessageValue* v = message_.Find(name)) {
      return std::visit([&](const auto& x) { return Append(x, spec, out); }, *v);
    }
    // The derived fields of a list argument.
    for (std::string_view suffix : {"_count", "_rest", "_first"}) {
      if (name.size() <= suffix.size() || !name.ends_with(suffix)) continue;
      const MessageValue* list = message_.Find(name.substr(0, name.size() - suffix.size()));
      if (list == nullptr) return false;
      return std::visit([&](const auto& x) { return AppendListPart(x, suffix, out); }, *list);
    }
    return false;
  }

  template <typename T>
  static bool AppendNumber(T v, std::string_view spec, std::string* out) {
    auto to = std::back_inserter(*out);
    if (spec.empty()) {
      fmt::format_to(to, "{}", v);
    } else {
      fmt::format_to(to, fmt::runtime(fmt::format("{{:{}}}", spec)), v);
    }
    return true;
  }
  bool Append(int v, std::string_view spec, std::string* out) const {
    return AppendNumber(v, spec, out);
  }
  bool Append(double v, std::string_view spec, std::string* out) const {
    const size_t from = out->size();
    AppendNumber(v, spec, out);
    LocalizeDecimal(from, language_, out);
    return true;
  }
  bool Append(const std::string& v, std::string_view, std::string* out) const {
    out->append(v);
    return true;
  }
  bool Append(Date v, std::string_view, std::string* out) const {
    out->append(Words(v));
    return true;
  }
  bool Append(const StepOf& v, std::string_view, std::string* out) const {
    out->append(Words(v));
    return true;
  }
  bool Append(const ClockTime& v, std::string_view, std::string* out) const {
    out->append(FormatTime(v.minutes));
    return true;
  }
  bool Append(const MeasureValue& v, std::string_view, std::string* out) const {
    out->append(DescribeMeasureValue(v.measure, v.value, language_));
    return true;
  }
  // A list: its items joined with `spec`, or with the language's list words.
  template <typename T>
  bool Append(const std::vector<T>& list, std::string_view spec, std::string* out) const {
    std::string_view comma = Word("list.comma", language_);
    std::string_view and_word = Word("list.and", language_);
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out->append(!spec.empty() ? spec : i + 1 == list.size() ? and_word : comma);
      out->append(Words(list[i]));
    }
    return true;
  }

  // Dates in the short style: a run of three or more days in a row as one
  // range ("9 Nov to 15 Nov"), so a week of diary days reads as one item.
  bool Append(const std::vector<Date>& list, std::string_view spec, std::string* out) const {
    if (dates_ != DateStyle::kShort) return Append<Date>(list, spec, out);
    std::vector<std::string> items;
    for (size_t i = 0; i < list.size();) {
      size_t j = i;
      while (j + 1 < list.size() && list[j + 1] == list[j] + date::days{1}) ++j;
      if (j - i >= 2) {
        items.push_back(fmt::format(fmt::runtime(Text(StringId::kDateRange, language_)),
                                    fmt::arg("from", Words(list[i])),
                                    fmt::arg("to", Words(list[j]))));
        i = j + 1;
      } else {
        items.push_back(Words(list[i]));
        ++i;
      }
    }
    return Append<std::string>(items, spec, out);
  }

  template <typename T>
  bool AppendListPart(const T&, std::string_view, std::string*) const {
    return false;  // not a list
  }
  template <typename T>
  bool AppendListPart(const std::vector<T>& list, std::string_view suffix, std::string* out) const {
    int count = static_cast<int>(list.size());
    if (suffix == "_count") return AppendNumber(count, {}, out);
    if (suffix == "_rest") return AppendNumber(std::max(count - 1, 0), {}, out);
    if (!list.empty()) out->append(Words(list.front()));
    return true;
  }

  static std::string Words(int v) { return std::to_string(v); }
  std::string Words(Date v) const {
    return dates_ == DateStyle::kShort ? ShortDate(v, language_) : FormatDate(v);
  }
  static const std::string& Words(const std::string& v) { return v; }
  std::string Words(Weekday v) const {
    return Text(Offset(StringId::kWeekdaySunShort, static_cast<unsigned>(v)), language_);
  }
  std::string Words(const Message& v) const { return MessageText(v, language_, dates_); }
  std::string Words(const StepOf& v) const {
    Message step("step");
    step.With("n", v.step + 1).With("steps", v.steps);
    std::string out;
    TemplateExpander(step, language_, dates_).Expand(Word("step", language_), &out);
    return out;
  }

  const Message& message_;
  const std::string& language_;
  DateStyle dates_;
};


// The form of `row` for the message's arguments.
std::string_view PickForm(const MessageRow& row, const Message& message) {
  if (row.count.empty()) return row.text;
  const int n = CountFor(row, &message);
  std::string_view form = n == 0 ? row.none : n == 1 ? row.one : n > kManyAbove ? row.many : "";
  return form.empty() ? row.text : form;
}

}  // namespace

std::string MessageText(const Message& message, const std::string& language, DateStyle dates) {
  std::optional<MessageRow> row = FindMessage(message.id, language, &message);
  if (!row) return "";
  std::string_view form = PickForm(*row, message);
  std::string out;
  out.reserve(form.size() + 32);
  if (!TemplateExpander(message, language, dates).Expand(form, &out)) {
    // A template naming an argument the message lacks: the template as it is,
    // so the gap shows (tests check every message the engine emits).
    return std::string(form);
  }
  return out;
}

bool HasMessage(std::string_view id) { return FindRow(English().messages, id) != nullptr; }

namespace {

MessageValue WithoutLadderLength(const MessageValue& value, const std::string& language) {
  if (const auto* step = std::get_if<StepOf>(&value)) {
    return MessageText(Message("calendar.step").With("n", step->step + 1), language);
  }
  if (const auto* list = std::get_if<std::vector<Message>>(&value)) {
    std::vector<Message> out = *list;
    for (auto& m : out) {
      for (auto& arg : m.args) arg.value = WithoutLadderLength(arg.value, language);
    }
    return out;
  }
  return value;
}

}  // namespace

std::string MessageTextWithoutLadderLength(const Message& message, const std::string& language,
                                           DateStyle dates) {
  Message m = message;
  for (auto& arg : m.args) arg.value = WithoutLadderLength(arg.value, language);
  return MessageText(m, language, dates);
}

std::vector<std::string_view> MessageIds() {
  std::vector<std::string_view> out;
  for (const auto& r : English().messages) out.push_back(r.id);
  return out;
}

std::string SurgeonTeamPhone(const CareTeam& team, const std::string& language) {
  if (team.surgeon_team_after_hours_phone.empty()) return team.surgeon_team_phone;
  return MessageText(Message("care.phone.after-hours")
                         .With("phone", team.surgeon_team_phone)
                         .With("after_hours", team.surgeon_team_after_hours_phone),
                     language);
}

namespace {

// The headline `id`, with the care team's `phone` when there is one
// ("Call your surgeon's team today: 555-0100"): the id + ".phone" template.
std::string HeadlineWithPhone(const std::string& id, const std::string& phone,
                              const std::string& language) {
  if (phone.empty()) return MessageText(Message(id), language);
  return MessageText(Message(id + ".phone").With("phone", phone), language);
}

}  // namespace

std::string AlertHeadline(const Patient& patient, Anchor anchor, Urgency urgency,
                          RedFlagStops stops, AlertKind kind, HeadlineForm form) {
  const std::string& language = patient.language;
  const std::string prefix = form == HeadlineForm::kTitle ? "calendar.headline." : "headline.";
  // A calendar title has no room for a number; its description has the full headline.
  const CareTeam* team =
      form == HeadlineForm::kFull && patient.care_team ? &*patient.care_team : nullptr;
  if (kind == AlertKind::kTherapistReview) {
    return HeadlineWithPhone(prefix + "therapist-review", team ? team->clinic_phone : "", language);
  }
  bool surgery = anchor == Anchor::kSurgery;
  // Same-day flags can come at night: the after-hours number too. An
  // appointment is made in office hours.
  std::string surgeon_phone = team && surgery ? SurgeonTeamPhone(*team, language) : "";
  std::string office_phone = team && surgery ? team->surgeon_team_phone : "";
  switch (urgency) {
    case Urgency::kEmergency: {
      EmergencyNumber n = EmergencyNumberFor(patient);
      Message m(prefix + (n.fallback ? "emergency-fallback" : "emergency"));
      return MessageText(m.With("number", n.number), language);
    }
    case Urgency::kSameDay:
      if (!surgery) {
        return MessageText(
            Message(prefix + "same-day" + (stops == RedFlagStops::kAll ? ".stops-all" : "")),
            language);
      }
      return HeadlineWithPhone(
          prefix + "same-day.surgery" + (stops == RedFlagStops::kAll ? ".stops-all" : ""),
          surgeon_phone, language);
    case Urgency::kRoutine:
      if (!surgery) return MessageText(Message(prefix + "routine"), language);
      return HeadlineWithPhone(prefix + "routine.surgery", office_phone, language);
  }
  return "";
}

std::string FormatDecimal(double value, const std::string& language) {
  const double tenths = std::round(value * 10) / 10;
  if (tenths == std::floor(tenths)) return fmt::format("{}", static_cast<long long>(tenths));
  std::string out = fmt::format("{:.1f}", tenths);
  LocalizeDecimal(0, language, &out);
  return out;
}

std::string DescribeMeasureValue(const std::string& measure, double value,
                                 const std::string& language) {
  if (measure == "swelling") {
    int s = std::clamp(static_cast<int>(std::lround(value)), 0, 3);
    return std::string(
        Word(std::string("swelling.") + ToString(static_cast<Swelling>(s)), language));
  }
  std::string number = FormatDecimal(value, language);
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

std::string LogHint(const std::string& measure, const std::string& language) {
  if (measure == "pain" || measure == "morning-pain" || measure == "swelling") {
    return std::string(Word("log-hint." + measure, language));
  }
  return MessageText(Message("log-hint.measure").With("measure", measure), language);
}

const char* Text(StringId id, const std::string& language) {
  auto index = static_cast<std::size_t>(id);
  if (index >= messages_internal::kCount) return "";
  const messages_internal::Row& english = (*English().table)[index];
  if (const CompiledCatalogue* catalogue = FindCatalogue(language)) {
    // A text the catalogue lacks (or leaves empty) stays English.
    if (const char* text = catalogue->Find(english.name, english.text)) return text;
  }
  return english.text;
}

bool HasLanguage(const std::string& language) {
  std::string_view primary(language);
  primary = primary.substr(0, primary.find_first_of("-_"));
  return primary == "en" || FindCatalogue(language) != nullptr;
}

bool HasCatalogue(const std::string& tag) {
  Catalogues& c = AddedCatalogues();
  std::shared_lock lock(c.mutex);
  return c.by_language.contains(tag);
}

std::string AddCatalogue(const std::string& language, const std::string& mo) {
  std::string error;
  std::unique_ptr<const CompiledCatalogue> catalogue = CompiledCatalogue::Read(language, mo, &error);
  if (!catalogue) return error;
  Catalogues& c = AddedCatalogues();
  std::unique_lock lock(c.mutex);
  c.by_language.try_emplace(language, std::move(catalogue));
  return "";
}

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
