// Whole-file reads and atomic (temp file + fsync + rename) writes.
#include "cli/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace rehab::cli {

std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = fmt::format("cannot read '{}': is a directory", path);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("cannot read '{}': {}", path, std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = fmt::format("cannot read '{}'", path);
    return std::nullopt;
  }
  return buffer.str();
}

bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string pattern = (dir / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  const char* p = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
      ::close(fd);
      ::unlink(pattern.c_str());
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  // Plain files get the usual permissions, not mkstemp's 0600.
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(pattern.c_str());
    return false;
  }
  if (::rename(pattern.c_str(), path.c_str()) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    ::unlink(pattern.c_str());
    return false;
  }
  return true;
}

}  // namespace rehab::cli
