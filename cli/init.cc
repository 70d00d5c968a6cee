// `rehab init patient PROGRAM -o FILE`, `rehab init diary -o FILE`,
// `rehab init program -o FILE`: a commented starter file that `rehab validate`
// accepts as written. An existing FILE is never overwritten; a patient file or
// diary (health data) is created readable by its owner only (0600).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/program_library.h"

namespace rehab::cli {

namespace {

namespace fs = std::filesystem;

constexpr char kInitUsage[] =
    "usage: rehab init patient PROGRAM -o FILE [--start DATE | --surgery DATE] [--today DATE]\n"
    "       rehab init diary -o FILE\n"
    "       rehab init program -o FILE\n"
    "\n"
    "Writes a commented starter file that 'rehab validate' accepts, to edit from\n"
    "there: a patient file for PROGRAM (a built-in id or a path to a YAML file;\n"
    "the file's date is --surgery for a post-operative program, --start for a\n"
    "conservative one, default today), an empty pain diary (its header line), or\n"
    "a small program of your own from catalogue exercises (its id is FILE's name\n"
    "without .yaml). An existing FILE is never overwritten (exit 1). A patient\n"
    "file or diary holds health data: it is created readable by you only (0600).\n"
    "-o - writes to standard output.\n";

// Lowercase letters, digits and dashes, starting with a letter or digit: an id.
bool IsId(const std::string& s) {
  if (s.empty() || s[0] == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// `path`'s name without its extension as an id, else `fallback`.
std::string IdFromFile(const std::string& path, const std::string& fallback) {
  std::string stem = fs::path(path).stem().string();
  return IsId(stem) ? stem : fallback;
}

// The value of a patient file's `program:` for `name` as PROGRAM was given: a
// built-in id as it is, a path relative to the folder of the file at `output`.
std::string ProgramValue(const std::string& name, const std::string& output) {
  ProgramLibrary library;
  std::optional<std::string> file = library.FileOf(name);
  if (!file || *file == library.BuiltinFile(name)) return name;
  std::error_code ec;
  fs::path dir = output == "-" ? fs::current_path(ec) : fs::absolute(output, ec).parent_path();
  fs::path relative =
      fs::weakly_canonical(*file, ec).lexically_relative(fs::weakly_canonical(dir, ec));
  // Far away, the absolute path reads better than a climb of "../../".
  if (relative.empty() || relative.generic_string().starts_with("../../")) {
    return fs::weakly_canonical(*file, ec).generic_string();
  }
  return relative.generic_string();
}

std::string PatientStarter(const std::string& id, const std::string& program_value,
                           const Program& program, const std::string& date) {
  const bool surgical = program.anchor == Anchor::kSurgery;
  std::string text = fmt::format(
      "# A patient file for rehab (docs/formats/patient.md), for the program\n"
      "# '{title}'. Edit the lines marked EDIT, then check it:\n"
      "#   rehab validate THIS-FILE\n"
      "id: {id}  # EDIT: an id, never a name: handouts and calendars show it\n"
      "program: {program}  # a built-in id (rehab programs) or a path from this file\n"
      "# diary: {id}-diary.csv  # the pain diary, relative to this file (rehab init diary)\n"
      "side: right  # EDIT: left | right | both, the affected side\n"
      "timezone: UTC  # EDIT: the patient's IANA time zone, e.g. America/Chicago\n",
      fmt::arg("title", program.title), fmt::arg("id", id), fmt::arg("program", program_value));
  if (surgical) {
    text += fmt::format(
        "surgery:  # this program counts from the day of the operation\n"
        "  date: {}  # EDIT: the surgery date, YYYY-MM-DD\n",
        date);
  } else {
    text += fmt::format("start: {}  # EDIT: the first day of the program, YYYY-MM-DD\n", date);
  }
  text +=
      "sessions:\n"
      "  days: [mon, wed, fri]  # mon..sun, or [daily]\n"
      "  times: [\"09:00\", \"17:00\"]  # 24-hour HH:MM, 1 to 6 a day\n"
      "units: kg  # kg | lb: loads are shown in these units\n"
      "# care_team:  # whom the patient calls; every key optional\n"
      "#   clinic: Your clinic\n"
      "#   clinic_phone: (312) 555-0199\n";
  if (surgical) text += "#   surgeon_team_phone: (312) 555-0100\n";
  return text;
}

// The diary's header line: a CSV holds no comments (docs/formats/diary.md).
std::string DiaryStarter() { return "date,during,after,morning,swelling,measures,flags,note\n"; }

std::string ProgramStarter(const std::string& id) {
  return fmt::format(
      "# A program of your own (docs/formats/program.md, docs/authoring.md), from\n"
      "# exercises of the catalogue (programs/exercises.yaml; rehab show PROGRAM shows\n"
      "# them in use). Check it with: rehab validate THIS-FILE\n"
      "id: {id}  # must equal the file name without .yaml\n"
      "title: My knee program  # EDIT: a short title the patient reads\n"
      "version: 1  # bump when the clinical content changes\n"
      "condition: Knee pain from overuse, no injury  # EDIT\n"
      "anchor: start  # start (conservative care) | surgery (counts from the operation)\n"
      "weeks: 4\n"
      "sources:  # EDIT: what the program rests on; cite them as [S] in texts\n"
      "  - id: S\n"
      "    citation: Your clinic's protocol\n"
      "pain_rules:  # the pain-monitoring model's thresholds, 0-10\n"
      "  acceptable_max: 5\n"
      "  red_min: 6\n"
      "phases:\n"
      "  - id: move\n"
      "    title: Keep the knee moving\n"
      "    goals: [Bend and straighten the knee a little further]\n"
      "    start: 0d\n"
      "    end: 2w\n"
      "    max_end: 3w  # the phase waits for its exit criteria until then\n"
      "    exit_criteria:\n"
      "      - {{measure: pain, max: 3, text: Pain during exercise 3 out of 10 or less}}\n"
      "    exercises:\n"
      "      - {{exercise: quad-set, times_per_day: 2}}\n"
      "      - heel-slide\n"
      "      - hamstring-stretch\n"
      "  - id: strengthen\n"
      "    title: Build strength\n"
      "    start: 2w\n"
      "    end: 4w\n"
      "    exercises:\n"
      "      - {{exercise: quad-set, start_step: 2}}\n"
      "      - {{exercise: sit-to-stand, days_per_week: 3}}\n"
      "      - hamstring-stretch\n"
      "red_flags:  # the catalogue's default red flags apply as well\n"
      "  - id: lasting-pain\n"
      "    text: Still sore after a few weeks\n"
      "    action: Book an appointment with your doctor\n"
      "    urgency: routine\n",
      fmt::arg("id", id));
}

// Creates `path` with `contents` and permissions `mode` (less the umask),
// never replacing anything there (O_EXCL: not even a symbolic link).
// Returns kExitOk or the status after printing why not.
int CreateNewFile(const std::string& path, const std::string& contents, mode_t mode,
                  std::ostream& out, std::ostream& err) {
  if (path == "-") {
    out << contents;
    return kExitOk;
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) {
    if (errno == EEXIST) {
      err << fmt::format(
          "rehab: '{}' already exists; init never overwrites a file (give another -o FILE, or "
          "remove it first)\n",
          path);
    } else {
      err << fmt::format("rehab: cannot create '{}': {}\n", path, std::strerror(errno));
    }
    return kExitInvalidInput;
  }
  size_t done = 0;
  bool ok = true;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (ok && ::fsync(fd) != 0) ok = false;
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    ::unlink(path.c_str());
    err << fmt::format("rehab: cannot write '{}': {}\n", path, std::strerror(saved));
    return kExitInvalidInput;
  }
  out << fmt::format("wrote {}: edit it, then check it with 'rehab validate {}'\n", path, path);
  return kExitOk;
}

}  // namespace

int RunInit(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")
      ("output,o", po::value<std::string>(), "the file to create (- for standard output)")
      ("start", po::value<std::string>(), "patient: the start date, YYYY-MM-DD")
      ("surgery", po::value<std::string>(), "patient: the surgery date, YYYY-MM-DD")
      ("today", po::value<std::string>(), "today's date, YYYY-MM-DD (the default date)")
      ("files", po::value<std::vector<std::string>>(), "KIND [PROGRAM]");
  po::positional_options_description positional;
  positional.add("files", -1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kInitUsage, options, positional, out, err, &status);
  if (!vm) return status;
  const std::vector<std::string> words =
      vm->count("files") ? (*vm)["files"].as<std::vector<std::string>>()
                         : std::vector<std::string>{};
  if (words.empty()) {
    err << "rehab: init needs what to write: patient, diary or program\n\n" << kInitUsage;
    return kExitUsage;
  }
  const std::string& kind = words[0];
  if (kind != "patient" && kind != "diary" && kind != "program") {
    err << fmt::format("rehab: init writes a patient, diary or program, not '{}'\n\n", kind)
        << kInitUsage;
    return kExitUsage;
  }
  const size_t wanted = kind == "patient" ? 2 : 1;
  if (words.size() != wanted) {
    err << (kind == "patient" ? "rehab: init patient needs one PROGRAM\n\n"
                              : fmt::format("rehab: init {} takes no other argument\n\n", kind))
        << kInitUsage;
    return kExitUsage;
  }
  if (!vm->count("output") || (*vm)["output"].as<std::string>().empty()) {
    err << "rehab: init needs -o FILE, the file to create (-o - for standard output)\n\n"
        << kInitUsage;
    return kExitUsage;
  }
  const std::string output = (*vm)["output"].as<std::string>();
  if (kind == "diary") return CreateNewFile(output, DiaryStarter(), 0600, out, err);
  if (kind == "program") {
    const std::string id = IdFromFile(output, "my-program");
    if (output != "-" && id != fs::path(output).stem().string()) {
      err << fmt::format(
          "rehab: a program's id is its file name without .yaml, and '{}' is not an id "
          "(lowercase letters, digits and dashes): name the file e.g. my-program.yaml\n",
          fs::path(output).stem().string());
      return kExitUsage;
    }
    return CreateNewFile(output, ProgramStarter(id), 0666, out, err);
  }
  // A patient: the program first, for its anchor (and to report a bad one).
  std::optional<Program> program = LoadProgramArg(words[1], err, &status);
  if (!program) return status;
  const bool surgical = program->anchor == Anchor::kSurgery;
  const char* wrong = surgical ? "start" : "surgery";
  if (vm->count(wrong)) {
    err << fmt::format("rehab: program '{}' counts from the {} date: give --{} DATE, not --{}\n",
                       program->id, surgical ? "surgery" : "start",
                       surgical ? "surgery" : "start", wrong);
    return kExitUsage;
  }
  std::string date;
  const char* given = surgical ? "surgery" : "start";
  if (vm->count(given)) {
    std::string text = (*vm)[given].as<std::string>();
    if (!DateArg(given, text, err)) return kExitUsage;
    date = text;
  } else {
    std::optional<Date> today = TodayArg(*vm, err);
    if (!today) return kExitUsage;
    date = FormatDate(*today);
  }
  const std::string id = IdFromFile(output, "p-0001");
  return CreateNewFile(output, PatientStarter(id, ProgramValue(words[1], output), *program, date),
                       0600, out, err);
}

}  // namespace rehab::cli
