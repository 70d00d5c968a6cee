// Runs headless Chromium on a temporary copy of the handout, in its own
// process group with a fresh profile and no network features, under a time
// limit; then moves the result into place atomically. When rehab is
// interrupted (SIGTERM, SIGINT, SIGHUP) or the time limit passes, the whole
// group is stopped and the temporary folders removed before rehab ends.
#include "cli/pdf.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/io.h"

extern char** environ;

namespace rehab::cli {
namespace {

constexpr auto kDefaultTimeout = std::chrono::seconds(120);
// How long Chromium's process group has to end after SIGTERM before SIGKILL.
constexpr auto kGrace = std::chrono::seconds(2);

// The time limit: $REHAB_CHROMIUM_TIMEOUT seconds when that is a whole
// number from 1 to 3600 (for tests and slow machines), else two minutes.
std::chrono::seconds Timeout() {
  const char* env = std::getenv("REHAB_CHROMIUM_TIMEOUT");
  if (env == nullptr) return kDefaultTimeout;
  std::string_view text(env);
  int seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 1 || seconds > 3600) {
    return kDefaultTimeout;
  }
  return std::chrono::seconds(seconds);
}

// The signal (SIGTERM, SIGINT or SIGHUP) that arrived while an
// InterruptGuard was alive; 0 when none did. Only the handler writes it.
// Chromium headless, offline, in the throw-away profile `profile`: what every
// run (one handout, or the batch's long-lived printer) starts with.
std::vector<std::string> ChromiumArgs(const std::string& chromium, const std::string& profile) {
  return {chromium,
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
          "--user-data-dir=" + profile};
}

volatile sig_atomic_t g_interrupt = 0;

extern "C" void OnInterrupt(int signal) { g_interrupt = signal; }  // async-signal-safe

// While alive, SIGTERM, SIGINT and SIGHUP (each unless it was ignored on
// entry, as under nohup) only set g_interrupt, so a run of Chromium that is
// interrupted can kill Chromium's process group and remove its folders
// instead of leaving them behind. The old actions come back on destruction;
// Reraise() then ends rehab by the signal that arrived (a shell reports the
// conventional status 128 + its number).
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupt = 0;
    for (size_t i = 0; i < std::size(kSignals); ++i) {
      struct sigaction old {};
      if (::sigaction(kSignals[i], nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
      struct sigaction action {};
      action.sa_handler = OnInterrupt;
      sigemptyset(&action.sa_mask);
      action.sa_flags = 0;  // no SA_RESTART: a wait in progress returns early
      if (::sigaction(kSignals[i], &action, &old_[i]) == 0) installed_[i] = true;
    }
  }
  ~InterruptGuard() { Restore(); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static int Caught() { return g_interrupt; }

  // Restores the old actions and raises the caught signal, if any; returns
  // only when that signal does not end the process (its old action was a
  // handler of the caller's).
  void Reraise() {
    int signal = g_interrupt;
    Restore();
    if (signal != 0) ::raise(signal);
  }

 private:
  void Restore() {
    for (size_t i = 0; i < std::size(kSignals); ++i) {
      if (installed_[i]) ::sigaction(kSignals[i], &old_[i], nullptr);
      installed_[i] = false;
    }
  }
  static constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};
  struct sigaction old_[std::size(kSignals)] = {};
  bool installed_[std::size(kSignals)] = {};
};

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

// Makes this process the reaper of its orphaned descendants while alive
// (Linux): when Chromium's main process dies, its helpers become rehab's
// children, so they can be waited for rather than left to an init that may
// not reap them. Restores the old setting on destruction.
class ChildSubreaper {
 public:
  ChildSubreaper() {
#ifdef __linux__
    int old = 0;
    if (::prctl(PR_GET_CHILD_SUBREAPER, &old) == 0 && old == 0 &&
        ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0) {
      set_ = true;
    }
#endif
  }
  ~ChildSubreaper() {
#ifdef __linux__
    if (set_) ::prctl(PR_SET_CHILD_SUBREAPER, 0);
#endif
  }
  ChildSubreaper(const ChildSubreaper&) = delete;
  ChildSubreaper& operator=(const ChildSubreaper&) = delete;

