// `rehab serve CASELOAD_DIR`: the clinic's web app (docs/serve.md).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <ostream>

#include <fmt/format.h>

#include "cli/common.h"
#include "server/app.h"
#include "server/http_server.h"

namespace rehab::cli {

namespace {

constexpr char kServeUsage[] =
    "usage: rehab serve CASELOAD_DIR [--listen ADDR:PORT] [--today DATE]\n"
    "                   [--cert FILE --key FILE | --insecure-http] [--public-url URL]\n"
    "\n"
    "Serves the caseload folder (DIR/*.yaml patients with their diaries, as\n"
    "'rehab batch' reads them) as a web app for the therapist, with a page per\n"
    "patient for their phone. The first line printed is the address to open: it\n"
    "carries a one-time login token. Listens on 127.0.0.1:8470 unless told;\n"
    "any other address needs TLS (--cert and --key, PEM files) or\n"
    "--insecure-http. Stops on Ctrl-C or SIGTERM. See docs/serve.md.\n";

bool IsLoopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address.starts_with("127.");
}

}  // namespace

int RunServe(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")
      ("listen", po::value<std::string>()->default_value("127.0.0.1:8470"),
       "address and port to listen on (port 0: any free port)")
      ("today", po::value<std::string>(), "plan as on this day, YYYY-MM-DD (default: the clock's)")
      ("cert", po::value<std::string>(), "TLS certificate chain (PEM)")
      ("key", po::value<std::string>(), "TLS private key (PEM)")
      ("insecure-http", po::bool_switch(), "allow plain HTTP on a non-loopback address")
      ("public-url", po::value<std::string>(),
       "the address phones and browsers reach this server at (behind a reverse proxy: "
       "https://rehab.clinic.example), used in the links the pages print")
      ("threads", po::value<int>()->default_value(4), "worker threads (1-64)")
      ("dir", po::value<std::string>(), "caseload folder");
  po::positional_options_description positional;
  positional.add("dir", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kServeUsage, options, positional, out, err, &status);
  if (!vm) return status;
  auto usage = [&](const std::string& message) {
    err << "rehab serve: " << message << "\n\n" << kServeUsage;
    return kExitUsage;
  };
  if (!vm->count("dir")) return usage("give the CASELOAD_DIR to serve");
  std::filesystem::path dir = (*vm)["dir"].as<std::string>();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    err << fmt::format("rehab serve: '{}' is not a folder\n", dir.string());
    return kExitInvalidInput;
  }
  serve::ServerOptions server;
  const std::string listen = (*vm)["listen"].as<std::string>();
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return usage("--listen must be ADDR:PORT");
  server.address = listen.substr(0, colon);
  if (server.address.size() > 2 && server.address.front() == '[' && server.address.back() == ']') {
    server.address = server.address.substr(1, server.address.size() - 2);
  }
  try {
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    server.port = static_cast<unsigned short>(port);
  } catch (const std::exception&) {
    return usage(fmt::format("--listen port must be 0-65535, got \"{}\"", listen.substr(colon + 1)));
  }
  server.threads = (*vm)["threads"].as<int>();
  if (server.threads < 1 || server.threads > 64) return usage("--threads must be 1-64");
  if (vm->count("cert") != vm->count("key")) return usage("--cert and --key go together");
  if (vm->count("cert")) {
    server.cert_file = (*vm)["cert"].as<std::string>();
    server.key_file = (*vm)["key"].as<std::string>();
  }
  const bool insecure = (*vm)["insecure-http"].as<bool>();
  if (!IsLoopback(server.address) && server.cert_file.empty() && !insecure) {
    return usage(fmt::format(
        "listening on {} would send health data over the network unencrypted: give --cert and "
        "--key, or --insecure-http behind a TLS reverse proxy (docs/serve.md)",
        server.address));
  }
  if (vm->count("public-url")) {
    const std::string url = (*vm)["public-url"].as<std::string>();
    const bool scheme = url.starts_with("https://") || url.starts_with("http://");
    if (!scheme || url.find_first_of(" \t\r\n\"'<>") != std::string::npos ||
        url.find("?") != std::string::npos || url.find("#") != std::string::npos) {
      return usage(fmt::format("--public-url must be an http:// or https:// address with no "
                               "query, got \"{}\"", url));
    }
  }
  std::optional<Date> fixed_today;
  if (vm->count("today")) {
    fixed_today = TodayArg(*vm, err);
    if (!fixed_today) return kExitUsage;
  }

  std::mutex log_mutex;
  serve::AppOptions app_options;
  app_options.caseload_dir = dir;
  app_options.secure_cookies = !server.cert_file.empty();
  app_options.today = [fixed_today] {
    return fixed_today ? *fixed_today
                       : std::chrono::floor<date::days>(std::chrono::system_clock::now());
  };
  app_options.access_log = [&err, &log_mutex](const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mutex);
    err << line << "\n";
  };
  serve::App app(app_options);
  serve::HttpServer http(&app, server);
  std::string error;
  if (!http.Start(&error)) {
    err << "rehab serve: " << error << "\n";
    return kExitInvalidInput;
  }
  std::string host = server.address.find(':') != std::string::npos ? "[" + server.address + "]"
                                                                     : server.address;
  app_options.base_url = fmt::format("{}://{}:{}", server.cert_file.empty() ? "http" : "https",
                                     host, http.port());
  if (vm->count("public-url")) {
    // Patients' links, their QR codes and the calendar feed carry this address.
    app_options.base_url = (*vm)["public-url"].as<std::string>();
    while (app_options.base_url.ends_with("/")) app_options.base_url.pop_back();
  }
  app.SetBaseUrl(app_options.base_url);
  out << app.LoginUrl() << std::endl;
  if (insecure && !IsLoopback(server.address)) {
    err << "rehab serve: warning: serving plain HTTP on " << server.address
        << ": anyone on the network path can read the health data\n";
  }
  http.Run();
  err << "rehab serve: stopped\n";
  return kExitOk;
}

}  // namespace rehab::cli
