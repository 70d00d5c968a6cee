// The plan generator. Works in three passes: lay the phases on the calendar
// (criteria from the diary may hold a phase longer), find the red-flag stop
// intervals, then walk the days putting each exercise on its ladder step.
#include "planner/engine/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "planner/engine/pain_rules.h"

namespace rehab {

namespace {

using Entries = std::vector<DiaryEntry>;

bool IsBuiltinPain(const std::string& measure) {
  return measure == "pain" || measure == "morning-pain" || measure == "swelling";
}

// The value of `measure` in one diary row, if it has one.
std::optional<double> MeasureIn(const DiaryEntry& e, const std::string& measure) {
  if (measure == "pain") return e.during ? std::optional<double>(*e.during) : std::nullopt;
  if (measure == "morning-pain")
    return e.morning ? std::optional<double>(*e.morning) : std::nullopt;
  if (measure == "swelling") {
    return e.swelling ? std::optional<double>(static_cast<double>(*e.swelling)) : std::nullopt;
  }
  auto m = e.measures.find(measure);
  if (m == e.measures.end()) return std::nullopt;
  return m->second;
}

Message Says(std::string id) { return Message(std::move(id)); }

bool AllMet(const std::vector<CriterionCheck>& checks) {
  return std::all_of(checks.begin(), checks.end(), [](const CriterionCheck& c) { return c.met; });
}

// A phase past its maximum with its criteria unmet: plain words for the
// patient, and for the therapist each criterion's value (or "not measured")
// against its target.
Alert OverdueAlert(const Phase& ph, const Entries& entries, Date anchor, Date latest, Date today) {
  std::vector<CriterionCheck> checks = CheckExitCriteria(ph, entries, today + date::days(1), today);
  std::vector<Message> criteria, missing;
  for (const auto& c : checks) {
    const std::string& m = c.criterion->measure;
    std::vector<Message> target = {TargetOf(*c.criterion)};
    if (!c.value) {
      criteria.push_back(
          Says("criterion.not-measured").With("measure", m).With("target", std::move(target)));
      missing.push_back(Says(IsBuiltinPain(m) ? "missing.daily" : "missing.measure")
                            .With("criterion", c.criterion->text)
                            .With("measure", m));
    } else {
      criteria.push_back(Says(c.met ? "criterion.met" : "criterion.unmet")
                             .With("measure", m)
                             .With("value", MeasureValue{m, *c.value})
                             .With("date", c.logged)
                             .With("target", std::move(target)));
    }
  }
  Alert a;
  a.kind = AlertKind::kTherapistReview;
  a.id = "phase-overdue:" + ph.id;
  a.date = latest;
  a.text = Says("alert.phase-overdue");
  a.action = Says("alert.phase-overdue.action").With("missing", std::move(missing));
  a.detail = Says("alert.phase-overdue.detail")
                 .With("phase", ph.title)
                 .With("day", static_cast<int>((latest - anchor).count()))
                 .With("date", latest)
                 .With("criteria", std::move(criteria));
  a.urgency = Urgency::kRoutine;
  a.active = true;
  return a;
}

// Places each phase on the calendar. A phase ends on its planned day when it
// has no criteria, when there is no diary to judge them by, or when the
// planned day is still ahead; otherwise on the first day the diary shows the
// criteria met. Unmet past its maximum: it stays, and the therapist is alerted.
std::vector<PhaseSpan> LayOutPhases(const Program& program, const Entries& entries, Date anchor,
                                    Date today, Date end, std::vector<Alert>* alerts) {
  std::vector<PhaseSpan> spans;
  Date start = anchor;
  for (size_t i = 0; i < program.phases.size() && start < end; ++i) {
    const Phase& ph = program.phases[i];
    PhaseSpan span{ph.id, ph.title, start, end, false, false};
    bool last = i + 1 == program.phases.size();
    // A phase held up by the one before keeps its planned length and the
    // slack to its maximum: a phase never shrinks below its planned length.
    Date planned = PlannedPhaseEnd(ph, anchor, start);
    Date latest = planned + date::days(std::max(ph.max_end_day - ph.end_day, 0));
    if (last) {
      spans.push_back(span);
      break;
    }
    Date transition = planned;
    if (!ph.exit_criteria.empty() && !entries.empty() && planned <= today) {
      std::optional<Date> met;
      for (Date d = planned; d <= today && d <= latest; d += date::days(1)) {
        if (AllMet(CheckExitCriteria(ph, entries, d, today))) {
          met = d;
          break;
        }
      }
      if (met) {
        transition = *met;
        span.extended = *met > planned;
      } else if (latest > today) {
        // Not met yet, still inside its window: held to its maximum in the projection.
        transition = latest;
        span.extended = true;
      } else {
        span.extended = true;
        span.overdue = true;
        alerts->push_back(OverdueAlert(ph, entries, anchor, latest, today));
        span.end = end;
        spans.push_back(span);
        break;
      }
    }
    span.end = std::min(transition, end);
    spans.push_back(span);
    start = transition;
  }
  return spans;
}

// A red flag's stop interval: [from, until), until = the `cleared` entry's
// date. `level` is what it stops: everything, or all but the essentials.
struct StopInterval {
  Date from;
  std::optional<Date> until;
  const RedFlag* flag;
  std::vector<Date> dates;
  RedFlagStops level = RedFlagStops::kAll;
};

// Reads the diary's flags into alerts (every flag a red flag names raises or
// extends one) and the intervals in which exercise stops, one open interval
// per level; a `cleared` entry ends them all.
std::vector<StopInterval> FindRedFlags(const Program& program, const Entries& entries, Date today,
                                       std::vector<Alert>* alerts) {
  std::vector<StopInterval> stops;
  std::map<std::string, size_t> open;  // red flag id -> index into `alerts`
  int open_stop[3] = {-1, -1, -1};     // by RedFlagStops: index into `stops` still open
  for (const auto& e : entries) {
    bool cleared = std::find(e.flags.begin(), e.flags.end(), "cleared") != e.flags.end();
    if (cleared) {
      for (auto& [id, index] : open) {
        (*alerts)[index].cleared = e.date;
        (*alerts)[index].active = false;
      }
      open.clear();
      for (int& o : open_stop) {
        if (o >= 0) stops[static_cast<size_t>(o)].until = e.date;
        o = -1;
      }
    }
    for (const auto& flag : e.flags) {
      for (const auto& rf : program.red_flags) {
        if (rf.flag != flag) continue;
        if (open.count(rf.id)) {
          (*alerts)[open[rf.id]].diary_dates.push_back(e.date);
          continue;
        }
        Alert a;
        a.kind = rf.stops != RedFlagStops::kNone ? AlertKind::kRedFlag : AlertKind::kSeeDoctor;
        a.id = rf.id;
        a.date = e.date;
        a.text = Message::Verbatim(rf.text);
        a.action = Message::Verbatim(rf.action);
        a.urgency = rf.urgency;
        a.stops = rf.stops;
        a.diary_dates = {e.date};
        a.active = e.date <= today;
        open[rf.id] = alerts->size();
        alerts->push_back(a);
        if (rf.stops != RedFlagStops::kNone) {
          int& o = open_stop[static_cast<int>(rf.stops)];
          if (o < 0) {
            o = static_cast<int>(stops.size());
            stops.push_back({e.date, std::nullopt, &rf, {}, rf.stops});
          }
          stops[static_cast<size_t>(o)].dates.push_back(e.date);
        }
      }
    }
  }
  return stops;
}

// The strongest stop in force on `d` (everything before all-but-essentials).
const StopInterval* StopOn(const std::vector<StopInterval>& stops, Date d) {
  const StopInterval* found = nullptr;
  for (const auto& s : stops) {
    if (d >= s.from && (!s.until || d < *s.until)) {
      if (found == nullptr || static_cast<int>(s.level) > static_cast<int>(found->level))
        found = &s;
    }
  }
  return found;
}

// "Pain still present a few weeks on": the first entry past the horizon with
// pain at or above the threshold, active while the latest entry still hurts.
void CheckPersistentPain(const Program& program, const Entries& entries, Date anchor, Date today,
                         std::vector<Alert>* alerts) {
  const PainRules& rules = program.pain_rules;
  if (rules.persistent_pain_days <= 0 || entries.empty()) return;
  Date horizon = anchor + date::days(rules.persistent_pain_days);
  auto hurts = [&](const DiaryEntry& e) {
    return std::max(e.during.value_or(0), e.morning.value_or(0)) >= rules.persistent_pain_min;
  };
  std::vector<Date> dates;
  for (const auto& e : entries) {
    if (e.date >= horizon && e.date <= today && hurts(e)) dates.push_back(e.date);
  }
  if (dates.empty()) return;
  Alert a;
  a.kind = AlertKind::kSeeDoctor;
  a.id = "persistent-pain";
  a.date = dates.front();
  a.text = Says("alert.persistent-pain")
               .With("pain_min", rules.persistent_pain_min)
               .With("days", rules.persistent_pain_days)
               .With("weeks", rules.persistent_pain_days / 7);
  a.action = Says("alert.persistent-pain.action");
  a.urgency = Urgency::kRoutine;
  if (dates.size() > 5) dates.erase(dates.begin(), dates.end() - 5);
  a.diary_dates = dates;
  const DiaryEntry* latest = nullptr;
  for (const auto& e : entries) {
    if (e.date <= today) latest = &e;
  }
  a.active = latest != nullptr && hurts(*latest);
  alerts->push_back(a);
}

// Session times for `count` slots: the patient's own, then extra ones four
// hours apart (or in the widest gap of the waking day, 07:00-21:00).
std::vector<TimeOfDay> SlotTimes(const std::vector<TimeOfDay>& own, int count) {
  std::vector<TimeOfDay> times = own;
  if (times.empty()) times.push_back(8 * 60);
  while (static_cast<int>(times.size()) < count) {
    TimeOfDay next = times.back() + 4 * 60;
    if (next > 21 * 60) {
      std::vector<TimeOfDay> bounds = times;
      bounds.push_back(7 * 60);
      bounds.push_back(21 * 60);
      std::sort(bounds.begin(), bounds.end());
      int best = 0;
      for (size_t i = 1; i < bounds.size(); ++i) {
        if (bounds[i] - bounds[i - 1] > bounds[best + 1] - bounds[best])
          best = static_cast<int>(i) - 1;
      }
      next = (bounds[best] + bounds[best + 1]) / 2;
    }
    times.push_back(next);
    std::sort(times.begin(), times.end());
  }
  return times;
}

// Whether an exercise done `days_per_week` falls on `d`. Weeks count from
// the anchor. When the patient's session days in the week are at least
// `days_per_week`, that many of them, evenly spread; otherwise the
// prescription wins: every session day, and the rest of the prescribed days
// evenly spread over the other days of the week.
bool IsTrainingDay(const Patient& patient, Date anchor, Date d, int days_per_week) {
  auto allowed = [&](Date x) {
    if (patient.session_days.empty()) return true;
    auto wd = static_cast<Weekday>(date::weekday(x).c_encoding());
    return std::find(patient.session_days.begin(), patient.session_days.end(), wd) !=
           patient.session_days.end();
  };
  // The index-th of m candidate days is picked when floor((index + 1) * k / m)
  // steps past floor(index * k / m).
  int offset = (d - anchor).count();
  Date week_start = anchor + date::days(offset - offset % 7);
  bool on_session_day = allowed(d);
  int m = 0;       // session days in the week
  int index = -1;  // d's index among the days of its kind (session or other)
  int others = 0;
  for (int i = 0; i < 7; ++i) {
    Date x = week_start + date::days(i);
    bool a = allowed(x);
    if (x == d) index = a ? m : others;
    if (a) {
      ++m;
    } else {
      ++others;
    }
  }
  if (on_session_day) {
    int k = std::min(days_per_week, m);
    return (index + 1) * k / m > index * k / m;
  }
  int extra = days_per_week - m;
  if (extra <= 0 || others == 0) return false;
  return (index + 1) * extra / others > index * extra / others;
}

// Whether an exercise done `days_per_week` needs days beyond the patient's
// session days.
bool NeedsExtraDays(const Patient& patient, int days_per_week) {
  return !patient.session_days.empty() &&
         days_per_week > static_cast<int>(patient.session_days.size());
}

// When restrictions forbid an exercise in a phase: always (a phase
// restriction on one of its tags) or on the days of a program restriction
// window on one of its tags.
struct Forbidden {
  bool always = false;
  std::vector<std::pair<int, int>> windows;  // [from_day, until_day)