 private:
  bool set_ = false;
};

// Reaps those of this process's children in process group `pgid` that have
// ended; true when kill() finds no process of the group left.
bool ReapGroup(pid_t pgid) {
  int status = 0;
  pid_t done;
  while ((done = ::waitpid(-pgid, &status, WNOHANG)) > 0) {
  }
  if (done < 0 && errno == EINTR) return false;
  return ::kill(-pgid, 0) != 0 && errno == ESRCH;
}

// Ends process group `pgid` (Chromium and its helpers): SIGTERM, up to
// kGrace for it to go, then SIGKILL; reaps its processes and waits (bounded)
// until none is left.
void StopGroup(pid_t pgid) {
  using Clock = std::chrono::steady_clock;
  ::kill(-pgid, SIGTERM);
  auto deadline = Clock::now() + kGrace;
  while (!ReapGroup(pgid) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pgid, SIGKILL);
  deadline = Clock::now() + std::chrono::seconds(5);  // SIGKILL is not refused: this is short
  while (!ReapGroup(pgid) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// This process's environment with HOME, the XDG dirs and TMPDIR inside `home`, for Chromium.
std::vector<std::string> ChildEnvironment(const std::string& home) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("HOME=") || entry.starts_with("XDG_CONFIG_HOME=") ||
        entry.starts_with("XDG_CACHE_HOME=") || entry.starts_with("TMPDIR=")) {
      continue;
    }
    env_strings.emplace_back(entry);
  }
  env_strings.push_back("HOME=" + home);
  env_strings.push_back("XDG_CONFIG_HOME=" + home + "/config");
  env_strings.push_back("XDG_CACHE_HOME=" + home + "/cache");
  // Chromium's own temporary folders go inside ours, removed with it.
  env_strings.push_back("TMPDIR=" + home + "/tmp");
  return env_strings;
}

