// The patient-facing texts of the handout. Each language is one table of
// {id, text} rows in StringId order; a compile-time check keeps every table
// complete and in order, so a translation cannot silently shift texts.
#include "planner/present/strings.h"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string_view>

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

struct Language {
  std::string_view code;
  const Table* table;
};

// A translation adds a Table above and a row here.
constexpr Language kLanguages[] = {
    {"en", &kEnglish},
};

const Table* FindTable(const std::string& language) {
  // "en-GB" and "en_US" use the "en" table.
  std::string_view code(language);
  code = code.substr(0, code.find_first_of("-_"));
  for (const auto& l : kLanguages) {
    if (l.code == code) return l.table;
  }
  return nullptr;
}

StringId Offset(StringId first, unsigned offset) {
  return static_cast<StringId>(static_cast<unsigned>(first) + offset);
}

}  // namespace

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