  Forbidden(const Program& program, const Phase& phase, const Exercise& ex) {
    for (const auto& tag : ex.tags) {
      if (std::find(phase.restrictions.begin(), phase.restrictions.end(), tag) !=
          phase.restrictions.end()) {
        always = true;
      }
      for (const auto& r : program.restrictions) {
        if (r.tag == tag) windows.emplace_back(r.from_day, r.until_day);
      }
    }
  }

  bool On(int day) const {
    return always || std::any_of(windows.begin(), windows.end(),
                                 [day](const auto& w) { return day >= w.first && day < w.second; });
  }
};

// Most recent swelling logged on or before `d` (within three days), if any.
Swelling RecentSwelling(const Entries& entries, Date d) {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->date > d) continue;
    if (it->date < d - date::days(3)) break;
    if (it->swelling) return *it->swelling;
  }
  return Swelling::kNone;
}

// A flare day for `rule`: swelling or pain at or above its thresholds logged
// on `d` or in the three days before (the window RecentSwelling uses).
bool IsFlareDay(const FlareRule& rule, const Entries& entries, Date d) {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->date > d) continue;
    if (it->date < d - date::days(3)) break;
    if (rule.swelling_min && it->swelling && *it->swelling >= *rule.swelling_min) return true;
    if (rule.pain_min) {
      for (const auto& pain : {it->during, it->after, it->morning}) {
        if (pain && *pain >= *rule.pain_min) return true;
      }
    }
  }
  return false;
}

