// The message catalogue: every patient-facing word of the plan, in English
// tables (messages_en.cc), and in other languages from gettext catalogues a
// caller adds (AddCatalogue; po/ holds their sources).
// It holds the handout's fixed texts (StringId) and the templates that word
// the engine's messages (Message: reasons, alerts, notes, milestones,
// warnings) from their typed values.
#ifndef REHAB_PLANNER_PRESENT_MESSAGES_H_
#define REHAB_PLANNER_PRESENT_MESSAGES_H_

#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.h"
#include "planner/model/plan.h"

namespace rehab {

// Identifies one patient-facing text. Texts with placeholders use fmt named
// arguments ("{date}", "{n}"), so a translation may reorder them.
enum class StringId {
  kDocumentKicker,  // "Your exercise plan" (above the program title)
  kPatientLabel,    // "Patient"
  kPlanDatesLabel,  // "Plan"
  kDateRange,       // "{from} to {to}"
  kSurgeryLabel,    // "Surgery"
  kSurgeryOn,       // "{knee}, {date}"
  kKneeLeft,        // "left knee"
  kKneeRight,       // "right knee"
  kKneeBoth,        // "both knees"
  kWhenLabel,       // "When to exercise"
  kProgramVersion,  // "Program version {n}"
  kWeightsIn,       // "Weights are given in {unit}."
  kUnitKgWord,      // "kilograms (kg)"
  kUnitLbWord,      // "pounds (lb)"

  kAlertHeading,          // "Important: act now"
  kAlertStopExercise,     // "Stop your exercises until a doctor has checked you."
  kAlertSince,            // "Since {date}."
  kAlertKeepEssentials,   // "Stop your exercises except the essential ones ({names}) ..."

  kRedFlagsHeading,   // "Warning signs and what to do"
  kRedFlagsIntro,     // "If you notice any of these, do what it says, as soon as it says:"
  kRedFlagsNone,      // "If something worries you, stop and ask…"
  kUrgencyEmergency,  // "Emergency"
  kUrgencySameDay,    // "Today"
  kUrgencyRoutine,    // "Soon"

  kTimelineHeading,  // "Your phases"
  kTimelineToday,    // "Today"
  kTimelineNow,      // "you are here"

  kWeekHeading,         // "This week: {from} to {to}"
  kWeekIntro,           // "Tick a box each time you do it."
  kWeekExerciseColumn,  // "Exercise"
  kWeekStopped,         // "Stop" (day with all exercise stopped)
  kWeekNotPlanned,      // "–"
  kWeekOutsidePlan,     // "" (a day after the plan ends; may be empty)
  kWeekStoppedNote,     // "“Stop” means no exercises that day: see the box at the top."
  kWeekEmpty,           // "No exercises are planned this week."
  kWeekToday,           // "Today" (above today's column)

  kPhaseHeading,       // "Your exercises now: {phase}"
  kPhaseDates,         // "{from} to {to}"
  kPhaseGoals,         // "Goals of this phase"
  kCardNumber,         // "Exercise {n} of {total}"
  kCardEnd,            // "(end of exercise {n})"
  kCardHowMuch,        // "How much"
  kCardHowOften,       // "How often"
  kCardHowTo,          // "How to do it"
  kCardStopIf,         // "Stop if"
  kCardStopIfDefault,  // "the pain goes above {max} out of 10, or you feel unwell."
  kCardEquipment,      // "You need"
  kCardDoseChanges,    // "From {date}: {dose}"
  kCardNone,           // "No exercises in this phase."
  kTimesPerDayOnce,    // "once a day"
  kTimesPerDay,        // "{n} times a day"
  kEveryDay,           // "every day"
  kDaysPerWeek,        // "{n} days a week"

  kModalityHeading,       // "Ice and heat"
  kModalityName,          // "What"
  kModalityMinutes,       // "How long"
  kModalityTimes,         // "When"
  kModalityMinutesValue,  // "{n} minutes"
  kModalityBefore,        // "before exercise"
  kModalityAfter,         // "after exercise"
  kModalityNotIf,         // "Do not use if: {list}"
  kModalityNone,          // "No ice or heat this week."

