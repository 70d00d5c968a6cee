// The handout's sections other than the pain chart, in handout order.
#include <algorithm>
#include <set>

#include "planner/base/citation_text.h"
#include "planner/engine/engine.h"
#include "planner/present/html_care_team.h"
#include "planner/present/html_handout.h"

namespace rehab::html {

namespace {

// Names of the exercises scheduled on `day` (the essentials, on a day a red
// flag stops all but them).
std::string ScheduledNames(const DayPlan* day) {
  std::vector<std::string> names;
  if (day != nullptr) {
    for (const auto& s : day->sessions) {
      for (const auto& e : s.exercises) {
        if (std::find(names.begin(), names.end(), e.name()) == names.end())
          names.push_back(e.name());
      }
    }
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + names[i];
  return out;
}

}  // namespace

void WriteAlerts(Writer& w) {
  const Plan& plan = *w.view().plan;
  std::vector<const Alert*> active = plan.ActiveAlerts();
  if (active.empty()) return;
  w.Addf("<section class=\"alert\" id=\"alert\" role=\"alert\"><h2>{}</h2>\n",
         w.T(StringId::kAlertHeading));
  std::string previous_head;
  for (const Alert* a : active) {
    w.Add("<div class=\"item\">");
    // Alerts that ask for the same thing say it once, above the first of them.
    std::string head =
        AlertHeadline(plan.patient, plan.program->anchor, a->urgency, a->stops, a->kind);
    if (head != previous_head) w.Addf("<p class=\"head\">{}.</p>", EscapeHtml(head));
    previous_head = std::move(head);
    const std::string& lang = w.view().language;
    w.Addf("<p class=\"what\">{}</p>",
           EscapeHtml(MessageText(a->text, lang, DateStyle::kShort)));
    if (!a->action.empty()) {
      w.Addf("<p class=\"act\">{}</p>",
             EscapeHtml(MessageText(a->action, lang, DateStyle::kShort)));
    }
    // (A therapist review's headline already says to show the plan.)
    if (a->kind != AlertKind::kTherapistReview && a->stops == RedFlagStops::kAll) {
      w.Addf("<p class=\"act\">{}</p>", w.T(StringId::kAlertStopExercise));
    } else if (a->kind != AlertKind::kTherapistReview &&
               a->stops == RedFlagStops::kAllButEssentials) {
      std::string names = ScheduledNames(plan.FindDay(plan.today));
      if (names.empty()) {
        w.Addf("<p class=\"act\">{}</p>", w.T(StringId::kAlertStopExercise));
      } else {
        w.Addf("<p class=\"act\">{}</p>",
               w.F(StringId::kAlertKeepEssentials, fmt::arg("names", EscapeHtml(names))));
      }
    }
    w.Addf("<p>{}</p>", w.F(StringId::kAlertSince, fmt::arg("date", w.LongRaw(a->date))));
    w.Add("</div>\n");
  }
  w.Add("</section>\n");
}

void WritePlanNotes(Writer& w) {
  const Plan& plan = *w.view().plan;
  for (const auto& note : plan.notes) {
    w.Addf("<p class=\"plan-note\" id=\"note-{}\">{}</p>\n", note.id,
           EscapeHtml(MessageText(note.message, w.view().language, DateStyle::kShort)));
  }
}

void WriteHeader(Writer& w) {
  const Plan& plan = *w.view().plan;
  const std::string& lang = w.view().language;
  w.Addf("<header id=\"header\"><p class=\"kicker\">{}</p><h1>{}</h1>\n",
         w.T(StringId::kDocumentKicker), EscapeHtml(plan.program->title));
  w.Addf("<p class=\"meta\"><span class=\"label\">{}:</span> {}</p>\n",
         w.T(StringId::kPatientLabel), EscapeHtml(plan.patient.id));
  Date last = plan.end > plan.start ? plan.end - date::days{1} : plan.start;
  w.Addf("<p class=\"meta\"><span class=\"label\">{}:</span> {}</p>\n",
         w.T(StringId::kPlanDatesLabel),
         w.F(StringId::kDateRange, fmt::arg("from", LongDate(plan.start, lang)),
             fmt::arg("to", LongDate(last, lang))));
  if (plan.program->anchor == Anchor::kSurgery && plan.patient.surgery) {
    // The program's title names the operation; here the knee and the day.
    StringId knee = plan.patient.side == Side::kLeft   ? StringId::kKneeLeft
                    : plan.patient.side == Side::kBoth ? StringId::kKneeBoth
                                                       : StringId::kKneeRight;
    w.Addf("<p class=\"meta\"><span class=\"label\">{}:</span> {}</p>\n",
           w.T(StringId::kSurgeryLabel),
           w.F(StringId::kSurgeryOn, fmt::arg("knee", Text(knee, lang)),
               fmt::arg("date", LongDate(*plan.patient.surgery, lang))));
  }
  // The patient's own session days and times, as the calendar has them.
  std::vector<std::string> times;
  for (TimeOfDay t : plan.patient.session_times) times.push_back(FormatTime(t));
  Message when = plan.patient.session_days.empty()
                     ? Message("handout.session-times.daily").With("times", std::move(times))
                     : Message("handout.session-times")
                           .With("days", plan.patient.session_days)
                           .With("times", std::move(times));
  w.Addf("<p class=\"meta\" id=\"session-times\"><span class=\"label\">{}:</span> {}</p>\n",
         w.T(StringId::kWhenLabel), EscapeHtml(MessageText(when, lang)));
  bool weights = false;
  for (const auto& day : plan.days) {
    for (const auto& s : day.sessions) {
      for (const auto& e : s.exercises) {
        LoadKind kind = e.dose->load.kind;
        weights = weights || kind == LoadKind::kKg || kind == LoadKind::kLb;
      }
    }
  }
  if (weights) {
    StringId unit = w.view().units == "lb" ? StringId::kUnitLbWord : StringId::kUnitKgWord;
    w.Addf("<p class=\"meta\">{}</p>\n",
           w.F(StringId::kWeightsIn, fmt::arg("unit", Text(unit, lang))));
  }
  w.Addf("<p class=\"meta\">{}</p>\n",
         w.F(StringId::kProgramVersion, fmt::arg("n", plan.program->version)));
  WriteCareTeam(w, CareTeamPlace::kHeader);
  w.Add("</header>\n");
}

namespace {

int UrgencyRank(Urgency u) {
  switch (u) {
    case Urgency::kEmergency:
      return 0;
    case Urgency::kSameDay:
      return 1;
    case Urgency::kRoutine:
      return 2;
  }
  return 3;
}

}  // namespace

namespace {

// Warning signs that call for the same thing: one urgency, one headline
// ("Call your surgeon's team today") and one action, listed together.
struct RedFlagGroup {
  Urgency urgency;
  std::string headline;
  std::string action;
  std::vector<const RedFlag*> flags;
};

std::vector<RedFlagGroup> GroupRedFlags(const Plan& plan) {
  std::vector<RedFlagGroup> groups;
  for (const auto& f : plan.program->red_flags) {
    std::string headline =
        AlertHeadline(plan.patient, plan.program->anchor, f.urgency, f.stops, AlertKind::kRedFlag);
    auto same = [&](const RedFlagGroup& g) {
      return g.urgency == f.urgency && g.headline == headline && g.action == f.action;
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) {
      groups.push_back({f.urgency, std::move(headline), f.action, {&f}});
    } else {
      it->flags.push_back(&f);
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [](const RedFlagGroup& a, const RedFlagGroup& b) {
    return UrgencyRank(a.urgency) < UrgencyRank(b.urgency);
  });
  return groups;
}

}  // namespace

void WriteRedFlags(Writer& w) {
  const Plan& plan = *w.view().plan;
  // The heading, whom to call and the intro stay on one page with the first group
  // (the "lead"): never a heading at the foot of a page and its signs on the next.
  w.Addf("<section class=\"redflags\" id=\"red-flags\"><div class=\"lead\"><h2>{}</h2>\n",
         w.T(StringId::kRedFlagsHeading));
  WriteCareTeam(w, CareTeamPlace::kRedFlags);
  if (plan.program->red_flags.empty()) {
    w.Addf("<p>{}</p>\n", w.T(StringId::kRedFlagsNone));
    w.Add("</div></section>\n");
    return;
  }
  w.Addf("<p>{}</p>\n", w.T(StringId::kRedFlagsIntro));
  std::vector<RedFlagGroup> groups = GroupRedFlags(plan);
  // Under each urgency's full-width line its groups run in two columns (class
  // "groups"), so every sign sits below the line that says what to do.
  bool in_columns = false;
  for (size_t i = 0; i < groups.size(); ++i) {
    const RedFlagGroup& g = groups[i];
    // Each urgency says whom to call once ("Call your surgeon's team
    // today"); its groups add only what they say beyond that.
    std::string call = AlertHeadline(plan.patient, plan.program->anchor, g.urgency,
                                     RedFlagStops::kNone, AlertKind::kRedFlag);
    if (i == 0 || groups[i - 1].urgency != g.urgency) {
      if (in_columns) w.Add("</div>\n");
      in_columns = false;
      StringId urgency = g.urgency == Urgency::kEmergency ? StringId::kUrgencyEmergency
                         : g.urgency == Urgency::kSameDay ? StringId::kUrgencySameDay
                                                          : StringId::kUrgencyRoutine;
      w.Addf("<p class=\"tier\"><span class=\"urgency\">{}</span> <strong>{}:</strong></p>\n",
             w.T(urgency), EscapeHtml(call));
    }
    std::string rest = g.headline;
    if (rest.starts_with(call)) {
      rest.erase(0, call.size());
      while (!rest.empty() && (rest.front() == '.' || rest.front() == ' ')) rest.erase(0, 1);
    }
    if (i > 0 && !in_columns) {
      w.Add("<div class=\"groups\">\n");
      in_columns = true;
    }
    w.Add("<div class=\"group\"><ul>\n");
    for (const RedFlag* f : g.flags) w.Addf("<li>{}</li>\n", EscapeHtml(f->text));
    w.Add("</ul>");
    if (!rest.empty() || !g.action.empty()) {
      w.Add("<p>");
      if (!rest.empty()) {
        w.Addf("<strong>{}.</strong>{}", EscapeHtml(rest), g.action.empty() ? "" : " ");
      }
      w.Addf("{}</p>", EscapeHtml(g.action));
    }
    w.Add("</div>\n");
    if (i == 0) w.Add("</div>\n");  // the lead ends with the first group
  }
  if (in_columns) w.Add("</div>\n");
  w.Add("</section>\n");
}

namespace {

// The bar of the phases: it spans the plan; each phase's width is its share
// of the days, the current one black, with a "Today" marker.
void WriteTimelineBar(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  constexpr double kLeft = 10, kWidth = 980, kTop = 10, kHeight = 60;
  Date first = plan.phases.front().start;
  Date last = std::max(plan.phases.back().end, plan.end);
  double total = std::max(1, static_cast<int>((last - first).count()));
  auto x_of = [&](Date d) { return kLeft + kWidth * (d - first).count() / total; };
  bool today_inside = plan.today >= first && plan.today < last;
  w.Addf("<svg viewBox=\"0 0 1000 {}\" role=\"img\" aria-label=\"{}\">\n", today_inside ? 130 : 80,
         w.T(StringId::kTimelineHeading));
  int number = 0;
  for (const auto& span : plan.phases) {
    ++number;
    double x0 = x_of(span.start), x1 = x_of(span.end);
    bool now = &span == v.span;
    bool past = span.end <= v.week_start;
    const char* fill = now ? "#000" : past ? "#d0d0d0" : "#fff";
    w.Addf(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\" "
        "stroke=\"#000\" stroke-width=\"3\"/>\n",
        x0, kTop, std::max(0.0, x1 - x0), kHeight, fill);
    if (x1 - x0 >= 34) {
      w.Addf(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"34\" font-weight=\"bold\" "
          "text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
          (x0 + x1) / 2, kTop + kHeight / 2 + 12, now ? "#fff" : "#000", number);
    }
  }
  if (today_inside) {
    double x = x_of(plan.today);
    x = std::clamp(x, kLeft + 40, kLeft + kWidth - 40);
    w.Addf("<path d=\"M{:.1f} {:.1f} l-14 24 h28 z\" fill=\"#000\"/>\n", x, kTop + kHeight + 4);
    w.Addf("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"30\" text-anchor=\"middle\">{}</text>\n", x,
           kTop + kHeight + 58, w.T(StringId::kTimelineToday));
  }
  w.Add("</svg>\n");
}

}  // namespace

void WriteTimeline(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  if (plan.phases.empty()) return;
  w.Addf("<section class=\"timeline keep\" id=\"timeline\"><h2>{}</h2>\n",
         w.T(StringId::kTimelineHeading));
  // One phase for the whole plan (held until its criteria are met): the
  // list says it all.
  if (plan.phases.size() > 1) WriteTimelineBar(w);
  w.Add("<ol>\n");
  int number = 0;
  for (const auto& span : plan.phases) {
    ++number;
    Date last_day = span.end > span.start ? span.end - date::days{1} : span.start;
    bool now = &span == v.span;
    w.Addf("<li{}><strong>{}.</strong> {}: {}", now ? " class=\"now\"" : "", number,
           EscapeHtml(span.title),
           w.F(StringId::kDateRange, fmt::arg("from", w.ShortRaw(span.start)),
               fmt::arg("to", w.ShortRaw(last_day))));
    if (now) w.Addf(" ({})", w.T(StringId::kTimelineNow));
    w.Add("</li>\n");
  }
  w.Add("</ol>\n</section>\n");
}

namespace {

struct GridRow {
  std::string id;
  std::string label;
  bool modality = false;
};

// The grid's rows: the current phase's exercises in card order, then
// anything else done this week (a new phase may begin mid-week), then ice
// and heat.
std::vector<GridRow> GridRows(const View& v, const std::vector<Date>& dates,
                              const std::vector<Card>& cards) {
  const Plan& plan = *v.plan;
  std::vector<GridRow> rows;
  std::set<std::string> seen;
  for (const auto& c : cards) {
    if (seen.insert(c.exercise_id).second) rows.push_back({c.exercise_id, c.name, false});
  }
  std::vector<GridRow> modality_rows;
  std::set<std::string> seen_modality;
  for (Date d : dates) {
    const DayPlan* day = plan.FindDay(d);
    if (day == nullptr) continue;
    for (const auto& s : day->sessions) {
      for (const auto& e : s.exercises) {
        if (seen.insert(e.id()).second) rows.push_back({e.id(), e.name(), false});
      }
    }
    for (const auto& m : day->modalities) {
      if (!seen_modality.insert(m.modality_id).second) continue;
      std::string label =
          fmt::format("{} ({})", m.name,
                      fmt::format(fmt::runtime(Text(StringId::kModalityMinutesValue, v.language)),
                                  fmt::arg("n", m.minutes)));
      modality_rows.push_back({m.modality_id, label, true});
    }
  }
  rows.insert(rows.end(), modality_rows.begin(), modality_rows.end());
  return rows;
}

// One cell: a tick box per time the row is planned that day.
void WriteGridCell(Writer& w, const DayPlan* day, const GridRow& row, bool today) {
  if (day == nullptr) {
    w.Addf("<td class=\"off\">{}</td>", w.T(StringId::kWeekOutsidePlan));
    return;
  }
  if (today) {
    w.Add("<td class=\"today\">");
  } else if (day->stopped && !row.modality) {
    w.Add("<td class=\"stop\">");
  } else {
    w.Add("<td>");
  }
  int n = 0;
  if (row.modality) {
    for (const auto& m : day->modalities) n += m.modality_id == row.id ? 1 : 0;
  } else {
    n = CountScheduled(*day, row.id);
  }
  if (day->stopped && !row.modality) {
    w.Addf("<strong>{}</strong>", w.T(StringId::kWeekStopped));
  } else if (n == 0) {
    w.Add(w.T(StringId::kWeekNotPlanned));
  } else {
    for (int i = 0; i < n; ++i) w.Add("<span class=\"tick\"></span>");
  }
  w.Add("</td>");
}

}  // namespace

void WriteWeekGrid(Writer& w, const std::vector<Card>& cards) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  std::vector<Date> dates;
  for (int i = 0; i < 7; ++i) dates.push_back(v.week_start + date::days{i});
  Date last = dates.back();
  w.Addf("<section class=\"checklist\" id=\"this-week\"><div class=\"stick\"><h2>{}</h2>\n",
         w.F(StringId::kWeekHeading, fmt::arg("from", w.ShortRaw(v.week_start)),
             fmt::arg("to", w.ShortRaw(last))));
  std::vector<GridRow> rows = GridRows(v, dates, cards);
  if (rows.empty()) {
    w.Addf("</div><p>{}</p>\n</section>\n", w.T(StringId::kWeekEmpty));
    return;
  }
  w.Addf("<p>{}</p></div>\n", w.T(StringId::kWeekIntro));
  w.Addf("<table class=\"week\"><thead><tr><th class=\"name\">{}</th>",
         w.T(StringId::kWeekExerciseColumn));
  for (Date d : dates) {
    if (d == plan.today) {
      w.Addf("<th class=\"today\">{}<br>{}</th>", w.T(StringId::kWeekToday), w.Short(d));
    } else {
      w.Addf("<th>{}<br>{}</th>", EscapeHtml(WeekdayName(d, v.language)), w.Short(d));
    }
  }
  w.Add("</tr></thead>\n<tbody>\n");
  for (const auto& row : rows) {
    w.Addf("<tr><td class=\"name\">{}</td>", EscapeHtml(row.label));
    for (Date d : dates) WriteGridCell(w, plan.FindDay(d), row, d == plan.today);
    w.Add("</tr>\n");
  }
  w.Add("</tbody></table>\n");
  bool any_stopped = std::any_of(dates.begin(), dates.end(), [&plan](Date d) {
    const DayPlan* day = plan.FindDay(d);
    return day != nullptr && day->stopped;
  });
  if (any_stopped) w.Addf("<p>{}</p>\n", w.T(StringId::kWeekStoppedNote));
  w.Add("</section>\n");
}

// Which measures to write down, and when: daily pain, and the current
// phase's exit criteria with what the diary has of each so far ("not in
// your diary yet" apart from a value that falls short).
void WriteWhatToLog(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  w.Addf("<section class=\"what-to-log\" id=\"what-to-log\"><h2>{}</h2>\n<p>{}</p>\n",
         w.T(StringId::kLogHeading), w.T(StringId::kLogEveryDay));
  bool last = v.phase == nullptr || &plan.program->phases.back() == v.phase;
  if (!last && v.span != nullptr && !v.phase->exit_criteria.empty()) {
    Date checked = PlannedPhaseEnd(*v.phase, plan.anchor, v.span->start);
    w.Addf("<p>{}</p>\n<ul>\n", checked > plan.today ? w.F(StringId::kLogBeforeNext,
                                                           fmt::arg("date", w.LongRaw(checked)))
                                                     : w.T(StringId::kLogNow));
    for (const auto& c :
         CheckExitCriteria(*v.phase, plan.diary.entries, plan.today + date::days(1), plan.today)) {
      const std::string& measure = c.criterion->measure;
      w.Addf("<li><strong>{}.</strong> ", EscapeHtml(c.criterion->text));
      bool daily = measure == "pain" || measure == "morning-pain" || measure == "swelling";
      w.Add(daily ? w.T(StringId::kLogDaily)
                  : w.F(StringId::kLogWriteAs, fmt::arg("name", measure)));
      w.Add(" ");
      w.Add(c.value ? w.F(StringId::kLogLatest,
                          fmt::arg("value", DescribeMeasureValue(measure, *c.value, w.view().language)),
                          fmt::arg("date", w.LongRaw(c.logged)))
                    : w.T(StringId::kLogNotYet));
      w.Add("</li>\n");
    }
    w.Add("</ul>\n");
  }
  w.Add("</section>\n");
}

void WriteEducation(Writer& w) {
  const View& v = w.view();
  if (v.phase == nullptr || v.phase->education.empty()) return;
  std::vector<const Education*> items;
  for (const auto& id : v.phase->education) {
    if (const Education* e = v.plan->program->FindEducation(id)) items.push_back(e);
  }
  if (items.empty()) return;
  w.Addf("<section class=\"education\" id=\"education\"><h2>{}</h2>\n",
         w.T(StringId::kEducationHeading));
  for (const Education* e : items) {
    w.Addf("<div class=\"keep\"><h3>{}</h3>{}</div>\n", EscapeHtml(e->title), Paragraphs(e->text));
  }
  w.Add("</section>\n");
}

void WriteNextPhase(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  if (v.span == nullptr) return;
  auto it = std::find_if(plan.phases.begin(), plan.phases.end(),
                         [&](const PhaseSpan& s) { return &s == v.span; });
  if (it == plan.phases.end() || it + 1 == plan.phases.end()) return;
  const PhaseSpan& next = *(it + 1);
  w.Addf("<section class=\"next-phase\" id=\"next-phase\"><h2>{}</h2>\n",
         w.F(StringId::kNextPhaseHeading, fmt::arg("phase", next.title)));
  bool criteria = v.phase != nullptr && !v.phase->exit_criteria.empty();
  w.Addf("<p>{}</p>\n", w.F(criteria ? StringId::kNextPhaseStarts : StringId::kNextPhaseStartsPlain,
                            fmt::arg("date", w.LongRaw(next.start))));
  if (criteria) {
    w.Add("<ul>\n");
    for (const auto& c : v.phase->exit_criteria) {
      w.Addf("<li>{}</li>\n", EscapeHtml(c.text.empty() ? c.measure : c.text));
    }
    w.Add("</ul>\n");
  }
  if (const Phase* phase = plan.FindPhase(next.id)) {
    if (!phase->goals.empty()) {
      w.Addf("<h3>{}</h3><ul>\n", w.T(StringId::kPhaseGoals));
      for (const auto& g : phase->goals) w.Addf("<li>{}</li>\n", EscapeHtml(g));
      w.Add("</ul>\n");
    }
    std::vector<std::string> names;
    for (const auto& pe : phase->exercises) {
      const Exercise* ex = plan.program->FindExercise(pe.exercise_id);
      names.push_back(ex != nullptr ? ex->name : pe.exercise_id);
    }
    if (!names.empty()) {
      w.Addf("<h3>{}</h3><ul class=\"names\">\n", w.T(StringId::kNextPhaseExercises));
      for (const auto& n : names) w.Addf("<li>{}</li>\n", EscapeHtml(n));
      w.Add("</ul>\n");
    }
  }
  w.Add("</section>\n");
}

// The sources the handout cites, in the program's order, each under the
// label the texts cite it by ("[48]"), so a citation and its source carry
// the same number. Their addresses, and the program's other sources (behind
// its rules), are in `rehab show`: the handout fetches and links nothing.
void WriteSources(Writer& w) {
  const Plan& plan = *w.view().plan;
  std::set<std::string> cited;
  for (const Citation& c : FindCitations(w.text())) {
    for (const auto& id : c.ids) cited.insert(id.first);
  }
  std::vector<const Source*> listed;
  for (const auto& s : plan.program->sources) {
    if (cited.count(s.id) > 0) listed.push_back(&s);
  }
  if (listed.empty()) return;
  w.Addf("<section class=\"sources\" id=\"sources\"><h2>{}</h2>\n<ul class=\"refs\">\n",
         w.T(StringId::kSourcesHeading));
  for (const Source* s : listed) {
    w.Addf("<li><span class=\"ref\">[{}]</span> {}</li>\n", EscapeHtml(s->id),
           EscapeHtml(s->citation));
  }
  w.Add("</ul>\n</section>\n");
}

}  // namespace rehab::html