std::vector<ModalitySlot> ScheduleModalities(const Program& program, const Entries& entries,
                                             int day, Date d,
                                             const std::vector<Session>& sessions) {
  std::vector<ModalitySlot> out;
  std::vector<TimeOfDay> times;  // one modality's at a time
  for (const auto& mod : program.modalities) {
    if (day < mod.from_day || day >= mod.to_day) continue;
    if (mod.only_on_flare && !IsFlareDay(*mod.only_on_flare, entries, d)) continue;
    if (mod.kind == ModalityKind::kHeat) {
      if (!HeatAllowedOnDay(program, day)) continue;
      if (mod.skip_when_swollen && RecentSwelling(entries, d) != Swelling::kNone) continue;
    }
    times.clear();
    for (const auto& s : sessions) {
      if (static_cast<int>(times.size()) >= mod.times_per_day) break;
      if (mod.when == ModalityTiming::kBeforeExercise) {
        times.push_back(std::max(0, s.time - mod.minutes - 5));
      } else if (mod.when == ModalityTiming::kAfterExercise) {
        times.push_back(std::min(23 * 60, s.time + s.duration_minutes + 5));
      }
    }
    // The rest spread over the waking day, 08:00 to 20:00.
    int rest = mod.times_per_day - static_cast<int>(times.size());
    for (int i = 0; i < rest; ++i) {
      int span = 12 * 60;
      TimeOfDay t = 8 * 60 + (rest == 1 ? span / 2 : span * i / (rest - 1));
      // Not in the hour before a session or during it: ice numbs the knee
      // just before activity, so such a slot moves to after the session.
      for (const auto& s : sessions) {
        if (t >= s.time - 60 && t < s.time + s.duration_minutes)
          t = s.time + s.duration_minutes + 5;
      }
      times.push_back(std::min(t - t % 5, 23 * 60));
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (out.capacity() == 0) {  // room for every modality's slots at once
      int most = 0;
      for (const auto& m : program.modalities) most += std::max(m.times_per_day, 0);
      out.reserve(static_cast<size_t>(most));
    }
    for (TimeOfDay t : times) {
      out.push_back({mod.id, mod.name, mod.kind, t, mod.minutes, mod.when});
    }
  }
  std::sort(out.begin(), out.end(), [](const ModalitySlot& a, const ModalitySlot& b) {
    return std::tie(a.time, a.modality_id) < std::tie(b.time, b.modality_id);
  });
  return out;
}

struct ExerciseTrack {
  StepState state;
  bool started = false;
  bool stopped = false;                    // stopped by repeated red pain
  Date last_red;                           // the latest red entry behind the stop or hold
  bool awaiting_review = false;            // repeated red: no step-up until `reviewed`
  std::optional<size_t> review_alert;      // index into the plan's alerts
  std::string hold_rule;                   // the rule of the hold in force, "" when none
  StepChange pending = StepChange::kSame;  // change to show on the next scheduled day
  std::optional<Reason> pending_reason;
  const Phase* phase = nullptr;  // the phase it was last scheduled in
};

// True when MergeSameDay would return `entries` unchanged: one row per date,
// none after today.
bool IsMerged(const Entries& entries, Date today) {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].date > today) return false;
    if (i > 0 && entries[i - 1].date == entries[i].date) return false;
  }
  return true;
}

