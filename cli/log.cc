// `rehab log`: validates one pain-diary entry, then appends it to the diary
// under a lock, rewriting the file atomically so earlier entries always survive.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/diary_append.h"
#include "cli/common.h"
#include "cli/io.h"
#include "planner/base/utf8.h"
#include "planner/load/diary.h"

namespace rehab::cli {

namespace {

namespace po = boost::program_options;

constexpr char kUsage[] =
    "usage: rehab log DIARY --date DATE [--during N] [--after N] [--morning N]\n"
    "                 [--swelling S] [--measure NAME=VALUE]... [--flag F]...\n"
    "                 [--note TEXT] [--today DATE]\n"
    "\n"
    "Adds one entry to the pain diary DIARY (a CSV file, created with its header\n"
    "when missing). The entry is checked first; a rejected entry changes nothing.\n"
    "An entry needs at least one of --during, --after, --morning, --swelling,\n"
    "--measure or --flag.\n"
    "\n"
    "Which measures a phase needs to move on (e.g. --measure flexion=95,\n"
    "--measure walk-distance=30) and when: 'rehab plan' lists them under \"What to\n"
    "log in your diary\", 'rehab show PROGRAM' beside each exit criterion.\n";

po::options_description Options() {
  po::options_description options("options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("date", po::value<std::string>(), "day of the entry, YYYY-MM-DD (required)")
      ("during", po::value<std::string>(), "pain during exercise, 0-10")
      ("after", po::value<std::string>(), "pain after exercise, 0-10")
      ("morning", po::value<std::string>(), "pain the next morning, 0-10")
      ("swelling", po::value<std::string>(), "none, mild, moderate or severe")
      ("measure", po::value<std::vector<std::string>>()->composing(),
       "a measure, e.g. flexion=95 (repeatable)")
      ("flag", po::value<std::vector<std::string>>()->composing(),
       "a flag, e.g. fever, calf-pain, cleared, reviewed (repeatable)")
      ("note", po::value<std::string>(), "free text")
      ("today", po::value<std::string>(),
       "today's date, YYYY-MM-DD (default: today in UTC); entries after it are refused");
  // clang-format on
  return options;
}

// Joins "--during" "-1" into "--during=-1" so a value that starts with '-'
// reaches our range check instead of being taken for an option.
Args JoinOptionValues(const Args& args) {
  static const std::set<std::string> kTakesValue = {"--date",    "--during",   "--after",
                                                    "--morning", "--swelling", "--measure",
                                                    "--flag",    "--note",     "--today"};
  Args joined;
  for (size_t i = 0; i < args.size(); ++i) {
    if (kTakesValue.count(args[i]) != 0 && i + 1 < args.size()) {
      joined.push_back(args[i] + "=" + args[i + 1]);
      ++i;
    } else {
      joined.push_back(args[i]);
    }
  }
  return joined;
}

// Builds the entry from the options; false with every problem in `problems`.
class EntryBuilder {
 public:
  EntryBuilder(const po::variables_map& vm, std::vector<std::string>* problems)
      : vm_(vm), problems_(problems) {}

  // Fills `entry` from the options; false when any of them was bad.
  bool Build(DiaryEntry* entry) {
    size_t problems_before = problems_->size();
    if (std::optional<Date> d = DateOption("date")) entry->date = *d;
    entry->during = PainOption("during");
    entry->after = PainOption("after");
    entry->morning = PainOption("morning");
    if (vm_.count("swelling") != 0) ParseSwelling(vm_["swelling"].as<std::string>(), entry);
    if (vm_.count("measure") != 0) {
      for (const auto& m : vm_["measure"].as<std::vector<std::string>>()) Measure(m, entry);
    }
    if (vm_.count("flag") != 0) {
      for (const auto& f : vm_["flag"].as<std::vector<std::string>>()) {
        if (std::find(entry->flags.begin(), entry->flags.end(), f) == entry->flags.end()) {
          entry->flags.push_back(f);
        }
      }
    }
    if (vm_.count("note") != 0) entry->note = vm_["note"].as<std::string>();
    return problems_->size() == problems_before;
  }

  // The date in option `name`, or nullopt with a problem recorded (a bad
  // date makes the whole command a usage error, as in every verb).
  std::optional<Date> DateOption(const char* name) {
    const std::string& text = vm_[name].as<std::string>();
    std::string problem = DateArgProblem(name, text);
    if (!problem.empty()) {
      problems_->push_back(problem);
      bad_date_ = true;
      return std::nullopt;
    }
    return ParseDate(text);
  }

  // Whether a date option was not a date.
  bool bad_date() const { return bad_date_; }

 private:
  std::optional<int> PainOption(const char* name) {
    if (vm_.count(name) == 0) return std::nullopt;
    const std::string& text = vm_[name].as<std::string>();
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      problems_->push_back(
          fmt::format("--{} must be a whole number from 0 to 10, got \"{}\"", name, text));
      return std::nullopt;
    }
    return value;  // the range is ValidateEntry's to check
  }

  void ParseSwelling(const std::string& text, DiaryEntry* entry) {
    const std::vector<std::string>& names = rehab::SwellingNames();
    for (size_t i = 0; i < names.size(); ++i) {
      if (text == names[i]) {
        entry->swelling = static_cast<rehab::Swelling>(i);
        return;
      }
    }
    std::string hint = DidYouMean(text, names);
    problems_->push_back(hint.empty() ? fmt::format("unknown swelling '{}'; expected none, mild, "
                                                    "moderate or severe",
                                                    text)
                                      : fmt::format("unknown swelling '{}'{}", text, hint));
  }

  void Measure(const std::string& text, DiaryEntry* entry) {
    size_t eq = text.find('=');
    if (eq == std::string::npos) {
      problems_->push_back(
          fmt::format("--measure must be NAME=VALUE, e.g. flexion=95, got \"{}\"", text));
      return;
    }
    std::string name = text.substr(0, eq);
    double value = 0;
    if (!IsValidMeasureName(name)) {
      problems_->push_back(
          fmt::format("measure name \"{}\" must be made of a-z, 0-9 and '-'", name));
    } else if (!ParseMeasureValue(std::string_view(text).substr(eq + 1), &value)) {
      problems_->push_back(
          fmt::format("measure '{}' must be a number, got \"{}\"", name, text.substr(eq + 1)));
    } else if (!entry->measures.emplace(name, value).second) {
      problems_->push_back(fmt::format("measure '{}' is given twice", name));
    }
  }

  const po::variables_map& vm_;
  std::vector<std::string>* problems_;
  bool bad_date_ = false;
};

// For --help: the measure names the built-in programs' exit criteria read
// (pain and swelling have options of their own).
std::string MeasureNamesHelp() {
  std::set<std::string> names;
  ProgramLibrary library;
  std::ostringstream ignored;  // a program that fails to load is for `rehab validate` to say
  for (const auto& program : LoadBuiltinPrograms(&library, ignored)) {
    if (!program) continue;
    for (const auto& phase : program->phases) {
      for (const auto& c : phase.exit_criteria) {
        if (c.measure != "pain" && c.measure != "morning-pain" && c.measure != "swelling") {
          names.insert(c.measure);
        }
      }
    }
  }
  std::string text =
      "Measures the built-in programs' phases read (--measure NAME=VALUE; pain is\n"
      "--during and --morning, swelling --swelling):\n";
  std::string line = " ";
  for (const auto& name : names) {
    if (line.size() + name.size() + 2 > 78) {
      text += line + "\n";
      line = " ";
    }
    line += " " + name;
  }
  return ForTerminal(text + line + "\n");
}

Date TodayUtc() { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); }

}  // namespace