  kPainHeading,  // "Your pain"
  kPainIntro,  // "From your pain diary: 0 is no pain, 10 the worst. The shaded band is pain that
               // is fine while exercising (0 to {max})."
  kPainNoEntries,       // "No diary entries yet. Write down your pain…"
  kPainDuring,          // "During exercise"
  kPainAfter,           // "After exercise"
  kPainMorning,         // "Next morning"
  kPainChangesHeading,  // "When your plan changed, and why"
  kPainChangeMark,      // "The plan changed that day: see the list below"
  kPainChangesLast,     // "The last {n} of {total} changes:"
  kPainChangeDate,      // "Date" (column)
  kPainChangeWhat,      // "What changed, and why" (column)
  kChangeUp,            // "made harder"
  kChangeHold,          // "kept the same"
  kChangeBack,          // "made easier"
  kChangeStop,          // "stopped"
  kChangeResume,        // "started again"
  kChangeStart,         // "started"

  kEducationHeading,      // "Good to know"
  kNextPhaseHeading,      // "Coming next: {phase}"
  kNextPhaseStarts,       // "Starts around {date}, once:"
  kNextPhaseStartsPlain,  // "Starts around {date}."
  kNextPhaseExercises,    // "Exercises in that phase"
  kSourcesHeading,        // "Sources"
  kFooter,                // "Plan for {patient}. Ask your therapist if anything is unclear."

  kLogHeading,     // "What to write in your diary"
  kLogEveryDay,    // "Each day you exercise, write down your pain …"
  kLogBeforeNext,  // "Your therapist will check these before the next stage. … {date} …"
  kLogNow,         // "… Write these down now, and again when they change:"
  kLogWriteAs,     // "Write it as “{name}=” and the number."
  kLogDaily,       // "This is part of your daily entry."
  kLogNotYet,      // "Not in your diary yet."
  kLogLatest,      // "Last written: {value} on {date}."

  // The patient's page of `rehab serve` (render_patient_page.h).
  kPageTitle,          // "Today"
  kPageSaved,          // "Saved. Your plan below is up to date."
  kPageProblems,       // "Nothing was saved. Please check:"
  kPageDayHeading,     // "Today, {date}"
  kPageSessionAt,      // "Exercises at {time}"
  kPageRestDay,        // "No exercises today: a rest day."
  kPageStopped,        // "No exercises today: see the box at the top."
  kPageModalityAt,     // "{name} at {time}, {minutes} minutes"
  kPageDone,           // "Done"
  kPhoneLinkHeading,   // "Your plan on your phone" (handout, with the QR code)
  kPhoneLinkText,      // "Point your phone's camera at the square …"
  kPageChangesHeading,  // "Changes to your exercises"
  kPageChange,         // "From {date}: {names} {change}. {reason}"
  kPageHandoutLink,    // "Your whole plan, to print"
  kPageCalendarLink,   // "Put your plan in your phone's calendar"
  kFormHeading,        // "Your diary for {date}"
  kFormIntro,          // "Fill in what you know; leave the rest empty."
  kFormDuring,         // "Pain during the exercises"
  kFormAfter,          // "Pain just after the exercises"
  kFormMorning,        // "Pain this morning, when you got up"
  kFormScale,          // "0 means no pain, 10 the worst pain you can imagine."
  kFormSwelling,       // "Swelling of the knee"
  kFormSwellingNone,   // "none"
  kFormSwellingMild,   // "mild"
  kFormSwellingModerate,  // "moderate"
  kFormSwellingSevere,    // "severe"
  kFormMeasures,       // "Your measurements"
  kFormFlags,          // "Tick anything you have noticed today:"
  kFormNote,           // "Anything else for your therapist"
  kFormSave,           // "Save"

  // Weekdays from Sunday (date::weekday::c_encoding order), months from January.
  kWeekdaySun,
  kWeekdayMon,
  kWeekdayTue,
  kWeekdayWed,
  kWeekdayThu,
  kWeekdayFri,
  kWeekdaySat,
  kWeekdaySunShort,
  kWeekdayMonShort,
  kWeekdayTueShort,
  kWeekdayWedShort,
  kWeekdayThuShort,
  kWeekdayFriShort,
  kWeekdaySatShort,
  kMonthJan,
  kMonthFeb,
  kMonthMar,
  kMonthApr,
  kMonthMay,
  kMonthJun,
  kMonthJul,
  kMonthAug,
  kMonthSep,
  kMonthOct,
  kMonthNov,
  kMonthDec,
  kMonthJanShort,
  kMonthFebShort,
  kMonthMarShort,
  kMonthAprShort,
  kMonthMayShort,
  kMonthJunShort,
  kMonthJulShort,
  kMonthAugShort,
  kMonthSepShort,
  kMonthOctShort,
  kMonthNovShort,
  kMonthDecShort,
  kDateLong,   // "{weekday} {day} {month} {year}"
  kDateShort,  // "{day} {month}" (abbreviated month)