// Runs `argv` with stdout and stderr to `log_path`, and HOME, the XDG dirs
// and TMPDIR inside `home`, in a new process group; stops the whole group
// (StopGroup) on timeout, when an InterruptGuard catches a signal, and after
// Chromium exits (it may leave helper processes behind). Returns the exit
// status, or -1 with `error` set (and `*interrupted` set on a signal).
int RunWithTimeout(const std::vector<std::string>& argv, const std::string& home,
                   const std::string& log_path, bool* interrupted, std::string* error) {
  // Everything the child needs is built before fork(): after it only
  // async-signal-safe calls are allowed.
  std::vector<std::string> env_strings = ChildEnvironment(home);
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
  ChildSubreaper subreaper;
  pid_t pid = ::fork();
  if (pid < 0) {
    *error = fmt::format("cannot start Chromium: {}", std::strerror(errno));
    ::close(log_fd);
    ::close(null_fd);
    return -1;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    // The signals rehab catches go back to their defaults (execve would do
    // it too, but one could arrive before it).
    for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
      struct sigaction old {};
      if (::sigaction(signal, nullptr, &old) == 0 && old.sa_handler == OnInterrupt) {
        ::signal(signal, SIG_DFL);
      }
    }
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execve(c_args[0], c_args.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so the group exists whichever runs first
  ::close(log_fd);
  ::close(null_fd);

  const auto timeout = Timeout();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      *error = fmt::format("cannot wait for Chromium: {}", std::strerror(errno));
      StopGroup(pid);
      return -1;
    }
    if (int signal = InterruptGuard::Caught(); signal != 0) {
      StopGroup(pid);
      *interrupted = true;
      *error = fmt::format("interrupted by signal {} ({})", signal, ::strsignal(signal));
      return -1;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      StopGroup(pid);
      *error = fmt::format("Chromium did not finish within {} seconds", timeout.count());
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Helpers still in the group, if any: they have no work left.
  ::kill(-pid, SIGKILL);
  auto reap_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!ReapGroup(pid) && std::chrono::steady_clock::now() < reap_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  *error =
      fmt::format("Chromium was killed by signal {}", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return -1;
}

// Loads `html` in headless Chromium with `mode_args` (the print or screenshot
// switches naming `result_name` in the temp dir), checks the result starts
// with `magic`, and returns its bytes in `*output`. `*interrupted` is set
// when a signal caught by the caller's InterruptGuard stopped it.
bool RenderWithChromium(const std::string& html, const std::vector<std::string>& mode_args,
                        const std::string& result_name, std::string_view magic, std::string* output,
                        bool* interrupted, std::string* error) {
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
  std::filesystem::create_directories(home + "/tmp", ec);
  if (ec || !WriteFileAtomically(page, html, error)) {
    if (ec) *error = fmt::format("cannot create '{}': {}", home, ec.message());
    return false;
  }
  std::vector<std::string> argv = ChromiumArgs(*chromium, dir.File("profile"));
  for (const auto& a : mode_args) argv.push_back(fmt::format(fmt::runtime(a), result));
  argv.push_back(FileUrl(page));

  if (int signal = InterruptGuard::Caught(); signal != 0) {  // before Chromium started
    *interrupted = true;
    *error = fmt::format("interrupted by signal {} ({})", signal, ::strsignal(signal));
    return false;
  }
  int status = RunWithTimeout(argv, home, dir.File("chromium.log"), interrupted, error);
  if (status < 0) return false;
  std::string ignored;
  std::optional<std::string> bytes = ReadWholeFile(result, &ignored, kMaxOwnFileBytes);
  if (status != 0 || !bytes || bytes->size() < magic.size() ||
      std::string_view(*bytes).substr(0, magic.size()) != magic) {
    *error = fmt::format("Chromium failed (exit status {}) and wrote no {}{}", status, result_name,
                         LogTail(dir.File("chromium.log")));
    return false;
  }
  *output = std::move(*bytes);
  return true;
}

// RenderWithChromium, then (unless `out_path` is empty) the bytes written to
// `out_path` atomically. Chromium's folders are removed before this returns;
// on SIGTERM, SIGINT or SIGHUP during the run, rehab then ends by that signal
// with nothing written.
bool Render(const std::string& html, const std::vector<std::string>& mode_args,
            const std::string& result_name, std::string_view magic, const std::string& out_path,
            std::string* output, std::string* error) {
  InterruptGuard guard;  // first: from here on a signal is caught, not fatal
  bool interrupted = false;
  bool ok = RenderWithChromium(html, mode_args, result_name, magic, output, &interrupted, error);
  if (int signal = InterruptGuard::Caught(); signal != 0) {
    // Interrupted (during the run, or just after it): Chromium's group is
    // stopped and its folders are gone; nothing is written.
    *error = fmt::format("interrupted by signal {} ({})", signal, ::strsignal(signal));
    guard.Reraise();
    return false;
  }
  if (!ok) return false;
  if (out_path.empty()) return true;
  ok = WriteFileAtomically(out_path, *output, error);
  guard.Reraise();  // a signal that came during the (atomic) write ends rehab now
  return ok;
}

const std::vector<std::string> kPdfArgs = {"--no-pdf-header-footer", "--print-to-pdf={}"};

// `text` decoded from base64 (the DevTools protocol's binary data); nullopt if it is not.
std::optional<std::string> DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    if (++count == 4) {
      out.push_back(static_cast<char>(bits >> 16));
      out.push_back(static_cast<char>(bits >> 8));
      out.push_back(static_cast<char>(bits));
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) out.push_back(static_cast<char>(bits >> 4));
  if (count == 3) {
    out.push_back(static_cast<char>(bits >> 10));
    out.push_back(static_cast<char>(bits >> 2));
  }
  return out;
}

std::string Interrupted(int signal) {
  return fmt::format("interrupted by signal {} ({})", signal, ::strsignal(signal));
}

}  // namespace

// What a PdfPrinter holds while it lives: signals caught, Chromium's helpers reaped.
struct PdfPrinter::Guard {
  InterruptGuard interrupts;
  ChildSubreaper subreaper;
};

// One running Chromium and the two pipes to it.
struct PdfPrinter::Browser {
  using Clock = std::chrono::steady_clock;

  TempDir dir;
  pid_t pid = -1;
  int to = -1;    // our end of Chromium's fd 3
  int from = -1;  // our end of Chromium's fd 4
  std::string pending;  // bytes read that do not end a message yet
  int last_id = 0;
  int pages = 0;
  std::chrono::seconds timeout = Timeout();

  ~Browser() { Stop(); }

  void Stop() {
    if (to >= 0) ::close(to);  // a closed pipe also tells Chromium to quit
    if (from >= 0) ::close(from);
    to = from = -1;
    if (pid > 0) StopGroup(pid);
    pid = -1;
  }

