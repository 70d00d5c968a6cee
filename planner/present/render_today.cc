// The day view of `rehab today`: alerts, the day in time order, what to
// write in the diary. Every sentence comes from the message catalogue
// ("today.*" and the handout's texts); this file only lays them out.
#include "planner/present/render_today.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"
#include "planner/present/render_text.h"

namespace rehab {

namespace {

// Where an exercise line starts: under the text after "  09:00  ".
constexpr size_t kEntryIndent = 9;

class TodayView {
 public:
  TodayView(const Plan& plan, Date day)
      : plan_(plan), day_(day), language_(plan.patient.language), d_(plan.FindDay(day)) {}

  StyledText Render() {
    Line(LineStyle::kHeading, "", Say(Message("today.heading").With("date", Long(day_))), 2);
    Alerts();
    Blank();
    About();
    Blank();
    if (d_ == nullptr) {
      OutsideThePlan();
      return out_.Take();
    }
    Day();
    AlsoToday();
    Diary();
    Line(LineStyle::kPlain, "",
         plan_.program->red_flags.empty() ? std::string(T(StringId::kRedFlagsNone))
                                          : Say(Message("today.warning-signs")),
         0);
    return out_.Take();
  }

 private:
  // Dates in words ("19 Nov"): this view is for the patient.
  std::string Say(const Message& m) const { return MessageText(m, language_, DateStyle::kShort); }
  std::string Long(Date d) const { return LongDate(d, language_); }
  const char* T(StringId id) const { return Text(id, language_); }

  void Line(LineStyle style, const std::string& prefix, std::string_view text, size_t indent) {
    std::string lines;
    AppendWrapped(lines, prefix, text, indent, kTodayColumns);
    out_.Add(lines, style);
  }
  void Blank() { out_ += "\n"; }

  // Every alert in force, the most urgent first; an urgent one (a red flag
  // to act on today or now) under a banner.
  void Alerts() {
    std::vector<const Alert*> alerts = plan_.ActiveAlerts();
    if (alerts.empty()) return;
    bool urgent = std::any_of(alerts.begin(), alerts.end(), [](const Alert* a) {
      return a->kind == AlertKind::kRedFlag && a->urgency != Urgency::kRoutine;
    });
    Blank();
    if (urgent) Line(LineStyle::kAlertHeadline, "!! ", T(StringId::kAlertHeading), 3);
    for (const Alert* a : alerts) {
      if (a != alerts.front()) Blank();
      std::string head =
          AlertHeadline(plan_.patient, plan_.program->anchor, a->urgency, a->stops, a->kind);
      Line(LineStyle::kAlertHeadline, "!! ", head + ".", 3);
      Line(LineStyle::kAlert, "   ", Say(a->text), 3);
      Line(LineStyle::kAlert, "   ",
           fmt::format(fmt::runtime(T(StringId::kAlertSince)), fmt::arg("date", Long(a->date))), 3);
      if (!a->action.empty()) Line(LineStyle::kAlert, "   ", Say(a->action), 3);
      if (a->stops == RedFlagStops::kAll) {
        Line(LineStyle::kAlert, "   ", T(StringId::kAlertStopExercise), 3);
      } else if (a->stops == RedFlagStops::kAllButEssentials) {
        std::vector<std::string> names = ExerciseNames();
        Line(LineStyle::kAlert, "   ",
             names.empty()
                 ? std::string(T(StringId::kAlertStopExercise))
                 : fmt::format(fmt::runtime(T(StringId::kAlertKeepEssentials)),
                               fmt::arg("names", Say(Message("today.list").With("items", names)))),
             3);
      }
    }
  }

  // The exercises of the day, each once, in order of first appearance.
  std::vector<std::string> ExerciseNames() const {
    std::vector<std::string> names;
    if (d_ == nullptr) return names;
    for (const auto& s : d_->sessions) {
      for (const auto& e : s.exercises) {
        if (std::find(names.begin(), names.end(), e.name()) == names.end()) {
          names.push_back(e.name());
        }
      }
    }
    return names;
  }

  // The program and side; the day since the anchor and the phase; the zone.
  void About() {
    Line(LineStyle::kPlain, "",
         Say(Message("today.program")
                 .With("program", plan_.program->title)
                 .With("side", DescribeSide(plan_.patient.side, language_))),
         2);
    if (d_ != nullptr) {
      std::string phase;
      for (const auto& p : plan_.phases) {
        if (p.id == d_->phase_id) phase = p.title;
      }
      Message when = plan_.program->anchor == Anchor::kSurgery
                         ? Message("today.day.surgery").With("days", d_->day)
                         : Message("today.day.start").With("day", d_->day + 1);
      Line(LineStyle::kPlain, "",
           Say(Message("today.phase").With("when", Say(when)).With("phase", phase)), 2);
    }
    if (!plan_.patient.timezone.empty()) {
      Line(LineStyle::kPlain, "",
           Say(Message("today.timezone").With("zone", plan_.patient.timezone)), 2);
    }
  }