  kCount  // not a string: the number of ids
};

// The text for `id` in `language` (a language tag such as "en" or "es").
// Languages without a catalogue, and texts a catalogue does not translate,
// fall back to English. Never null.
const char* Text(StringId id, const std::string& language);

// Gives the catalogue `language`'s interface texts: `mo` is a compiled
// gettext catalogue (the bytes of the .mo file msgfmt writes from
// po/<language>.po; docs/translations.md), read with Boost.Locale. The
// library reads no file: the caller passes the bytes. From then on every
// text, message and date in `language` (and in its regional forms, "es-MX")
// uses its translations. A language added twice keeps its first catalogue.
// Thread-safe. Returns "", or why `mo` is not a catalogue.
std::string AddCatalogue(const std::string& language, const std::string& mo);

// True for English and for a language given a catalogue (AddCatalogue).
bool HasLanguage(const std::string& language);

// True when `tag` itself was given a catalogue: "en-XA" (the pseudo-locale)
// has its own although English needs none.
bool HasCatalogue(const std::string& tag);

// "Tuesday 1 December 2026" (long) or "1 Dec" (short) in `language`.
std::string LongDate(Date d, const std::string& language);
std::string ShortDate(Date d, const std::string& language);

// "Tue" in `language`.
std::string WeekdayName(Date d, const std::string& language);

// How a message words its date arguments: YYYY-MM-DD (the calendar, the
// terminal, JSON), or the language's short date, "19 Nov" (the handout).
enum class DateStyle { kIso, kShort };

// The sentence for `message` in `language` (English when the language has no
// template for it). Arguments are worded by type: a date as `dates` says, a
// StepOf as "step 2 of 5", a list as "a, b and c" (a template may give its own
// separator, "{criteria:; }"), a message list by each message's template.
// For each list argument `x` the templates may also use `x_count`, `x_first`
// and `x_rest` (the count less one). An unknown id words as "".
std::string MessageText(const Message& message, const std::string& language,
                        DateStyle dates = DateStyle::kIso);

// MessageText with every step argument (in the message or in the messages
// it holds) worded as "step 2" ("calendar.step"), without the ladder's
// length, so that one decision over exercises with ladders of different
// lengths reads alike for all of them.
std::string MessageTextWithoutLadderLength(const Message& message,
                                           const std::string& language,
                                           DateStyle dates = DateStyle::kIso);

// True when the English table has a template for message id `id`.
bool HasMessage(std::string_view id);

// Every message id of the English table, in table order.
std::vector<std::string_view> MessageIds();

// The first words of an alert, decided by its urgency and what it stops
// (docs/pain-rules.md, "Alert wording"): "Call 911 now" for an emergency
// (the number from the patient's country), a same-day contact (with urgent
// care or the emergency department as the fallback when the flag stops
// everything, a possible clot), an appointment for a routine flag. kTitle
// words the same decision for a calendar title: "⚠ Call 911 now", at most
// 40 characters in English.
// With a care team in the patient file, kFull gives its number where the
// headline names whom to call: after surgery "Call your surgeon's team
// today: 555-0100" (with the after-hours number, when given), an appointment
// with the daytime number; "Show this plan to your therapist (clinic:
// 555-0199)". Emergencies keep the emergency number alone; "See a doctor"
// (no surgery) names no number: the care team has no doctor's.
enum class HeadlineForm { kFull, kTitle };
std::string AlertHeadline(const Patient& patient, Anchor anchor, Urgency urgency,
                          RedFlagStops stops, AlertKind kind,
                          HeadlineForm form = HeadlineForm::kFull);

// The surgeon's team's phone in words: "555-0100", or with the after-hours
// number "555-0100 (after hours: 555-0111)". "" when the team gives none.
std::string SurgeonTeamPhone(const CareTeam& team, const std::string& language);

// `value` to a tenth, as `language` writes it: "2", "1.5" ("1,5" in Spanish).
std::string FormatDecimal(double value, const std::string& language);

// A measure's value in words: "80°", "3/10", "mild", "35 m".
std::string DescribeMeasureValue(const std::string& measure, double value,
                                 const std::string& language);
// "target at least 90°".
std::string DescribeTarget(const Criterion& criterion, const std::string& language);
// How a patient logs `measure`: "walk-distance (--measure walk-distance=VALUE)",
// "swelling (--swelling none|mild|moderate|severe)".
std::string LogHint(const std::string& measure, const std::string& language);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_MESSAGES_H_
