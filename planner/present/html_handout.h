// The handout's building blocks, shared by its section files: the week and
// phase the handout is about (View), the exercise cards, the Writer every
// section appends to, and one function per section, in handout order.
#ifndef REHAB_PLANNER_PRESENT_HTML_HANDOUT_H_
#define REHAB_PLANNER_PRESENT_HTML_HANDOUT_H_

#include <fmt/format.h>

#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/model/plan.h"
#include "planner/present/render_html.h"
#include "planner/present/messages.h"

namespace rehab::html {

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
  const Dose* dose = nullptr;  // the step dose_text words; null without a ladder
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

  // What has been written so far.
  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }
  const View& view() const { return view_; }

 private:
  const View& view_;
  std::string out_;
};

// The parts joined with `sep` between them.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// Multi-line input text as escaped paragraphs, one per non-empty line.
std::string Paragraphs(const std::string& text);

// How many times exercise `id` is scheduled on `day`.
int CountScheduled(const DayPlan& day, const std::string& id);

// The week and phase the handout shows (see RenderHtml).
View MakeView(const Plan& plan);

// One card per exercise of the current phase the patient does not skip, in
// the phase's order.
std::vector<Card> BuildCards(const View& v);

// The word for a dose change ("made easier", "stopped"...).
StringId ChangeWord(StepChange c);

// ---- Sections, in handout order; each appends to `w`. ----
void WriteAlerts(Writer& w);
void WriteHeader(Writer& w);
// What the plan says of itself ("... scheduled on the other days from 09:00").
void WritePlanNotes(Writer& w);
void WriteRedFlags(Writer& w);
void WriteTimeline(Writer& w);
void WriteWeekGrid(Writer& w, const std::vector<Card>& cards);
void WriteWhatToLog(Writer& w);
// With `figures`, each card has its exercise's figure.
void WriteCards(Writer& w, const std::vector<Card>& cards, bool figures);
void WriteModalities(Writer& w);
void WritePainChart(Writer& w);
void WriteEducation(Writer& w);
void WriteNextPhase(Writer& w);
void WriteSources(Writer& w);

}  // namespace rehab::html

#endif  // REHAB_PLANNER_PRESENT_HTML_HANDOUT_H_