// One entry per day up to `today`: a diary may hold several rows for a date
// (the session's pain, then the next morning's). The worst pain and swelling count, flags and
// measures are combined (a later row's measure wins), notes are joined.
Entries MergeSameDay(const Entries& entries, Date today) {
  Entries merged;
  for (const auto& e : entries) {
    if (e.date > today) break;  // a hand-edited entry from the future: not yet happened
    if (merged.empty() || merged.back().date != e.date) {
      merged.push_back(e);
      continue;
    }
    DiaryEntry& m = merged.back();
    auto worst = [](std::optional<int>& into, const std::optional<int>& v) {
      if (v && (!into || *v > *into)) into = v;
    };
    worst(m.during, e.during);
    worst(m.after, e.after);
    worst(m.morning, e.morning);
    if (e.swelling && (!m.swelling || *e.swelling > *m.swelling)) m.swelling = e.swelling;
    for (const auto& [k, v] : e.measures) m.measures[k] = v;
    for (const auto& f : e.flags) {
      if (std::find(m.flags.begin(), m.flags.end(), f) == m.flags.end()) m.flags.push_back(f);
    }
    if (!e.note.empty()) m.note += (m.note.empty() ? "" : "; ") + e.note;
  }
  return merged;
}

class Generator {
 public:
  Generator(std::shared_ptr<const Program> shared_program, const Patient& patient,
            const Diary& diary, Date today, const PlanOptions& options)
      : program_(*shared_program), patient_(patient), today_(today) {
    // The diary as the rules read it: a copy only when rows must be merged.
    if (IsMerged(diary.entries, today)) {
      entries_ = &diary.entries;
    } else {
      merged_ = MergeSameDay(diary.entries, today);
      entries_ = &merged_;
    }
    // Scheduled exercises point into the program the plan holds.
    const Program& program = program_;
    plan_.program = std::move(shared_program);
    ResolvePhases();
    plan_.patient = patient;
    plan_.diary = diary;
    plan_.today = today;
    std::optional<Date> anchor = program.anchor == Anchor::kSurgery
                                     ? (patient.surgery ? patient.surgery : patient.start)
                                     : (patient.start ? patient.start : patient.surgery);
    plan_.anchor = anchor.value_or(today);
    plan_.start = plan_.anchor;
    int weeks = options.weeks;
    if (weeks <= 0) {
      weeks = program.default_weeks;
      if (weeks <= 0 && !program.phases.empty()) weeks = (program.phases.back().end_day + 6) / 7;
      // Long enough to show every outcome measure's due day (the 6-month
      // questionnaire of a 26-week program falls on day 182).
      for (const auto& om : program.outcome_measures) {
        for (int due : om.due_days) weeks = std::max(weeks, due / 7 + 1);
      }
    }
    weeks = std::clamp(weeks, 1, kMaxPlanWeeks);
    plan_.end = plan_.start + date::days(weeks * 7);
  }

  Plan Run() {
    plan_.ignored = EntriesAfterToday(plan_.diary, today_);
    plan_.phases =
        LayOutPhases(program_, *entries_, plan_.anchor, today_, plan_.end, &plan_.alerts);
    stops_ = FindRedFlags(program_, *entries_, today_, &plan_.alerts);
    CheckPersistentPain(program_, *entries_, plan_.anchor, today_, &plan_.alerts);
    for (Date d = plan_.start; d < plan_.end; d += date::days(1)) plan_.days.push_back(MakeDay(d));
    // A therapist's review after the last red entry ends a repeated-red
    // alert even when the exercise was not scheduled again since.
    for (auto& t : tracks_) {
      if (!t.review_alert) continue;
      if (auto r = ReviewedIn(t.last_red, today_ + date::days(1))) {
        plan_.alerts[*t.review_alert].active = false;
        plan_.alerts[*t.review_alert].cleared = *r;
      }
    }
    std::stable_sort(plan_.alerts.begin(), plan_.alerts.end(), [](const Alert& a, const Alert& b) {
      return std::tie(a.date, a.id) < std::tie(b.date, b.id);
    });
    std::stable_sort(plan_.changes.begin(), plan_.changes.end(),
                     [](const DoseChange& a, const DoseChange& b) {
                       return std::tie(a.date, a.exercise_id) < std::tie(b.date, b.exercise_id);
                     });
    return std::move(plan_);
  }

 private:
  // A phase's exercise as MakeDay needs it; unknown exercises, empty
  // ladders and exercises the patient skips are left out.
  struct PhaseEntry {
    const PhaseExercise* pe;
    const Exercise* ex;          // in *plan_.program
    size_t index;                // of ex in plan_.program->exercises and tracks_
    const ExerciseOverride* ov;  // or nullptr
    Forbidden forbidden;
  };

  const PhaseSpan* SpanOn(Date d) const {
    for (const auto& s : plan_.phases) {
      if (d >= s.start && d < s.end) return &s;
    }
    return nullptr;
  }

