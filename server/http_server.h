// The network side of `rehab serve`: Boost.Beast over Boost.Asio, plain HTTP
// or TLS (OpenSSL). It moves requests to App::Handle and responses back, and
// bounds every connection: header and body size, time to send a request,
// idle time between requests, number of connections at once.
#ifndef REHAB_SERVER_HTTP_SERVER_H_
#define REHAB_SERVER_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "server/app.h"

namespace rehab::serve {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8470;  // 0: any free port (tests)
  int threads = 4;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 64 * 1024;
  // A request must arrive in full within this time (slow senders are cut off).
  std::chrono::seconds request_timeout{15};
  size_t max_connections = 256;
  // Both set: TLS with this certificate chain and key (PEM files).
  std::string cert_file, key_file;
};

class HttpServer {
 public:
  HttpServer(App* app, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. False with `error` set ("127.0.0.1:8470 is already in
  // use", a bad certificate...).
  bool Start(std::string* error);
  // The port listened on (useful after port 0).
  unsigned short port() const;
  // Serves until Stop(), SIGINT or SIGTERM; returns then, after the running
  // requests are answered or dropped.
  void Run();
  // From any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rehab::serve

#endif  // REHAB_SERVER_HTTP_SERVER_H_
