// End-to-end tests on the built binary: the measures a program's phases read
// are named where a patient or therapist looks for them: beside each exit
// criterion in `rehab show PROGRAM`, and in `rehab log --help`.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/common.h"
#include "planner/present/messages.h"
#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

bool IsPainOrSwelling(const std::string& measure) {
  return measure == "pain" || measure == "morning-pain" || measure == "swelling";
}

// `show`'s text from the heading of phase `title` to the next phase's.
std::string PhaseText(const std::string& show, const std::string& title) {
  size_t start = show.find(": " + title + "\n");
  if (start == std::string::npos) return "";
  size_t end = show.find("\n  days ", start);
  return show.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(CliMeasuresTest, ShowNamesTheMeasureOfEveryExitCriterionInItsPhase) {
  for (const auto& id : ShippedProgramIds()) {
    std::ostringstream err;
    int status = 0;
    auto program = cli::LoadProgramArg(id, err, &status);
    ASSERT_TRUE(program) << id << "\n" << err.str();
    RunResult show = RunBinary({"show", id});
    ASSERT_EQ(show.exit_code, 0) << id << "\n" << show.err;
    for (const auto& phase : program->phases) {
      std::string text = PhaseText(show.out, phase.title);
      ASSERT_FALSE(text.empty()) << id << ": " << phase.title;
      for (const auto& c : phase.exit_criteria) {
        EXPECT_TRUE(Contains(text, "log: " + LogHint(c.measure, "en")))
            << id << ": " << phase.title << ": " << c.measure;
      }
    }
  }
}

TEST(CliMeasuresTest, LogHelpListsEveryMeasureTheShippedProgramsRead) {
  RunResult help = RunBinary({"log", "--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  const std::string list = help.out.substr(help.out.find("Measures the built-in programs"));
  int checked = 0;
  for (const auto& id : ShippedProgramIds()) {
    std::ostringstream err;
    int status = 0;
    auto program = cli::LoadProgramArg(id, err, &status);
    ASSERT_TRUE(program) << id;
    for (const auto& phase : program->phases) {
      for (const auto& c : phase.exit_criteria) {
        if (IsPainOrSwelling(c.measure)) continue;
        EXPECT_TRUE(Contains(list, " " + c.measure + " ") || Contains(list, " " + c.measure + "\n"))
            << c.measure << "\n"
            << list;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 0);
  EXPECT_FALSE(Contains(list, " morning-pain")) << list;  // that is --morning
}

}  // namespace
}  // namespace rehab::testing
