// Test helpers: temp dirs, file I/O and CLI runners.
#include "tests/support/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "cli/cli.h"

namespace rehab::testing {

ScopedTempDir::ScopedTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rehab-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScopedTempDir::~ScopedTempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

const Exercise* TestExercise(const std::string& id, const std::string& name, ExerciseKind kind) {
  // std::map nodes never move, so the pointers stay valid as it grows.
  static std::map<std::tuple<std::string, std::string, ExerciseKind>, Exercise> exercises;
  auto [it, inserted] = exercises.try_emplace({id, name, kind});
  if (inserted) {
    it->second.id = id;
    it->second.name = name;
    it->second.kind = kind;
  }
  return &it->second;
}

namespace {
// std::deque never moves its elements as it grows.
std::deque<Dose>& TestDoses() {
  static std::deque<Dose> doses;
  return doses;
}
}  // namespace

const Dose* TestDose(const Dose& dose) { return &TestDoses().emplace_back(dose); }

Dose* EditDose(ScheduledExercise* ex) {
  Dose* own = &TestDoses().emplace_back(ex->dose != nullptr ? *ex->dose : Dose{});
  ex->dose = own;
  return own;
}

ScheduledExercise TestScheduled(const std::string& id, const std::string& name, int sets,
                                int reps, int hold) {
  ScheduledExercise ex;
  ex.exercise = TestExercise(id, name);
  Dose dose;
  dose.sets = sets;
  dose.reps = reps;
  dose.hold_seconds = hold;
  ex.dose = TestDose(dose);
  return ex;
}

RunResult RunCli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  RunResult r;
  r.exit_code = rehab::cli::Run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

RunResult RunShell(const std::string& command) {
  RunResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

RunResult RunBinary(const std::vector<std::string>& args) {
  ScopedTempDir dir;
  std::string out_file = dir.File("stdout"), err_file = dir.File("stderr");
  std::string cmd = ShellQuote(REHAB_BINARY);
  for (const auto& a : args) {
    cmd += ' ';
    cmd += ShellQuote(a);
  }
  cmd += " </dev/null >";
  cmd += ShellQuote(out_file);
  cmd += " 2>";
  cmd += ShellQuote(err_file);
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out_file);
  r.err = ReadFile(err_file);
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string DataPath(const std::string& name) { return std::string(REHAB_TEST_DATA) + "/" + name; }

std::string SourcePath(const std::string& relative) {
  return std::string(REHAB_SOURCE_DIR) + "/" + relative;
}

std::vector<std::string> ShippedProgramIds() {
  std::vector<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("programs"))) {
    if (entry.path().extension() != ".yaml" || entry.path().stem() == "exercises") continue;
    ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool UpdatingGolden() {
  const char* update = std::getenv("REHAB_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

void UpdateGolden(const std::string& path, const std::string& actual) {
  if (!UpdatingGolden()) return;
  if (std::filesystem::exists(path) && ReadFile(path) == actual) return;
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder);
  WriteFile(path, actual);
  std::printf("REHAB_UPDATE_GOLDEN: rewrote %s\n", path.c_str());
}

std::string TestNameOf(std::string text) {
  for (char& c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return text;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool Mentions(const std::string& text, const std::string& needle) {
  return Lower(text).find(Lower(needle)) != std::string::npos;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', at)) {
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  if (at < text.size()) lines.push_back(text.substr(at));
  return lines;
}

std::string Unwrapped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    size_t spaces = 0;
    while (text[i] == '\n' && i + 1 + spaces < text.size() && text[i + 1 + spaces] == ' ') ++spaces;
    if (text[i] == '\n' && spaces >= 3) {
      out += ' ';
      i += spaces;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace rehab::testing
