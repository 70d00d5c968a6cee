// Benchmarks of the planner's hot paths: loading programs, generating a
// 26-week total-knee-replacement plan with a 180-entry diary, rendering it.
// Run: build/bench/plan_bench (Release build).
#include <fstream>
#include <random>
#include <sstream>

#include <benchmark/benchmark.h>

#include "planner/engine/engine.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/render_html.h"
#include "planner/present/render_ics.h"
#include "planner/present/render_json.h"

namespace rehab {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(REHAB_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::vector<Exercise>& Catalogue() {
  static const std::vector<Exercise> catalogue = [] {
    Diagnostics diags;
    return LoadCatalogue(ReadSource("programs/exercises.yaml"), "exercises.yaml", &diags)
        .value_or(std::vector<Exercise>{});
  }();
  return catalogue;
}

Program LoadBuiltin(const std::string& id) {
  Diagnostics diags;
  return LoadProgram(ReadSource("programs/" + id + ".yaml"), id, Catalogue(), &diags)
      .value_or(Program{});
}

// A plausible 180-day diary after knee replacement: pain easing with noise,
// a flare in week 5, flexion rising towards 120 degrees.
Diary MakeDiary(Date surgery) {
  Diary diary;
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> noise(-1, 1);
  for (int day = 1; day <= 180; ++day) {
    DiaryEntry e;
    e.date = surgery + date::days(day);
    int base = std::max(0, 5 - day / 20);
    if (day >= 30 && day < 33) base = 7;
    e.during = std::clamp(base + noise(rng), 0, 10);
    e.after = e.during;
    e.morning = std::clamp(base - 1 + noise(rng), 0, 10);
    e.swelling = day < 20 ? Swelling::kMild : Swelling::kNone;
    e.measures["flexion"] = std::min(120, 60 + day);
    e.measures["extension-lag"] = 0;
    diary.entries.push_back(e);
  }
  return diary;
}

struct Fixture {
  Program program = LoadBuiltin("total-knee-replacement");
  Patient patient;
  Diary diary;
  date::year_month_day today;
  Fixture() {
    patient.id = "bench";
    patient.timezone = "America/New_York";
    patient.surgery = *ParseDate("2026-03-02");
    patient.session_times = {9 * 60, 17 * 60};
    diary = MakeDiary(*patient.surgery);
    today = date::year_month_day(*patient.surgery + date::days(181));
  }
};

void BM_LoadProgram(benchmark::State& state) {
  static const char* kIds[] = {"medial-knee-pain",         "patellofemoral-pain",
                               "knee-osteoarthritis",      "arthroscopic-meniscectomy",
                               "meniscus-repair",          "total-knee-replacement",
                               "unicompartmental-knee-replacement", "acl-reconstruction"};
  std::string id = kIds[state.range(0)];
  std::string text = ReadSource("programs/" + id + ".yaml");
  for (auto _ : state) {
    Diagnostics diags;
    benchmark::DoNotOptimize(LoadProgram(text, id, Catalogue(), &diags));
  }
  state.SetLabel(id);
}
BENCHMARK(BM_LoadProgram)->DenseRange(0, 7);

void BM_LoadCatalogue(benchmark::State& state) {
  std::string text = ReadSource("programs/exercises.yaml");
  for (auto _ : state) {
    Diagnostics diags;
    benchmark::DoNotOptimize(LoadCatalogue(text, "exercises.yaml", &diags));
  }
}
BENCHMARK(BM_LoadCatalogue);

// The two halves of BM_LoadProgram for the TKR program: yaml-cpp's parse into
// the loader's tree (what `rehab plan` does while the catalogue loads on a
// second thread), then the checks against the catalogue.
void BM_ParseProgramYaml(benchmark::State& state) {
  std::string text = ReadSource("programs/total-knee-replacement.yaml");
  for (auto _ : state) benchmark::DoNotOptimize(ParseYamlText(text, "tkr.yaml"));
}
BENCHMARK(BM_ParseProgramYaml)->Unit(benchmark::kMicrosecond);

void BM_CheckParsedProgram(benchmark::State& state) {
  ParsedYaml parsed = ParseYamlText(ReadSource("programs/total-knee-replacement.yaml"), "tkr.yaml");
  for (auto _ : state) {
    Diagnostics diags;
    benchmark::DoNotOptimize(LoadProgram(parsed, Catalogue(), &diags));
  }
}
BENCHMARK(BM_CheckParsedProgram)->Unit(benchmark::kMicrosecond);

// A patient file; the tz database is read on the first iteration only.
void BM_LoadPatient(benchmark::State& state) {
  std::string text = ReadSource("tests/data/cli/patient.yaml");
  for (auto _ : state) {
    Diagnostics diags;
    benchmark::DoNotOptimize(LoadPatient(text, "patient.yaml", &diags));
  }
}
BENCHMARK(BM_LoadPatient)->Unit(benchmark::kMicrosecond);

void BM_GenerateTkr26Weeks(benchmark::State& state) {
  Fixture f;
  PlanOptions options;
  options.weeks = 26;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Generate(f.program, f.patient, f.diary, f.today, options));
  }
}
BENCHMARK(BM_GenerateTkr26Weeks)->Unit(benchmark::kMicrosecond);

