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

namespace rehab {
namespace {

struct Row {
  StringId id;
  const char* text;
};

constexpr std::size_t kCount = static_cast<std::size_t>(StringId::kCount);
using Table = std::array<Row, kCount>;

// British/international English; the fallback for every language.
constexpr Table kEnglish = {{
    {StringId::kDocumentKicker, "Your exercise plan"},
    {StringId::kPatientLabel, "Patient"},
    {StringId::kPlanDatesLabel, "Plan"},
    {StringId::kDateRange, "{from} to {to}"},
    {StringId::kSurgeryLabel, "Surgery"},
    {StringId::kProgramVersion, "Program version {n}"},
    {StringId::kWeightsIn, "Weights are given in {unit}."},
    {StringId::kUnitKgWord, "kilograms (kg)"},
    {StringId::kUnitLbWord, "pounds (lb)"},

    {StringId::kAlertHeading, "Important: act now"},
    {StringId::kAlertStopExercise, "Stop your exercises until a doctor has checked you."},
    {StringId::kAlertSince, "Since {date}."},
    {StringId::kAlertTherapistReview, "Please show this plan to your therapist."},
    {StringId::kAlertKeepEssentials,
     "Stop your exercises until a doctor has checked you, except the essential ones, which "
     "keep your circulation and movement going: {names}."},

    {StringId::kRedFlagsHeading, "Warning signs and what to do"},
    {StringId::kRedFlagsIntro, "If you notice any of these, do what it says, as soon as it says:"},
    {StringId::kRedFlagsNone, "If something worries you, stop and ask your doctor or therapist."},
    {StringId::kUrgencyEmergency, "Emergency"},
    {StringId::kUrgencySameDay, "Today"},
    {StringId::kUrgencyRoutine, "Soon"},

    {StringId::kTimelineHeading, "Your phases"},
    {StringId::kTimelineToday, "Today"},
    {StringId::kTimelineNow, "you are here"},

    {StringId::kWeekHeading, "This week: {from} to {to}"},
    {StringId::kWeekIntro, "Tick a box each time you do it."},
    {StringId::kWeekExerciseColumn, "Exercise"},
    {StringId::kWeekStopped, "Stop"},
    {StringId::kWeekNotPlanned, "\u2013"},
    {StringId::kWeekOutsidePlan, ""},
    {StringId::kWeekStoppedNote,
     "\u201cStop\u201d means no exercises that day: see the box at the top."},
    {StringId::kWeekEmpty, "No exercises are planned this week."},

    {StringId::kPhaseHeading, "Your exercises now: {phase}"},
    {StringId::kPhaseDates, "{from} to {to}"},
    {StringId::kPhaseGoals, "Goals of this phase"},
    {StringId::kCardNumber, "Exercise {n} of {total}"},
    {StringId::kCardEnd, "(end of exercise {n})"},
    {StringId::kCardHowMuch, "How much"},
    {StringId::kCardHowOften, "How often"},
    {StringId::kCardHowTo, "How to do it"},
    {StringId::kCardStopIf, "Stop if"},
    {StringId::kCardStopIfDefault, "the pain goes above {max} out of 10, or you feel unwell."},
    {StringId::kCardEquipment, "You need"},
    {StringId::kCardDoseChanges, "From {date}: {dose}"},
    {StringId::kCardNone, "No exercises in this phase."},
    {StringId::kTimesPerDayOnce, "once a day"},
    {StringId::kTimesPerDay, "{n} times a day"},
    {StringId::kEveryDay, "every day"},
    {StringId::kDaysPerWeek, "{n} days a week"},

    {StringId::kModalityHeading, "Ice and heat"},
    {StringId::kModalityName, "What"},
    {StringId::kModalityMinutes, "How long"},
    {StringId::kModalityTimes, "When"},
    {StringId::kModalityMinutesValue, "{n} minutes"},
    {StringId::kModalityBefore, "before exercise"},
    {StringId::kModalityAfter, "after exercise"},
    {StringId::kModalityNotIf, "Do not use if: {list}"},
    {StringId::kModalityNone, "No ice or heat this week."},

    {StringId::kPainHeading, "Your pain"},
    {StringId::kPainIntro,
     "From your pain diary. The shaded band is pain that is fine while exercising (0 to {max})."},
    {StringId::kPainNoEntries,
     "No diary entries yet. Write down your pain after each session and your chart will appear "
     "here."},
    {StringId::kPainAxis, "Pain (0 = none, 10 = worst)"},
    {StringId::kPainDuring, "During exercise"},
    {StringId::kPainAfter, "After exercise"},
    {StringId::kPainMorning, "Next morning"},
    {StringId::kPainAcceptable, "Acceptable pain (0 to {max})"},
    {StringId::kPainChangesHeading, "When your plan changed, and why"},
    {StringId::kChangeUp, "made harder"},
    {StringId::kChangeHold, "kept the same"},
    {StringId::kChangeBack, "made easier"},
    {StringId::kChangeStop, "stopped"},
    {StringId::kChangeResume, "started again"},
    {StringId::kChangeStart, "started"},

    {StringId::kEducationHeading, "Good to know"},
    {StringId::kNextPhaseHeading, "Coming next: {phase}"},
    {StringId::kNextPhaseStarts, "Starts around {date}, once:"},
    {StringId::kNextPhaseStartsPlain, "Starts around {date}."},
    {StringId::kNextPhaseExercises, "Exercises in that phase"},
    {StringId::kSourcesHeading, "Sources"},
    {StringId::kFooter, "Plan for {patient}. Ask your therapist if anything is unclear."},

    {StringId::kLogHeading, "What to write in your diary"},
    {StringId::kLogEveryDay,
     "Each day you exercise, write down your pain during and just after the exercises, your pain "
     "the next morning (0 to 10) and any swelling."},
    {StringId::kLogBeforeNext,
     "Your therapist will check your progress before the next stage. Write these down in the "
     "week before {date}, and again when they change:"},
    {StringId::kLogNow,
     "Your therapist will check your progress before the next stage. Write these down now, and "
     "again when they change:"},
    {StringId::kLogWriteAs, "Write it as \u201c{name}=\u201d and the number."},
    {StringId::kLogDaily, "This is part of your daily entry."},
    {StringId::kLogNotYet, "Not in your diary yet."},
    {StringId::kLogLatest, "Last written: {value} on {date}."},

    {StringId::kWeekdaySun, "Sunday"},
    {StringId::kWeekdayMon, "Monday"},
    {StringId::kWeekdayTue, "Tuesday"},
    {StringId::kWeekdayWed, "Wednesday"},
    {StringId::kWeekdayThu, "Thursday"},
    {StringId::kWeekdayFri, "Friday"},
    {StringId::kWeekdaySat, "Saturday"},
    {StringId::kWeekdaySunShort, "Sun"},
    {StringId::kWeekdayMonShort, "Mon"},
    {StringId::kWeekdayTueShort, "Tue"},
    {StringId::kWeekdayWedShort, "Wed"},
    {StringId::kWeekdayThuShort, "Thu"},
    {StringId::kWeekdayFriShort, "Fri"},
    {StringId::kWeekdaySatShort, "Sat"},
    {StringId::kMonthJan, "January"},
    {StringId::kMonthFeb, "February"},
    {StringId::kMonthMar, "March"},
    {StringId::kMonthApr, "April"},
    {StringId::kMonthMay, "May"},
    {StringId::kMonthJun, "June"},
    {StringId::kMonthJul, "July"},
    {StringId::kMonthAug, "August"},
    {StringId::kMonthSep, "September"},
    {StringId::kMonthOct, "October"},
    {StringId::kMonthNov, "November"},
    {StringId::kMonthDec, "December"},
    {StringId::kMonthJanShort, "Jan"},
    {StringId::kMonthFebShort, "Feb"},
    {StringId::kMonthMarShort, "Mar"},
    {StringId::kMonthAprShort, "Apr"},
    {StringId::kMonthMayShort, "May"},
    {StringId::kMonthJunShort, "Jun"},
    {StringId::kMonthJulShort, "Jul"},
    {StringId::kMonthAugShort, "Aug"},
    {StringId::kMonthSepShort, "Sep"},
    {StringId::kMonthOctShort, "Oct"},
    {StringId::kMonthNovShort, "Nov"},
    {StringId::kMonthDecShort, "Dec"},
    {StringId::kDateLong, "{weekday} {day} {month} {year}"},
    {StringId::kDateShort, "{day} {month}"},
}};

constexpr bool InOrder(const Table& table) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (static_cast<std::size_t>(table[i].id) != i || table[i].text == nullptr) return false;
  }
  return true;
}
static_assert(InOrder(kEnglish), "kEnglish must list every StringId once, in enum order");

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

