// The patient handout as one HTML page. Each section has its own function;
// all of them write into one string. Texts a patient reads come from
// planner/present/messages.h, doses from planner/present/dose_text.h; anything from an input
// file goes through EscapeHtml.
#include "planner/present/render_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "planner/base/utf8.h"
#include "planner/engine/engine.h"
#include "planner/present/dose_text.h"
#include "planner/present/messages.h"

namespace rehab {

std::string EscapeHtml(std::string_view raw) {
  // Control characters are not allowed in HTML text; a page shows U+FFFD
  // instead of passing them to the browser (or to a terminal that cats it).
  std::string text = ReplaceControlCharacters(raw, "\t\n\r", "\xEF\xBF\xBD");
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// Sizes are in points and millimetres so print and screen agree; no text is
// below 14pt. Colour never carries meaning alone: lines differ by dash and
// marker, phases by fill and number, so a black-and-white print keeps it all.
constexpr char kStyle[] = R"css(
@page { size: auto; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; font-size: 14pt;
  line-height: 1.4; color: #000; background: #fff; margin: 0 auto; padding: 15mm;
  max-width: 210mm; overflow-wrap: anywhere; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 6pt; }
h2 { font-size: 19pt; line-height: 1.2; margin: 16pt 0 6pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 16pt; line-height: 1.25; margin: 0 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; }
ul, ol { margin: 0 0 6pt; padding-left: 8mm; }
li { margin-bottom: 3pt; }
section { margin: 0 0 8pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.new-page { break-before: page; page-break-before: always; }
.meta { margin: 0; }
.kicker { margin: 0; font-weight: bold; }
.label { font-weight: bold; }
.alert { border: 4pt solid #000; padding: 0 0 6pt; margin: 0 0 12pt; break-inside: avoid; }
.alert h2 { background: #000; color: #fff; margin: 0 0 6pt; padding: 4pt 10pt; font-size: 20pt; }
.alert .item { padding: 0 10pt; margin-bottom: 6pt; }
.alert .head { font-size: 22pt; font-weight: bold; }
.alert .what { font-size: 18pt; font-weight: bold; }
.alert .act { font-size: 16pt; font-weight: bold; }
.redflags { border: 3pt solid #000; padding: 8pt 12pt; margin: 12pt 0; }
.redflags h2 { margin-top: 0; }
.redflags li, .stick { break-inside: avoid; page-break-inside: avoid; }
.stick { break-after: avoid; page-break-after: avoid; }
.urgency { font-weight: bold; border: 1.5pt solid #000; padding: 0 4pt; white-space: nowrap; }
svg { display: block; width: 100%; height: auto; }
.timeline ol { list-style: none; padding-left: 0; }
.timeline .now { font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
.week { table-layout: fixed; }
.week tr { break-inside: avoid; page-break-inside: avoid; }
.week thead { display: table-header-group; }
.week th, .week td { border: 1.5pt solid #000; padding: 3pt 2pt; text-align: center;
  vertical-align: middle; font-size: 14pt; line-height: 1.2; }
.week th.name, .week td.name { text-align: left; padding-left: 5pt; width: 30%; }
.week td.stop { font-weight: bold; }
.week td.off { background: #e0e0e0; }
.tick { display: inline-block; width: 7mm; height: 7mm; border: 2pt solid #000;
  background: #fff; margin: 1pt; vertical-align: middle; }
.card { border: 2pt solid #000; padding: 8pt 12pt; margin: 0 0 10pt; break-inside: avoid;
  page-break-inside: avoid; }
.card .num { margin: 0; }
.card h3 { font-size: 19pt; }
.card .end { text-align: right; margin: 0; }
.card dl { margin: 0; display: grid; grid-template-columns: 34mm 1fr; column-gap: 4mm; row-gap: 4pt; }
.card dt { font-weight: bold; }
.card dd { margin: 0; }
.card dd p { margin: 0 0 3pt; }
.mod { table-layout: fixed; }
.mod th, .mod td { border: 1.5pt solid #000; padding: 4pt 6pt; text-align: left; vertical-align: top; }
.legend { list-style: none; padding-left: 0; }
.legend li { display: inline-block; margin-right: 8mm; }
.legend svg { display: inline-block; width: 16mm; height: 5mm; vertical-align: middle; }
.changes li { break-inside: avoid; }
.url { overflow-wrap: anywhere; word-break: break-all; }
footer { margin-top: 14pt; border-top: 1.5pt solid #000; padding-top: 6pt; }
)css";

// One week of the plan and the phase it falls in: what the handout is about.
struct View {
  const Plan* plan = nullptr;
  std::string language;
  std::string units;
  Date week_start;
  const PhaseSpan* span = nullptr;  // current phase's dates; may be null
  const Phase* phase = nullptr;     // current phase's definition; may be null
};

// One exercise card: the dose on the first day of the week it is done, and
// any other dose later that week.
struct Card {
  std::string exercise_id;
  std::string name;
  const Exercise* exercise = nullptr;
  const PhaseExercise* in_phase = nullptr;
  ExerciseKind kind = ExerciseKind::kStrength;
  std::string dose_text;
  std::vector<std::pair<Date, std::string>> later;  // date, dose text
};

class Writer {
 public:
  explicit Writer(const View& view) : view_(view) {}

  // Patient-facing fixed text, escaped.
  std::string T(StringId id) const { return EscapeHtml(Text(id, view_.language)); }

  // A fixed text with named placeholders filled from input, escaped as a whole.
  template <typename... Args>
  std::string F(StringId id, Args&&... args) const {
    return EscapeHtml(
        fmt::format(fmt::runtime(Text(id, view_.language)), std::forward<Args>(args)...));
  }

  std::string Long(Date d) const { return EscapeHtml(LongDate(d, view_.language)); }
  std::string Short(Date d) const { return EscapeHtml(ShortDate(d, view_.language)); }
  std::string ShortRaw(Date d) const { return ShortDate(d, view_.language); }
  std::string LongRaw(Date d) const { return LongDate(d, view_.language); }

  void Add(std::string_view s) { out_ += s; }
  template <typename... Args>
  void Addf(fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), f, std::forward<Args>(args)...);
  }

  std::string Take() { return std::move(out_); }
  const View& view() const { return view_; }

 private:
  const View& view_;
  std::string out_;
};

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Multi-line input text as paragraphs, one per non-empty line.
std::string Paragraphs(const std::string& text) {
  std::string out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + begin, end - begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty()) out += "<p>" + EscapeHtml(line) + "</p>";
    begin = end + 1;
  }
  return out;
}

Side ResolveSide(Side side, Side affected) {
  if (side == Side::kAffected) return affected;
  if (side == Side::kUnaffected) {
    if (affected == Side::kLeft) return Side::kRight;
    if (affected == Side::kRight) return Side::kLeft;
  }
  return side;
}

std::string DoseWords(const Dose& dose, Side side, ExerciseKind kind, const std::string& units) {
  std::string text = DescribeDose(dose, units);
  // "both legs" adds nothing to a walk or a bike ride.
  bool sided =
      !(side == Side::kBoth && (kind == ExerciseKind::kCardio || kind == ExerciseKind::kModality));
  if (sided) {
    if (!text.empty()) text += ", ";
    text += DescribeSide(side);
  }
  return text;
}

const ScheduledExercise* FindScheduled(const DayPlan& day, const std::string& id) {
  for (const auto& s : day.sessions) {
    for (const auto& e : s.exercises) {
      if (e.id() == id) return &e;
    }
  }
  return nullptr;
}

int CountScheduled(const DayPlan& day, const std::string& id) {
  int n = 0;
  for (const auto& s : day.sessions) {
    for (const auto& e : s.exercises) n += e.id() == id ? 1 : 0;
  }
  return n;
}

bool Skipped(const Patient& patient, const std::string& id) {
  for (const auto& o : patient.overrides) {
    if (o.exercise_id == id && o.skip) return true;
  }
  return false;
}

std::vector<Card> BuildCards(const View& v) {
  std::vector<Card> cards;
  if (v.phase == nullptr) return cards;
  const Plan& plan = *v.plan;
  Date week_end = v.week_start + date::days{7};
  for (const auto& pe : v.phase->exercises) {
    if (Skipped(plan.patient, pe.exercise_id)) continue;
    Card card;
    card.exercise_id = pe.exercise_id;
    card.in_phase = &pe;
    card.exercise = plan.program->FindExercise(pe.exercise_id);
    if (card.exercise != nullptr) {
      card.name = card.exercise->name;
      card.kind = card.exercise->kind;
    } else {
      card.name = pe.exercise_id;
    }
    // The dose this week; else the latest before it; else the first after it.
    const ScheduledExercise* in_week = nullptr;
    const ScheduledExercise* before = nullptr;
    const ScheduledExercise* after = nullptr;
    for (const auto& day : plan.days) {
      const ScheduledExercise* s = FindScheduled(day, pe.exercise_id);
      if (s == nullptr) continue;
      if (day.date < v.week_start) {
        before = s;
      } else if (day.date < week_end) {
        std::string text = DoseWords(*s->dose, s->side, s->kind(), v.units);
        if (in_week == nullptr) {
          in_week = s;
          card.dose_text = text;
        } else if (text != (card.later.empty() ? card.dose_text : card.later.back().second)) {
          card.later.emplace_back(day.date, text);
        }
      } else if (after == nullptr) {
        after = s;
      }
    }
    const ScheduledExercise* shown = in_week ? in_week : before ? before : after;
    if (shown != nullptr) {
      if (in_week == nullptr)
        card.dose_text = DoseWords(*shown->dose, shown->side, shown->kind(), v.units);
      if (card.name.empty()) card.name = shown->name();
    } else if (card.exercise != nullptr && !card.exercise->ladder.empty()) {
      size_t step = std::min<size_t>(static_cast<size_t>(std::max(pe.start_step, 0)),
                                     card.exercise->ladder.size() - 1);
      card.dose_text =
          DoseWords(card.exercise->ladder[step],
                    ResolveSide(card.exercise->side, plan.patient.side), card.kind, v.units);
    }
    cards.push_back(std::move(card));
  }
  return cards;
}

View MakeView(const Plan& plan) {
  View v;
  v.plan = &plan;
  v.language = plan.patient.language;
  v.units = plan.patient.units == "lb" ? "lb" : "kg";
  v.week_start = (plan.today >= plan.start && plan.today < plan.end) ? plan.today : plan.start;
  for (const auto& span : plan.phases) {
    if (span.start <= v.week_start && v.week_start < span.end) v.span = &span;
  }
  if (v.span == nullptr && !plan.phases.empty()) {
    v.span = v.week_start < plan.phases.front().start ? &plan.phases.front() : &plan.phases.back();
  }
  if (v.span != nullptr) v.phase = plan.FindPhase(v.span->id);
  return v;
}

// ---- Sections, in handout order ----

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

void WriteAlerts(Writer& w) {
  const Plan& plan = *w.view().plan;
  std::vector<const Alert*> active = plan.ActiveAlerts();
  if (active.empty() && plan.notes.empty()) return;
  if (!active.empty()) {
    w.Addf("<section class=\"alert\" id=\"alert\" role=\"alert\"><h2>{}</h2>\n",
           w.T(StringId::kAlertHeading));
  }
  for (const Alert* a : active) {
    w.Add("<div class=\"item\">");
    w.Addf("<p class=\"head\">{}.</p>", EscapeHtml(AlertHeadline(plan.patient, plan.program->anchor,
                                                                 a->urgency, a->stops, a->kind)));
    w.Addf("<p class=\"what\">{}</p>", EscapeHtml(MessageText(a->text, w.view().language)));
    if (!a->action.empty()) {
      w.Addf("<p class=\"act\">{}</p>", EscapeHtml(MessageText(a->action, w.view().language)));
    }
    if (a->kind == AlertKind::kTherapistReview) {
      w.Addf("<p>{}</p>", w.T(StringId::kAlertTherapistReview));
    } else if (a->stops == RedFlagStops::kAll) {
      w.Addf("<p class=\"act\">{}</p>", w.T(StringId::kAlertStopExercise));
    } else if (a->stops == RedFlagStops::kAllButEssentials) {
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
  if (!active.empty()) w.Add("</section>\n");
  for (const auto& note : plan.notes) {
    w.Addf("<p class=\"plan-note\" id=\"note-{}\">{}</p>\n", note.id,
           EscapeHtml(MessageText(note.message, w.view().language)));
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
    std::string what = LongDate(*plan.patient.surgery, lang);
    if (!plan.patient.procedure.empty()) what = plan.patient.procedure + ", " + what;
    w.Addf("<p class=\"meta\"><span class=\"label\">{}:</span> {}</p>\n",
           w.T(StringId::kSurgeryLabel), EscapeHtml(what));
  }
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
  w.Add("</header>\n");
}

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

void WriteRedFlags(Writer& w) {
  const Plan& plan = *w.view().plan;
  w.Addf("<section class=\"redflags\" id=\"red-flags\"><h2>{}</h2>\n",
         w.T(StringId::kRedFlagsHeading));
  if (plan.program->red_flags.empty()) {
    w.Addf("<p>{}</p>\n", w.T(StringId::kRedFlagsNone));
    w.Add("</section>\n");
    return;
  }
  std::vector<const RedFlag*> flags;
  for (const auto& f : plan.program->red_flags) flags.push_back(&f);
  std::stable_sort(flags.begin(), flags.end(), [](const RedFlag* a, const RedFlag* b) {
    return UrgencyRank(a->urgency) < UrgencyRank(b->urgency);
  });
  w.Addf("<p>{}</p>\n<ul>\n", w.T(StringId::kRedFlagsIntro));
  for (const RedFlag* f : flags) {
    StringId urgency = f->urgency == Urgency::kEmergency ? StringId::kUrgencyEmergency
                       : f->urgency == Urgency::kSameDay ? StringId::kUrgencySameDay
                                                         : StringId::kUrgencyRoutine;
    w.Addf("<li><span class=\"urgency\">{}</span> <strong>{}</strong>: {}.", w.T(urgency),
           EscapeHtml(f->text),
           EscapeHtml(AlertHeadline(plan.patient, plan.program->anchor, f->urgency, f->stops,
                                    AlertKind::kRedFlag)));
    if (!f->action.empty()) w.Addf(" {}", EscapeHtml(f->action));
    w.Add("</li>\n");
  }
  w.Add("</ul>\n</section>\n");
}

void WriteTimeline(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  if (plan.phases.empty()) return;
  w.Addf("<section class=\"timeline keep\" id=\"timeline\"><h2>{}</h2>\n",
         w.T(StringId::kTimelineHeading));
  // The bar spans the plan; each phase's width is its share of the days.
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
  w.Add("</svg>\n<ol>\n");
  number = 0;
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

struct GridRow {
  std::string id;
  std::string label;
  bool modality = false;
};

void WriteWeekGrid(Writer& w, const std::vector<Card>& cards) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  std::vector<Date> dates;
  for (int i = 0; i < 7; ++i) dates.push_back(v.week_start + date::days{i});
  Date last = dates.back();
  w.Addf("<section class=\"checklist\" id=\"this-week\"><div class=\"stick\"><h2>{}</h2>\n",
         w.F(StringId::kWeekHeading, fmt::arg("from", w.ShortRaw(v.week_start)),
             fmt::arg("to", w.ShortRaw(last))));

  // Rows: the current phase's exercises in card order, then anything else
  // done this week (a new phase may begin mid-week), then ice and heat.
  std::vector<GridRow> rows;
  std::set<std::string> seen;
  for (const auto& c : cards) {
    if (seen.insert(c.exercise_id).second) rows.push_back({c.exercise_id, c.name, false});
  }
  std::vector<GridRow> modality_rows;
  std::set<std::string> seen_modality;
  bool any_stopped = false;
  for (Date d : dates) {
    const DayPlan* day = plan.FindDay(d);
    if (day == nullptr) continue;
    any_stopped = any_stopped || day->stopped;
    for (const auto& s : day->sessions) {
      for (const auto& e : s.exercises) {
        if (seen.insert(e.id()).second) rows.push_back({e.id(), e.name(), false});
      }
    }
    for (const auto& m : day->modalities) {
      if (seen_modality.insert(m.modality_id).second) {
        std::string label =
            fmt::format("{} ({})", m.name,
                        fmt::format(fmt::runtime(Text(StringId::kModalityMinutesValue, v.language)),
                                    fmt::arg("n", m.minutes)));
        modality_rows.push_back({m.modality_id, label, true});
      }
    }
  }
  rows.insert(rows.end(), modality_rows.begin(), modality_rows.end());
  if (rows.empty()) {
    w.Addf("</div><p>{}</p>\n</section>\n", w.T(StringId::kWeekEmpty));
    return;
  }
  w.Addf("<p>{}</p></div>\n", w.T(StringId::kWeekIntro));
  w.Addf("<table class=\"week\"><thead><tr><th class=\"name\">{}</th>",
         w.T(StringId::kWeekExerciseColumn));
  for (Date d : dates) {
    w.Addf("<th>{}<br>{}</th>", EscapeHtml(WeekdayName(d, v.language)), w.Short(d));
  }
  w.Add("</tr></thead>\n<tbody>\n");
  for (const auto& row : rows) {
    w.Addf("<tr><td class=\"name\">{}</td>", EscapeHtml(row.label));
    for (Date d : dates) {
      const DayPlan* day = plan.FindDay(d);
      if (day == nullptr) {
        w.Addf("<td class=\"off\">{}</td>", w.T(StringId::kWeekOutsidePlan));
        continue;
      }
      int n = 0;
      if (row.modality) {
        for (const auto& m : day->modalities) n += m.modality_id == row.id ? 1 : 0;
      } else {
        n = CountScheduled(*day, row.id);
      }
      if (day->stopped && !row.modality) {
        w.Addf("<td class=\"stop\">{}</td>", w.T(StringId::kWeekStopped));
      } else if (n == 0) {
        w.Addf("<td>{}</td>", w.T(StringId::kWeekNotPlanned));
      } else {
        w.Add("<td>");
        for (int i = 0; i < n; ++i) w.Add("<span class=\"tick\"></span>");
        w.Add("</td>");
      }
    }
    w.Add("</tr>\n");
  }
  w.Add("</tbody></table>\n");
  if (any_stopped) w.Addf("<p>{}</p>\n", w.T(StringId::kWeekStoppedNote));
  w.Add("</section>\n");
}

std::string HowOften(const Writer& w, const PhaseExercise& pe) {
  const std::string& lang = w.view().language;
  std::string per_day = pe.times_per_day <= 1
                            ? Text(StringId::kTimesPerDayOnce, lang)
                            : fmt::format(fmt::runtime(Text(StringId::kTimesPerDay, lang)),
                                          fmt::arg("n", pe.times_per_day));
  std::string per_week = pe.days_per_week >= 7
                             ? Text(StringId::kEveryDay, lang)
                             : fmt::format(fmt::runtime(Text(StringId::kDaysPerWeek, lang)),
                                           fmt::arg("n", pe.days_per_week));
  return EscapeHtml(per_day + ", " + per_week);
}

void WriteCards(Writer& w, const std::vector<Card>& cards) {
  const View& v = w.view();
  if (v.span == nullptr) return;
  Date last_day = v.span->end > v.span->start ? v.span->end - date::days{1} : v.span->start;
  w.Addf("<section class=\"exercises new-page\" id=\"exercises\"><h2>{}</h2>\n",
         w.F(StringId::kPhaseHeading, fmt::arg("phase", v.span->title)));
  w.Addf("<p>{}</p>\n", w.F(StringId::kPhaseDates, fmt::arg("from", w.LongRaw(v.span->start)),
                            fmt::arg("to", w.LongRaw(last_day))));
  if (v.phase != nullptr && !v.phase->goals.empty()) {
    w.Addf("<div class=\"keep\"><h3>{}</h3><ul>\n", w.T(StringId::kPhaseGoals));
    for (const auto& g : v.phase->goals) w.Addf("<li>{}</li>\n", EscapeHtml(g));
    w.Add("</ul></div>\n");
  }
  if (cards.empty()) {
    w.Addf("<p>{}</p>\n", w.T(StringId::kCardNone));
    w.Add("</section>\n");
    return;
  }
  int n = 0;
  int total = static_cast<int>(cards.size());
  for (const auto& c : cards) {
    ++n;
    w.Addf("<article class=\"card\" id=\"card-{}\">\n", n);
    w.Addf("<p class=\"num\">{}</p>\n",
           w.F(StringId::kCardNumber, fmt::arg("n", n), fmt::arg("total", total)));
    w.Addf("<h3>{}</h3>\n<dl>\n", EscapeHtml(c.name));
    w.Addf("<dt>{}</dt><dd class=\"dose\">{}", w.T(StringId::kCardHowMuch),
           EscapeHtml(c.dose_text));
    for (const auto& [date, text] : c.later) {
      w.Addf("<br>{}", w.F(StringId::kCardDoseChanges, fmt::arg("date", w.LongRaw(date)),
                           fmt::arg("dose", text)));
    }
    w.Add("</dd>\n");
    if (c.in_phase != nullptr) {
      w.Addf("<dt>{}</dt><dd>{}</dd>\n", w.T(StringId::kCardHowOften), HowOften(w, *c.in_phase));
    }
    if (c.exercise != nullptr && !c.exercise->equipment.empty()) {
      w.Addf("<dt>{}</dt><dd>{}</dd>\n", w.T(StringId::kCardEquipment),
             EscapeHtml(Join(c.exercise->equipment, ", ")));
    }
    if (c.exercise != nullptr && !c.exercise->instructions.empty()) {
      w.Addf("<dt>{}</dt><dd>{}</dd>\n", w.T(StringId::kCardHowTo),
             Paragraphs(c.exercise->instructions));
    }
    std::string stop_if = c.exercise != nullptr ? c.exercise->stop_if : "";
    w.Addf("<dt>{}</dt><dd class=\"stop-if\">{}</dd>\n", w.T(StringId::kCardStopIf),
           stop_if.empty() ? w.F(StringId::kCardStopIfDefault,
                                 fmt::arg("max", v.plan->program->pain_rules.acceptable_max))
                           : EscapeHtml(stop_if));
    w.Addf("</dl>\n<p class=\"end\">{}</p>\n</article>\n",
           w.F(StringId::kCardEnd, fmt::arg("n", n)));
  }
  w.Add("</section>\n");
}

struct ModalityRow {
  std::string id;
  std::string name;
  int minutes = 0;
  ModalityTiming when = ModalityTiming::kAny;
  std::set<TimeOfDay> times;
};

void WriteModalities(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  std::vector<ModalityRow> rows;
  for (int i = 0; i < 7; ++i) {
    const DayPlan* day = plan.FindDay(v.week_start + date::days{i});
    if (day == nullptr) continue;
    for (const auto& m : day->modalities) {
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const ModalityRow& r) { return r.id == m.modality_id; });
      if (it == rows.end()) {
        rows.push_back({m.modality_id, m.name, m.minutes, m.when, {}});
        it = rows.end() - 1;
      }
      it->times.insert(m.time);
    }
  }
  w.Addf("<section class=\"modalities keep\" id=\"ice-heat\"><h2>{}</h2>\n",
         w.T(StringId::kModalityHeading));
  if (rows.empty()) {
    w.Addf("<p>{}</p>\n</section>\n", w.T(StringId::kModalityNone));
    return;
  }
  w.Addf(
      "<table class=\"mod\"><colgroup><col style=\"width: 54%\"><col style=\"width: 20%\">"
      "<col style=\"width: 26%\"></colgroup>\n"
      "<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
      w.T(StringId::kModalityName), w.T(StringId::kModalityMinutes), w.T(StringId::kModalityTimes));
  for (const auto& r : rows) {
    std::vector<std::string> times;
    for (TimeOfDay t : r.times) times.push_back(FormatTime(t));
    std::string when = Join(times, ", ");
    if (r.when == ModalityTiming::kBeforeExercise) {
      when += " (" + std::string(Text(StringId::kModalityBefore, v.language)) + ")";
    } else if (r.when == ModalityTiming::kAfterExercise) {
      when += " (" + std::string(Text(StringId::kModalityAfter, v.language)) + ")";
    }
    w.Addf("<tr><td><strong>{}</strong>", EscapeHtml(r.name));
    if (const Modality* m = plan.program->FindModality(r.id)) {
      if (!m->instructions.empty()) w.Add(Paragraphs(m->instructions));
      if (!m->contraindications.empty()) {
        w.Addf("<p>{}</p>",
               w.F(StringId::kModalityNotIf, fmt::arg("list", Join(m->contraindications, "; "))));
      }
    }
    w.Addf("</td><td>{}</td><td>{}</td></tr>\n",
           w.F(StringId::kModalityMinutesValue, fmt::arg("n", r.minutes)), EscapeHtml(when));
  }
  w.Add("</tbody></table>\n</section>\n");
}

StringId ChangeWord(StepChange c) {
  switch (c) {
    case StepChange::kUp:
      return StringId::kChangeUp;
    case StepChange::kHold:
      return StringId::kChangeHold;
    case StepChange::kBack:
      return StringId::kChangeBack;
    case StepChange::kStop:
      return StringId::kChangeStop;
    case StepChange::kResume:
      return StringId::kChangeResume;
    case StepChange::kStart:
    case StepChange::kSame:
      break;
  }
  return StringId::kChangeStart;
}

std::string LineStyle(int series) {
  switch (series) {
    case 0:
      return "stroke-width=\"5\"";
    case 1:
      return "stroke-width=\"4\" stroke-dasharray=\"16 10\"";
    default:
      return "stroke-width=\"4\" stroke-dasharray=\"4 8\" stroke-linecap=\"round\"";
  }
}

// A point marker in one of three shapes, so the series differ without colour.
std::string Marker(int series, double x, double y) {
  switch (series) {
    case 0:
      return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"8\" fill=\"#000\"/>", x, y);
    case 1:
      return fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"14\" fill=\"#fff\" "
          "stroke=\"#000\" stroke-width=\"3\"/>",
          x - 7, y - 7);
    default:
      return fmt::format("<path d=\"M{:.1f} {:.1f} l9 15 h-18 z\" fill=\"#000\"/>", x, y - 9);
  }
}

void WritePainChart(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  w.Addf("<section class=\"pain\" id=\"pain-chart\"><div class=\"keep\"><h2>{}</h2>\n",
         w.T(StringId::kPainHeading));
  std::vector<const DiaryEntry*> entries;
  for (const auto& e : plan.diary.entries) {
    if (e.during || e.after || e.morning) entries.push_back(&e);
  }
  if (entries.empty()) {
    w.Addf("<p class=\"empty\">{}</p>\n</div></section>\n", w.T(StringId::kPainNoEntries));
    return;
  }
  int acceptable = std::clamp(plan.program->pain_rules.acceptable_max, 0, 10);
  w.Addf("<p>{}</p>\n", w.F(StringId::kPainIntro, fmt::arg("max", acceptable)));

  Date first = entries.front()->date;
  Date last = std::max(entries.back()->date, first + date::days{6});
  double span = static_cast<double>((last - first).count());
  constexpr double kLeft = 70, kRight = 985, kTop = 20, kBottom = 400;
  auto x_of = [&](Date d) { return kLeft + (kRight - kLeft) * (d - first).count() / span; };
  auto y_of = [&](double pain) { return kBottom - (kBottom - kTop) * pain / 10.0; };

  w.Addf("<svg viewBox=\"0 0 1000 470\" role=\"img\" aria-label=\"{}\">\n",
         w.T(StringId::kPainHeading));
  // The acceptable band, grid lines and the 0-10 axis.
  w.Addf(
      "<rect class=\"band\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
      "fill=\"#dcdcdc\"/>\n",
      kLeft, y_of(acceptable), kRight - kLeft, y_of(0) - y_of(acceptable));
  for (int p = 0; p <= 10; ++p) {
    double y = y_of(p);
    w.Addf(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#000\" "
        "stroke-width=\"{}\"/>\n",
        kLeft, y, kRight, y, p % 5 == 0 ? "2" : "0.6");
    w.Addf("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"26\" text-anchor=\"end\">{}</text>\n",
           kLeft - 10, y + 9, p);
  }
  w.Addf(
      "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" "
      "stroke-width=\"2\"/>\n",
      kLeft, kTop, kBottom);
  // At most 7 date labels, so they never run into each other.
  int tick_days = std::max(1, static_cast<int>((span + 5) / 6));
  for (Date d = first; d <= last; d += date::days{tick_days}) {
    double x = x_of(d);
    w.Addf(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" "
        "stroke-width=\"2\"/>\n",
        x, kBottom, kBottom + 8);
    const char* anchor = x > kRight - 40 ? "end" : x < kLeft + 40 ? "start" : "middle";
    w.Addf("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"26\" text-anchor=\"{}\">{}</text>\n", x,
           kBottom + 36, anchor, w.Short(d));
  }

  // Where the plan changed: one numbered dashed line per date.
  std::map<Date, std::vector<const DoseChange*>> changes;
  for (const auto& c : plan.changes) {
    if (c.change == StepChange::kStart || c.change == StepChange::kSame) continue;
    if (c.date < first || c.date > last) continue;
    changes[c.date].push_back(&c);
  }
  int mark = 0;
  for (const auto& [date, list] : changes) {
    ++mark;
    double x = x_of(date);
    w.Addf(
        "<line class=\"change\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
        "stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 6\"/>\n",
        x, kTop + 28, kBottom);
    w.Addf(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"15\" fill=\"#fff\" stroke=\"#000\" "
        "stroke-width=\"2\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"22\" "
        "font-weight=\"bold\" text-anchor=\"middle\">{}</text>\n",
        x, kTop + 14, x, kTop + 22, mark);
  }

  // The three series.
  for (int series = 0; series < 3; ++series) {
    std::vector<std::pair<double, double>> points;
    for (const DiaryEntry* e : entries) {
      const std::optional<int>& value = series == 0   ? e->during
                                        : series == 1 ? e->after
                                                      : e->morning;
      if (value) points.emplace_back(x_of(e->date), y_of(std::clamp(*value, 0, 10)));
    }
    if (points.empty()) continue;
    if (points.size() > 1) {
      w.Add("<polyline fill=\"none\" stroke=\"#000\" ");
      w.Add(LineStyle(series));
      w.Add(" points=\"");
      for (size_t i = 0; i < points.size(); ++i) {
        w.Addf("{}{:.1f},{:.1f}", i ? " " : "", points[i].first, points[i].second);
      }
      w.Add("\"/>\n");
    }
    for (const auto& [x, y] : points) w.Add(Marker(series, x, y) + "\n");
  }
  w.Add("</svg>\n");

  // Legend: the same line and marker as in the chart, then the axis meaning.
  w.Add("<ul class=\"legend\">\n");
  const StringId names[] = {StringId::kPainDuring, StringId::kPainAfter, StringId::kPainMorning};
  for (int series = 0; series < 3; ++series) {
    w.Addf(
        "<li><svg viewBox=\"0 0 60 20\" aria-hidden=\"true\"><line x1=\"2\" y1=\"10\" "
        "x2=\"58\" y2=\"10\" stroke=\"#000\" {}/>{}</svg> {}</li>\n",
        LineStyle(series), Marker(series, 30, 10), w.T(names[series]));
  }
  w.Addf(
      "<li><svg viewBox=\"0 0 60 20\" aria-hidden=\"true\"><rect x=\"2\" y=\"1\" width=\"56\" "
      "height=\"18\" fill=\"#dcdcdc\"/></svg> {}</li>\n",
      w.F(StringId::kPainAcceptable, fmt::arg("max", acceptable)));
  w.Addf("<li>{}</li>\n</ul></div>\n", w.T(StringId::kPainAxis));

  if (!changes.empty()) {
    w.Addf("<h3>{}</h3>\n<ol class=\"changes\">\n", w.T(StringId::kPainChangesHeading));
    for (const auto& [date, list] : changes) {
      w.Addf("<li><strong>{}</strong>", w.Long(date));
      // Exercises changed the same way for the same reason share one line.
      std::vector<std::pair<const DoseChange*, std::vector<std::string>>> groups;
      for (const DoseChange* c : list) {
        const Exercise* ex = plan.program->FindExercise(c->exercise_id);
        std::string name = ex != nullptr ? ex->name : c->exercise_id;
        auto same = [&](const auto& g) {
          return g.first->change == c->change &&
                 MessageText(g.first->reason.message) == MessageText(c->reason.message);
        };
        auto it = std::find_if(groups.begin(), groups.end(), same);
        if (it == groups.end()) {
          groups.push_back({c, {name}});
        } else {
          it->second.push_back(name);
        }
      }
      for (const auto& [c, changed] : groups) {
        w.Addf("<br>{} {}", EscapeHtml(Join(changed, ", ")), w.T(ChangeWord(c->change)));
        if (!c->reason.message.empty())
          w.Addf(": {}", EscapeHtml(MessageText(c->reason.message, w.view().language)));
      }
      w.Add("</li>\n");
    }
    w.Add("</ol>\n");
  }
  w.Add("</section>\n");
}

// Which measures to write down, and when: daily pain, and the current
// phase's exit criteria with what the diary has of each so far ("not in
// your diary yet" apart from a value that falls short).
void WriteWhatToLog(Writer& w) {
  const View& v = w.view();
  const Plan& plan = *v.plan;
  w.Addf("<section class=\"what-to-log keep\" id=\"what-to-log\"><h2>{}</h2>\n<p>{}</p>\n",
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
      w.Addf("<li><strong>{}</strong><br>", EscapeHtml(c.criterion->text));
      bool daily = measure == "pain" || measure == "morning-pain" || measure == "swelling";
      w.Add(daily ? w.T(StringId::kLogDaily)
                  : w.F(StringId::kLogWriteAs, fmt::arg("name", measure)));
      w.Add(" ");
      w.Add(c.value ? w.F(StringId::kLogLatest,
                          fmt::arg("value", DescribeMeasureValue(measure, *c.value)),
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
  w.Addf("<section class=\"next-phase new-page keep\" id=\"next-phase\"><h2>{}</h2>\n",
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
      w.Addf("<h3>{}</h3><ul>\n", w.T(StringId::kNextPhaseExercises));
      for (const auto& n : names) w.Addf("<li>{}</li>\n", EscapeHtml(n));
      w.Add("</ul>\n");
    }
  }
  w.Add("</section>\n");
}

void WriteSources(Writer& w) {
  const Plan& plan = *w.view().plan;
  if (plan.program->sources.empty()) return;
  w.Addf("<section class=\"sources\" id=\"sources\"><h2>{}</h2>\n<ol>\n",
         w.T(StringId::kSourcesHeading));
  // Addresses are plain text, never links: the handout fetches and links nothing.
  for (const auto& s : plan.program->sources) {
    w.Addf("<li>{}", EscapeHtml(s.citation));
    if (!s.url.empty()) w.Addf(" <span class=\"url\">{}</span>", EscapeHtml(s.url));
    w.Add("</li>\n");
  }
  w.Add("</ol>\n</section>\n");
}

}  // namespace

std::string RenderHtml(const Plan& plan, const HtmlOptions& options) {
  View view = MakeView(plan);
  Writer w(view);
  std::vector<Card> cards = BuildCards(view);
  std::string lang_attr = plan.patient.language.empty() ? "en" : plan.patient.language;
  w.Addf("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
         EscapeHtml(lang_attr));
  w.Add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  w.Addf("<title>{}: {}</title>\n", EscapeHtml(plan.program->title),
         w.T(StringId::kDocumentKicker));
  w.Addf("<style>{}</style>\n", kStyle);
  if (options.paper != Paper::kAuto) {
    w.Addf("<style>@page {{ size: {}; }}</style>\n", options.paper == Paper::kA4 ? "A4" : "letter");
  }
  w.Add("</head>\n<body>\n");
  WriteAlerts(w);
  WriteHeader(w);
  WriteRedFlags(w);
  WriteTimeline(w);
  WriteWeekGrid(w, cards);
  WriteWhatToLog(w);
  WriteCards(w, cards);
  WriteModalities(w);
  WritePainChart(w);
  WriteEducation(w);
  WriteNextPhase(w);
  WriteSources(w);
  w.Addf("<footer><p>{}</p></footer>\n",
         w.F(StringId::kFooter, fmt::arg("patient", plan.patient.id)));
  w.Add("</body>\n</html>\n");
  return w.Take();
}

}  // namespace rehab