  void OutsideThePlan() {
    if (day_ < plan_.start) {
      Line(LineStyle::kHeading, "",
           Say(Message("today.before")
                   .With("date", Long(plan_.start))
                   .With("days", static_cast<int>((plan_.start - day_).count()))),
           0);
      NextExercises(plan_.start - date::days(1), "");
    } else {
      Line(LineStyle::kHeading, "",
           Say(Message("today.after").With("date", Long(plan_.end - date::days(1)))), 0);
    }
  }

  // "Next exercises: Friday 4 December 2026, first at 09:00." for the first
  // day after `after` with a session.
  void NextExercises(Date after, const std::string& prefix) {
    for (const auto& d : plan_.days) {
      if (d.date <= after || d.sessions.empty()) continue;
      Line(LineStyle::kPlain, prefix,
           Say(Message("today.next")
                   .With("date", Long(d.date))
                   .With("time", ClockTime{d.sessions.front().time})),
           prefix.size() + 2);
      return;
    }
    Line(LineStyle::kPlain, prefix, Say(Message("today.next.none")), prefix.size() + 2);
  }

  // One thing at a time of day: a session or an ice or heat slot.
  struct Entry {
    TimeOfDay time = 0;
    int rank = 0;  // at one time: ice before exercise, the session, the rest
    const Session* session = nullptr;
    const ModalitySlot* modality = nullptr;
  };

  void Day() {
    Line(LineStyle::kHeading, "", Say(Message("today.day.heading")), 2);
    if (d_->stopped) {
      Line(LineStyle::kPlain, "  ", Say(Message("today.stopped")), 2);
    } else if (d_->sessions.empty()) {
      Line(LineStyle::kPlain, "  ", Say(Message("today.rest")), 2);
      NextExercises(day_, "  ");
    } else if (d_->essentials_only) {
      Line(LineStyle::kPlain, "  ", Say(Message("today.essentials")), 2);
    }
    std::vector<Entry> entries;
    for (const auto& s : d_->sessions) entries.push_back({s.time, 1, &s, nullptr});
    for (const auto& m : d_->modalities) {
      entries.push_back({m.time, m.when == ModalityTiming::kBeforeExercise ? 0 : 2, nullptr, &m});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.time, a.rank) < std::tie(b.time, b.rank);
    });
    for (const Entry& e : entries) {
      std::string at = fmt::format("  {}  ", FormatTime(e.time));
      if (e.session != nullptr) {
        WriteSession(at, *e.session);
      } else {
        WriteModality(at, *e.modality);
      }
    }
    Blank();
  }

  void WriteSession(const std::string& at, const Session& s) {
    int total = static_cast<int>(d_->sessions.size());
    Line(LineStyle::kHeading, at,
         Say(Message("today.session")
                 .With("n", s.slot + 1)
                 .With("total", total)
                 .With("minutes", s.duration_minutes)),
         kEntryIndent);
    const std::string indent(kEntryIndent, ' ');
    for (const auto& earlier : d_->sessions) {
      if (&earlier == &s) break;
      if (SameExercises(earlier, s)) {
        Line(LineStyle::kPlain, indent,
             Say(Message("today.session.same").With("time", ClockTime{earlier.time})),
             kEntryIndent);
        return;
      }
    }
    for (const auto& e : s.exercises) {
      std::string dose =
          fmt::format("{} \u00b7 {}", DescribeDose(*e.dose, plan_.patient.units, language_),
                      DescribeSide(e.side, language_));
      std::string change = ChangeNote(e);
      DoseLine(indent + "- ",
               Say(Message(change.empty() ? "today.exercise" : "today.exercise.changed")
                       .With("name", e.name())
                       .With("dose", dose)
                       .With("change", change)),
               kEntryIndent + 2);
    }
  }

  // A line with a dose: broken at its " · " parts (the dose, the side) when
  // they fit a line each, else at spaces.
  void DoseLine(const std::string& prefix, const std::string& text, size_t indent) {
    std::string lines;
    AppendWrapped(lines, prefix, text, indent, kTodayColumns, " \u00b7 ");
    size_t widest = 0;
    for (size_t at = 0, end = 0; at < lines.size(); at = end + 1) {
      end = lines.find('\n', at);
      widest = std::max(widest, TextWidth(std::string_view(lines).substr(at, end - at)));
    }
    if (widest > kTodayColumns) {
      Line(LineStyle::kPlain, prefix, text, indent);
    } else {
      out_.Add(lines);
    }
  }

  // The same exercises in the same order, each at the same dose and side.
  static bool SameExercises(const Session& a, const Session& b) {
    return std::equal(a.exercises.begin(), a.exercises.end(), b.exercises.begin(),
                      b.exercises.end(),
                      [](const ScheduledExercise& x, const ScheduledExercise& y) {
                        return x.id() == y.id() && *x.dose == *y.dose && x.side == y.side;
                      });
  }