  std::string PhaseTitle(Date d) const {
    const PhaseSpan* span = SpanOn(d);
    return span != nullptr ? span->title : std::string();
  }

  // Looks up, once per plan, what MakeDay needs of each phase's exercises.
  void ResolvePhases() {
    const auto& exercises = plan_.program->exercises;
    std::vector<std::string> extra_day_names;
    std::unordered_map<std::string_view, size_t> index;
    for (size_t i = 0; i < exercises.size(); ++i) index.try_emplace(exercises[i].id, i);
    tracks_.resize(exercises.size());
    for (const auto& phase : plan_.program->phases) {
      std::vector<PhaseEntry>& entries = phase_entries_.emplace_back();
      for (const auto& pe : phase.exercises) {
        auto found = index.find(pe.exercise_id);
        if (found == index.end()) continue;
        const Exercise& ex = exercises[found->second];
        if (ex.ladder.empty()) continue;
        const ExerciseOverride* ov = nullptr;
        for (const auto& o : patient_.overrides) {
          if (o.exercise_id == ex.id) {
            ov = &o;
            break;
          }
        }
        if (ov != nullptr && ov->skip) continue;
        entries.push_back({&pe, &ex, found->second, ov, Forbidden(program_, phase, ex)});
        if (NeedsExtraDays(patient_, pe.days_per_week) &&
            std::find(extra_day_names.begin(), extra_day_names.end(), ex.name) ==
                extra_day_names.end()) {
          extra_day_names.push_back(ex.name);
        }
      }
    }
    if (!extra_day_names.empty()) {
      std::vector<Weekday> days = patient_.session_days;
      std::sort(days.begin(), days.end(), [](Weekday a, Weekday b) {
        return (static_cast<int>(a) + 6) % 7 < (static_cast<int>(b) + 6) % 7;  // Monday first
      });
      days.erase(std::unique(days.begin(), days.end()), days.end());
      TimeOfDay first = patient_.session_times.empty() ? 8 * 60 : patient_.session_times.front();
      plan_.notes.push_back({"extra-days", Says("note.extra-days")
                                               .With("exercises", std::move(extra_day_names))
                                               .With("days", std::move(days))
                                               .With("from", ClockTime{first})});
    }
    for (const auto& e : *entries_) {
      if (std::find(e.flags.begin(), e.flags.end(), "reviewed") != e.flags.end()) {
        reviewed_.push_back(e.date);
      }
    }
  }

  // The first `reviewed` entry dated in [from, before), if any.
  std::optional<Date> ReviewedIn(Date from, Date before) const {
    auto it = std::lower_bound(reviewed_.begin(), reviewed_.end(), from);
    if (it == reviewed_.end() || *it >= before) return std::nullopt;
    return *it;
  }

  // Whether repeated red pain may stop this phase exercise: never an
  // essential one; otherwise as the entry, else the program, says.
  bool MayStop(const PhaseExercise& pe) const {
    if (pe.essential) return false;
    return pe.on_repeated_red.value_or(program_.pain_rules.on_repeated_red) == RepeatedRed::kStop;
  }

  // Today's session times for `slots` sessions, worked out once per count.
  const std::vector<TimeOfDay>& SlotTimesFor(int slots) {
    auto [it, inserted] = slot_times_.try_emplace(slots);
    if (inserted) it->second = SlotTimes(patient_.session_times, slots);
    return it->second;
  }

  void Record(Date d, const std::string& id, int from, int to, StepChange change, Reason reason) {
    plan_.changes.push_back({d, id, from, to, change, std::move(reason)});
  }

  // The phase's start_step for an exercise it carries over from an earlier
  // phase, on its first day in the phase, when that is above the exercise's
  // step and no patient override sets its step; else -1. (A patient's
  // start_step is the therapist's choice for that exercise: phases do not
  // raise it, the pain rules do.)
  static int CarriedOverStartStep(const ExerciseTrack& t, const PhaseExercise& pe,
                                  const ExerciseOverride* ov, const Phase* phase) {
    if (t.phase == phase || pe.start_step <= t.state.step) return -1;
    if (ov != nullptr && ov->start_step) return -1;
    return pe.start_step;
  }

  // Moves the exercise's track to `d` through the pain rules; with
  // `start_step` >= 0, on the first day of a phase that starts the carried-over
  // exercise at that step (DecideCarriedOver).
  void Decide(ExerciseTrack& t, const PhaseEntry& entry, Date d, int start_step = -1) {
    const Exercise& ex = *entry.ex;
    StepContext ctx;
    ctx.rules = &program_.pain_rules;
    ctx.entries = entries_;
    ctx.day = d;
    ctx.today = today_;
    ctx.interval_days = ex.interval_days > 0 ? ex.interval_days : program_.pain_rules.interval_days;
    ctx.may_stop = MayStop(*entry.pe);
    StepDecision dec = start_step >= 0 ? DecideCarriedOver(t.state, ctx, start_step, PhaseTitle(d))
                                       : DecideStep(t.state, ctx);
    t.state.last_decision = d;
    if (dec.gap_handled_after) t.state.gap_handled_after = dec.gap_handled_after;
    // Held at the easiest step after repeated red pain until the therapist's review.
    if (t.awaiting_review && dec.change == StepChange::kUp) return;
    if (dec.reason.rule == "repeated-red") {
      t.awaiting_review = true;
      if (!dec.reason.diary_dates.empty()) t.last_red = dec.reason.diary_dates.back();
      RaiseRepeatedRed(t, ex, d, dec.reason, dec.change == StepChange::kStop);
    }
    switch (dec.change) {
      case StepChange::kSame:
        return;
      case StepChange::kHold:
        // One record per hold episode and rule: a red entry during an amber
        // hold is news and is reported; the same amber reason each day is not.
        if (t.hold_rule == dec.reason.rule) return;
        t.hold_rule = dec.reason.rule;
        break;
      case StepChange::kStop:
        t.stopped = true;
        break;
      default:
        t.hold_rule.clear();
        t.state.last_change = d;
        break;
    }
    Record(d, ex.id, t.state.step, dec.step, dec.change, dec.reason);
    t.state.step = dec.step;
    t.pending = dec.change;
    t.pending_reason = std::move(dec.reason);
  }

