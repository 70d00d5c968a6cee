// The diary as the engine reads it: same-day rows merged, rows after today
// set aside with a warning.
#include <algorithm>
#include <vector>

#include "planner/engine/engine.h"
#include "planner/engine/engine_internal.h"

namespace rehab {

namespace engine_internal {

bool IsMerged(const Entries& entries, Date today) {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].date > today) return false;
    if (i > 0 && entries[i - 1].date == entries[i].date) return false;
  }
  return true;
}

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

}  // namespace engine_internal

std::vector<IgnoredEntry> EntriesAfterToday(const Diary& diary, Date today) {
  std::vector<IgnoredEntry> out;
  for (const auto& e : diary.entries) {
    if (e.date <= today) continue;
    std::vector<Message> what;  // what the ignored row held
    if (!e.flags.empty()) what.push_back(Message("ignored.flags").With("flags", e.flags));
    int worst = std::max({e.during.value_or(-1), e.after.value_or(-1), e.morning.value_or(-1)});
    if (worst >= 0) what.push_back(Message("ignored.pain").With("pain", worst));
    if (e.swelling) {
      what.push_back(
          Message("ignored.swelling")
              .With("swelling", MeasureValue{"swelling", static_cast<double>(*e.swelling)}));
    }
    if (!e.measures.empty()) what.push_back(Message("ignored.measures"));
    IgnoredEntry w;
    w.date = e.date;
    w.line = e.line;
    w.column = e.date_column;
    w.message = Message("ignored.after-today")
                    .With("date", e.date)
                    .With("today", today)
                    .With("held", std::move(what));
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace rehab
