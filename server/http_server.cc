// HttpServer: an acceptor and one asynchronous session per connection.
#include "server/http_server.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

namespace rehab::serve {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

// What every session shares.
struct Shared {
  App* app = nullptr;
  ServerOptions options;
  std::atomic<size_t> connections{0};
};

// Counts a connection for as long as its session lives.
class ConnectionCount {
 public:
  explicit ConnectionCount(std::atomic<size_t>* n) : n_(n) { ++*n_; }
  ~ConnectionCount() { --*n_; }
  ConnectionCount(const ConnectionCount&) = delete;
  ConnectionCount& operator=(const ConnectionCount&) = delete;

 private:
  std::atomic<size_t>* n_;
};

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... Args>
  Session(Shared* shared, Args&&... args)
      : shared_(shared), count_(&shared->connections), stream_(std::forward<Args>(args)...) {}

  void Start() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(shared_->options.request_timeout);
      stream_.async_handshake(ssl::stream_base::server,
                              beast::bind_front_handler(&Session::OnHandshake,
                                                        this->shared_from_this()));
    } else {
      Read();
    }
  }

 private:
  void OnHandshake(beast::error_code ec) {
    if (!ec) Read();
  }

  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(shared_->options.max_header_bytes));
    parser_->body_limit(shared_->options.max_body_bytes);
    beast::get_lowest_layer(stream_).expires_after(shared_->options.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, this->shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream) return Close();
    if (ec == http::error::body_limit) return SendStatus(413, "Request body too large");
    if (ec == http::error::header_limit) return SendStatus(431, "Request headers too large");
    if (ec == http::error::bad_target || ec == http::error::bad_method ||
        ec == http::error::bad_version || ec == http::error::bad_field ||
        ec == http::error::bad_value) {
      return SendStatus(400, "Bad request");
    }
    if (ec) return;  // timeout, reset: the socket closes with the session
    http::request<http::string_body> raw = parser_->release();
    Request request;
    request.method = std::string(raw.method_string());
    request.target = std::string(raw.target());
    for (const auto& field : raw) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.headers[name] = std::string(field.value());
    }
    request.body = std::move(raw.body());
    Response response = shared_->app->Handle(request);
    auto res = std::make_shared<http::response<http::string_body>>();
    res->result(static_cast<unsigned>(response.status));
    res->version(raw.version());
    for (const auto& [k, v] : response.headers) res->set(k, v);
    res->set(http::field::server, "rehab");
    if (request.method != "HEAD") res->body() = std::move(response.body);
    res->prepare_payload();
    res->keep_alive(raw.keep_alive());
    Write(res);
  }

  void SendStatus(unsigned status, const char* text) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->result(status);
    res->version(11);
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    res->set(http::field::cache_control, "no-store");
    res->body() = std::string(text) + "\n";
    res->prepare_payload();
    res->keep_alive(false);
    Write(res);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res) {
    beast::get_lowest_layer(stream_).expires_after(shared_->options.request_timeout);
    http::async_write(stream_, *res,
                      [self = this->shared_from_this(), res](beast::error_code ec, size_t) {
                        if (ec) return;
                        if (!res->keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  Shared* shared_;
  ConnectionCount count_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

struct HttpServer::Impl {
  Shared shared;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls;
  net::signal_set signals{ioc, SIGINT, SIGTERM};

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) {
        if (shared.connections.load() >= shared.options.max_connections) {
          beast::error_code ignored;
          socket.close(ignored);  // over the limit: refused at once
        } else if (tls) {
          std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(&shared,
                                                                          std::move(socket), *tls)
              ->Start();
        } else {
          std::make_shared<Session<beast::tcp_stream>>(&shared, std::move(socket))->Start();
        }
      }
      Accept();
    });
  }
};

HttpServer::HttpServer(App* app, ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->shared.app = app;
  impl_->shared.options = std::move(options);
}

HttpServer::~HttpServer() { Stop(); }

bool HttpServer::Start(std::string* error) {
  const ServerOptions& o = impl_->shared.options;
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(o.address, ec);
  if (ec) {
    *error = fmt::format("'{}' is not an IP address", o.address);
    return false;
  }
  if (!o.cert_file.empty()) {
    impl_->tls.emplace(ssl::context::tls_server);
    impl_->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1);
    impl_->tls->use_certificate_chain_file(o.cert_file, ec);
    if (ec) {
      *error = fmt::format("cannot use the certificate '{}': {}", o.cert_file, ec.message());
      return false;
    }
    impl_->tls->use_private_key_file(o.key_file, ssl::context::pem, ec);
    if (ec) {
      *error = fmt::format("cannot use the key '{}': {}", o.key_file, ec.message());
      return false;
    }
  }
  tcp::endpoint endpoint(address, o.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (ec == net::error::address_in_use) {
    *error = fmt::format("{}:{} is already in use (another rehab serve?); choose another port "
                         "with --listen",
                         o.address, o.port);
    return false;
  }
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = fmt::format("cannot listen on {}:{}: {}", o.address, o.port, ec.message());
    return false;
  }
  impl_->signals.async_wait([this](beast::error_code wait_ec, int) {
    if (!wait_ec) Stop();
  });
  impl_->Accept();
  return true;
}

unsigned short HttpServer::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void HttpServer::Run() {
  int n = std::max(1, impl_->shared.options.threads);
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpServer::Stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
  });
  impl_->ioc.stop();
}

}  // namespace rehab::serve
