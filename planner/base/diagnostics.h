// Diagnostics: located error messages for input files, rendered like a
// compiler's (file:line:col: error: message, the source line, a caret).
#ifndef REHAB_PLANNER_BASE_DIAGNOSTICS_H_
#define REHAB_PLANNER_BASE_DIAGNOSTICS_H_

#include <string>
#include <string_view>
#include <vector>

namespace rehab {

// A 1-based position in a named source text. line == 0 means "the whole file".
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLoc loc;
  std::string message;
};

// Collects the diagnostics of one or more files. Keeps the source texts it
// was given so it can quote the offending line under each message.
class Diagnostics {
 public:
  // Registers the text of `file` so messages about it can quote lines.
  void AddSource(const std::string& file, std::string_view text);

  void Error(const SourceLoc& loc, std::string message);
  void Warning(const SourceLoc& loc, std::string message);
  void Note(const SourceLoc& loc, std::string message);

  bool HasErrors() const { return error_count_ > 0; }
  int error_count() const { return error_count_; }
  const std::vector<Diagnostic>& items() const { return items_; }

  // Appends the diagnostics of `other` (and its sources) to this list.
  void Merge(const Diagnostics& other);

  // All diagnostics in the order they were reported, each as
  // "file:line:col: error: message\n<source line>\n<caret>\n".
  std::string ToString() const;

 private:
  // Where each line of each source starts, by source index; filled in as
  // ToString() first quotes a source, so a file with thousands of errors is
  // not rescanned from the top for each one. Local to one ToString() call: a
  // const Diagnostics shared between threads (a program's, in `rehab batch`)
  // is never written to.
  using LineStarts = std::vector<std::vector<size_t>>;
  std::string QuoteLine(const SourceLoc& loc, LineStarts* line_starts) const;

  std::vector<Diagnostic> items_;
  struct Source {
    std::string name;
    std::string text;
  };
  std::vector<Source> sources_;
  int error_count_ = 0;
};

// Edit distance for "did you mean" suggestions: the fewest letters inserted,
// deleted, changed or swapped with their neighbour (optimal string alignment)
// that turn `a` into `b`; "paln" is one edit from "plan".
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely
// typo (distance <= max(1, word.size() / 3)); empty otherwise.
std::string SuggestClosest(std::string_view word, const std::vector<std::string>& candidates);

// ", did you mean 'x'?" or "" — appended to an "unknown ..." message.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace rehab

#endif  // REHAB_PLANNER_BASE_DIAGNOSTICS_H_
