// Tests of how a sharded `rehab batch` assigns patients (cli/batch_shard.cc): the id read
// from a patient file's `id:` line, and the hash that picks a shard from it.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/batch_internal.h"

namespace rehab::cli::batch {
namespace {

TEST(QuickPatientIdTest, ReadsAPlainIdLineAndLeavesAnythingElseToTheParser) {
  static const struct {
    const char* text;
    std::optional<std::string> id;
  } kCases[] = {
      {"id: p-00001\nprogram: x\n", "p-00001"},
      {"# a patient\nprogram: x\nid: p_1.a\n", "p_1.a"},
      {"id:   p-1   \r\nside: left\r\n", "p-1"},
      {"# id: not-this\nid: this\n", "this"},
      {"id: 'p-1'\n", std::nullopt},            // quoted: the parser unquotes it
      {"id: \"p-1\"\n", std::nullopt},
      {"id: p-1 # a comment\n", std::nullopt},  // a comment after it
      {"id: p 1\n", std::nullopt},
      {"id: p-1\nid: p-2\n", std::nullopt},     // two id lines: the parser reports it
      {"id:p-1\n", std::nullopt},               // not a YAML key without the space
      {"id: -p\n", std::nullopt},
      {"id: .p\n", std::nullopt},
      {"id:\n", std::nullopt},
      {"surgery:\n  id: nested\n", std::nullopt},
      {"program: x\n", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : kCases) EXPECT_EQ(QuickPatientId(c.text), c.id) << c.text;
}

TEST(ShardOfKeyTest, IsTheDocumentedHashSoShardsOfOneRunAgreeAcrossVersions) {
  // Pinned: shards of an OUTDIR written by one rehab must be found by the next. The values
  // were checked against a separate Python version of the function docs/scaling.md gives.
  std::vector<int> shards;
  for (const char* id : {"p-00000", "p-00001", "p-00002", "p-knee-right", "p-acl"}) {
    shards.push_back(ShardOfKey(id, 7));
  }
  EXPECT_EQ(fmt::format("{}", fmt::join(shards, ",")), "0,5,6,2,5");
}

TEST(ShardOfKeyTest, SpreadsPatientsEvenlyOverTheShards) {
  std::vector<int> counts(3);
  for (int n = 0; n < 30000; ++n) ++counts.at(ShardOfKey(fmt::format("p-{:05}", n), 3));
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);
}

TEST(ShardOfKeyTest, OneMoreShardMovesPatientsOnlyIntoTheNewShard) {
  int moved = 0;
  for (int n = 0; n < 11000; ++n) {
    const std::string id = fmt::format("p-{:05}", n);
    int before = ShardOfKey(id, 10), after = ShardOfKey(id, 11);
    if (before != after) {
      EXPECT_EQ(after, 10) << id;
      ++moved;
    }
  }
  EXPECT_NEAR(moved, 1000, 150);  // about 1/11 of them
}

TEST(ShardOfKeyTest, OneShardTakesEveryone) {
  EXPECT_EQ(ShardOfKey("anyone", 1), 0);
  EXPECT_EQ(ShardOfKey("", 1), 0);
}

}  // namespace
}  // namespace rehab::cli::batch
