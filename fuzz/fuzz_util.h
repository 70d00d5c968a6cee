// What the fuzz targets share: the shipped catalogue and programs (loaded once,
// aborting if they do not load), a fixed test patient, and "generate a plan and
// render it in every format".
#ifndef REHAB_FUZZ_FUZZ_UTIL_H_
#define REHAB_FUZZ_FUZZ_UTIL_H_

#include <date/date.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "planner/base/diagnostics.h"
#include "planner/engine/engine.h"
#include "planner/load/yaml_loader.h"
#include "planner/model/model.h"
#include "planner/model/plan.h"
#include "planner/present/render_csv.h"
#include "planner/present/render_html.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"
#include "planner/present/render_text.h"

namespace rehab::fuzz {

// Stops the fuzzer with a message: the harness itself is broken.
[[noreturn]] inline void Die(const std::string& message) {
  std::fprintf(stderr, "fuzz harness: %s\n", message.c_str());
  std::abort();
}

inline std::string ReadShipped(const std::string& name) {
  std::string path = std::string(REHAB_PROGRAMS_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// programs/exercises.yaml (exercises and default red flags), loaded once.
inline const Catalogue& ShippedCatalogue() {
  static const Catalogue catalogue = [] {
    Diagnostics diags;
    auto loaded = LoadCatalogueFile(ReadShipped("exercises.yaml"), "exercises.yaml", &diags);
    if (!loaded) Die("the shipped catalogue does not load:\n" + diags.ToString());
    return *loaded;
  }();
  return catalogue;
}

// Every shipped program (programs/*.yaml but the catalogue), sorted by file
// name, loaded as `rehab` loads it (LoadProgramFromCatalogue).
inline const std::vector<Program>& ShippedPrograms() {
  static const std::vector<Program> programs = [] {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(REHAB_PROGRAMS_DIR)) {
      std::string name = entry.path().filename().string();
      if (name.ends_with(".yaml") && name != "exercises.yaml") names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    std::vector<Program> loaded;
    for (const auto& name : names) {
      Diagnostics diags;
      auto program = LoadProgramFromCatalogue(ReadShipped(name), name, ShippedCatalogue(), &diags);
      if (!program) Die("a shipped program does not load:\n" + diags.ToString());
      loaded.push_back(std::move(*program));
    }
    if (loaded.empty()) Die("no shipped programs found");
    return loaded;
  }();
  return programs;
}

inline const Program& ShippedProgram(const std::string& id) {
  for (const auto& p : ShippedPrograms()) {
    if (p.id == id) return p;
  }
  Die("no shipped program " + id);
}

inline Date MakeDate(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year{y} / date::month{m} / date::day{d});
}

// A right-knee patient in New York with both anchor dates on 2026-11-02,
// sessions six days a week at 09:00 and 17:30 (like tests/data/cli/patient.yaml).
inline Patient TestPatient() {
  Patient patient;
  patient.id = "fuzz";
  patient.timezone = "America/New_York";
  patient.start = MakeDate(2026, 11, 2);
  patient.surgery = MakeDate(2026, 11, 2);
  patient.session_days = {Weekday::kMon, Weekday::kTue, Weekday::kWed,
                          Weekday::kThu, Weekday::kFri, Weekday::kSat};
  patient.session_times = {9 * 60, 17 * 60 + 30};
  patient.units = "lb";
  return patient;
}

// Renders `plan` in every format, and the explanation of its first, today's
// and last day; returns the total size so nothing is optimised away.
inline size_t RenderAll(const Plan& plan) {
  size_t total = RenderText(plan).size() + RenderJson(plan).size() + RenderIcs(plan).size() +
                 RenderCsv(plan).size() + RenderHtml(plan).size();
  total += RenderExplain(plan, plan.today).size();
  if (!plan.days.empty()) {
    total += RenderExplain(plan, plan.days.front().date).size();
    total += RenderExplain(plan, plan.days.back().date).size();
  }
  return total;
}

}  // namespace rehab::fuzz

#endif  // REHAB_FUZZ_FUZZ_UTIL_H_
