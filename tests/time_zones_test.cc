// Tests for planner/engine/time_zones.cc: local times that a DST night skips
// are moved forward by the gap (RFC 5545 §3.3.5) in the plan itself, so the
// JSON, text and calendar outputs agree and say so.
#include "planner/engine/time_zones.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace rehab {
namespace {

using testing::DataPath;
using testing::RunBinary;

Date D(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / m / d}; }

TEST(TimeZonesTest, ATimeInTheGapMovesForwardByTheGap) {
  static const struct {
    const char* zone;
    Date date;
    TimeOfDay time;
    TimeOfDay expected;
  } kCases[] = {
      {"America/New_York", D(2027, 3, 14), 2 * 60 + 30, 3 * 60 + 30},  // in the gap
      {"America/New_York", D(2027, 3, 14), 2 * 60, 3 * 60},            // its first minute
      {"America/New_York", D(2027, 3, 14), 1 * 60 + 59, 1 * 60 + 59},  // before it
      {"America/New_York", D(2027, 3, 14), 3 * 60, 3 * 60},            // after it
      {"America/New_York", D(2027, 3, 13), 2 * 60 + 30, 2 * 60 + 30},  // the night before
      {"America/New_York", D(2027, 11, 7), 1 * 60 + 30, 1 * 60 + 30},  // an ambiguous time stays
      {"Europe/London", D(2027, 3, 28), 1 * 60 + 15, 2 * 60 + 15},
      {"Australia/Lord_Howe", D(2027, 10, 3), 2 * 60 + 10, 2 * 60 + 40},  // a 30-minute gap
  };
  for (const auto& c : kCases) {
    const date::time_zone* zone = FindTimeZone(c.zone);
    ASSERT_NE(zone, nullptr) << c.zone;
    EXPECT_EQ(ExistingLocalTime(zone, c.date, c.time), c.expected)
        << c.zone << " " << FormatDate(c.date) << " " << FormatTime(c.time);
  }
}

TEST(TimeZonesTest, WithoutAZoneATimeStaysAsItIs) {
  EXPECT_EQ(ExistingLocalTime(nullptr, D(2027, 3, 14), 150), 150);
}

std::vector<std::string> PlanArgs(const std::string& format) {
  return {"plan",      "knee-osteoarthritis",
          "--patient", DataPath("dst/new-york-night.yaml"),
          "--today",   "2027-03-08",
          "--weeks",   "1",
          "--format",  format,
          "-o",        "-"};
}

TEST(TimeZonesTest, ThePlanMovesASessionOutOfTheGapAndSaysSo) {
  testing::RunResult run = RunBinary(PlanArgs("json"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json plan = nlohmann::json::parse(run.out);
  std::vector<std::string> first_times;
  for (const auto& day : plan["days"]) {
    if (day["sessions"].empty()) continue;
    first_times.push_back(day["date"].get<std::string>() + " " +
                          day["sessions"][0]["time"].get<std::string>());
  }
  EXPECT_NE(std::find(first_times.begin(), first_times.end(), "2027-03-14 03:30"),
            first_times.end());
  EXPECT_NE(std::find(first_times.begin(), first_times.end(), "2027-03-13 02:30"),
            first_times.end());
  EXPECT_NE(std::find(first_times.begin(), first_times.end(), "2027-03-12 02:30"),
            first_times.end());
  const std::string note =
      "The clocks go forward on 2027-03-14: 02:30 does not exist that night, so what is planned "
      "for 02:30 that day is at 03:30.";
  ASSERT_EQ(plan["notes"].size(), 1u) << plan["notes"].dump();
  EXPECT_EQ(plan["notes"][0]["id"], "dst-gap");
  EXPECT_EQ(plan["notes"][0]["text"], note);
  EXPECT_NE(testing::Unwrapped(RunBinary(PlanArgs("text")).out).find("Note: " + note),
            std::string::npos);
}

TEST(TimeZonesTest, TheCalendarStartsTheMovedSessionAtTheMovedTime) {
  testing::RunResult run = RunBinary(PlanArgs("ics"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("DTSTART;TZID=America/New_York:20270314T033000\r\n"), std::string::npos);
  EXPECT_EQ(run.out.find("20270314T023000"), std::string::npos);
}

}  // namespace
}  // namespace rehab
