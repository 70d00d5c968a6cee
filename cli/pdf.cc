// Runs headless Chromium on a temporary copy of the handout, in its own
// process group with a fresh profile and no network features, under a time
// limit; then moves the result into place atomically.
#include "cli/pdf.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "cli/io.h"

extern char** environ;

namespace rehab::cli {
namespace {

constexpr auto kTimeout = std::chrono::seconds(120);

bool IsExecutableFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// A directory under the system temp dir, removed with everything in it when
// this goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "rehab-chromium-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  bool ok() const { return !path_.empty(); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// file:// URL for an absolute path, percent-encoding all but unreserved
// characters and '/'.
std::string FileUrl(const std::string& path) {
  std::string url = "file://";
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    url += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return url;
}

// The last few lines of Chromium's log, for error messages.
std::string LogTail(const std::string& log_path) {
  std::string ignored;
  std::optional<std::string> log = ReadWholeFile(log_path, &ignored);
  if (!log) return "";
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < log->size()) {
    size_t end = log->find('\n', begin);
    if (end == std::string::npos) end = log->size();
    std::string line = log->substr(begin, end - begin);
    // D-Bus complaints are noise in a headless run without a session bus.
    if (!line.empty() && line.find("dbus") == std::string::npos) lines.push_back(line);
    begin = end + 1;
  }
  std::string tail;
  size_t from = lines.size() > 3 ? lines.size() - 3 : 0;
  for (size_t i = from; i < lines.size(); ++i) tail += "\n  " + lines[i];
  return tail;
}

// Runs `argv` with stdout and stderr to `log_path` and HOME/XDG dirs inside
// `home`, in a new process group; kills the whole group on timeout and after
// exit (Chromium leaves helper processes behind). Returns the exit status,
// or -1 with `error` set.
int RunWithTimeout(const std::vector<std::string>& argv, const std::string& home,
                   const std::string& log_path, std::string* error) {
  // Everything the child needs is built before fork(): after it only
  // async-signal-safe calls are allowed.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("HOME=") || entry.starts_with("XDG_CONFIG_HOME=") ||
        entry.starts_with("XDG_CACHE_HOME=")) {
      continue;
    }
    env_strings.emplace_back(entry);
  }
  env_strings.push_back("HOME=" + home);
  env_strings.push_back("XDG_CONFIG_HOME=" + home + "/config");
  env_strings.push_back("XDG_CACHE_HOME=" + home + "/cache");
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);

  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) {
    *error = fmt::format("cannot start Chromium: {}", std::strerror(errno));
    if (log_fd >= 0) ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    return -1;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    *error = fmt::format("cannot start Chromium: {}", std::strerror(errno));
    ::close(log_fd);
    ::close(null_fd);
    return -1;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execve(c_args[0], c_args.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so the group exists whichever runs first
  ::close(log_fd);
  ::close(null_fd);

  auto deadline = std::chrono::steady_clock::now() + kTimeout;
  int status = 0;
  bool timed_out = false;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      *error = fmt::format("cannot wait for Chromium: {}", std::strerror(errno));
      ::kill(-pid, SIGKILL);
      return -1;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);  // helpers still in the group, if any
  if (timed_out) {
    *error = fmt::format("Chromium did not finish within {} seconds", kTimeout.count());
    return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  *error =
      fmt::format("Chromium was killed by signal {}", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return -1;
}

// Loads `html` in headless Chromium with `mode_args` (the print or screenshot
// switches naming `result_name` in the temp dir), checks the result starts
// with `magic`, and writes it to `out_path` atomically.
bool RenderWithChromium(const std::string& html, const std::string& out_path,
                        const std::vector<std::string>& mode_args, const std::string& result_name,
                        std::string_view magic, std::string* error) {
  std::optional<std::string> chromium = FindChromium();
  if (!chromium) {
    *error = kNoChromiumError;
    if (const char* env = std::getenv("REHAB_CHROMIUM"); env != nullptr && *env != '\0') {
      *error += fmt::format(" (REHAB_CHROMIUM='{}' is not an executable file)", env);
    }
    return false;
  }
  TempDir dir;
  if (!dir.ok()) {
    *error = fmt::format("cannot create a temporary directory: {}", std::strerror(errno));
    return false;
  }
  std::string page = dir.File("handout.html");
  std::string result = dir.File(result_name);
  std::string home = dir.File("home");
  std::error_code ec;
  std::filesystem::create_directories(home, ec);
  if (ec || !WriteFileAtomically(page, html, error)) {
    if (ec) *error = fmt::format("cannot create '{}': {}", home, ec.message());
    return false;
  }
  std::vector<std::string> argv = {
      *chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--disable-extensions",
      "--no-proxy-server",
      "--user-data-dir=" + dir.File("profile"),
  };
  for (const auto& a : mode_args) argv.push_back(fmt::format(fmt::runtime(a), result));
  argv.push_back(FileUrl(page));

  int status = RunWithTimeout(argv, home, dir.File("chromium.log"), error);
  if (status < 0) return false;
  std::string ignored;
  std::optional<std::string> output = ReadWholeFile(result, &ignored);
  if (status != 0 || !output || output->size() < magic.size() ||
      std::string_view(*output).substr(0, magic.size()) != magic) {
    *error = fmt::format("Chromium failed (exit status {}) and wrote no {}{}", status, result_name,
                         LogTail(dir.File("chromium.log")));
    return false;
  }
  return WriteFileAtomically(out_path, *output, error);
}

}  // namespace

std::optional<std::string> FindChromium() {
  if (const char* env = std::getenv("REHAB_CHROMIUM"); env != nullptr && *env != '\0') {
    if (IsExecutableFile(env)) return std::string(env);
    return std::nullopt;
  }
  if (IsExecutableFile("/usr/bin/chromium")) return std::string("/usr/bin/chromium");
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "";
  while (!dirs.empty()) {
    size_t colon = dirs.find(':');
    std::string_view d = dirs.substr(0, colon);
    if (!d.empty()) {
      std::string candidate = std::string(d) + "/chromium";
      if (IsExecutableFile(candidate)) return candidate;
    }
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

bool PrintPdf(const std::string& html, const std::string& out_path, std::string* error) {
  return RenderWithChromium(html, out_path, {"--no-pdf-header-footer", "--print-to-pdf={}"},
                            "handout.pdf", "%PDF-", error);
}

bool ScreenshotPng(const std::string& html, const std::string& out_path, int width, int height,
                   std::string* error) {
  return RenderWithChromium(
      html, out_path,
      {"--hide-scrollbars", fmt::format("--window-size={},{}", width, height), "--screenshot={}"},
      "handout.png", "\x89PNG", error);
}

}  // namespace rehab::cli
