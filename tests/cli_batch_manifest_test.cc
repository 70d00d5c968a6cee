// The batch manifest read back (ReadManifest, cli/batch_manifest.cc): what ManifestText
// wrote, entry for entry; an entry it cannot trust left out; a damaged or foreign file
// read as no manifest (which only costs planning every patient again).
#include <gtest/gtest.h>

#include <string>

#include "cli/batch_internal.h"
#include "tests/support/test_util.h"

namespace rehab::cli::batch {
namespace {

using rehab::testing::ScopedTempDir;
using rehab::testing::WriteFile;

constexpr char kTriage[] =
    R"({"no_diary_days":null,"reasons":[{"category":2,"dates":["2026-10-11"],"rule":"fever",)"
    R"("since":"2026-10-11","todo":"Call today","what":"Knee pain with a \"fever\"\n"}]})";

ManifestEntry FullEntry() {
  ManifestEntry e;
  e.source = "p-1.yaml";
  e.inputs = "fnv1a64:0123456789abcdef";
  e.size = 14401;
  e.mtime_ns = 1796597520055429274;
  e.triage = kTriage;
  e.later_triage = {{"2026-11-20", R"({"no_diary_days":7,"reasons":[]})"}};
  e.planned_on = "2026-11-17";
  e.valid_through = "2026-11-30";
  e.outcome = "fnv1a64:fedcba9876543210";
  return e;
}

// The manifest that `text` holds, read from a file.
Manifest Read(const std::string& text) {
  ScopedTempDir dir;
  const std::string path = dir.File("manifest.json");
  WriteFile(path, text);
  return ReadManifest(path);
}

// A manifest of one entry, "p-1.ics", whose body is `entry` (the JSON of its fields).
std::string WithEntry(const std::string& entry) {
  return R"({"outputs": {"p-1.ics": )" + entry + R"(}, "schema": "rehab-batch/1"})";
}

constexpr char kRequired[] =
    R"("inputs": "fnv1a64:1", "mtime_ns": 5, "size": 7, "source": "p-1.yaml")";

TEST(ManifestReadTest, ReadsBackEveryFieldManifestTextWrote) {
  Manifest written = {{"p-1.ics", FullEntry()}, {"p-2.ics", FullEntry()}};
  written["p-2.ics"].later_triage.clear();
  written["p-2.ics"].outcome.clear();
  const std::string text = ManifestText(written);
  const Manifest read = Read(text);
  ASSERT_EQ(read.size(), 2u);
  for (const auto& [name, e] : written) {
    const ManifestEntry& r = read.at(name);
    EXPECT_EQ(r.source, e.source);
    EXPECT_EQ(r.inputs, e.inputs);
    EXPECT_EQ(r.size, e.size);
    EXPECT_EQ(r.mtime_ns, e.mtime_ns);
    EXPECT_EQ(r.triage, e.triage);
    EXPECT_EQ(r.later_triage, e.later_triage);
    EXPECT_EQ(r.planned_on, e.planned_on);
    EXPECT_EQ(r.valid_through, e.valid_through);
    EXPECT_EQ(r.outcome, e.outcome);
  }
  EXPECT_EQ(ManifestText(read), text);
}

TEST(ManifestReadTest, KeepsATriageWrittenWithSpacesAsCompactJson) {
  const Manifest m = Read(WithEntry(std::string("{") + kRequired +
                                    R"(, "triage": { "no_diary_days" : 3, "reasons" : [ ] } })"));
  EXPECT_EQ(m.at("p-1.ics").triage, R"({"no_diary_days":3,"reasons":[]})");
}

TEST(ManifestReadTest, ReadsAnEntryWithAFieldItDoesNotKnow) {
  const Manifest m =
      Read(WithEntry(std::string("{") + kRequired + R"(, "later_field": {"a": [1, 2]}})"));
  EXPECT_EQ(m.count("p-1.ics"), 1u);
}

TEST(ManifestReadTest, LeavesOutAnEntryMissingItsSize) {
  const Manifest m =
      Read(WithEntry(R"({"inputs": "fnv1a64:1", "mtime_ns": 5, "source": "p-1.yaml"})"));
  EXPECT_TRUE(m.empty());
}

TEST(ManifestReadTest, LeavesOutAnEntryWithANegativeSize) {
  const Manifest m = Read(
      WithEntry(R"({"inputs": "fnv1a64:1", "mtime_ns": 5, "size": -7, "source": "p-1.yaml"})"));
  EXPECT_TRUE(m.empty());
}

TEST(ManifestReadTest, LeavesOutAnEntryWhoseSourceIsNotAString) {
  const Manifest m = Read(
      WithEntry(R"({"inputs": "fnv1a64:1", "mtime_ns": 5, "size": 7, "source": ["p-1.yaml"]})"));
  EXPECT_TRUE(m.empty());
}

TEST(ManifestReadTest, LeavesOutAnEntryWithALaterTriageWithoutItsDay) {
  const Manifest m = Read(WithEntry(std::string("{") + kRequired +
                                    R"(, "later_triage": [{"triage": {"reasons": []}}]})"));
  EXPECT_TRUE(m.empty());
}

TEST(ManifestReadTest, ReadsATriageThatIsNoObjectAsNone) {
  const Manifest m = Read(WithEntry(std::string("{") + kRequired + R"(, "triage": "fever"})"));
  EXPECT_EQ(m.at("p-1.ics").triage, "");
}

TEST(ManifestReadTest, KeepsTheOtherEntriesOfAManifestWithABadOne) {
  const Manifest m = Read(R"({"outputs": {"bad.ics": 3, "p-1.ics": {)" + std::string(kRequired) +
                          R"(}}, "schema": "rehab-batch/1"})");
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m.count("p-1.ics"), 1u);
}

TEST(ManifestReadTest, ReadsADamagedFileAsNoManifest) {
  const std::string text = ManifestText({{"p-1.ics", FullEntry()}});
  EXPECT_TRUE(Read(text.substr(0, text.size() / 2)).empty());
}

TEST(ManifestReadTest, ReadsAnotherSchemaAsNoManifest) {
  EXPECT_TRUE(Read(R"({"outputs": {"p-1.ics": {)" + std::string(kRequired) +
                   R"(}}, "schema": "rehab-batch/2"})")
                  .empty());
}

TEST(ManifestReadTest, ReadsATopLevelArrayAsNoManifest) { EXPECT_TRUE(Read("[1, 2, 3]").empty()); }

const std::string kDeep = std::string(100'000, '[') + std::string(100'000, ']');

TEST(ManifestReadTest, ReadsATriageNestedDeeperThanAnyRehabWritesAsNoManifest) {
  EXPECT_TRUE(Read(WithEntry(std::string("{") + kRequired + R"(, "triage": {"a": )" + kDeep + "}}"))
                  .empty());
}

TEST(ManifestReadTest, PassesOverADeeplyNestedFieldItDoesNotKnow) {
  EXPECT_EQ(
      Read(WithEntry(std::string("{") + kRequired + R"(, "later_field": )" + kDeep + "}")).size(),
      1u);
}

}  // namespace
}  // namespace rehab::cli::batch