  // The therapist alert of repeated red pain: one per episode for all the
  // exercises it affects (one for those it stopped, one for those sent back
  // to their easiest step), until a `reviewed` entry ends it.
  void RaiseRepeatedRed(ExerciseTrack& t, const Exercise& ex, Date d, const Reason& reason,
                        bool stopped) {
    OpenReview& open = open_review_[stopped ? 1 : 0];
    if (t.review_alert && *t.review_alert != open.alert) t.review_alert.reset();
    if (!open.alert) {
      Alert a;
      a.kind = AlertKind::kTherapistReview;
      a.id = stopped ? "exercise-stopped" : "repeated-red";
      a.date = d;
      a.urgency = Urgency::kRoutine;
      a.active = true;
      a.action = Says("alert." + a.id + ".action");
      open.alert = plan_.alerts.size();
      open.names.clear();
      plan_.alerts.push_back(a);
    }
    Alert& alert = plan_.alerts[*open.alert];
    t.review_alert = open.alert;
    if (std::find(open.names.begin(), open.names.end(), ex.name) == open.names.end()) {
      open.names.push_back(ex.name);
    }
    for (Date x : reason.diary_dates) {
      if (std::find(alert.diary_dates.begin(), alert.diary_dates.end(), x) ==
          alert.diary_dates.end()) {
        alert.diary_dates.push_back(x);
      }
    }
    std::sort(alert.diary_dates.begin(), alert.diary_dates.end());
    alert.text = Says("alert." + alert.id)
                     .With("red_min", program_.pain_rules.red_min)
                     .With("dates", alert.diary_dates)
                     .With("exercises", open.names);
  }

  // A `reviewed` entry dated on or after the last red entry and before `d`
  // ends the repeated-red episode: the alert is answered, the hold lifted,
  // and a stopped exercise starts again one step lower. True when the
  // exercise restarted (nothing more to decide today).
  bool ApplyReview(ExerciseTrack& t, const Exercise& ex, Date d) {
    auto r = ReviewedIn(t.last_red, d);
    if (!r) return false;
    if (t.review_alert) {
      plan_.alerts[*t.review_alert].active = false;
      plan_.alerts[*t.review_alert].cleared = *r;
      for (auto& open : open_review_) {
        if (open.alert == t.review_alert) open.alert.reset();
      }
      t.review_alert.reset();
    }
    t.awaiting_review = false;
    t.state.reds_from = *r + date::days(1);
    if (!t.stopped) return false;
    t.stopped = false;
    int step = std::max(t.state.step - 1, 0);
    Reason reason{
        "therapist-reviewed",
        Says("therapist-reviewed").With("reviewed", *r).With("to", StepOf{step, t.state.steps}),
        {*r}};
    Record(d, ex.id, t.state.step, step, StepChange::kResume, reason);
    t.state.step = step;
    t.state.last_change = d;
    t.state.last_decision = d;
    t.hold_rule.clear();
    t.pending = StepChange::kResume;
    t.pending_reason = std::move(reason);
    return true;
  }

  // The latest red-flag stop that began after this exercise's last decision
  // and was cleared by `d`: the exercise restarts after it.
  const StopInterval* ClearedSince(const ExerciseTrack& t, Date d) const {
    const StopInterval* found = nullptr;
    for (const auto& s : stops_) {
      if (s.until && *s.until <= d && t.state.last_decision < s.from) found = &s;
    }
    return found;
  }

  // Restart after a red flag was cleared: one step lower, like a gap.
  void ResumeAfterStop(ExerciseTrack& t, const Exercise& ex, Date d, const StopInterval& stop) {
    int step = std::max(t.state.step - 1, 0);
    Reason r{"red-flag-cleared",
             Says("red-flag-cleared")
                 .With("stopped", stop.from)
                 .With("flag", stop.flag->text)
                 .With("cleared", *stop.until)
                 .With("to", StepOf{step, t.state.steps}),
             {stop.from, *stop.until}};
    Record(d, ex.id, t.state.step, step, StepChange::kResume, r);
    t.state.step = step;
    t.state.last_change = d;
    t.state.last_decision = d;
    t.hold_rule.clear();
    t.pending = StepChange::kResume;
    t.pending_reason = std::move(r);
  }