  bool Start(const std::string& chromium, std::string* error) {
    if (!dir.ok()) {
      *error = fmt::format("cannot create a temporary directory: {}", std::strerror(errno));
      return false;
    }
    const std::string home = dir.File("home");
    std::error_code ec;
    std::filesystem::create_directories(home + "/tmp", ec);
    std::vector<std::string> args = ChromiumArgs(chromium, dir.File("profile"));
    args.push_back("--remote-debugging-pipe");
    args.push_back("about:blank");
    std::vector<std::string> env = ChildEnvironment(home);
    std::vector<char*> c_args, envp;
    for (auto& a : args) c_args.push_back(a.data());
    c_args.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    // Every descriptor at 10 or above first, so that the dup2 calls to 3 and 4 in the child
    // cannot overwrite one another.
    int down[2], up[2];
    if (::pipe2(down, O_CLOEXEC) != 0 || ::pipe2(up, O_CLOEXEC) != 0) {
      *error = fmt::format("cannot start Chromium: {}", std::strerror(errno));
      return false;
    }
    int fds[4] = {down[0], down[1], up[0], up[1]};
    for (int& fd : fds) {
      int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
      ::close(fd);
      fd = high;
    }
    int log_fd = ::open(dir.File("chromium.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        0600);
    int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    auto close_all = [&] {
      for (int fd : {fds[0], fds[1], fds[2], fds[3], log_fd, null_fd}) {
        if (fd >= 0) ::close(fd);
      }
    };
    if (fds[0] < 0 || fds[1] < 0 || fds[2] < 0 || fds[3] < 0 || log_fd < 0 || null_fd < 0) {
      *error = fmt::format("cannot start Chromium: {}", std::strerror(errno));
      close_all();
      return false;
    }
    pid = ::fork();
    if (pid < 0) {
      *error = fmt::format("cannot start Chromium: {}", std::strerror(errno));
      close_all();
      return false;
    }
    if (pid == 0) {
      ::setpgid(0, 0);
      for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
        struct sigaction old {};
        if (::sigaction(signal, nullptr, &old) == 0 && old.sa_handler == OnInterrupt) {
          ::signal(signal, SIG_DFL);
        }
      }
      ::dup2(null_fd, STDIN_FILENO);
      ::dup2(log_fd, STDOUT_FILENO);
      ::dup2(log_fd, STDERR_FILENO);
      ::dup2(fds[0], 3);  // Chromium reads the protocol here
      ::dup2(fds[3], 4);  // and writes it here
      ::execve(c_args[0], c_args.data(), envp.data());
      ::_exit(127);
    }
    ::setpgid(pid, pid);
    ::close(fds[0]);
    ::close(fds[3]);
    ::close(log_fd);
    ::close(null_fd);
    to = fds[1];
    from = fds[2];
    ::fcntl(to, F_SETFL, ::fcntl(to, F_GETFL) | O_NONBLOCK);
    return true;
  }

  // Why the wait must end now ("" while it may go on).
  std::string Expired(Clock::time_point deadline) const {
    if (int signal = InterruptGuard::Caught(); signal != 0) return Interrupted(signal);
    if (Clock::now() > deadline) {
      return fmt::format("Chromium did not finish within {} seconds", timeout.count());
    }
    return "";
  }

  bool Send(const nlohmann::json& message, Clock::time_point deadline, std::string* error) {
    std::string text = message.dump();
    text.push_back('\0');
    size_t done = 0;
    while (done < text.size()) {
      if (*error = Expired(deadline); !error->empty()) return false;
      struct pollfd p = {to, POLLOUT, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      ssize_t n = ::write(to, text.data() + done, text.size() - done);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (n < 0) {
        *error = "Chromium closed its pipe" + LogTail(dir.File("chromium.log"));
        return false;
      }
      done += static_cast<size_t>(n);
    }
    return true;
  }

  // The next message `accept` takes (the others are dropped), or nullopt with `error`.
  template <typename Accept>
  std::optional<nlohmann::json> Receive(const Accept& accept, Clock::time_point deadline,
                                        std::string* error) {
    for (;;) {
      size_t end;
      while ((end = pending.find('\0')) != std::string::npos) {
        auto message = nlohmann::json::parse(pending.substr(0, end), nullptr, false);
        pending.erase(0, end + 1);
        if (message.is_object() && accept(message)) return message;
      }
      if (*error = Expired(deadline); !error->empty()) return std::nullopt;
      struct pollfd p = {from, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buffer[65536];
      ssize_t n = ::read(from, buffer, sizeof buffer);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (n <= 0) {
        *error = "Chromium ended before it answered" + LogTail(dir.File("chromium.log"));
        return std::nullopt;
      }
      pending.append(buffer, static_cast<size_t>(n));
    }
  }

  std::optional<nlohmann::json> Call(const std::string& method, nlohmann::json params,
                                     const std::string& session, Clock::time_point deadline,
                                     std::string* error) {
    nlohmann::json message = {{"id", ++last_id}, {"method", method}, {"params", std::move(params)}};
    if (!session.empty()) message["sessionId"] = session;
    const int id = last_id;
    if (!Send(message, deadline, error)) return std::nullopt;
    auto reply = Receive([id](const nlohmann::json& m) { return m.value("id", -1) == id; },
                         deadline, error);
    if (!reply) return std::nullopt;
    if (auto e = reply->find("error"); e != reply->end()) {
      *error = fmt::format("Chromium refused {}: {}", method, e->dump());
      return std::nullopt;
    }
    return reply->value("result", nlohmann::json::object());
  }

  bool PrintPage(const std::string& html, std::string* pdf, std::string* error) {
    const auto deadline = Clock::now() + timeout;
    const std::string page = dir.File(fmt::format("handout-{}.html", pages++));
    if (!WriteFileAtomically(page, html, error)) return false;
    auto target = Call("Target.createTarget", {{"url", "about:blank"}}, "", deadline, error);
    if (!target) return false;
    const std::string target_id = target->value("targetId", "");
    auto attached = Call("Target.attachToTarget", {{"targetId", target_id}, {"flatten", true}}, "",
                         deadline, error);
    if (!attached) return false;
    const std::string session = attached->value("sessionId", "");
    if (!Call("Page.enable", nlohmann::json::object(), session, deadline, error) ||
        !Send({{"id", ++last_id},
               {"method", "Page.navigate"},
               {"params", {{"url", FileUrl(page)}}},
               {"sessionId", session}},
              deadline, error) ||
        !Receive(
            [&](const nlohmann::json& m) {
              return m.value("method", "") == "Page.loadEventFired" &&
                     m.value("sessionId", "") == session;
            },
            deadline, error)) {
      return false;
    }
    auto printed = Call("Page.printToPDF", {{"preferCSSPageSize", true}, {"printBackground", true}},
                        session, deadline, error);
    if (!printed) return false;
    std::optional<std::string> bytes = DecodeBase64(printed->value("data", ""));
    if (!bytes || !bytes->starts_with("%PDF-")) {
      *error = "Chromium printed no PDF" + LogTail(dir.File("chromium.log"));
      return false;
    }
    if (!Call("Target.closeTarget", {{"targetId", target_id}}, "", deadline, error)) return false;
    std::error_code ec;
    std::filesystem::remove(page, ec);
    *pdf = std::move(*bytes);
    return true;
  }
};

PdfPrinter::PdfPrinter() : guard_(std::make_unique<Guard>()) {}

PdfPrinter::~PdfPrinter() {
  browser_.reset();  // Chromium's group stopped, its folders removed
  guard_->interrupts.Reraise();  // then a signal that came meanwhile ends rehab
}

bool PdfPrinter::Print(const std::string& html, std::string* pdf, std::string* error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (int signal = InterruptGuard::Caught(); signal != 0) {
    *error = Interrupted(signal);
    return false;
  }
  if (!browser_) {
    std::optional<std::string> chromium = FindChromium();
    if (!chromium) {
      *error = kNoChromiumError;
      return false;
    }
    browser_ = std::make_unique<Browser>();
    ++starts_;
    if (!browser_->Start(*chromium, error)) {
      browser_.reset();
      return false;
    }
  }
  if (browser_->PrintPage(html, pdf, error)) return true;
  browser_.reset();  // whatever went wrong, the next handout gets a fresh Chromium
  return false;
}

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
  std::string pdf;
  return Render(html, kPdfArgs, "handout.pdf", "%PDF-", out_path, &pdf, error);
}

bool RenderPdf(const std::string& html, std::string* pdf, std::string* error) {
  return Render(html, kPdfArgs, "handout.pdf", "%PDF-", "", pdf, error);
}

bool ScreenshotPng(const std::string& html, const std::string& out_path, int width, int height,
                   std::string* error) {
  std::string png;
  return Render(
      html,
      {"--hide-scrollbars", fmt::format("--window-size={},{}", width, height), "--screenshot={}"},
      "handout.png", "\x89PNG", out_path, &png, error);
}

}  // namespace rehab::cli
