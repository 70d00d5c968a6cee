// The step decision under the pain-monitoring model (Silbernagel et al. 2007;
// see docs/pain-rules.md for the rules and their sources).
#include "planner/engine/pain_rules.h"

#include <algorithm>
#include <utility>

namespace rehab {

namespace {

using Entries = std::vector<DiaryEntry>;

// Entries with date in [from, to), as a pair of iterators.
std::pair<Entries::const_iterator, Entries::const_iterator> Range(const Entries& entries, Date from,
                                                                  Date to) {
  auto lo = std::lower_bound(entries.begin(), entries.end(), from,
                             [](const DiaryEntry& e, Date d) { return e.date < d; });
  auto hi = std::lower_bound(lo, entries.end(), to,
                             [](const DiaryEntry& e, Date d) { return e.date < d; });
  return {lo, hi};
}

const DiaryEntry* Previous(const Entries& entries, Entries::const_iterator it) {
  return it == entries.begin() ? nullptr : &*(it - 1);
}

// A decision for rule `rule`, worded by message `message` (by default the
// rule's own id) with the given values.
StepDecision Make(StepChange change, int step, std::string rule, Message message,
                  std::vector<Date> dates) {
  StepDecision d;
  d.change = change;
  d.step = step;
  d.reason = {std::move(rule), std::move(message), std::move(dates)};
  return d;
}

int Count(size_t n) { return static_cast<int>(n); }

std::optional<StepDecision> CheckRed(const StepState& s, const StepContext& ctx) {
  const PainRules& rules = *ctx.rules;
  auto [lo, hi] = Range(*ctx.entries, s.last_decision, ctx.day);
  std::vector<Date> reds;
  int worst = 0;
  for (auto it = lo; it != hi; ++it) {
    if (IsRedEntry(*it, rules)) {
      reds.push_back(it->date);
      worst = std::max({worst, it->during.value_or(0), it->after.value_or(0)});
    }
  }
  if (reds.empty()) return std::nullopt;
  auto [wlo, whi] = Range(
      *ctx.entries, std::max(ctx.day - date::days(rules.stop_window_days), s.reds_from), ctx.day);
  std::vector<Date> window_reds;
  for (auto it = wlo; it != whi; ++it) {
    if (IsRedEntry(*it, rules)) window_reds.push_back(it->date);
  }
  if (static_cast<int>(window_reds.size()) >= rules.stop_after_reds) {
    if (ctx.may_stop) {
      return Make(StepChange::kStop, s.step, "repeated-red",
                  Message("repeated-red.stop")
                      .With("red_min", rules.red_min)
                      .With("dates", window_reds)
                      .With("window_days", rules.stop_window_days),
                  window_reds);
    }
    // Not stopped (an essential exercise, or the program keeps exercises
    // going): back to the easiest step, held there, and the therapist is told.
    return Make(s.step > 0 ? StepChange::kBack : StepChange::kHold, 0, "repeated-red",
                Message("repeated-red.easiest")
                    .With("red_min", rules.red_min)
                    .With("dates", window_reds)
                    .With("window_days", rules.stop_window_days)
                    .With("to", StepOf{0, s.steps}),
                window_reds);
  }
  if (s.step == 0) {
    return Make(StepChange::kHold, 0, "red-pain-lowest-step",
                Message("red-pain-lowest-step")
                    .With("worst", worst)
                    .With("dates", reds)
                    .With("red_min", rules.red_min),
                reds);
  }
  return Make(StepChange::kBack, s.step - 1, "red-pain",
              Message("red-pain")
                  .With("worst", worst)
                  .With("dates", reds)
                  .With("red_min", rules.red_min)
                  .With("to", StepOf{s.step - 1, s.steps}),
              reds);
}

std::optional<StepDecision> CheckRising(const StepState& s, const StepContext& ctx) {
  const PainRules& rules = *ctx.rules;
  auto [lo, hi] = Range(*ctx.entries, Date{}, ctx.day);
  // Consecutive rises: rising_sessions rises need rising_sessions + 1 entries.
  size_t run = static_cast<size_t>(rules.rising_sessions) + 1;
  // Walking back from the day over the entries with pain during exercise:
  // are the last `run` of them each higher than the one before? (Independent
  // of the diary's length, and nothing is collected unless they are.)
  size_t rising = 0;
  auto oldest = hi;
  Date newest_date;  // of the newest entry with pain
  for (auto it = hi; it != lo && rising < run;) {
    --it;
    if (!it->during) continue;
    if (rising == 0) newest_date = it->date;
    if (rising > 0 && *it->during >= *oldest->during) break;
    oldest = it;
    ++rising;
  }
  if (rising == run && newest_date >= s.last_decision && oldest->date > s.last_change) {
    std::vector<Date> dates;
    std::vector<int> values;
    for (auto it = oldest; it != hi; ++it) {
      if (!it->during) continue;
      dates.push_back(it->date);
      values.push_back(*it->during);
    }
    int step = std::max(s.step - 1, 0);
    return Make(step < s.step ? StepChange::kBack : StepChange::kHold, step, "rising-pain",
                Message("rising-pain")
                    .With("rises", rules.rising_sessions)
                    .With("values", std::move(values))
                    .With("dates", dates)
                    .With("to", StepOf{step, s.steps}),
                dates);
  }
  // Week over week: the last 7 days' mean above the 7 before by a point or more.
  // Checked from the day the last 7 days all fall at the current step: the
  // change day's own entry was already done at it, so a weekly step-up day is
  // checked too.
  if (!(s.last_change <= ctx.day - date::days(7))) return std::nullopt;
  struct Week {
    Entries::const_iterator begin, end;
    double sum = 0;
    int n = 0;
    Date last;  // the latest entry with pain during exercise
  };
  auto week = [&](Date from, Date to) {
    auto [a, b] = Range(*ctx.entries, from, to);
    Week w;
    w.begin = a;
    w.end = b;
    for (auto it = a; it != b; ++it) {
      if (!it->during) continue;
      w.sum += *it->during;
      ++w.n;
      w.last = it->date;
    }
    return w;
  };
  Week recent = week(ctx.day - date::days(7), ctx.day);
  Week older = week(ctx.day - date::days(14), ctx.day - date::days(7));
  if (recent.n < 2 || older.n < 2) return std::nullopt;
  double recent_mean = recent.sum / recent.n;
  double older_mean = older.sum / older.n;
  bool fresh = recent.last >= s.last_decision;
  if (recent_mean >= older_mean + 1.0 && fresh) {
    int step = std::max(s.step - 1, 0);
    std::vector<Date> dates, recent_dates;
    for (auto it = older.begin; it != older.end; ++it) {
      if (it->during) dates.push_back(it->date);
    }
    for (auto it = recent.begin; it != recent.end; ++it) {
      if (it->during) recent_dates.push_back(it->date);
    }
    dates.insert(dates.end(), recent_dates.begin(), recent_dates.end());
    return Make(step < s.step ? StepChange::kBack : StepChange::kHold, step, "rising-week",
                Message("rising-week")
                    .With("from_mean", older_mean)
                    .With("to_mean", recent_mean)
                    .With("dates", std::move(recent_dates))
                    .With("to", StepOf{step, s.steps}),
                dates);
  }
  return std::nullopt;
}

std::optional<StepDecision> CheckGap(const StepState& s, const StepContext& ctx) {
  const Entries& entries = *ctx.entries;
  if (ctx.day > ctx.today) return std::nullopt;
  auto [lo, hi] = Range(entries, Date{}, ctx.day);
  if (lo == hi) return std::nullopt;  // no entries yet: nothing to measure a gap from
  const DiaryEntry& last = *(hi - 1);
  int gap = (ctx.day - last.date).count();
  if (gap < ctx.rules->gap_days) return std::nullopt;
  if (s.gap_handled_after && *s.gap_handled_after >= last.date) return std::nullopt;
  int step = std::max(s.step - 1, 0);
  StepDecision d = Make(
      step < s.step ? StepChange::kResume : StepChange::kSame, step, "gap",
      Message("gap").With("days", gap).With("since", last.date).With("to", StepOf{step, s.steps}),
      {last.date});
  d.gap_handled_after = last.date;
  return d;
}

// The mean pain during exercise over the entries in [from, to), and how many
// there were.
struct MeanPain {
  double mean = 0;
  int n = 0;
  std::vector<Date> dates;
};

MeanPain MeanDuring(const Entries& entries, Date from, Date to) {
  auto [lo, hi] = Range(entries, from, to);
  MeanPain m;
  double sum = 0;
  for (auto it = lo; it != hi; ++it) {
    if (!it->during) continue;
    sum += *it->during;
    ++m.n;
    m.dates.push_back(it->date);
  }
  if (m.n > 0) m.mean = sum / m.n;
  return m;
}

// What holds an exercise at its step on `ctx.day`, judged over the interval
// before it: amber or red entries (pain above the acceptable band, or morning
// pain above the baseline or above the morning before), mean pain during
// exercise higher than over the interval before, or too few entries. The
// gate of every step-up (CheckStepUp) and of a phase's start_step.
std::optional<StepDecision> CheckHolds(const StepState& s, const StepContext& ctx) {
  const PainRules& rules = *ctx.rules;
  const Entries& entries = *ctx.entries;
  Date from = ctx.day - date::days(ctx.interval_days);
  auto [lo, hi] = Range(entries, from, ctx.day);
  int baseline = MorningBaseline(entries, ctx.day, rules);
  std::vector<Date> window, amber;
  std::vector<Message> findings;  // one per amber or red entry
  for (auto it = lo; it != hi; ++it) {
    window.push_back(it->date);
    bool high = it->during.value_or(0) > rules.acceptable_max || IsRedEntry(*it, rules);
    if (!high && !IsAmberEntry(*it, Previous(entries, it), baseline, rules)) continue;
    amber.push_back(it->date);
    if (high) {
      findings.push_back(Message("finding.pain")
                             .With("pain", std::max(it->during.value_or(0), it->after.value_or(0)))
                             .With("date", it->date));
    } else if (*it->morning > baseline) {
      findings.push_back(Message("finding.morning-above-baseline")
                             .With("pain", *it->morning)
                             .With("date", it->date)
                             .With("baseline", baseline));
    } else {
      findings.push_back(
          Message("finding.morning-not-settled").With("pain", *it->morning).With("date", it->date));
    }
  }
  if (!amber.empty()) {
    return Make(StepChange::kHold, s.step, "amber-pain",
                Message("amber-pain")
                    .With("findings", std::move(findings))
                    .With("acceptable_max", rules.acceptable_max)
                    .With("step", StepOf{s.step, s.steps}),
                amber);
  }
  // No step-up in an interval whose mean pain rose: the pain-
  // monitoring model's "pain must not rise from one week to the next" [1].
  MeanPain recent = MeanDuring(entries, from, ctx.day);
  MeanPain older = MeanDuring(entries, from - date::days(ctx.interval_days), from);
  if (recent.n > 0 && older.n > 0 && recent.mean > older.mean) {
    std::vector<Date> dates = older.dates;
    dates.insert(dates.end(), recent.dates.begin(), recent.dates.end());
    return Make(StepChange::kHold, s.step, "rising-interval",
                Message("rising-interval")
                    .With("from_mean", older.mean)
                    .With("to_mean", recent.mean)
                    .With("days", ctx.interval_days)
                    .With("dates", recent.dates)
                    .With("step", StepOf{s.step, s.steps}),
                dates);
  }
  bool diary_in_use = !entries.empty() && entries.front().date < ctx.day;
  if (diary_in_use && ctx.day <= ctx.today &&
      static_cast<int>(window.size()) < rules.min_logged_per_interval) {
    return Make(StepChange::kHold, s.step, "too-few-sessions",
                Message("too-few-sessions")
                    .With("logged", Count(window.size()))
                    .With("days", ctx.interval_days)
                    .With("needed", rules.min_logged_per_interval)
                    .With("step", StepOf{s.step, s.steps}),
                window);
  }
  return std::nullopt;
}

std::optional<StepDecision> CheckStepUp(const StepState& s, const StepContext& ctx) {
  const PainRules& rules = *ctx.rules;
  if (s.step + 1 >= s.steps) return std::nullopt;
  if ((ctx.day - s.last_change).count() < ctx.interval_days) return std::nullopt;
  if (auto hold = CheckHolds(s, ctx)) return hold;
  auto [lo, hi] = Range(*ctx.entries, ctx.day - date::days(ctx.interval_days), ctx.day);
  std::vector<Date> window;
  for (auto it = lo; it != hi; ++it) window.push_back(it->date);
  if (window.empty()) {
    return Make(StepChange::kUp, s.step + 1, "scheduled",
                Message("scheduled")
                    .With("days", ctx.interval_days)
                    .With("step", StepOf{s.step, s.steps})
                    .With("to", StepOf{s.step + 1, s.steps})
                    .With("acceptable_max", rules.acceptable_max),
                {});
  }
  return Make(StepChange::kUp, s.step + 1, "progress",
              Message("progress")
                  .With("acceptable_max", rules.acceptable_max)
                  .With("dates", window)
                  .With("to", StepOf{s.step + 1, s.steps}),
              window);
}

}  // namespace

bool IsRedEntry(const DiaryEntry& e, const PainRules& rules) {
  return e.during.value_or(0) >= rules.red_min || e.after.value_or(0) >= rules.red_min;
}

int MorningBaseline(const std::vector<DiaryEntry>& entries, Date before, const PainRules& rules) {
  int sum = 0;
  int n = 0;
  for (const auto& e : entries) {
    if (n >= rules.baseline_mornings || e.date >= before) break;
    if (!e.morning) continue;
    sum += *e.morning;
    ++n;
  }
  // The mean to the nearest whole point (halves up): the scale's own unit.
  int mean = n > 0 ? (2 * sum + n) / (2 * n) : 0;
  return std::max(rules.safe_max, mean);
}

bool IsAmberEntry(const DiaryEntry& e, const DiaryEntry* previous, int baseline,
                  const PainRules& rules) {
  if (e.during.value_or(0) > rules.acceptable_max) return true;
  if (!e.morning || *e.morning <= rules.safe_max) return false;
  // Not settled: morning pain above the baseline, or above the green zone and
  // above the morning before.
  if (*e.morning > baseline) return true;
  return previous != nullptr && previous->morning && *e.morning > *previous->morning;
}

StepDecision DecideCarriedOver(const StepState& state, const StepContext& ctx, int start_step,
                               const std::string& phase_title) {
  StepDecision d = DecideStep(state, ctx);
  // Held, stepped back, stopped or restarted lower: the pain rules win.
  if (d.change != StepChange::kSame && d.change != StepChange::kUp) return d;
  if (d.gap_handled_after || start_step <= d.step) return d;
  // Stepped back or restarted lower (red pain, a gap, a cleared red flag)
  // within the interval: it climbs back by the usual step-ups.
  if (state.last_lowered && (ctx.day - *state.last_lowered).count() < ctx.interval_days) return d;
  if (auto hold = CheckHolds(state, ctx)) return std::move(*hold);
  int to = std::min(start_step, state.steps - 1);
  return Make(StepChange::kUp, to, "phase-start-step",
              Message("phase-start-step")
                  .With("phase", phase_title)
                  .With("to", StepOf{to, state.steps})
                  .With("step", StepOf{state.step, state.steps})
                  .With("days", ctx.interval_days),
              d.reason.diary_dates);
}

StepDecision DecideStep(const StepState& state, const StepContext& ctx) {
  if (auto d = CheckRed(state, ctx)) return std::move(*d);
  if (auto d = CheckRising(state, ctx)) return std::move(*d);
  if (auto d = CheckGap(state, ctx)) return std::move(*d);
  if (auto d = CheckStepUp(state, ctx)) return std::move(*d);
  StepDecision same;
  same.step = state.step;
  return same;
}

}  // namespace rehab