  DayPlan MakeDay(Date d) {
    DayPlan day;
    day.date = d;
    day.day = (d - plan_.anchor).count();
    day.past = d < today_;
    const PhaseSpan* span = SpanOn(d);
    if (span == nullptr) return day;
    day.phase_id = span->id;
    const Phase* phase = plan_.FindPhase(span->id);
    AddMilestones(day, *span, *phase);
    const StopInterval* stop = StopOn(stops_, d);
    if (stop != nullptr && stop->level == RedFlagStops::kAll) {
      day.stopped = true;
      return day;
    }
    day.essentials_only = stop != nullptr;
    const std::vector<PhaseEntry>& entries =
        phase_entries_[static_cast<size_t>(phase - plan_.program->phases.data())];
    auto& todays = todays_;
    todays.clear();
    todays.reserve(entries.size());  // entries are big: no regrowth
    for (const PhaseEntry& entry : entries) {
      const PhaseExercise& pe = *entry.pe;
      const Exercise* ex = entry.ex;
      const ExerciseOverride* ov = entry.ov;
      if (entry.forbidden.On(day.day)) continue;  // defence in depth
      if (day.essentials_only && !pe.essential) continue;
      if (!IsTrainingDay(patient_, plan_.anchor, d, pe.days_per_week)) continue;
      ExerciseTrack& t = tracks_[entry.index];
      if (!t.started) {
        t.started = true;
        t.state.steps = static_cast<int>(ex->ladder.size());
        int step = ov != nullptr && ov->start_step ? *ov->start_step : pe.start_step;
        t.state.step = std::clamp(step, 0, t.state.steps - 1);
        t.state.last_change = d;
        t.state.last_decision = d;
        Reason r{"phase-start",
                 Says("phase-start")
                     .With("phase", phase->title)
                     .With("step", StepOf{t.state.step, t.state.steps}),
                 {}};
        Record(d, ex->id, -1, t.state.step, StepChange::kStart, r);
        t.pending = StepChange::kStart;
        t.pending_reason = std::move(r);
      } else if (t.stopped) {
        if (!ApplyReview(t, *ex, d)) continue;
      } else if (const StopInterval* cleared = ClearedSince(t, d)) {
        ResumeAfterStop(t, *ex, d, *cleared);
      } else {
        if (t.awaiting_review) ApplyReview(t, *ex, d);
        Decide(t, entry, d, CarriedOverStartStep(t, pe, ov, phase));
        if (t.stopped) continue;
      }
      t.phase = phase;
      if (t.pending == StepChange::kBack || t.pending == StepChange::kResume) {
        t.state.last_lowered = d;
      }
      ScheduledExercise& se = todays.emplace_back(&pe, ScheduledExercise{}).second;
      se.exercise = ex;
      se.step = t.state.step;
      se.steps = t.state.steps;
      se.dose = &ex->ladder[static_cast<size_t>(t.state.step)];
      se.side = ResolveExerciseSide(ex->side, patient_.side);
      se.change = t.pending;
      se.reason = std::move(t.pending_reason);
      t.pending = StepChange::kSame;
      t.pending_reason.reset();
    }
    int slots = static_cast<int>(patient_.session_times.size());
    for (const auto& [pe, se] : todays) slots = std::max(slots, pe->times_per_day);
    if (!todays.empty()) {
      const std::vector<TimeOfDay>& times = SlotTimesFor(slots);
      day.sessions.reserve(slots);
      for (int s = 0; s < slots; ++s) {
        Session session;
        session.exercises.reserve(todays.size());
        session.slot = s;
        session.time = times[s];
        int seconds = 0;
        for (auto& [pe, se] : todays) {
          if (s >= pe->times_per_day) continue;
          // The exercise's last session of the day takes it; earlier ones copy.
          const ScheduledExercise& added = s + 1 == pe->times_per_day
                                               ? session.exercises.emplace_back(std::move(se))
                                               : session.exercises.emplace_back(se);
          if (s == 0) {  // the change is announced once, at the day's first session
            se.change = StepChange::kSame;
            se.reason.reset();
          }
          seconds += EstimateSeconds(*added.dose);
        }
        if (session.exercises.empty()) continue;
        session.duration_minutes = std::max(5, (seconds + 59) / 60);
        day.sessions.push_back(std::move(session));
      }
    }
    day.modalities = ScheduleModalities(program_, *entries_, day.day, d, day.sessions);
    if (day.essentials_only) {  // ice may go on; no heat on a knee that may be infected
      std::erase_if(day.modalities,
                    [](const ModalitySlot& m) { return m.kind == ModalityKind::kHeat; });
    }
    return day;
  }

  void AddMilestones(DayPlan& day, const PhaseSpan& span, const Phase& phase) {
    if (span.start == day.date) {
      day.milestones.push_back({MilestoneKind::kPhaseStart, phase.id,
                                Says("milestone.phase-start").With("phase", phase.title)});
    }
    for (const auto& om : program_.outcome_measures) {
      for (int due : om.due_days) {
        if (due == day.day) {
          day.milestones.push_back({MilestoneKind::kOutcomeMeasure, om.id,
                                    Says("milestone.outcome-measure").With("measure", om.name)});
        }
      }
    }
    Date planned_end = PlannedPhaseEnd(phase, plan_.anchor, span.start);
    if (!phase.exit_criteria.empty() && day.date == planned_end - date::days(1) &&
        span.end > day.date) {
      std::vector<std::string> criteria;
      for (const auto& c : phase.exit_criteria) criteria.push_back(c.text);
      day.milestones.push_back({MilestoneKind::kFollowUp, phase.id,
                                Says("milestone.follow-up").With("criteria", std::move(criteria))});
    }
  }

  const Program& program_;
  const Patient& patient_;
  const Entries* entries_ = nullptr;  // the diary's rows, or merged_
  Entries merged_;
  std::vector<std::vector<PhaseEntry>> phase_entries_;  // parallel to plan_.program->phases
  std::map<int, std::vector<TimeOfDay>> slot_times_;    // sessions a day -> their times
  // MakeDay's exercises of the day, a buffer reused from day to day.
  std::vector<std::pair<const PhaseExercise*, ScheduledExercise>> todays_;
  Date today_;
  Plan plan_;
  std::vector<StopInterval> stops_;
  std::vector<ExerciseTrack> tracks_;  // parallel to plan_.program->exercises
  std::vector<Date> reviewed_;         // dates of the diary's `reviewed` entries, in order
  // The repeated-red alerts still open: [0] sent back to the easiest step, [1] stopped.
  struct OpenReview {
    std::optional<size_t> alert;     // index into plan_.alerts
    std::vector<std::string> names;  // the exercises it names
  };
  OpenReview open_review_[2];
};

}  // namespace

