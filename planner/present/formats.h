// The output formats the library renders, by name: one registry that every
// caller (`rehab plan`, `rehab batch`, a server) looks formats up in, with
// the options every renderer reads and their one validation.
#ifndef REHAB_PLANNER_PRESENT_FORMATS_H_
#define REHAB_PLANNER_PRESENT_FORMATS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "planner/model/plan.h"
#include "planner/present/render_html.h"
#include "planner/present/render_text.h"

namespace rehab {

// The longest reminder, in minutes before the event: one week.
inline constexpr int kMaxRemindMinutes = 7 * 24 * 60;

// What a renderer may be asked for; each format reads only its own options.
struct RenderOptions {
  // ics: minutes before each session or ice/heat slot for a reminder, 0 to
  // kMaxRemindMinutes; 0: none.
  int remind_minutes = 10;
  // ics: one event per session instead of repeating events (IcsOptions::repeat).
  bool one_event_per_session = false;
  // ics: leave out cancelled copies of removed events (IcsOptions::keep_cancelled).
  bool no_cancelled = false;
  // ics: minutes between a subscriber's refreshes (IcsOptions::refresh_minutes); 0: none.
  int refresh_minutes = 0;
  // html: the printed page size.
  Paper paper = Paper::kAuto;
  // html: each exercise card's figure (HtmlOptions::figures).
  bool figures = true;
  // ics: the text of the calendar exported before over the same file ("" when
  // there is none; IcsOptions::previous). Viewed, not owned: it must outlive
  // the render call.
  std::string_view previous;
  // text: the weeks shown (TextWindow; by default the whole plan).
  TextWindow window;
  // fhir: a transaction Bundle of PUT requests instead of a collection
  // (FhirOptions::transaction).
  bool fhir_transaction = false;
};

// "" when `options` can be rendered; otherwise what is wrong, naming the
// option as the command line spells it without its dashes:
// "remind must be from 0 to 10080 minutes, got -1".
std::string CheckRenderOptions(const RenderOptions& options);

// The paper called "a4", "letter" or "auto"; nullopt with `*error` set
// ("paper must be a4, letter or auto, got \"a3\"") for any other name.
std::optional<Paper> ParsePaper(std::string_view name, std::string* error);

// One output format: how callers name it, label its bytes and name its files,
// and the renderer that makes it.
struct OutputFormat {
  std::string_view name;        // as --format spells it: "ics"
  std::string_view media_type;  // the bytes' Content-Type: "text/calendar"
  std::string_view extension;   // of its files, without the dot: "ics"
  // Renders `plan` into `*out`, replacing its contents (a caller rendering
  // many plans reuses one buffer). Pure: the bytes depend only on the plan
  // and the options. REQUIRES: CheckRenderOptions(options) is "".
  void (*render)(const Plan& plan, const RenderOptions& options, std::string* out);
  // Its render reads RenderOptions::previous (the file it is to replace).
  bool reads_previous = false;
  // For a terminal format (text): the same rendering as styled lines, whose
  // PlainText is what `render` makes; a caller writing to a terminal may
  // style them (bold headings, red alerts). nullptr for the others.
  StyledText (*render_lines)(const Plan& plan, const RenderOptions& options) = nullptr;
  // Its bytes show `today` (the text's and the handout's "today" marks, the
  // JSON's today and each day's past, ...). A format that does not (ics, whose
  // unchanged events keep the previous file's DTSTAMP) renders a plan made
  // again on a day it holds through (Plan::valid_through), over its previous
  // file, to the same bytes; it reads no field of the plan that OutcomeDigest
  // (plan_digest.h) leaves out, so plans with the same digest render alike.
  bool shows_today = true;
};

// Every format the library renders, each once: text, json, ics, csv, html, fhir.
std::span<const OutputFormat> OutputFormats();

// The format called `name`, or nullptr when there is none.
const OutputFormat* FindOutputFormat(std::string_view name);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_FORMATS_H_
