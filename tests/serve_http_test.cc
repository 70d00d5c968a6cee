// `rehab serve` over real sockets on 127.0.0.1: the transport's limits, TLS,
// concurrent diary saves from browsers and `rehab log`, and the built binary's
// start, refusal and shutdown.
#include "server/http_server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <filesystem>
#include <set>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "support/scenario_support.h"
#include "support/test_util.h"

extern char** environ;

namespace rehab::serve {
namespace {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using testing::Contains;

// An App and its HttpServer on a free port, served on a thread until destroyed.
class Running {
 public:
  explicit Running(const fs::path& caseload, ServerOptions options = {}) {
    AppOptions o;
    o.caseload_dir = caseload;
    o.base_url = "http://127.0.0.1";
    o.today = [] { return testing::D("2026-12-02"); };
    app_ = std::make_unique<App>(o);
    options.port = 0;
    server_ = std::make_unique<HttpServer>(app_.get(), options);
    std::string error;
    started_ = server_->Start(&error);
    EXPECT_TRUE(started_) << error;
    if (started_) thread_ = std::thread([this] { server_->Run(); });
  }
  ~Running() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  unsigned short port() const { return server_->port(); }
  App& app() { return *app_; }

 private:
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  bool started_ = false;
};

// One request over a fresh connection; the response, or status 0 when the
// connection broke.
http::response<http::string_body> Send(unsigned short port, http::verb verb,
                                       const std::string& target, const std::string& body = "",
                                       const std::string& cookie = "") {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!cookie.empty()) req.set(http::field::cookie, cookie);
  if (!body.empty()) req.set(http::field::content_type, "application/x-www-form-urlencoded");
  req.body() = body;
  req.prepare_payload();
  beast::error_code ec;
  http::write(socket, req, ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(socket, buffer, parser, ec);
  if (ec) return {};
  return parser.release();
}

// Sends raw bytes and reads until the server closes; what came back.
std::string SendRaw(unsigned short port, const std::string& bytes) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  beast::error_code ec;
  net::write(socket, net::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  for (;;) {
    size_t n = socket.read_some(net::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

class ServeHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(testing::DataPath("serve/caseload"), caseload(), fs::copy_options::recursive);
  }
  fs::path caseload() const { return dir_.path() / "caseload"; }
  testing::ScopedTempDir dir_;
};

TEST_F(ServeHttpTest, ARequestOverTheNetworkGetsTheAppsResponseAndHeaders) {
  Running server(caseload());
  auto res = Send(server.port(), http::verb::get, "/caseload");
  EXPECT_EQ(res.result_int(), 401u);
  EXPECT_EQ(res[http::field::cache_control], "no-store");
  EXPECT_TRUE(Contains(std::string(res["Content-Security-Policy"]), "default-src 'none'"));
}

TEST_F(ServeHttpTest, ABodyOverTheLimitGets413) {
  ServerOptions o;
  o.max_body_bytes = 1024;
  Running server(caseload(), o);
  auto res = Send(server.port(), http::verb::post, "/p/x/log", std::string(5000, 'a'));
  EXPECT_EQ(res.result_int(), 413u);
}

TEST_F(ServeHttpTest, HeadersOverTheLimitGet431) {
  ServerOptions o;
  o.max_header_bytes = 2048;
  Running server(caseload(), o);
  auto res = Send(server.port(), http::verb::get, "/caseload", "",
                  "rehab_session=" + std::string(4000, 'a'));
  EXPECT_EQ(res.result_int(), 431u);
}

TEST_F(ServeHttpTest, ASenderTooSlowToFinishItsRequestIsCutOff) {
  ServerOptions o;
  o.request_timeout = std::chrono::seconds(1);
  Running server(caseload(), o);
  auto start = std::chrono::steady_clock::now();
  std::string got = SendRaw(server.port(), "GET /caseload HTTP/1.1\r\nHost: x\r\n");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(got, "");
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST_F(ServeHttpTest, AGarbledRequestGets400) {
  Running server(caseload());
  std::string got = SendRaw(server.port(), "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_TRUE(got.starts_with("HTTP/1.1 400")) << got;
}

TEST_F(ServeHttpTest, HundredConcurrentSavesAndCliAppendsLoseNoEntry) {
  Running server(caseload());
  std::string secret;
  std::string error;
  ASSERT_TRUE(server.app().links().Create("s-tkr", &secret, &error)) << error;
  const std::string diary = (caseload() / "s-tkr-diary.csv").string();
  const int kPosts = 100, kCli = 20;
  std::vector<std::thread> threads;
  std::atomic<int> saved{0};
  for (int i = 0; i < kPosts; ++i) {
    threads.emplace_back([&, i] {
      auto res = Send(server.port(), http::verb::post, "/p/" + secret + "/log",
                      "csrf=" + secret + "&during=2&note=web-" + std::to_string(i));
      if (res.result_int() == 303) ++saved;
    });
  }
  for (int i = 0; i < kCli; ++i) {
    threads.emplace_back([&, i] {
      auto r = testing::RunBinary({"log", diary, "--date", "2026-12-02", "--during", "3",
                                   "--note", "cli-" + std::to_string(i), "--today",
                                   "2026-12-02"});
      if (r.exit_code == 0) ++saved;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(saved.load(), kPosts + kCli);
  std::multiset<std::string> notes;
  for (const auto& line : testing::Lines(testing::ReadFile(diary))) {
    size_t comma = line.rfind(',');
    if (comma != std::string::npos) notes.insert(line.substr(comma + 1));
  }
  for (int i = 0; i < kPosts; ++i) EXPECT_EQ(notes.count("web-" + std::to_string(i)), 1u) << i;
  for (int i = 0; i < kCli; ++i) EXPECT_EQ(notes.count("cli-" + std::to_string(i)), 1u) << i;
}

TEST_F(ServeHttpTest, TlsServesTheSameApp) {
  testing::ScopedTempDir keys;
  std::string cert = keys.File("cert.pem"), key = keys.File("key.pem");
  auto made = testing::RunShell(
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout " +
      testing::ShellQuote(key) + " -out " + testing::ShellQuote(cert) + " 2>/dev/null");
  ASSERT_EQ(made.exit_code, 0);
  ServerOptions o;
  o.cert_file = cert;
  o.key_file = key;
  Running server(caseload(), o);
  net::io_context ioc;
  net::ssl::context ctx(net::ssl::context::tls_client);
  ctx.set_verify_mode(net::ssl::verify_none);  // the test's own self-signed certificate
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::get_lowest_layer(stream).connect({net::ip::make_address("127.0.0.1"), server.port()});
  stream.handshake(net::ssl::stream_base::client);
  http::request<http::string_body> req{http::verb::get, "/caseload", 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  EXPECT_EQ(res.result_int(), 401u);
}

// The built binary, started with posix_spawn; its stdout through a pipe.
struct Child {
  pid_t pid = -1;
  int out = -1;
};

Child Spawn(const std::vector<std::string>& args) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<std::string> all = {REHAB_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  Child c;
  EXPECT_EQ(posix_spawn(&c.pid, REHAB_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  c.out = fds[0];
  return c;
}

std::string FirstLine(int fd) {
  std::string line;
  char ch;
  while (::read(fd, &ch, 1) == 1 && ch != '\n') line += ch;
  return line;
}

TEST_F(ServeHttpTest, TheBinaryPrintsItsLoginUrlFirstAndStopsCleanlyOnSigterm) {
  Child c = Spawn({"serve", caseload().string(), "--listen", "127.0.0.1:0", "--today",
                   "2026-12-02"});
  std::string url = FirstLine(c.out);
  EXPECT_TRUE(url.starts_with("http://127.0.0.1:")) << url;
  EXPECT_TRUE(Contains(url, "/?token=")) << url;
  EXPECT_EQ(url.size() - url.find("token=") - 6, 32u) << url;
  unsigned short port = static_cast<unsigned short>(
      std::stoi(url.substr(17, url.find('/', 17) - 17)));
  auto res = Send(port, http::verb::get, url.substr(url.find("/?token=")));
  EXPECT_EQ(res.result_int(), 303u);
  ASSERT_EQ(::kill(c.pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(c.pid, &status, 0), c.pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  ::close(c.out);
}

TEST_F(ServeHttpTest, KillingTheServerMidSaveLeavesTheDiaryWholeWithEveryAcknowledgedEntry) {
  const std::string secret(32, 'a');
  fs::create_directories(caseload() / ".rehab-serve");
  testing::WriteFile((caseload() / ".rehab-serve" / "links.json").string(),
                     "{\"version\": 1, \"links\": {\"s-tkr\": \"" + secret + "\"}}\n");
  Child c = Spawn({"serve", caseload().string(), "--listen", "127.0.0.1:0", "--today",
                   "2026-12-02"});
  std::string url = FirstLine(c.out);
  ASSERT_TRUE(url.starts_with("http://127.0.0.1:")) << url;
  unsigned short port = static_cast<unsigned short>(
      std::stoi(url.substr(17, url.find('/', 17) - 17)));
  // Eight writers save entry after entry; the server is killed once ten saves
  // are acknowledged, with the others in flight.
  const int kWriters = 8;
  std::mutex mutex;
  std::set<std::string> acknowledged, sent;
  std::atomic<bool> gone{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t) {
    threads.emplace_back([&, t] {
      for (int j = 0; !gone; ++j) {
        std::string note = fmt::format("k-{}-{}", t, j);
        { std::lock_guard<std::mutex> lock(mutex); sent.insert(note); }
        int status = 0;
        try {
          status = static_cast<int>(Send(port, http::verb::post, "/p/" + secret + "/log",
                                         "csrf=" + secret + "&during=2&note=" + note)
                                        .result_int());
        } catch (const std::exception&) {  // refused once the server is gone
        }
        if (status != 303) break;
        std::lock_guard<std::mutex> lock(mutex);
        acknowledged.insert(note);
      }
    });
  }
  for (int i = 0; i < 2000; ++i) {
    { std::lock_guard<std::mutex> lock(mutex); if (acknowledged.size() >= 10) break; }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(c.pid, SIGKILL);
  gone = true;
  for (auto& t : threads) t.join();
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  ::close(c.out);
  EXPECT_GE(acknowledged.size(), 10u);
  // The diary is a whole, valid diary: rehab validate reads it without an error.
  const std::string diary = (caseload() / "s-tkr-diary.csv").string();
  auto r = testing::RunBinary({"validate", diary});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::multiset<std::string> notes;
  for (const auto& line : testing::Lines(testing::ReadFile(diary))) {
    size_t comma = line.rfind(',');
    if (comma != std::string::npos) notes.insert(line.substr(comma + 1));
  }
  for (const auto& note : sent) {
    EXPECT_LE(notes.count(note), 1u) << note;
    if (acknowledged.count(note) != 0) {
      EXPECT_EQ(notes.count(note), 1u) << "acknowledged " << note;
    }
  }
  std::cout << acknowledged.size() << " saves acknowledged before the kill, " << sent.size()
            << " sent\n";
}

TEST_F(ServeHttpTest, BehindAProxyThePublicUrlIsTheOnePrinted) {
  Child c = Spawn({"serve", caseload().string(), "--listen", "127.0.0.1:0", "--public-url",
                   "https://rehab.clinic.example/"});
  std::string url = FirstLine(c.out);
  EXPECT_TRUE(url.starts_with("https://rehab.clinic.example/?token=")) << url;
  ::kill(c.pid, SIGTERM);
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  ::close(c.out);
  auto bad = testing::RunBinary({"serve", caseload().string(), "--public-url", "rehab.example"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Contains(bad.err, "--public-url")) << bad.err;
}

TEST_F(ServeHttpTest, APortInUseIsAClearError) {
  Running first(caseload());
  auto r = testing::RunBinary(
      {"serve", caseload().string(), "--listen", "127.0.0.1:" + std::to_string(first.port())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "already in use")) << r.err;
}

TEST_F(ServeHttpTest, AnyAddressButLoopbackNeedsTlsOrInsecureHttp) {
  auto r = testing::RunBinary({"serve", caseload().string(), "--listen", "0.0.0.0:0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "--cert")) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace rehab::serve
