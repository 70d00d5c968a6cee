// Benchmark of a clinic's caseload in-process: 10,000 synthetic patients
// across the shipped programs, each with a synthetic diary, parsed, planned
// and rendered as ics on N worker threads (as `rehab batch` does, minus the
// files). Reports the process's peak RSS as a counter.
// Run: build/bench/batch_bench --benchmark_filter=/2 --benchmark_repetitions=3 (Release build;
// about 10 ms of CPU per patient today, so each run takes a minute or more).
// `batch_bench --write-patients DIR [N]` writes the same patients as files
// (DIR/p-NNNNN.yaml + DIR/diaries/p-NNNNN.csv) for timing `rehab batch`;
// `batch_bench --change-diaries DIR PERCENT DATE` then logs a row dated DATE in PERCENT % of
// those diaries (every patient whose number n has n * 37 % 100 < PERCENT), as a day of the
// caseload's logging before the nightly run (bench/nightly.sh).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <thread>

#include "planner/engine/engine.h"
#include "planner/load/diary.h"
#include "planner/load/yaml_loader.h"
#include "planner/present/render_ics.h"

namespace rehab {
namespace {

constexpr int kPatients = 10000;
const date::year_month_day kToday{date::year{2026} / 11 / 16};

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(REHAB_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fixed list, not the programs/ folder: patient n gets program n % 8 from
// it, so the synthetic caseload, and with it every figure measured on it, stays
// the same when a program is added or renamed.
const std::vector<std::string> kProgramIds = {"medial-knee-pain",
                                              "patellofemoral-pain",
                                              "knee-osteoarthritis",
                                              "arthroscopic-meniscectomy",
                                              "meniscus-repair",
                                              "total-knee-replacement",
                                              "unicompartmental-knee-replacement",
                                              "acl-reconstruction"};

// The text of one synthetic patient file and its diary. Patients started
// 0-150 days before today; diaries log every 1-3 days with pain drifting
// down, a flare now and then, flexion rising, and a rare fever.
struct SyntheticPatient {
  std::string id;
  std::string program;
  std::string yaml;
  std::string diary_csv;
};

SyntheticPatient MakePatient(int n, const std::vector<Program>& programs) {
  std::mt19937 rng(static_cast<unsigned>(n) * 2654435761u + 17);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  static const char* kZones[] = {"America/New_York", "Europe/Berlin",    "UTC",
                                 "Asia/Kolkata",     "Australia/Sydney", "America/Los_Angeles"};
  static const char* kDays[] = {"[daily]", "[mon, tue, wed, thu, fri]", "[mon, wed, fri]",
                                "[mon, tue, wed, thu, fri, sat]"};
  static const char* kTimes[] = {"[\"08:00\"]", "[\"09:00\", \"17:30\"]",
                                 "[\"07:30\", \"13:00\", \"19:00\"]", "[\"18:00\"]"};
  const Program& program = programs[static_cast<size_t>(n) % programs.size()];
  SyntheticPatient p;
  p.id = fmt::format("p-{:05}", n);
  p.program = program.id;
  Date today = date::sys_days(kToday);
  Date anchor = today - date::days(pick(0, 150));
  std::string when =
      program.anchor == Anchor::kSurgery
          ? fmt::format("surgery:\n  procedure: {}\n  date: {}\n", program.id, FormatDate(anchor))
          : fmt::format("start: {}\n", FormatDate(anchor));
  p.yaml = fmt::format(
      "id: {}\nprogram: {}\ndiary: diaries/{}.csv\nside: {}\ntimezone: {}\n{}"
      "sessions:\n  days: {}\n  times: {}\nunits: {}\n",
      p.id, program.id, p.id, pick(0, 1) ? "left" : "right", kZones[pick(0, 5)], when,
      kDays[pick(0, 3)], kTimes[pick(0, 3)], pick(0, 1) ? "kg" : "lb");

  p.diary_csv = "date,during,after,morning,swelling,measures,flags,note\n";
  int pain = pick(3, 6);
  int flexion = pick(50, 80);
  static const char* kSwelling[] = {"none", "mild", "moderate"};
  for (Date d = anchor + date::days(1); d < today; d += date::days(pick(1, 3))) {
    if (pick(0, 9) == 0) pain = std::min(10, pain + 3);  // a flare
    pain = std::clamp(pain + pick(-1, 0), 0, 10);
    flexion = std::min(130, flexion + pick(0, 3));
    std::string flags = pick(0, 199) == 0 ? "fever" : "";
    p.diary_csv += fmt::format("{},{},{},{},{},flexion={},{},\n", FormatDate(d), pain,
                               std::clamp(pain + pick(-1, 1), 0, 10), std::clamp(pain - 1, 0, 10),
                               kSwelling[pick(0, 2)], flexion, flags);
  }
  return p;
}

struct Caseload {
  std::vector<Exercise> catalogue;
  std::vector<Program> programs;
  std::vector<std::shared_ptr<const Program>> shared;  // the same, as plans share them
  std::vector<SyntheticPatient> patients;

  Caseload() {
    Diagnostics diags;
    catalogue = LoadCatalogue(ReadSource("programs/exercises.yaml"), "exercises.yaml", &diags)
                    .value_or(std::vector<Exercise>{});
    for (const auto& id : kProgramIds) {
      auto program = LoadProgram(ReadSource("programs/" + id + ".yaml"), id, catalogue, &diags);
      if (program) programs.push_back(std::move(*program));
    }
    if (diags.HasErrors() || programs.size() != kProgramIds.size()) {
      std::cerr << "batch_bench: cannot load the shipped programs\n" << diags.ToString();
      std::exit(1);
    }
    for (int n = 0; n < kPatients; ++n) patients.push_back(MakePatient(n, programs));
    for (const auto& p : programs) shared.push_back(std::make_shared<const Program>(p));
  }

  // As in `rehab batch`, the plans of one program's patients share it.
  const std::shared_ptr<const Program>& ProgramFor(const std::string& id) const {
    for (const auto& p : shared) {
      if (p->id == id) return p;
    }
    return shared.front();
  }
};

const Caseload& TheCaseload() {
  static const Caseload caseload;
  return caseload;
}

// CPU seconds (user + system) this process has used, on all its threads.
double ProcessCpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double PeakRssMiB() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Parses, plans and renders patient `i`; returns the calendar's size.
size_t PlanOne(const Caseload& c, size_t i) {
  const SyntheticPatient& sp = c.patients[i];
  Diagnostics diags;
  auto patient = LoadPatient(sp.yaml, sp.id + ".yaml", &diags);
  Diary diary = ParseDiary(sp.diary_csv, sp.id + ".csv", &diags);
  if (!patient || diags.HasErrors()) {
    std::cerr << "batch_bench: synthetic patient is invalid\n" << diags.ToString();
    std::exit(1);
  }
  Plan plan = Generate(c.ProgramFor(sp.program), *patient, diary, kToday);
  return RenderIcs(plan).size();
}

// The whole caseload on state.range(0) threads taking patients from a shared counter.
void BM_Caseload10000Ics(benchmark::State& state) {
  const Caseload& c = TheCaseload();
  const int threads = static_cast<int>(state.range(0));
  size_t bytes = 0;
  double cpu = 0;
  for (auto _ : state) {
    double cpu_before = ProcessCpuSeconds();
    std::atomic<size_t> next{0}, total{0};
    auto worker = [&] {
      size_t mine = 0;
      for (size_t i = next++; i < c.patients.size(); i = next++) mine += PlanOne(c, i);
      total += mine;
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    bytes = total;
    cpu += ProcessCpuSeconds() - cpu_before;
  }
  state.counters["patients"] = static_cast<double>(c.patients.size());
  state.counters["ics_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["us_per_patient"] = benchmark::Counter(
      static_cast<double>(c.patients.size()) * 1e-6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  // Wall time suffers when other work shares the cores; CPU time much less so.
  state.counters["cpu_ms_per_patient"] =
      cpu * 1e3 / static_cast<double>(c.patients.size() * static_cast<size_t>(state.iterations()));
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_Caseload10000Ics)
    ->Arg(1)
    ->Arg(2)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// Writes the synthetic caseload as files for `rehab batch`.
int WritePatients(const std::string& dir, int count) {
  const Caseload& c = TheCaseload();
  std::filesystem::create_directories(std::filesystem::path(dir) / "diaries");
  for (int n = 0; n < count; ++n) {
    const SyntheticPatient& p =
        n < kPatients ? c.patients[static_cast<size_t>(n)] : MakePatient(n, c.programs);
    std::ofstream(dir + "/" + p.id + ".yaml", std::ios::binary) << p.yaml;
    std::ofstream(dir + "/diaries/" + p.id + ".csv", std::ios::binary) << p.diary_csv;
  }
  std::cout << "wrote " << count << " patients to " << dir << "\n";
  return 0;
}

// Appends a row for `date` to `percent` % of the diaries of a written caseload.
int ChangeDiaries(const std::string& dir, int percent, const std::string& date) {
  int changed = 0, total = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(dir) / "diaries")) {
    const std::string stem = e.path().stem().string();  // p-NNNNN
    if (!stem.starts_with("p-")) continue;
    ++total;
    int n = std::atoi(stem.c_str() + 2);
    if (n * 37 % 100 >= percent) continue;
    std::ofstream(e.path(), std::ios::binary | std::ios::app)
        << date << "," << n % 4 + 1 << "," << n % 4 + 1 << "," << n % 3 << ",mild,,,\n";
    ++changed;
  }
  std::cout << "changed " << changed << " of " << total << " diaries\n";
  return 0;
}

}  // namespace
}  // namespace rehab

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--write-patients") {
    return rehab::WritePatients(argv[2], argc >= 4 ? std::atoi(argv[3]) : rehab::kPatients);
  }
  if (argc == 5 && std::string(argv[1]) == "--change-diaries") {
    return rehab::ChangeDiaries(argv[2], std::atoi(argv[3]), argv[4]);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