int RunLog(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options = Options();
  po::options_description hidden;
  hidden.add_options()("diary", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("diary", -1);

  po::variables_map vm;
  try {
    int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(JoinOptionValues(args))
                  .options(all)
                  .positional(positional)
                  .style(style)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& option : options.options()) names.push_back("--" + option->long_name());
    err << "rehab log: unknown option '" << e.get_option_name() << "'"
        << DidYouMean(e.get_option_name(), names) << "\n"
        << kUsage;
    return kExitUsage;
  } catch (const po::error& e) {
    err << "rehab log: " << e.what() << "\n" << kUsage;
    return kExitUsage;
  }
  if (vm.count("help") != 0) {
    out << kUsage << "\n" << options << "\n" << MeasureNamesHelp();
    return kExitOk;
  }
  auto usage_error = [&](const std::string& message) {
    err << "rehab log: " << message << "\n" << kUsage;
    return kExitUsage;
  };
  if (vm.count("diary") == 0) return usage_error("missing the DIARY file");
  const auto& diaries = vm["diary"].as<std::vector<std::string>>();
  if (diaries.size() != 1) return usage_error("give exactly one DIARY file");
  if (vm.count("date") == 0) return usage_error("missing --date");
  static const char* const kData[] = {"during", "after", "morning", "swelling", "measure", "flag"};
  if (std::none_of(std::begin(kData), std::end(kData),
                   [&](const char* name) { return vm.count(name) != 0; })) {
    return usage_error(
        "nothing to log: give --during, --after, --morning, --swelling, "
        "--measure or --flag");
  }

  DiaryEntry entry;
  std::vector<std::string> problems;
  EntryBuilder builder(vm, &problems);
  Date today = TodayUtc();
  if (vm.count("today") != 0) {
    if (std::optional<Date> d = builder.DateOption("today")) today = *d;
  }
  // Build even when --today was bad, so every problem is reported at once.
  builder.Build(&entry);
  std::string validation;
  if (!ValidateEntry(entry, today, &validation)) {
    size_t begin = 0;
    while (begin <= validation.size()) {  // one problem per line
      size_t end = std::min(validation.find('\n', begin), validation.size());
      problems.push_back(validation.substr(begin, end - begin));
      begin = end + 1;
    }
  }
  if (!problems.empty()) {
    for (const auto& p : problems) err << "rehab log: error: " << p << "\n";
    err << "rehab log: nothing was written\n";
    return builder.bad_date() ? kExitUsage : kExitInvalidInput;
  }

  const std::string& shown_name = diaries.front();
  AppendResult result = AppendDiaryEntry(shown_name, shown_name, entry, today);
  if (!result.ok) {
    err << result.diagnostics;
    for (const auto& p : result.problems) err << "rehab log: error: " << p << "\n";
    return kExitInvalidInput;
  }
  out << ForTerminal(fmt::format("Logged {} in {}: {} ({} entr{} in the diary)\n",
                                 FormatDate(entry.date), shown_name, DescribeEntry(entry),
                                 result.entries, result.entries == 1 ? "y" : "ies"));
  return kExitOk;
}

}  // namespace rehab::cli
