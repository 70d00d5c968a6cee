// The English column of the message catalogue: British/international
// English, the fallback for every language.
#include "planner/present/messages_tables.h"

namespace rehab::messages_internal {
namespace {

// British/international English; the fallback for every language.
constexpr Table kEnglish = {{
    {StringId::kDocumentKicker, "Your exercise plan"},
    {StringId::kPatientLabel, "Patient"},
    {StringId::kPlanDatesLabel, "Plan"},
    {StringId::kDateRange, "{from} to {to}"},
    {StringId::kSurgeryLabel, "Surgery"},
    {StringId::kSurgeryOn, "{knee}, {date}"},
    {StringId::kKneeLeft, "left knee"},
    {StringId::kKneeRight, "right knee"},
    {StringId::kKneeBoth, "both knees"},
    {StringId::kWhenLabel, "When to exercise"},
    {StringId::kProgramVersion, "Program version {n}"},
    {StringId::kWeightsIn, "Weights are given in {unit}."},
    {StringId::kUnitKgWord, "kilograms (kg)"},
    {StringId::kUnitLbWord, "pounds (lb)"},

    {StringId::kAlertHeading, "Important: act now"},
    {StringId::kAlertStopExercise, "Stop your exercises until a doctor has checked you."},
    {StringId::kAlertSince, "Since {date}."},
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
    {StringId::kWeekToday, "Today"},

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
    {StringId::kPainChangeMark, "The plan changed that day: see the list below"},
    {StringId::kPainChangesLast, "The last {n} of {total} changes:"},
    {StringId::kPainChangeDate, "Date"},
    {StringId::kPainChangeWhat, "What changed, and why"},
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

static_assert(InOrder(kEnglish), "kEnglish must list every StringId once, in enum order");

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

    // The care team of the patient file (`care_team`): the headlines above
    // with its number, where they name whom to call, and the handout's
    // care-team lines (planner/present/html_care_team.cc).
    {"headline.therapist-review.phone", "Show this plan to your therapist (clinic: {phone})"},
    {"headline.same-day.surgery.phone", "Call your surgeon's team today: {phone}"},
    {"headline.same-day.surgery.stops-all.phone",
     "Call your surgeon's team today: {phone}. If you cannot reach them today, go to urgent care "
     "or the emergency department"},
    {"headline.routine.surgery.phone",
     "Make an appointment with your surgeon's team or doctor (surgeon's team: {phone})"},
    {"care.phone.after-hours", "{phone} (after hours: {after_hours})"},
    {"care.clinic.label", "Your clinic"},
    {"care.clinic", "{parts:, }"},
    {"care.therapist", "therapist: {name}"},
    {"care.phone", "phone {phone}"},
    {"care.hours", "open {hours}"},
    {"care.surgeon.label", "Your surgeon's team"},
    {"care.surgeon", "phone {phone}"},
    {"care.calls.label", "Phone numbers"},
    {"care.calls", "{calls:; }."},
    {"care.calls.surgeon", "your surgeon's team {phone}"},
    {"care.calls.clinic", "{clinic} {phone}"},
    {"care.calls.clinic.unnamed", "your clinic {phone}"},
    {"care.calls.emergency", "emergency {number}"},
    {"care.calls.emergency-fallback", "emergency {number} (or your local emergency number)"},

    // Calendar events (planner/present/ics_text.h): titles of at most 40
    // characters, what and how long first; the rest goes in the description.
    {"calendar.name", "Rehab: {program}"},
    {"calendar.session",
     "Exercises {n}/{total} \u00b7 {minutes} min",
     "total",
     {},
     "Exercises \u00b7 {minutes} min"},
    {"calendar.session.context", "{program}: {phase}"},
    {"calendar.ice", "{name} \u00b7 {minutes} min"},
    {"calendar.heat", "{name} \u00b7 {minutes} min"},
    {"calendar.ice.unnamed", "Ice \u00b7 {minutes} min"},
    {"calendar.heat.unnamed", "Heat \u00b7 {minutes} min"},
    {"calendar.modality.before", "Before exercise."},
    {"calendar.modality.after", "After exercise."},
    {"calendar.phase-start", "Phase {n} of {total} starts"},
    {"calendar.goals", "Goals:"},
    {"calendar.outcome-measure", "Measure due: {measure}"},
    {"calendar.follow-up", "Therapist check before the next phase"},
    {"calendar.raised", "Raised on {date}"},
    {"calendar.raised.diary", "Raised on {date} (diary entries: {dates})"},
    {"calendar.change", "Changed on {date}"},
    {"calendar.change.start", "New on {date}"},
    {"calendar.change.up", "Stepped up on {date}"},
    {"calendar.change.hold", "Held on {date}"},
    {"calendar.change.back", "Stepped back on {date}"},
    {"calendar.change.stop", "Stopped on {date}"},
    {"calendar.change.resume", "Resumed on {date}"},
    {"calendar.step", "step {n}"},
    {"calendar.why", "{change}: {reason}"},
    {"calendar.why.some", "{change} ({exercises}): {reason}"},
    {"calendar.why.bare", "{change}"},
    {"calendar.why.bare.some", "{change} ({exercises})"},
    {"calendar.cancelled", "Cancelled \u2014 do not exercise"},
    {"calendar.headline.therapist-review", "\u26a0 Show this plan to your therapist"},
    {"calendar.headline.emergency", "\u26a0 Call {number} now"},
    {"calendar.headline.emergency-fallback", "\u26a0 Call {number} now"},
    {"calendar.headline.same-day", "\u26a0 See a doctor today"},
    {"calendar.headline.same-day.stops-all", "\u26a0 No exercise: see a doctor today"},
    {"calendar.headline.same-day.surgery", "\u26a0 Call your surgeon's team today"},
    {"calendar.headline.same-day.surgery.stops-all", "\u26a0 No exercise: call surgeon's team"},
    {"calendar.headline.routine", "\u26a0 Book a visit with your doctor"},
    {"calendar.headline.routine.surgery", "\u26a0 Book a visit: surgeon's team or doctor"},

    // The text plan's day notes (planner/present/render_text.cc).
    {"text.change", "{change}: {exercises} \u2014 {reason}"},
    {"text.change.start", "Start"},
    {"text.change.up", "Step up"},
    {"text.change.hold", "Hold"},
    {"text.change.back", "Step back"},
    {"text.change.stop", "Stop"},
    {"text.change.resume", "Resume"},

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
    {"handout.session-times", "{days:, } at {times}"},
    {"handout.session-times.daily", "Every day at {times}"},
    {"note.dst-gap",
     "The clocks go forward on {date}: {from} does not exist that night, so what is planned "
     "for {from} that day is at {to}."},
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

    // An exercise figure's text alternative (planner/present/figure_text.cc).
    {"figure.alt", "{position}: {moves}. Grey shows where you start, black where you finish."},
    {"figure.alt.still", "{position}: {moves}."},
    {"figure.position.supine", "Lying on your back"},
    {"figure.position.side-lying", "Lying on your side"},
    {"figure.position.prone", "Lying on your front"},
    {"figure.position.sitting", "Sitting"},
    {"figure.position.standing", "Standing"},
    {"figure.position.kneeling", "Kneeling"},
    {"figure.whose.right", "your right"},
    {"figure.whose.left", "your left"},
    {"figure.whose.both", "each"},
    {"figure.hip.bend", "{whose} hip bends from {from}° to {to}°"},
    {"figure.hip.straighten", "{whose} hip straightens from {from}° to {to}°"},
    {"figure.abduction.bend", "{whose} leg moves out to the side, from {from}° to {to}°"},
    {"figure.abduction.straighten", "{whose} leg comes back in, from {from}° to {to}°"},
    {"figure.knee.bend", "{whose} knee bends from {from}° to {to}°"},
    {"figure.knee.straighten", "{whose} knee straightens from {from}° to {to}°"},
    {"figure.ankle.bend", "{whose} foot pulls up, from {from}° to {to}°"},
    {"figure.ankle.straighten", "{whose} foot points down, from {from}° to {to}°"},
    {"figure.trunk.bend", "your body tilts from {from}° to {to}°"},
    {"figure.trunk.straighten", "your body comes back from {from}° to {to}°"},
    {"figure.press", "press {whose} {part} {direction} without moving, and hold"},
    {"figure.press.body", "press {part} {direction} and hold"},
    {"figure.hold", "hold the position"},
    {"figure.travel", "keep moving {direction}"},
    {"figure.part.knee", "knee"},
    {"figure.part.heel", "heel"},
    {"figure.part.ankle", "ankle"},
    {"figure.part.toe", "foot"},
    {"figure.part.hip", "hip"},
    {"figure.part.pelvis", "your hips"},
    {"figure.part.hand", "hand"},
    {"figure.part.elbow", "elbow"},
    {"figure.part.shoulder", "shoulder"},
    {"figure.part.head", "your head"},
    {"figure.push.down", "down"},
    {"figure.push.up", "up"},
    {"figure.push.forward", "forward"},
    {"figure.push.back", "back"},
    {"figure.push.out", "outward"},
};

}  // namespace

const Language& English() {
  static constexpr Language kLanguage = {"en", &kEnglish, kEnglishMessages};
  return kLanguage;
}

}  // namespace rehab::messages_internal
