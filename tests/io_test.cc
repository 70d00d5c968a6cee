// The CLI's file edge (cli/io.h) against hostile files: reads that must stop
// at the input limit and refuse what is not a regular file, atomic writes
// that refuse odd targets, and the permissions of what is written.
#include "cli/io.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>

#include "planner/base/limits.h"
#include "support/test_util.h"

namespace rehab {
namespace {

using testing::ReadFile;
using testing::RunCli;
using testing::ScopedTempDir;
using testing::WriteFile;

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode;
}

// Sets the umask for one test and restores the old one.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;

 private:
  mode_t old_;
};

// A file of `size` bytes that takes no disk space (all a hole).
void MakeSparseFile(const std::string& path, off_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, size), 0);
  ::close(fd);
}

// --- Reading -------------------------------------------------------------

TEST(ReadWholeFileTest, RefusesDevZeroInsteadOfReadingForever) {
  std::string error;
  EXPECT_FALSE(cli::ReadWholeFile("/dev/zero", &error));
  EXPECT_EQ(error, "cannot read '/dev/zero': not a regular file");
}

TEST(ReadWholeFileTest, RefusesAFifoWithoutWaitingForAWriter) {
  ScopedTempDir dir;
  std::string fifo = dir.File("fifo.yaml");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string error;
  auto read = std::async(std::launch::async, [&] { return cli::ReadWholeFile(fifo, &error); });
  if (read.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    // Blocked in open(): a writer that leaves at once lets it return (with
    // nothing), so the test fails instead of hanging.
    int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
    read.wait();
    FAIL() << "ReadWholeFile waited for a writer on a FIFO";
  }
  EXPECT_FALSE(read.get());
  EXPECT_EQ(error, fmt::format("cannot read '{}': not a regular file", fifo));
}

TEST(ReadWholeFileTest, RefusesASparseFileOfOneAndAHalfGigabytesWithoutReadingIt) {
  ScopedTempDir dir;
  std::string path = dir.File("huge.yaml");
  constexpr off_t kSize = off_t{1536} << 20;
  MakeSparseFile(path, kSize);
  std::string error;
  EXPECT_FALSE(cli::ReadWholeFile(path, &error));
  EXPECT_EQ(error, fmt::format("cannot read '{}': the file is {} bytes, over the limit of 4 MiB",
                               path, kSize));
}

TEST(ReadWholeFileTest, RefusesOneByteOverTheLimitAndReadsAFileAtIt) {
  ScopedTempDir dir;
  WriteFile(dir.File("at"), std::string(kMaxInputBytes, 'x'));
  WriteFile(dir.File("over"), std::string(kMaxInputBytes + 1, 'x'));
  std::string error;
  auto at = cli::ReadWholeFile(dir.File("at"), &error);
  ASSERT_TRUE(at) << error;
  EXPECT_EQ(at->size(), kMaxInputBytes);
  EXPECT_FALSE(cli::ReadWholeFile(dir.File("over"), &error));
  EXPECT_EQ(error, fmt::format("cannot read '{}': the file is {} bytes, over the limit of 4 MiB",
                               dir.File("over"), kMaxInputBytes + 1));
}

TEST(ReadWholeFileTest, StopsOneBytePastTheLimitWhenTheSizeIsNotKnownBeforehand) {
  // /proc files are regular files that report a size of 0.
  std::string error;
  EXPECT_FALSE(cli::ReadWholeFile("/proc/self/maps", &error, 16));
  EXPECT_EQ(error, "cannot read '/proc/self/maps': the file is over the limit of 16 bytes");
}

TEST(ReadWholeFileTest, RefusesADirectory) {
  ScopedTempDir dir;
  std::string error;
  EXPECT_FALSE(cli::ReadWholeFile(dir.path().string(), &error));
  EXPECT_EQ(error, fmt::format("cannot read '{}': is a directory", dir.path().string()));
}

TEST(ReadWholeFileTest, FollowsASymbolicLinkToARegularFile) {
  ScopedTempDir dir;
  WriteFile(dir.File("real"), "text");
  std::filesystem::create_symlink(dir.File("real"), dir.File("link"));
  std::string error;
  EXPECT_EQ(cli::ReadWholeFile(dir.File("link"), &error).value_or("?"), "text") << error;
}

// --- Odd targets -----------------------------------------------------------

TEST(WriteFileAtomicallyTest, RefusesToReplaceAFifo) {
  ScopedTempDir dir;
  std::string fifo = dir.File("out.ics");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string error;
  EXPECT_FALSE(cli::WriteFileAtomically(fifo, "data", &error));
  EXPECT_EQ(error, fmt::format("cannot write '{}': not a regular file", fifo));
  EXPECT_TRUE(S_ISFIFO(ModeOf(fifo)));
}

TEST(WriteFileAtomicallyTest, RefusesToReplaceACharacterDevice) {
  ScopedTempDir dir;
  std::string node = dir.File("null");
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "cannot make a device node here (needs root): " << std::strerror(errno);
  }
  std::string error;
  EXPECT_FALSE(cli::WriteFileAtomically(node, "data", &error));
  EXPECT_EQ(error, fmt::format("cannot write '{}': not a regular file", node));
  EXPECT_TRUE(S_ISCHR(ModeOf(node)));
  EXPECT_TRUE(S_ISCHR(ModeOf("/dev/null")));
}