bool HeatAllowedOnDay(const Program& program, int day) { return day >= program.acute_days; }

Side ResolveExerciseSide(Side exercise_side, Side patient_side) {
  switch (exercise_side) {
    case Side::kAffected:
      return patient_side;
    case Side::kUnaffected:
      return patient_side == Side::kLeft    ? Side::kRight
             : patient_side == Side::kRight ? Side::kLeft
                                            : Side::kBoth;
    default:
      return exercise_side;
  }
}

Date PlannedPhaseEnd(const Phase& phase, Date anchor, Date start) {
  int length = std::max(phase.end_day - phase.start_day, 1);
  return std::max(anchor + date::days(phase.end_day), start + date::days(length));
}

std::vector<CriterionCheck> CheckExitCriteria(const Phase& phase,
                                              const std::vector<DiaryEntry>& entries, Date before,
                                              Date today) {
  std::vector<CriterionCheck> out;
  for (const auto& c : phase.exit_criteria) {
    CriterionCheck check;
    check.criterion = &c;
    // The latest date with a value; on that date the worst pain or swelling
    // counts, or the last row's measure (as the engine merges same-day rows).
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      if (it->date >= before || it->date > today) continue;
      if (check.value && it->date != check.logged) break;
      auto v = MeasureIn(*it, c.measure);
      if (!v) continue;
      if (!check.value) {
        check.value = v;
        check.logged = it->date;
      } else if (IsBuiltinPain(c.measure) && *v > *check.value) {
        check.value = v;
      }
    }
    check.met = check.value &&
                (c.op == CompareOp::kAtLeast ? *check.value >= c.value : *check.value <= c.value);
    out.push_back(check);
  }
  return out;
}

std::span<const std::string_view> ReasonRules() {
  static constexpr std::string_view kRules[] = {"phase-start",
                                                "scheduled",
                                                "progress",
                                                "amber-pain",
                                                "rising-interval",
                                                "phase-start-step",
                                                "too-few-sessions",
                                                "red-pain",
                                                "red-pain-lowest-step",
                                                "rising-pain",
                                                "rising-week",
                                                "repeated-red",
                                                "therapist-reviewed",
                                                "gap",
                                                "red-flag-cleared"};
  return kRules;
}

std::span<const std::string_view> EmittedMessageIds() {
  static constexpr std::string_view kIds[] = {
      // Reasons.
      "phase-start", "phase-start-step", "repeated-red.stop", "repeated-red.easiest",
      "red-pain-lowest-step", "red-pain", "rising-pain", "rising-week", "gap", "amber-pain",
      "finding.pain", "finding.morning-above-baseline", "finding.morning-not-settled",
      "rising-interval", "too-few-sessions", "scheduled", "progress", "therapist-reviewed",
      "red-flag-cleared",
      // Alerts (red flags are Verbatim).
      kVerbatimMessage, "alert.phase-overdue", "alert.phase-overdue.action",
      "alert.phase-overdue.detail", "missing.daily", "missing.measure", "criterion.not-measured",
      "criterion.met", "criterion.unmet", "target.at-least", "target.at-most",
      "alert.persistent-pain", "alert.persistent-pain.action", "alert.exercise-stopped",
      "alert.exercise-stopped.action", "alert.repeated-red", "alert.repeated-red.action",
      // Notes, milestones, diary warnings.
      "note.extra-days", "milestone.phase-start", "milestone.outcome-measure",
      "milestone.follow-up", "ignored.after-today", "ignored.flags", "ignored.pain",
      "ignored.swelling", "ignored.measures"};
  return kIds;
}

Message TargetOf(const Criterion& c) {
  return Says(c.op == CompareOp::kAtLeast ? "target.at-least" : "target.at-most")
      .With("value", MeasureValue{c.measure, c.value});
}

std::vector<IgnoredEntry> EntriesAfterToday(const Diary& diary, Date today) {
  std::vector<IgnoredEntry> out;
  for (const auto& e : diary.entries) {
    if (e.date <= today) continue;
    std::vector<Message> what;  // what the ignored row held
    if (!e.flags.empty()) what.push_back(Says("ignored.flags").With("flags", e.flags));
    int worst = std::max({e.during.value_or(-1), e.after.value_or(-1), e.morning.value_or(-1)});
    if (worst >= 0) what.push_back(Says("ignored.pain").With("pain", worst));
    if (e.swelling) {
      what.push_back(
          Says("ignored.swelling")
              .With("swelling", MeasureValue{"swelling", static_cast<double>(*e.swelling)}));
    }
    if (!e.measures.empty()) what.push_back(Says("ignored.measures"));
    IgnoredEntry w;
    w.date = e.date;
    w.line = e.line;
    w.column = e.date_column;
    w.message = Says("ignored.after-today")
                    .With("date", e.date)
                    .With("today", today)
                    .With("held", std::move(what));
    out.push_back(std::move(w));
  }
  return out;
}

Plan Generate(std::shared_ptr<const Program> program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options) {
  return Generator(std::move(program), patient, diary, date::sys_days(today), options).Run();
}

Plan Generate(const Program& program, const Patient& patient, const Diary& diary,
              date::year_month_day today, const PlanOptions& options) {
  return Generate(std::make_shared<const Program>(program), patient, diary, today, options);
}

}  // namespace rehab
