// End-to-end tests of `rehab publish --caldav URL` on the built binary against
// a real CalDAV server: Radicale on 127.0.0.1, started per test on a free port
// with a temporary storage folder and htpasswd auth, stopped by its pid; some
// through tests/data/caldav/fault_proxy.py, which logs requests and injects
// faults. After each step the events read back from the server (REPORT
// calendar-query, expanded by libical) must be exactly the plan's.
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libical/ical.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/caldav_client.h"
#include "planner/present/caldav_resources.h"
#include "tests/support/test_util.h"

extern char** environ;

namespace rehab::testing {
namespace {

namespace fs = std::filesystem;
using cli::CaldavClient;
using cli::CaldavClientOptions;

constexpr char kUser[] = "physio";
constexpr char kPassword[] = "knee-2026";

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// A child process, its output in `log`, killed and reaped on destruction.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Child() { Stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  bool started() const { return pid_ > 0; }
  // Whether it is still running.
  bool Running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    return true;
  }
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

// Radicale on 127.0.0.1:port() with kUser / kPassword (plain htpasswd). Its
// storage is in memory (/dev/shm) where there is one: Radicale syncs every
// write to disk, which makes a caseload's first publish several times slower.
class Radicale {
 public:
  // With `tls`, it serves https with the certificate and key `tls` names.
  struct Tls {
    std::string certificate, key;
  };
  explicit Radicale(const fs::path& dir, const Tls* tls = nullptr) : port_(FreePort()) {
    std::string shm = "/dev/shm/rehab-radicale-XXXXXX";
    storage_ = mkdtemp(shm.data()) != nullptr ? fs::path(shm) : dir / "storage";
    WriteFile((dir / "users").string(), std::string(kUser) + ":" + kPassword + "\n");
    std::string ssl =
        tls == nullptr ? ""
                       : "\nssl = True\ncertificate = " + tls->certificate + "\nkey = " + tls->key;
    WriteFile((dir / "radicale.conf").string(),
              "[server]\nhosts = 127.0.0.1:" + std::to_string(port_) + ssl +
                  "\n[auth]\ntype = htpasswd\nhtpasswd_filename = " + (dir / "users").string() +
                  "\nhtpasswd_encryption = plain\n[storage]\nfilesystem_folder = " +
                  storage_.string() + "\n[logging]\nlevel = warning\n");
    log_ = (dir / "radicale.log").string();
    child_ = std::make_unique<Child>(
        std::vector<std::string>{"radicale", "-C", (dir / "radicale.conf").string()}, log_);
    for (int i = 0; i < 200 && child_->Running() && !Accepts(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~Radicale() {
    child_.reset();  // stopped before its storage goes
    std::error_code ec;
    fs::remove_all(storage_, ec);
  }
  Radicale(const Radicale&) = delete;
  Radicale& operator=(const Radicale&) = delete;
  bool ready() { return child_->Running() && Accepts(port_); }
  int port() const { return port_; }
  std::string log() const { return ReadFile(log_); }

 private:
  int port_;
  fs::path storage_;
  std::string log_;
  std::unique_ptr<Child> child_;
};

// fault_proxy.py in front of port `upstream`.
class Proxy {
 public:
  Proxy(const fs::path& dir, int upstream, const std::vector<std::string>& mode) {
    static int n = 0;
    std::string name = "proxy" + std::to_string(n++);
    port_file_ = (dir / (name + ".port")).string();
    log_ = (dir / (name + ".requests")).string();
    std::vector<std::string> argv = {"python3",     DataPath("caldav/fault_proxy.py"),
                                     "--upstream",  std::to_string(upstream),
                                     "--port-file", port_file_,
                                     "--log",       log_,
                                     "--mode"};
    argv.insert(argv.end(), mode.begin(), mode.end());
    child_ = std::make_unique<Child>(argv, (dir / (name + ".out")).string());
    for (int i = 0; i < 200 && !fs::exists(port_file_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  int port() const { return fs::exists(port_file_) ? std::stoi(ReadFile(port_file_)) : 0; }
  // "METHOD path" of every request it received.
  std::vector<std::string> Requests() const { return Lines(ReadFile(log_)); }

 private:
  std::string port_file_, log_;
  std::unique_ptr<Child> child_;
};

// One event as the server holds it, expanded.
struct ServerEvent {
  std::string href, etag, uid, summary, categories, hash;
  bool owned = false;
  std::vector<std::string> local_starts;  // "2026-03-09 09:00" per occurrence
};

std::string Local(const icaltimetype& t) {
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

std::vector<std::string> Expand(icalcomponent* event) {
  icaltimetype start = icalcomponent_get_dtstart(event);
  icalproperty* rrule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
  if (rrule == nullptr) return {Local(start)};
  std::vector<std::string> out;
  icalrecur_iterator* it = icalrecur_iterator_new(icalproperty_get_rrule(rrule), start);
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it)) {
    out.push_back(Local(t));
  }
  icalrecur_iterator_free(it);
  return out;
}

class CliPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("REHAB_CALDAV_USER", kUser, 1);
    setenv("REHAB_CALDAV_PASSWORD", kPassword, 1);
    setenv("REHAB_CALDAV_BACKOFF_MS", "20", 1);
    server_ = std::make_unique<Radicale>(dir_.path());
    ASSERT_TRUE(server_->ready()) << "radicale did not start (is Debian's radicale installed?)\n"
                                  << server_->log();
    url_ = Url(server_->port());
  }
  void TearDown() override {
    unsetenv("REHAB_CALDAV_USER");
    unsetenv("REHAB_CALDAV_PASSWORD");
    unsetenv("REHAB_CALDAV_BACKOFF_MS");
    unsetenv("NETRC");
  }

  static std::string Url(int port, const std::string& calendar = "scenario-tkr") {
    return fmt::format("http://127.0.0.1:{}/{}/{}/", port, kUser, calendar);
  }

  // A diary of the scenario's `csv` with its rows up to `last` (inclusive).
  std::string Diary(const std::string& csv, const std::string& last) {
    std::vector<std::string> lines = Lines(ReadFile(DataPath("scenarios/" + csv)));
    std::string text = lines[0] + "\n";
    for (size_t i = 1; i < lines.size(); ++i) {
      if (lines[i].substr(0, 10) <= last) text += lines[i] + "\n";
    }
    std::string path = dir_.File(csv + "-" + last + ".csv");
    WriteFile(path, text);
    return path;
  }

  // The plan options of the tkr scenario with `diary` on `today`.
  static std::vector<std::string> PlanArgs(const std::string& diary, const std::string& today,
                                           std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "--patient", DataPath("scenarios/tkr.yaml"), "--diary", diary, "--today", today, "--weeks",
        "4"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  RunResult Publish(const std::vector<std::string>& plan_args, const std::string& url,
                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"publish"};
    args.insert(args.end(), plan_args.begin(), plan_args.end());
    args.insert(args.end(), {"--caldav", url});
    args.insert(args.end(), extra.begin(), extra.end());
    return RunBinary(args);
  }

  // Every VEVENT object of the collection, by UID.
  std::map<std::string, ServerEvent> ReadBack(const std::string& url = "") {
    CaldavClient client(CaldavClientOptions{.url = url.empty() ? url_ : url});
    cli::HttpResponse r = client.ListEvents();
    EXPECT_EQ(r.status, 207) << r.error << r.body;
    std::string error;
    auto responses = cli::ParseMultistatus(r.body, &error);
    EXPECT_TRUE(responses) << error;
    std::map<std::string, ServerEvent> events;
    if (!responses) return events;
    for (const auto& response : *responses) {
      if (!response.calendar_data) continue;
      icalcomponent* cal = icalparser_parse_string(response.calendar_data->c_str());
      EXPECT_NE(cal, nullptr) << *response.calendar_data;
      if (cal == nullptr) continue;
      icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
      ServerEvent event;
      event.href = response.href;
      event.etag = response.etag;
      event.uid = icalcomponent_get_uid(e);
      event.summary = icalcomponent_get_summary(e) ? icalcomponent_get_summary(e) : "";
      for (icalproperty* c = icalcomponent_get_first_property(e, ICAL_CATEGORIES_PROPERTY);
           c != nullptr; c = icalcomponent_get_next_property(e, ICAL_CATEGORIES_PROPERTY)) {
        event.categories +=
            std::string(event.categories.empty() ? "" : ",") + icalproperty_get_categories(c);
      }
      event.local_starts = Expand(e);
      CaldavObjectInfo info = ReadCaldavObject(*response.calendar_data);
      event.owned = info.owned;
      event.hash = info.hash;
      icalcomponent_free(cal);
      EXPECT_TRUE(events.emplace(event.uid, event).second) << "two objects hold " << event.uid;
    }
    return events;
  }

  // The plan's sessions ("2026-03-09 09:00"), from `rehab plan --format json`:
  // those of days that are not stopped.
  static std::vector<std::string> PlanSessions(const std::vector<std::string>& plan_args) {
    std::vector<std::string> args = {"plan"};
    args.insert(args.end(), plan_args.begin(), plan_args.end());
    args.insert(args.end(), {"--format", "json"});
    RunResult r = RunBinary(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json plan = nlohmann::json::parse(r.out);
    std::vector<std::string> sessions;
    for (const auto& day : plan["days"]) {
      if (day["stopped"].get<bool>()) continue;
      for (const auto& s : day["sessions"]) {
        sessions.push_back(day["date"].get<std::string>() + " " + s["time"].get<std::string>());
      }
    }
    std::sort(sessions.begin(), sessions.end());
    return sessions;
  }

  // The UIDs of `rehab plan --format ics --no-cancelled`.
  static std::set<std::string> PlanUids(const std::vector<std::string>& plan_args) {
    std::vector<std::string> args = {"plan"};
    args.insert(args.end(), plan_args.begin(), plan_args.end());
    args.insert(args.end(), {"--format", "ics", "--no-cancelled"});
    RunResult r = RunBinary(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> uids;
    for (const auto& line : Lines(r.out)) {
      if (line.rfind("UID:", 0) == 0) uids.insert(line.substr(4, line.size() - 5));  // CR
    }
    return uids;
  }

  // The server holds exactly the plan: its rehab events are the plan's
  // events, and its exercise occurrences the plan's sessions.
  void ExpectServerHoldsThePlan(const std::vector<std::string>& plan_args) {
    std::map<std::string, ServerEvent> events = ReadBack();
    std::set<std::string> owned;
    std::vector<std::string> sessions;
    for (const auto& [uid, e] : events) {
      if (!e.owned) continue;
      owned.insert(uid);
      if (e.categories.find("Exercise") == std::string::npos) continue;
      sessions.insert(sessions.end(), e.local_starts.begin(), e.local_starts.end());
    }
    std::sort(sessions.begin(), sessions.end());
    EXPECT_EQ(owned, PlanUids(plan_args));
    std::vector<std::string> wanted = PlanSessions(plan_args);
    EXPECT_FALSE(wanted.empty());
    EXPECT_EQ(sessions, wanted);
  }

  static int Writes(const std::vector<std::string>& requests) {
    int n = 0;
    for (const auto& r : requests) {
      if (r.rfind("PUT ", 0) == 0 || r.rfind("DELETE ", 0) == 0 || r.rfind("MKCALENDAR ", 0) == 0) {
        ++n;
      }
    }
    return n;
  }

  ScopedTempDir dir_;
  std::unique_ptr<Radicale> server_;
  std::string url_;
};

TEST_F(CliPublishTest, FirstPublishCreatesTheCalendarHoldingExactlyThePlan) {
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  RunResult r = Publish(args, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_TRUE(Contains(r.out, "Created the calendar \"Rehab: After total knee replacement\""))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "created, 0 updated, 0 deleted, 0 unchanged")) << r.out;
  ExpectServerHoldsThePlan(args);
  CaldavClient client(CaldavClientOptions{.url = url_});
  cli::HttpResponse found = client.PropfindCollection();
  std::string error;
  auto props = cli::ParseMultistatus(found.body, &error);
  ASSERT_TRUE(props) << error;
  ASSERT_EQ(props->size(), 1u);
  EXPECT_TRUE((*props)[0].is_calendar);
  EXPECT_EQ((*props)[0].displayname, "Rehab: After total knee replacement");
  cli::HttpResponse color = client.Send(
      "PROPFIND", "", {"Depth: 0", "Content-Type: application/xml"},
      "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\" xmlns:a=\"http://apple.com/ns/ical/\">"
      "<d:prop><a:calendar-color/></d:prop></d:propfind>");
  EXPECT_TRUE(Contains(color.body, ">#2E7D32<")) << color.body;
}

TEST_F(CliPublishTest, ARunWithNoChangeSendsNoWriteRequest) {
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  ASSERT_EQ(Publish(args, url_).exit_code, 0);
  std::map<std::string, ServerEvent> before = ReadBack();
  Proxy proxy(dir_.path(), server_->port(), {"pass"});
  // A later today alone changes only DTSTAMP, which does not count.
  RunResult r =
      Publish(PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09"), Url(proxy.port()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, ": 0 created, 0 updated, 0 deleted, ")) << r.out;
  EXPECT_EQ(Writes(proxy.Requests()), 0);
  EXPECT_EQ(proxy.Requests().size(), 2u);  // PROPFIND and REPORT
  std::map<std::string, ServerEvent> after = ReadBack();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [uid, e] : after) EXPECT_EQ(e.etag, before[uid].etag) << e.summary;
}

TEST_F(CliPublishTest, AFlareRewritesOnlyTheEventsItChanges) {
  auto calm = PlanArgs(Diary("flare.csv", "2026-03-23"), "2026-03-24");
  ASSERT_EQ(Publish(calm, url_).exit_code, 0);
  std::map<std::string, ServerEvent> before = ReadBack();
  auto flare = PlanArgs(Diary("flare.csv", "2026-03-25"), "2026-03-26");
  RunResult r = Publish(flare, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectServerHoldsThePlan(flare);
  std::map<std::string, ServerEvent> after = ReadBack();
  int kept = 0, rewritten = 0;
  for (const auto& [uid, e] : after) {
    auto old = before.find(uid);
    if (old == before.end()) continue;
    // An event's ETag changes exactly when its content did.
    EXPECT_EQ(e.etag == old->second.etag, e.hash == old->second.hash) << e.summary;
    (e.etag == old->second.etag ? kept : rewritten)++;
  }
  EXPECT_GT(kept, 0);
  EXPECT_LT(static_cast<size_t>(kept), after.size()) << r.out;
  EXPECT_FALSE(Contains(r.out, "conflict")) << r.out;
}

TEST_F(CliPublishTest, AFeverRemovesTheStoppedSessionsAndClearedBringsThemBack) {
  auto well = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-07");
  ASSERT_EQ(Publish(well, url_).exit_code, 0);
  size_t sessions_well = PlanSessions(well).size();
  auto fever = PlanArgs(Diary("fever.csv", "2026-03-08"), "2026-03-09");
  RunResult r = Publish(fever, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "deleted")) << r.out;
  ASSERT_LT(PlanSessions(fever).size(), sessions_well);
  ExpectServerHoldsThePlan(fever);
  auto cleared = PlanArgs(Diary("fever-cleared.csv", "2026-03-12"), "2026-03-12");
  r = Publish(cleared, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_GT(PlanSessions(cleared).size(), PlanSessions(fever).size());
  ExpectServerHoldsThePlan(cleared);
}

TEST_F(CliPublishTest, AMovedSurgeryDateMovesTheWholeCalendar) {
  std::string diary = Diary("fever.csv", "2026-03-01");
  auto before = PlanArgs(diary, "2026-03-09");
  ASSERT_EQ(Publish(before, url_).exit_code, 0);
  auto moved = PlanArgs(diary, "2026-03-09", {"--surgery", "2026-03-05"});
  RunResult r = Publish(moved, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectServerHoldsThePlan(moved);
  for (const auto& [uid, e] : ReadBack()) {
    ASSERT_FALSE(e.local_starts.empty());
    EXPECT_GE(e.local_starts.front(), "2026-03-05") << e.summary;
  }
}

TEST_F(CliPublishTest, AnEventEditedOnTheServerIsRewrittenFromThePlanAndReported) {
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  ASSERT_EQ(Publish(args, url_).exit_code, 0);
  std::map<std::string, ServerEvent> events = ReadBack();
  const ServerEvent* session = nullptr;
  for (const auto& [uid, e] : events) {
    if (e.categories.find("Exercise") != std::string::npos) session = &e;
  }
  ASSERT_NE(session, nullptr);
  // The patient's phone moves the session an hour later and renames it.
  CaldavClient client(CaldavClientOptions{.url = url_});
  cli::HttpResponse got = client.Send("GET", session->href, {});
  ASSERT_EQ(got.status, 200);
  std::string text = got.body;
  std::string summary = "SUMMARY:" + session->summary;
  ASSERT_NE(text.find(summary), std::string::npos) << text;
  text.replace(text.find(summary), summary.size(), "SUMMARY:Gym instead");
  cli::HttpResponse put = client.Send(
      "PUT", session->href, {"Content-Type: text/calendar", "If-Match: " + session->etag}, text);
  ASSERT_TRUE(put.ok()) << put.status;
  RunResult r = Publish(args, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "conflict: ")) << r.out;
  EXPECT_TRUE(
      Contains(r.out, session->summary + " was edited on the server; rewritten from the plan"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "0 created, 1 updated, 0 deleted")) << r.out;
  EXPECT_EQ(ReadBack()[session->uid].summary, session->summary);
  ExpectServerHoldsThePlan(args);
}

TEST_F(CliPublishTest, APatientsOwnEventIsNeverDeleted) {
  auto well = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-07");
  ASSERT_EQ(Publish(well, url_).exit_code, 0);
  CaldavClient client(CaldavClientOptions{.url = url_});
  cli::HttpResponse put =
      client.Send("PUT", "dentist.ics", {"Content-Type: text/calendar", "If-None-Match: *"},
                  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
                  "UID:dentist-1\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260310T140000Z\r\n"
                  "DURATION:PT30M\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  ASSERT_TRUE(put.ok()) << put.status;
  RunResult r = Publish(PlanArgs(Diary("fever.csv", "2026-03-08"), "2026-03-09"), url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "1 event rehab did not make left as it is")) << r.out;
  std::map<std::string, ServerEvent> events = ReadBack();
  ASSERT_EQ(events.count("dentist-1"), 1u);
  EXPECT_EQ(events["dentist-1"].summary, "Dentist");
}

TEST_F(CliPublishTest, AServerGoneMidPublishIsReportedAndTheNextRunConverges) {
  auto well = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-07");
  ASSERT_EQ(Publish(well, url_).exit_code, 0);
  auto fever = PlanArgs(Diary("fever.csv", "2026-03-08"), "2026-03-09");
  {
    // PROPFIND, REPORT, then 3 of the changes; the 4th finds the server gone.
    Proxy proxy(dir_.path(), server_->port(), {"die-after", "5"});
    RunResult r = Publish(fever, Url(proxy.port()), {"--retries", "2"});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_FALSE(Contains(r.out, "Published")) << r.out;
    EXPECT_TRUE(Contains(r.err, "rehab: publish stopped: ")) << r.err;
    EXPECT_TRUE(Contains(r.err, "(after 3 attempts)")) << r.err;
    EXPECT_TRUE(Contains(r.err, "is only partly synced: 3 of ")) << r.err;
    EXPECT_TRUE(Contains(r.err, "\nsynced (3):\n")) << r.err;
    EXPECT_TRUE(Contains(r.err, "\nnot synced (")) << r.err;
  }
  RunResult r = Publish(fever, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Contains(r.out, "conflict")) << r.out;
  ExpectServerHoldsThePlan(fever);
  // And once converged, nothing more to do.
  EXPECT_TRUE(Contains(Publish(fever, url_).out, ": 0 created, 0 updated, 0 deleted, "));
}

TEST_F(CliPublishTest, ServerErrorsAndDroppedConnectionsAreRetried) {
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  {
    Proxy proxy(dir_.path(), server_->port(), {"fail-odd"});
    RunResult r = Publish(args, Url(proxy.port()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ExpectServerHoldsThePlan(args);
  }
  auto fever = PlanArgs(Diary("fever.csv", "2026-03-08"), "2026-03-09");
  Proxy proxy(dir_.path(), server_->port(), {"drop-first", "3"});
  RunResult r = Publish(fever, Url(proxy.port()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectServerHoldsThePlan(fever);
}

TEST_F(CliPublishTest, ASlowAnswerTimesOutAndIsRetried) {
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  Proxy proxy(dir_.path(), server_->port(), {"delay-first", "1", "3"});
  RunResult r = Publish(args, Url(proxy.port()), {"--timeout", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(proxy.Requests().front().rfind("PROPFIND ", 0), 0u);
  EXPECT_EQ(proxy.Requests()[1].rfind("PROPFIND ", 0), 0u);  // the retry
  ExpectServerHoldsThePlan(args);
}

TEST_F(CliPublishTest, AWriteWhoseAnswerWasLostIsReadBackNotCountedAsAConflict) {
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  // PROPFIND, MKCALENDAR, REPORT, then the first PUT: done, its answer lost.
  Proxy proxy(dir_.path(), server_->port(), {"lose-answer", "4"});
  RunResult r = Publish(args, Url(proxy.port()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Contains(r.out, "conflict")) << r.out;
  std::vector<std::string> requests = proxy.Requests();
  ASSERT_GE(requests.size(), 6u);
  EXPECT_EQ(requests[3].rfind("PUT ", 0), 0u);
  EXPECT_EQ(requests[4], requests[3]);  // the retry, refused (412): it exists now
  EXPECT_EQ(requests[5], "GET " + requests[3].substr(4));  // read back: it holds the plan
  ExpectServerHoldsThePlan(args);
}

TEST_F(CliPublishTest, ADryRunListsTheChangesAndSendsNoWrite) {
  ASSERT_EQ(Publish(PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-07"), url_).exit_code, 0);
  std::map<std::string, ServerEvent> before = ReadBack();
  Proxy proxy(dir_.path(), server_->port(), {"pass"});
  RunResult r = Publish(PlanArgs(Diary("fever.csv", "2026-03-08"), "2026-03-09"), Url(proxy.port()),
                        {"--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "would delete  ")) << r.out;
  EXPECT_TRUE(Contains(r.out, " changes to send, ")) << r.out;
  EXPECT_EQ(Writes(proxy.Requests()), 0);
  std::map<std::string, ServerEvent> after = ReadBack();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [uid, e] : after) EXPECT_EQ(e.etag, before[uid].etag) << e.summary;
}

TEST_F(CliPublishTest, ANetrcFileGivesTheCredentials) {
  unsetenv("REHAB_CALDAV_USER");
  unsetenv("REHAB_CALDAV_PASSWORD");
  std::string netrc = dir_.File("netrc");
  WriteFile(netrc,
            std::string("machine 127.0.0.1 login ") + kUser + " password " + kPassword + "\n");
  setenv("NETRC", netrc.c_str(), 1);
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  RunResult r = Publish(args, url_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  setenv("REHAB_CALDAV_USER", kUser, 1);
  setenv("REHAB_CALDAV_PASSWORD", kPassword, 1);
  ExpectServerHoldsThePlan(args);
}

TEST_F(CliPublishTest, HttpsIsVerifiedUnlessInsecureIsGivenForLocalhost) {
  fs::path tls_dir = dir_.path() / "tls";
  fs::create_directories(tls_dir);
  Radicale::Tls tls{(tls_dir / "cert.pem").string(), (tls_dir / "key.pem").string()};
  RunResult made = RunShell(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost"
      " -keyout " +
      ShellQuote(tls.key) + " -out " + ShellQuote(tls.certificate) + " 2>&1");
  ASSERT_EQ(made.exit_code, 0) << made.out;
  Radicale secure(tls_dir, &tls);
  ASSERT_TRUE(secure.ready()) << secure.log();
  std::string url = fmt::format("https://localhost:{}/{}/tls/", secure.port(), kUser);
  auto args = PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09");
  RunResult r = Publish(args, url);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(Contains(r.err, "certificate")) << r.err;
  EXPECT_TRUE(Contains(r.err, "nothing was changed in the calendar")) << r.err;
  r = Publish(args, url, {"--insecure"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "Published ")) << r.out;
}

TEST_F(CliPublishTest, WrongCredentialsChangeNothingAndSaySo) {
  setenv("REHAB_CALDAV_PASSWORD", "wrong", 1);
  RunResult r = Publish(PlanArgs(Diary("fever.csv", "2026-03-06"), "2026-03-09"), url_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "HTTP 401")) << r.err;
  EXPECT_TRUE(Contains(r.err, "REHAB_CALDAV_USER")) << r.err;
  EXPECT_TRUE(Contains(r.err, "nothing was changed in the calendar")) << r.err;
}

// A caseload of `n` patients on the knee osteoarthritis program, in `dir`.
void WriteCaseload(const fs::path& dir, int n) {
  fs::create_directories(dir);
  for (int i = 0; i < n; ++i) {
    std::string id = fmt::format("p-{:03}", i);
    WriteFile((dir / (id + ".yaml")).string(),
              "id: " + id +
                  "\nprogram: knee-osteoarthritis\nside: right\ntimezone: Europe/Berlin\n"
                  "start: 2026-11-02\nsessions:\n  days: [mon, wed, fri]\n  times: [\"18:00\"]\n");
  }
}

TEST_F(CliPublishTest, BatchSyncsACaseloadOfAHundredOneCalendarEachAndARerunWritesNothing) {
  const int kPatients = 100;
  WriteCaseload(dir_.path() / "caseload", kPatients);
  std::string base = fmt::format("http://127.0.0.1:{}/{}/", server_->port(), kUser);
  std::vector<std::string> args = {"batch",    (dir_.path() / "caseload").string(),
                                   "-o",       dir_.File("out"),
                                   "--today",  "2026-11-20",
                                   "--caldav", base};
  RunResult r = RunBinary(args);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_TRUE(Contains(r.out, "publish: 100 calendars, 100 synced, 0 not synced\n")) << r.out;
  for (int i : {0, 57, 99}) {
    std::string id = fmt::format("p-{:03}", i);
    SCOPED_TRACE(id);
    std::string patient = (dir_.path() / "caseload" / (id + ".yaml")).string();
    std::vector<std::string> plan = {"--patient", patient, "--today", "2026-11-20"};
    std::map<std::string, ServerEvent> events = ReadBack(base + id + "/");
    std::set<std::string> uids;
    std::vector<std::string> sessions;
    for (const auto& [uid, e] : events) {
      uids.insert(uid);
      if (e.categories.find("Exercise") == std::string::npos) continue;
      sessions.insert(sessions.end(), e.local_starts.begin(), e.local_starts.end());
    }
    std::sort(sessions.begin(), sessions.end());
    EXPECT_EQ(uids, PlanUids(plan));
    EXPECT_EQ(sessions, PlanSessions(plan));
  }
  Proxy proxy(dir_.path(), server_->port(), {"pass"});
  args.back() = fmt::format("http://127.0.0.1:{}/{}/", proxy.port(), kUser);
  r = RunBinary(args);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(Writes(proxy.Requests()), 0);
  EXPECT_EQ(proxy.Requests().size(), 2u * kPatients);  // a PROPFIND and a REPORT each
}

TEST_F(CliPublishTest, BatchExitsWithOneWhenACalendarCouldNotBeSynced) {
  WriteCaseload(dir_.path() / "caseload", 3);
  // The first patient's calendar is made and listed (PROPFIND, MKCALENDAR,
  // REPORT); its first PUT finds the server gone, and so do the other two.
  Proxy proxy(dir_.path(), server_->port(), {"die-after", "3"});
  RunResult r = RunBinary({"batch", (dir_.path() / "caseload").string(), "-o", dir_.File("out"),
                           "--today", "2026-11-20", "--caldav",
                           fmt::format("http://127.0.0.1:{}/{}/", proxy.port(), kUser)});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(Contains(r.out, "publish: 3 calendars, 0 synced, 3 not synced\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "publish: p-000: not synced (see the errors)\n")) << r.out;
  EXPECT_TRUE(Contains(r.err, "p-000.yaml: publish failed\nrehab: publish stopped: PUT ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "p-002.yaml: publish failed\n")) << r.err;
}

TEST(CaldavMultistatusTest, ReadsHrefsEtagsAndDataWhateverThePrefixes) {
  const std::string body =
      "<?xml version=\"1.0\"?>\n"
      "<multistatus xmlns=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">"
      "<response><href>/dav/cal/a.ics</href><propstat><prop><getetag>\"1\"</getetag>"
      "<cal:calendar-data>BEGIN:VCALENDAR&#13;\nEND:VCALENDAR&#13;\n</cal:calendar-data>"
      "</prop><status>HTTP/1.1 200 OK</status></propstat></response>"
      "<D:response xmlns:D=\"DAV:\"><D:href>/dav/cal/b.ics</D:href>"
      "<D:propstat><D:prop><D:getetag>\"2\"</D:getetag></D:prop>"
      "<D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
      "<D:propstat><D:prop><cal:calendar-data/></D:prop>"
      "<D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>"
      "</multistatus>";
  std::string error;
  auto responses = cli::ParseMultistatus(body, &error);
  ASSERT_TRUE(responses) << error;
  ASSERT_EQ(responses->size(), 2u);
  EXPECT_EQ((*responses)[0].href, "/dav/cal/a.ics");
  EXPECT_EQ((*responses)[0].etag, "\"1\"");
  EXPECT_EQ((*responses)[0].calendar_data, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_EQ((*responses)[1].href, "/dav/cal/b.ics");
  EXPECT_EQ((*responses)[1].etag, "\"2\"");
  EXPECT_FALSE((*responses)[1].calendar_data);  // its only calendar-data was a 404
}

TEST(CaldavMultistatusTest, RefusesAnAnswerThatIsNotWellFormed) {
  std::string error;
  EXPECT_FALSE(cli::ParseMultistatus("<multistatus xmlns=\"DAV:\"><response>", &error));
  EXPECT_TRUE(Contains(error, "not well-formed XML")) << error;
  EXPECT_FALSE(cli::ParseMultistatus("<html/>", &error));
  EXPECT_EQ(error, "the server's answer is not a DAV:multistatus");
}

TEST(CliPublishUrlTest, RefusesCredentialsInTheUrl) {
  RunResult r = RunBinary(
      {"publish", "knee-osteoarthritis", "--caldav", "https://me:secret@cal.example.org/cal/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "no user name or password in the URL")) << r.err;
}

TEST(CliPublishUrlTest, RefusesPlainHttpToAnotherHost) {
  RunResult r =
      RunBinary({"publish", "knee-osteoarthritis", "--caldav", "http://cal.example.org/cal/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "use https://")) << r.err;
}

TEST(CliPublishUrlTest, RefusesInsecureForAnotherHost) {
  RunResult r = RunBinary(
      {"publish", "knee-osteoarthritis", "--caldav", "https://cal.example.org/cal/", "--insecure"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "--insecure is allowed for localhost only")) << r.err;
}

TEST(CliPublishUrlTest, NeedsACaldavUrl) {
  RunResult r = RunBinary({"publish", "knee-osteoarthritis"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "publish needs --caldav URL")) << r.err;
}

}  // namespace
}  // namespace rehab::testing
