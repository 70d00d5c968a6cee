// scripts/lib.sh: the set-up both README commands share. A configure that
// failed or was interrupted must be redone on the next run, never taken for
// done because a CMakeCache.txt is there.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/test_util.h"

namespace rehab {
namespace {

namespace fs = std::filesystem;

// A tiny CMake project that fails to configure while `fail` exists beside it.
void WriteProject(const testing::ScopedTempDir& dir) {
  fs::create_directories(dir.File("src"));
  testing::WriteFile(dir.File("src/CMakeLists.txt"),
                     "cmake_minimum_required(VERSION 3.25)\n"
                     "project(probe NONE)\n"
                     "if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/fail)\n"
                     "  message(FATAL_ERROR \"told to fail\")\n"
                     "endif()\n");
}

// Runs rehab_configure from scripts/lib.sh on the probe project; its exit code.
int Configure(const testing::ScopedTempDir& dir, const std::string& args = "-DX=1") {
  std::string command = "bash -c 'source \"" + testing::SourcePath("scripts/lib.sh") +
                        "\" && rehab_configure \"" + dir.File("src") + "\" \"" +
                        dir.File("build") + "\" " + args + "' >/dev/null 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ScriptsTest, AFailedConfigureLeavesNoStampAndIsRedoneFromAFreshCache) {
  testing::ScopedTempDir dir;
  WriteProject(dir);
  testing::WriteFile(dir.File("src/fail"), "");
  ASSERT_NE(Configure(dir), 0);
  ASSERT_TRUE(fs::exists(dir.File("build/CMakeCache.txt"))) << "CMake leaves its cache behind";
  EXPECT_FALSE(fs::exists(dir.File("build/.rehab-configured")));

  fs::remove(dir.File("src/fail"));
  // A marker in the half-made cache shows whether it was thrown away.
  testing::WriteFile(dir.File("build/CMakeCache.txt"),
                     testing::ReadFile(dir.File("build/CMakeCache.txt")) +
                         "HALF_MADE_MARKER:STRING=yes\n");
  ASSERT_EQ(Configure(dir), 0);
  EXPECT_TRUE(fs::exists(dir.File("build/Makefile")));
  EXPECT_TRUE(fs::exists(dir.File("build/.rehab-configured")));
  EXPECT_EQ(testing::ReadFile(dir.File("build/CMakeCache.txt")).find("HALF_MADE_MARKER"),
            std::string::npos);
}

TEST(ScriptsTest, AFinishedConfigureIsNotRepeatedWithTheSameOptions) {
  testing::ScopedTempDir dir;
  WriteProject(dir);
  ASSERT_EQ(Configure(dir), 0);
  // Were it run again, this would make it fail.
  testing::WriteFile(dir.File("src/fail"), "");
  EXPECT_EQ(Configure(dir), 0);
}

TEST(ScriptsTest, OtherOptionsConfigureAgain) {
  testing::ScopedTempDir dir;
  WriteProject(dir);
  ASSERT_EQ(Configure(dir, "-DX=1"), 0);
  testing::WriteFile(dir.File("src/fail"), "");
  EXPECT_NE(Configure(dir, "-DX=2"), 0);
  EXPECT_FALSE(fs::exists(dir.File("build/.rehab-configured")));
}

}  // namespace
}  // namespace rehab