  // "harder from today" and the like; "" when the dose is as before (or the
  // plan starts today, when everything is new).
  std::string ChangeNote(const ScheduledExercise& e) const {
    switch (e.change) {
      case StepChange::kUp:
        return Say(Message("today.change.up"));
      case StepChange::kBack:
        return Say(Message("today.change.back"));
      case StepChange::kResume:
        return Say(Message("today.change.resume"));
      case StepChange::kStart:
        return d_->day == 0 || day_ == plan_.start ? "" : Say(Message("today.change.start"));
      case StepChange::kSame:
      case StepChange::kHold:
      case StepChange::kStop:
        break;
    }
    return "";
  }

  // Its time says whether it is before or after a session.
  void WriteModality(const std::string& at, const ModalitySlot& m) {
    Line(LineStyle::kPlain, at,
         Say(Message("today.modality").With("name", m.name).With("minutes", m.minutes)),
         kEntryIndent);
  }

  // The day's milestones and dose changes.
  void AlsoToday() {
    auto notes = DayNotes(plan_, day_, day_);
    if (notes.empty()) return;
    Line(LineStyle::kHeading, "", Say(Message("today.also.heading")), 2);
    for (const auto& [date, text] : notes) Line(LineStyle::kPlain, "  - ", text, 4);
    Blank();
  }

  bool HadSessions(Date d) const {
    const DayPlan* p = plan_.FindDay(d);
    return p != nullptr && !p->sessions.empty();
  }

  void Diary() {
    Line(LineStyle::kHeading, "", T(StringId::kLogHeading), 2);
    bool any = false;
    auto item = [&](const std::string& text) {
      Line(LineStyle::kPlain, "  - ", text, 4);
      any = true;
    };
    if (HadSessions(day_ - date::days(1))) {
      item(Say(Message("today.log.yesterday").With("date", Long(day_ - date::days(1)))));
    }
    if (!d_->sessions.empty()) {
      item(Say(Message("today.log.session")));
      item(Say(Message("today.log.tomorrow")));
    }
    for (const Alert* a : plan_.ActiveAlerts()) {
      if (a->kind == AlertKind::kRedFlag && a->stops != RedFlagStops::kNone) {
        item(Say(Message("today.log.cleared")));
        break;
      }
    }
    Measures(&any);
    if (!any) item(Say(Message("today.log.nothing")));
    Line(LineStyle::kPlain, "  ",
         Say(Message("today.log.how")
                 .With("diary",
                       plan_.patient.diary.empty() ? std::string("DIARY") : plan_.patient.diary)
                 .With("date", FormatDate(day_))),
         4);
    Blank();
  }

  // The current phase's measures to move on, once its check is at most a
  // week away (pain and swelling are part of each session's entry).
  void Measures(bool* any) {
    const PhaseSpan* span = nullptr;
    for (const auto& p : plan_.phases) {
      if (p.id == d_->phase_id) span = &p;
    }
    const Phase* phase = span != nullptr ? plan_.FindPhase(span->id) : nullptr;
    if (phase == nullptr || phase->exit_criteria.empty() || plan_.program->phases.empty() ||
        &plan_.program->phases.back() == phase) {
      return;
    }
    Date checked = PlannedPhaseEnd(*phase, plan_.anchor, span->start);
    if (day_ + date::days(7) < checked) return;
    std::vector<CriterionCheck> checks =
        CheckExitCriteria(*phase, plan_.diary.entries, day_ + date::days(1), plan_.today);
    std::vector<const CriterionCheck*> wanted;
    for (const auto& c : checks) {
      const std::string& m = c.criterion->measure;
      if (m != "pain" && m != "morning-pain" && m != "swelling") wanted.push_back(&c);
    }
    if (wanted.empty()) return;
    Line(LineStyle::kPlain, "  - ",
         checked > day_ ? Say(Message("today.log.check").With("date", Long(checked)))
                        : std::string(T(StringId::kLogNow)),
         4);
    *any = true;
    for (const CriterionCheck* c : wanted) {
      const std::string& measure = c->criterion->measure;
      std::string latest =
          c->value
              ? fmt::format(fmt::runtime(T(StringId::kLogLatest)),
                            fmt::arg("value", DescribeMeasureValue(measure, *c->value, language_)),
                            fmt::arg("date", Long(c->logged)))
              : std::string(T(StringId::kLogNotYet));
      Line(LineStyle::kPlain, "    - ",
           Say(Message("today.log.measure")
                   .With("text", c->criterion->text)
                   .With("write", fmt::format(fmt::runtime(T(StringId::kLogWriteAs)),
                                              fmt::arg("name", measure)))
                   .With("latest", latest)),
           6);
    }
  }

  const Plan& plan_;
  Date day_;
  const std::string& language_;
  const DayPlan* d_;
  LineBuilder out_;
};

}  // namespace

StyledText RenderTodayLines(const Plan& plan, Date day) { return TodayView(plan, day).Render(); }

std::string RenderToday(const Plan& plan, Date day) {
  return PlainText(RenderTodayLines(plan, day));
}

}  // namespace rehab