constexpr int kManyAbove = 3;

// English templates of every message the engine emits, and the words the
// argument types are worded with ("step", "list.and").
constexpr MessageRow kEnglishMessages[] = {
    {kVerbatimMessage, "{text}"},
    {"step", "step {n} of {steps}"},
    {"list.and", " and "},
    {"list.comma", ", "},
    {"swelling.none", "none"},
    {"swelling.mild", "mild"},
    {"swelling.moderate", "moderate"},
    {"swelling.severe", "severe"},

    // Reasons (Reason::message): the pain rules and the engine's own.
    {"phase-start", "Starts with phase '{phase}' at {step}."},
    {"phase-start-step",
     "Phase '{phase}' starts this exercise at {to}: up from {step}, as pain allowed it over the "
     "last {days} days."},
    {"repeated-red.stop",
     "Pain reached {red_min} or more out of 10 on {dates} ({dates_count} times in {window_days} "
     "days): this exercise stops until your therapist reviews it."},
    {"repeated-red.easiest",
     "Pain reached {red_min} or more out of 10 on {dates} ({dates_count} times in {window_days} "
     "days): back to the easiest step, {to}, until your therapist has reviewed it."},
    {"red-pain-lowest-step",
     "Pain was {worst}/10 on {dates} ({red_min} or more is too much), and this is already the "
     "easiest step: stay here and tell your therapist."},
    {"red-pain", "Pain was {worst}/10 on {dates} ({red_min} or more is too much): back to {to}."},
    {"rising-pain",
     "Pain during exercise rose {rises} times in a row ({values:, } on {dates}): back to {to}."},
    {"rising-week",
     "Average pain during exercise rose from {from_mean:.1f} to {to_mean:.1f} out of 10 over the "
     "last week ({dates}): back to {to}."},
    {"gap", "No diary entries for {days} days since {since}: start again one step lower, at {to}."},
    {"amber-pain",
     "Not yet: {findings:; } (the aim is {acceptable_max}/10 or less during exercise, and morning "
     "pain back to your baseline). Stay at {step} until a week goes well."},
    {"finding.pain", "pain {pain}/10 on {date}"},
    {"finding.morning-above-baseline",
     "morning pain {pain}/10 on {date}, above your baseline of {baseline}/10"},
    {"finding.morning-not-settled", "morning pain still {pain}/10 after {date}"},
    {"rising-interval",
     "Not yet: average pain during exercise rose from {from_mean:.1f} to {to_mean:.1f} out of 10 "
     "over the last {days} days ({dates}). Stay at {step} until it stops rising."},
    {"too-few-sessions",
     "Only {logged} diary entries in the last {days} days ({needed} needed to move up): stay at "
     "{step}."},
    {"scheduled",
     "{days} days at {step}: planned move up to {to}, as long as pain stays at {acceptable_max}/10 "
     "or less and settles by the next morning."},
    {"progress",
     "Pain stayed at {acceptable_max}/10 or less and settled by the next morning on {dates}: move "
     "up to {to}."},
    {"therapist-reviewed",
     "Stopped after repeated red pain; your therapist reviewed it on {reviewed}: start again one "
     "step lower, at {to}."},
    {"red-flag-cleared",
     "Exercise stopped on {stopped} ({flag}), cleared on {cleared}: start again one step lower, at "
     "{to}."},

    // Alerts the engine raises (red flags keep their program's own words).
    {"alert.phase-overdue", "Your therapist will check your progress before the next stage."},
    {"alert.phase-overdue.action",
     "Keep to this stage's exercises. Your diary does not show yet: {missing:; }.", "missing",
     "Keep to this stage's exercises and bring your diary to your next appointment."},
    {"alert.phase-overdue.detail",
     "Phase '{phase}' is past its maximum (day {day}, {date}) with its exit criteria not all met: "
     "{criteria:; }."},
    {"missing.daily", "\u201c{criterion}\u201d (part of your daily entry)"},
    {"missing.measure", "\u201c{criterion}\u201d (write it as {measure}= and the number)"},
    {"criterion.not-measured", "{measure} not measured \u2014 {target}"},
    {"criterion.met", "{measure} {value} on {date} \u2014 {target} (met)"},
    {"criterion.unmet", "{measure} {value} on {date} \u2014 {target}"},
    {"target.at-least", "target at least {value}"},
    {"target.at-most", "target at most {value}"},
    {"alert.persistent-pain",
     "Pain of {pain_min}/10 or more is still there {days} days ({weeks} weeks) after the start."},
    {"alert.persistent-pain.action",
     "See your doctor: pain lasting more than a few weeks needs a check."},
    {"alert.exercise-stopped",
     "Pain reached {red_min} or more out of 10 on {dates}: {exercises} were stopped until your "
     "therapist has reviewed them.",
     "exercises",
     {},
     "Pain reached {red_min} or more out of 10 on {dates}: {exercises} was stopped until your "
     "therapist has reviewed it."},
    {"alert.exercise-stopped.action",
     "Tell your therapist. Once they have seen you, they log 'reviewed' in your diary and the "
     "exercises start again one step lower."},
    {"alert.repeated-red",
     "Pain reached {red_min} or more out of 10 on {dates}: {exercises} were sent back to their "
     "easiest step until your therapist has reviewed them.",
     "exercises",
     {},
     "Pain reached {red_min} or more out of 10 on {dates}: {exercises} was sent back to its "
     "easiest step until your therapist has reviewed it."},
    {"alert.repeated-red.action",
     "Tell your therapist. The exercises stay at their easiest step until they have seen you and "
     "logged 'reviewed' in your diary."},

    // Alert headlines (AlertHeadline).
    {"headline.therapist-review", "Show this plan to your therapist"},
    {"headline.emergency", "Call {number} now"},
    {"headline.emergency-fallback",
     "Call {number} now (112 is the emergency number across Europe and works on most mobile "
     "phones; if you are elsewhere, call your local emergency number)"},
    {"headline.same-day", "See a doctor today"},
    {"headline.same-day.stops-all",
     "See a doctor today. If you cannot see one today, go to urgent care or the emergency "
     "department"},
    {"headline.same-day.surgery", "Call your surgeon's team today"},
    {"headline.same-day.surgery.stops-all",
     "Call your surgeon's team today. If you cannot reach them today, go to urgent care or the "
     "emergency department"},
    {"headline.routine", "Make an appointment with your doctor"},
    {"headline.routine.surgery", "Make an appointment with your surgeon's team or doctor"},

    // Notes, milestones and diary warnings.
    {"note.extra-days",
     "The program prescribes {exercises} on more days a week than your session days ({days:, }): "
     "they are scheduled as often as prescribed, on the other days from {from}.",
     "exercises",
     {},
     "The program prescribes {exercises} on more days a week than your session days ({days:, }): "
     "it "
     "is scheduled as often as prescribed, on the other days from {from}.",
     "The program prescribes {exercises_first} and {exercises_rest} other exercises on more days "
     "a week than your session days ({days:, }): they are scheduled as often as prescribed, on the "
     "other days from {from}."},
    {"milestone.phase-start", "Phase starts: {phase}"},
    {"milestone.outcome-measure", "Outcome measure due: {measure}"},
    {"milestone.follow-up", "Check with your therapist before the next phase: {criteria:; }"},
    {"ignored.after-today",
     "diary entry dated {date} is after today ({today}) and is ignored ({held:; }): check the "
     "date, or plan with a later --today",
     "held",
     "diary entry dated {date} is after today ({today}) and is ignored: check the date, or plan "
     "with a later --today"},
    {"ignored.flags", "flags {flags:, }"},
    {"ignored.pain", "pain up to {pain}/10"},
    {"ignored.swelling", "swelling {swelling}"},
    {"ignored.measures", "measures"},
};

struct Language {
  std::string_view code;
  const Table* table;
  std::span<const MessageRow> messages;
};

// A translation adds a Table and a MessageRow list above and a row here.
constexpr Language kLanguages[] = {
    {"en", &kEnglish, kEnglishMessages},
};

const Language* FindLanguage(const std::string& language) {
  // "en-GB" and "en_US" use the "en" table.
  std::string_view code(language);
  code = code.substr(0, code.find_first_of("-_"));
  for (const auto& l : kLanguages) {
    if (l.code == code) return &l;
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
  return FindRow(kEnglishMessages, id);
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

bool HasMessage(std::string_view id) { return FindRow(kEnglishMessages, id) != nullptr; }

std::vector<std::string_view> MessageIds() {
  std::vector<std::string_view> out;
  for (const auto& r : kEnglishMessages) out.push_back(r.id);
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
  if (index >= kCount) return "";
  const Table* table = FindTable(language);
  // An empty translation is "not yet translated", except where English is
  // empty too.
  if (table != nullptr && (*table)[index].text[0] != '\0') return (*table)[index].text;
  return kEnglish[index].text;
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