TEST(WriteFileAtomicallyTest, RefusesToReplaceADirectoryALinkToOneOrALinkToNothing) {
  ScopedTempDir dir;
  std::filesystem::create_directory(dir.File("sub"));
  std::filesystem::create_symlink(dir.File("sub"), dir.File("to-sub"));
  std::filesystem::create_symlink(dir.File("missing"), dir.File("dangling"));
  std::string error;
  EXPECT_FALSE(cli::WriteFileAtomically(dir.File("sub"), "data", &error));
  EXPECT_EQ(error, fmt::format("cannot write '{}': Is a directory", dir.File("sub")));
  EXPECT_TRUE(std::filesystem::is_directory(dir.File("sub")));
  EXPECT_FALSE(cli::WriteFileAtomically(dir.File("to-sub"), "data", &error));
  EXPECT_EQ(error, fmt::format("cannot write '{}': not a regular file", dir.File("to-sub")));
  EXPECT_TRUE(std::filesystem::is_symlink(dir.File("to-sub")));
  EXPECT_FALSE(cli::WriteFileAtomically(dir.File("dangling"), "data", &error));
  EXPECT_EQ(error,
            fmt::format("cannot write '{}': a symbolic link to nothing", dir.File("dangling")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing")));
  EXPECT_TRUE(std::filesystem::is_symlink(dir.File("dangling")));
}

TEST(WriteFileAtomicallyTest, ReplacesTheFileASymbolicLinkLeadsToAndKeepsTheLink) {
  ScopedTempDir dir;
  WriteFile(dir.File("real.ics"), "old");
  std::filesystem::create_symlink("real.ics", dir.File("link.ics"));
  std::string error;
  ASSERT_TRUE(cli::WriteFileAtomically(dir.File("link.ics"), "new", &error)) << error;
  EXPECT_TRUE(std::filesystem::is_symlink(dir.File("link.ics")));
  EXPECT_EQ(ReadFile(dir.File("real.ics")), "new");
}

TEST(WriteFileAtomicallyTest, RefusesALinkToAFifo) {
  ScopedTempDir dir;
  ASSERT_EQ(::mkfifo(dir.File("fifo").c_str(), 0600), 0);
  std::filesystem::create_symlink(dir.File("fifo"), dir.File("link"));
  std::string error;
  EXPECT_FALSE(cli::CheckOutputTarget(dir.File("link"), &error));
  EXPECT_EQ(error, fmt::format("cannot write '{}': not a regular file", dir.File("link")));
  EXPECT_TRUE(std::filesystem::is_symlink(dir.File("link")));
  EXPECT_TRUE(S_ISFIFO(ModeOf(dir.File("fifo"))));
}

TEST(WriteBatchTest, RefusesToReplaceAFifo) {
  ScopedTempDir dir;
  std::string fifo = dir.File("p.ics");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  cli::WriteBatch batch;
  std::string error;
  EXPECT_FALSE(batch.WriteTemp(fifo, "data", &error));
  EXPECT_EQ(error, fmt::format("cannot write '{}': not a regular file", fifo));
  EXPECT_TRUE(batch.Commit().empty());
  EXPECT_TRUE(S_ISFIFO(ModeOf(fifo)));
}

// --- Permissions -----------------------------------------------------------

TEST(WriteFileAtomicallyTest, ANewFileHonoursTheUmask) {
  ScopedTempDir dir;
  ScopedUmask mask(077);
  std::string error;
  ASSERT_TRUE(cli::WriteFileAtomically(dir.File("plan.ics"), "data", &error)) << error;
  EXPECT_EQ(ModeOf(dir.File("plan.ics")) & 07777, 0600u);
}

TEST(WriteFileAtomicallyTest, ANewFileUnderTheUsualUmaskIsReadableByAll) {
  ScopedTempDir dir;
  ScopedUmask mask(022);
  std::string error;
  ASSERT_TRUE(cli::WriteFileAtomically(dir.File("plan.ics"), "data", &error)) << error;
  EXPECT_EQ(ModeOf(dir.File("plan.ics")) & 07777, 0644u);
}

TEST(WriteFileAtomicallyTest, AReplacedFileKeepsItsMode) {
  ScopedTempDir dir;
  ScopedUmask mask(022);
  std::string path = dir.File("plan.ics");
  WriteFile(path, "old");
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  std::string error;
  ASSERT_TRUE(cli::WriteFileAtomically(path, "new", &error)) << error;
  EXPECT_EQ(ReadFile(path), "new");
  EXPECT_EQ(ModeOf(path) & 07777, 0600u);
}

TEST(WriteBatchTest, ANewFileHonoursTheUmaskAndAReplacedOneKeepsItsMode) {
  ScopedTempDir dir;
  ScopedUmask mask(077);
  WriteFile(dir.File("old.ics"), "old");
  ASSERT_EQ(::chmod(dir.File("old.ics").c_str(), 0640), 0);
  cli::WriteBatch batch;
  std::string error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("new.ics"), "new", &error)) << error;
  ASSERT_TRUE(batch.WriteTemp(dir.File("old.ics"), "new", &error)) << error;
  EXPECT_TRUE(batch.Commit().empty());
  EXPECT_EQ(ModeOf(dir.File("new.ics")) & 07777, 0600u);
  EXPECT_EQ(ModeOf(dir.File("old.ics")) & 07777, 0640u);
  EXPECT_EQ(ReadFile(dir.File("old.ics")), "new");
}

TEST(LogPermissionsTest, ANewDiaryHonoursTheUmask) {
  ScopedTempDir dir;
  ScopedUmask mask(077);
  std::string diary = dir.File("diary.csv");
  auto r = RunCli({"log", diary, "--date", "2026-03-02", "--during", "1", "--today", "2026-03-02"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ModeOf(diary) & 07777, 0600u);
}

}  // namespace
}  // namespace rehab
