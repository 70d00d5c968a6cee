// The output formats the verbs offer: the library's (planner/present/
// formats.h) plus pdf, the handout printed by Chromium, which only the CLI
// can make. `plan`, `batch` and a server look formats up here, and build
// their help and error texts from this one list.
#ifndef REHAB_CLI_FORMATS_H_
#define REHAB_CLI_FORMATS_H_

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "planner/model/plan.h"
#include "planner/present/formats.h"

namespace rehab::cli {

struct Format {
  std::string_view name;        // as --format spells it
  std::string_view media_type;  // the bytes' Content-Type
  std::string_view extension;   // of its files, without the dot
  // The library's format, or nullptr for one only the CLI makes (pdf).
  const OutputFormat* library = nullptr;
  // A CLI-only format's Render and Write (unused when `library` is set).
  bool (*render_cli)(const Plan& plan, const RenderOptions& options, std::string* out,
                     std::string* error) = nullptr;
  bool (*write_cli)(const Plan& plan, const RenderOptions& options, const std::string& path,
                    std::string* error) = nullptr;
  // Its bytes are binary: they go to the file -o names (or, with -o -, to
  // standard output), never to standard output by default.
  bool needs_output_file = false;
  // It reads the file it replaces (RenderOptions::previous): ics.
  bool reads_previous = false;
  // `rehab batch` offers it (one output file per patient).
  bool in_batch = false;

  // Renders `plan` into `*out`, replacing its contents. False with `*error`
  // set when it cannot (pdf: no Chromium, or Chromium failed).
  // REQUIRES: CheckRenderOptions(options) is "".
  bool Render(const Plan& plan, const RenderOptions& options, std::string* out,
              std::string* error) const;
  // Writes the rendering to `path` as WriteFileAtomically does (pdf: as
  // PrintPdf does). False with `*error` set, and nothing written, on failure.
  bool Write(const Plan& plan, const RenderOptions& options, const std::string& path,
             std::string* error) const;
};

// Every format, each once: the library's, in OutputFormats() order, then pdf.
std::span<const Format> Formats();

// The format called `name`, or nullptr.
const Format* FindFormat(std::string_view name);

// The verbs that take --format.
enum class FormatUse { kPlan, kBatch };

// The names a verb offers, for its --format, help and errors: its default
// first (plan: text, batch: ics), then the others it offers in Formats()
// order (batch: only those `in_batch`).
const std::vector<std::string>& FormatNames(FormatUse use);

// "a|b|c" (for a usage line) and "a, b or c" (for an option's description).
std::string JoinFormatNames(const std::vector<std::string>& names, std::string_view separator);
std::string ListFormatNames(const std::vector<std::string>& names);

// Adds --format (FormatNames(use)), --remind, --one-event-per-session,
// --no-cancelled and --fhir-transaction, and for `plan` --paper, --no-figures and the text window's --from,
// --show-weeks and --all, in that order.
void AddFormatOptions(FormatUse use, boost::program_options::options_description* options);

// The --format given, if the verb offers it; else nullptr after printing
// "rehab: --format must be one of ...; got ..." to `err`.
const Format* FormatArg(const boost::program_options::variables_map& vm, FormatUse use,
                        std::ostream& err);

// --paper and --no-figures (when the verb has them), --remind, --one-event-per-session,
// --no-cancelled and --fhir-transaction (with --format fhir only), checked;
// nullopt after printing the problem to `err`.
std::optional<RenderOptions> RenderOptionsArg(const boost::program_options::variables_map& vm,
                                              std::ostream& err);

// The text plan's window as the command line asks for it: --from DATE (else
// the Monday of today's week), --show-weeks N (else up to the plan's end),
// or --all (every week).
struct WindowRequest {
  std::optional<Date> from;
  int weeks = 0;
  bool all = false;
};

// --from, --show-weeks and --all, checked: a date, 1 to kMaxPlanWeeks weeks,
// --all alone, and only with --format text. nullopt after printing the
// problem to `err` (a usage error).
std::optional<WindowRequest> WindowRequestArg(const boost::program_options::variables_map& vm,
                                              const Format& format, std::ostream& err);

// The window `request` asks of `plan`: --all, or a today after the plan's
// end without --from, shows every week; the default starts on the Monday of
// plan.today's week (from the plan's start when that Monday is before it).
// A --from before the plan's start shows from its start, with a note on
// `err`; one after its last day is an error. Returns kExitOk with `*window`
// set, or the exit status after printing why not.
int ApplyWindow(const WindowRequest& request, const Plan& plan, std::ostream& err,
                TextWindow* window);

}  // namespace rehab::cli

#endif  // REHAB_CLI_FORMATS_H_
