// Source citations in plain-language text: "[6]", "[S]", "[24,31]",
// "[43-45]" (every source from 43 to 45). The loader checks each against
// the program's sources; the handout lists the sources its text cites.
#ifndef REHAB_PLANNER_BASE_CITATION_TEXT_H_
#define REHAB_PLANNER_BASE_CITATION_TEXT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rehab {

// One bracketed citation: `ids` are the sources it names, each with its
// offset from the '['.
struct Citation {
  std::string bracket;  // "[24,31]"
  std::vector<std::pair<std::string, size_t>> ids;
};

// Every bracketed citation in `text`, in order. Brackets whose content is
// not a list of ids (letters and digits) and ranges are left alone.
std::vector<Citation> FindCitations(std::string_view text);

}  // namespace rehab

#endif  // REHAB_PLANNER_BASE_CITATION_TEXT_H_
