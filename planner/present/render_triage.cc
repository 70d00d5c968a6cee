// The triage table and its JSON: layout only; every word is the catalogue's.
#include "planner/present/render_triage.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "planner/base/utf8.h"
#include "planner/present/messages.h"

namespace rehab {

namespace {

using Json = nlohmann::ordered_json;

constexpr TriageCategory kListed[] = {TriageCategory::kEmergency, TriageCategory::kSameDay,
                                      TriageCategory::kTherapist, TriageCategory::kMeasureDue,
                                      TriageCategory::kNoDiary};

std::string Words(const std::string& id, const std::string& language) {
  return MessageText(Message(id), language);
}

std::string CategoryHeading(TriageCategory c, const std::string& language) {
  return Words(std::string("triage.category.") + ToString(c), language);
}

struct Row {
  std::string id, what, since, todo;
};

Row RowOf(const TriageEntry& e, const std::string& language) {
  const TriageReason& r = e.reasons.front();
  Row row;
  row.id = ForTerminal(e.patient_id, "");
  row.what = ForTerminal(MessageText(r.what, language), "");
  if (e.reasons.size() > 1) {
    row.what +=
        " " + MessageText(Message("triage.more").With("n", static_cast<int>(e.reasons.size() - 1)),
                          language);
  }
  row.since = r.since ? FormatDate(*r.since) : "";
  row.todo = MessageText(r.todo, language);
  return row;
}

std::string Pad(const std::string& s, size_t width) {
  size_t n = CountCharacters(s);
  return s + std::string(width > n ? width - n : 0, ' ');
}

size_t CountNeedingAttention(const TriageReport& report) {
  return static_cast<size_t>(
      std::count_if(report.entries.begin(), report.entries.end(),
                    [](const TriageEntry& e) { return NeedsAttention(e.category); }));
}

Json ReasonJson(const TriageReason& r, const std::string& language) {
  Json j;
  j["category"] = ToString(r.category);
  j["rank"] = static_cast<int>(r.category);
  j["rule"] = r.rule;
  j["what"] = MessageText(r.what, language);
  j["since"] = r.since ? Json(FormatDate(*r.since)) : Json(nullptr);
  j["todo"] = MessageText(r.todo, language);
  Json dates = Json::array();
  for (Date d : r.dates) dates.push_back(FormatDate(d));
  j["dates"] = std::move(dates);
  return j;
}

}  // namespace

std::string RenderTriageText(const TriageReport& report, const std::string& language) {
  std::vector<std::pair<TriageCategory, Row>> rows;
  Row header{Words("triage.column.patient", language), Words("triage.column.what", language),
             Words("triage.column.since", language), Words("triage.column.todo", language)};
  size_t id_w = CountCharacters(header.id), todo_w = CountCharacters(header.todo),
         since_w = CountCharacters(header.since);
  size_t quiet = 0;
  for (const TriageEntry& e : report.entries) {
    if (e.category == TriageCategory::kNothing || e.reasons.empty()) {
      ++quiet;
      continue;
    }
    Row row = RowOf(e, language);
    id_w = std::max(id_w, CountCharacters(row.id));
    todo_w = std::max(todo_w, CountCharacters(row.todo));
    since_w = std::max(since_w, CountCharacters(row.since));
    rows.emplace_back(e.category, std::move(row));
  }
  auto line = [&](const Row& r) {
    // The long column last, so a red flag's own long text does not widen the others.
    std::string s = "  " + Pad(r.id, id_w) + "  " + Pad(r.since, since_w) + "  " +
                    Pad(r.todo, todo_w) + "  " + r.what;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  const int patients = static_cast<int>(report.entries.size());
  std::string out =
      MessageText(Message("triage.title")
                      .With("today", report.today)
                      .With("patients", patients)
                      .With("attention", static_cast<int>(CountNeedingAttention(report))),
                  language) +
      "\n";
  if (!rows.empty()) out += line(header);
  for (TriageCategory c : kListed) {
    bool first = true;
    for (const auto& [category, row] : rows) {
      if (category != c) continue;
      if (first) out += CategoryHeading(c, language) + "\n";
      first = false;
      out += line(row);
    }
  }
  if (quiet > 0) {
    out += MessageText(Message("triage.quiet").With("n", static_cast<int>(quiet)), language) + "\n";
  }
  if (!report.failed.empty()) {
    out += MessageText(Message("triage.failed").With("n", static_cast<int>(report.failed.size())),
                       language) +
           "\n";
  }
  return out;
}

std::string RenderTriageJson(const TriageReport& report, const std::string& language) {
  Json j;
  j["schema"] = kTriageSchema;
  j["today"] = FormatDate(report.today);
  j["patients"] = report.entries.size();
  j["needs_attention"] = CountNeedingAttention(report);
  Json listed = Json::array(), quiet = Json::array();
  for (const TriageEntry& e : report.entries) {
    if (e.category == TriageCategory::kNothing || e.reasons.empty()) {
      quiet.push_back(e.patient_id);
      continue;
    }
    Json entry;
    entry["patient"] = e.patient_id;
    Json top = ReasonJson(e.reasons.front(), language);
    for (const char* key : {"category", "rank", "rule", "what", "since", "todo"}) {
      entry[key] = top[key];
    }
    Json reasons = Json::array();
    for (const TriageReason& r : e.reasons) reasons.push_back(ReasonJson(r, language));
    entry["reasons"] = std::move(reasons);
    listed.push_back(std::move(entry));
  }
  j["entries"] = std::move(listed);
  j["nothing_to_do"] = std::move(quiet);
  j["failed"] = report.failed;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace rehab
