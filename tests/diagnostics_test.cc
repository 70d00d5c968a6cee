// Tests for planner/base/diagnostics: printing a const Diagnostics changes
// nothing in it, so one shared between threads (a bad program's, which every
// batch worker with a patient of that program prints) prints the same text
// from all of them at once.
#include "planner/base/diagnostics.h"

#include <gtest/gtest.h>

#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace rehab {
namespace {

// A source of 20,000 lines with an error on every seventh.
Diagnostics ManyErrors() {
  std::string text;
  for (int line = 1; line <= 20000; ++line) text += "key" + std::to_string(line) + ": value\n";
  Diagnostics diags;
  diags.AddSource("prog.yaml", text);
  for (int line = 1; line <= 20000; line += 7) diags.Error({"prog.yaml", line, 4}, "bad value");
  return diags;
}

TEST(DiagnosticsTest, OneSharedDiagnosticsPrintsTheSameTextFromManyThreadsAtOnce) {
  const std::string expected = ManyErrors().ToString();
  ASSERT_NE(expected.find("prog.yaml:19902:4: error: bad value\nkey19902: value\n"),
            std::string::npos)
      << expected.substr(0, 400);
  // Never printed before the threads start, as a program's diagnostics in
  // `rehab batch` are not.
  const Diagnostics shared = ManyErrors();

  constexpr int kThreads = 8;
  std::vector<std::string> printed(kThreads);
  std::latch start(kThreads);  // all print their first copy together
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&shared, &printed, &start, t] {
      start.arrive_and_wait();
      for (int i = 0; i < 3; ++i) printed[static_cast<size_t>(t)] = shared.ToString();
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& p : printed) EXPECT_EQ(p, expected);
}

TEST(EditDistanceTest, CountsInsertionsDeletionsAndChanges) {
  static const struct {
    const char* a;
    const char* b;
    int distance;
  } kCases[] = {
      {"", "", 0},          {"plan", "plan", 0},       {"", "plan", 4},
      {"plan", "", 4},      {"plna", "plan", 1},       {"pln", "plan", 1},
      {"plans", "plan", 1}, {"blan", "plan", 1},       {"kitten", "sitting", 3},
      {"paln", "plan", 1},  {"--fromat", "--format", 1}, {"ab", "ba", 1},
      {"abc", "ca", 3},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(EditDistance(c.a, c.b), c.distance) << c.a << " / " << c.b;
    EXPECT_EQ(EditDistance(c.b, c.a), c.distance) << c.b << " / " << c.a;
  }
}

TEST(EditDistanceTest, SuggestsAWordWithTwoLettersSwapped) {
  EXPECT_EQ(DidYouMean("paln", {"plan", "today", "log"}), ", did you mean 'plan'?");
  EXPECT_EQ(DidYouMean("xyzzy", {"plan", "today", "log"}), "");
}

}  // namespace
}  // namespace rehab