template <typename Render>
void RenderBench(benchmark::State& state, Render render) {
  Fixture f;
  PlanOptions options;
  options.weeks = 26;
  Plan plan = Generate(f.program, f.patient, f.diary, f.today, options);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = render(plan);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_RenderJson(benchmark::State& state) { RenderBench(state, [](const Plan& p) { return RenderJson(p); }); }
void BM_RenderIcs(benchmark::State& state) { RenderBench(state, [](const Plan& p) { return RenderIcs(p); }); }
void BM_RenderHtml(benchmark::State& state) { RenderBench(state, [](const Plan& p) { return RenderHtml(p); }); }
// The nightly batch's render: the calendar again over the one it replaces, which is
// read back for its UIDs, SEQUENCEs and stamps (ics::ReadPreviousCalendar).
void BM_RenderIcsOverItsPrevious(benchmark::State& state) {
  RenderBench(state, [previous = std::string()](const Plan& p) mutable {
    if (previous.empty()) previous = RenderIcs(p);
    return RenderIcs(p, IcsOptions{}, previous);
  });
}
BENCHMARK(BM_RenderJson)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderIcsOverItsPrevious)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderIcs)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderHtml)->Unit(benchmark::kMicrosecond);

// The handout of `rehab plan total-knee-replacement --surgery 2026-11-02
// --today 2026-11-30 --format html` (no diary), with each card's figure
// (/1) and with --no-figures (/0): what drawing the figures costs.
void BM_RenderHtmlTkr(benchmark::State& state) {
  Patient patient;
  patient.id = "bench";
  patient.surgery = *ParseDate("2026-11-02");
  Plan plan = Generate(LoadBuiltin("total-knee-replacement"), patient, Diary{},
                       date::year_month_day(*ParseDate("2026-11-30")));
  HtmlOptions options;
  options.figures = state.range(0) != 0;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = RenderHtml(plan, options);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetLabel(options.figures ? "figures" : "no figures");
}
BENCHMARK(BM_RenderHtmlTkr)->ArgName("figures")->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);

// The target: one plan generated and rendered as ics.
void BM_GenerateAndRenderIcs(benchmark::State& state) {
  Fixture f;
  PlanOptions options;
  options.weeks = 26;
  for (auto _ : state) {
    Plan plan = Generate(f.program, f.patient, f.diary, f.today, options);
    benchmark::DoNotOptimize(RenderIcs(plan));
  }
}
BENCHMARK(BM_GenerateAndRenderIcs)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rehab

BENCHMARK_MAIN();
