// The web app of `rehab serve`, without the network: a request in, a response
// out, so every route is tested in-process (tests/serve_app_test.cc). The
// transport (http_server.h) only moves bytes and enforces size and time limits.
//
// Routes (docs/serve.md):
//   GET  /?token=T                 the one-time login: sets the session cookie
//   GET  /caseload                 every patient, who needs attention first
//   GET  /patients/ID              a patient's plan: handout, downloads, diary, explain
//   GET  /patients/ID/plan.EXT     the plan as ics, csv, json, txt, html or pdf
//   GET  /patients/ID/explain?date=D
//   POST /patients/ID/link         make (or replace) the patient's link
//   POST /patients/ID/link/revoke  revoke it
//   GET  /programs, /programs/ID   the built-in programs and their exercises
//   POST /logout
//   GET  /p/SECRET/                the patient's day and diary form
//   POST /p/SECRET/log             add a diary entry (the code path of `rehab log`)
//   GET  /p/SECRET/handout.html    the patient's handout
//   GET  /p/SECRET/plan.ics        the calendar subscription (webcal://)
#ifndef REHAB_SERVER_APP_H_
#define REHAB_SERVER_APP_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/program_library.h"
#include "server/caseload.h"
#include "server/secrets.h"

namespace rehab::serve {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // "/caseload?x=1", as sent
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string Header(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  void Set(std::string name, std::string value);
  std::string Header(const std::string& name) const;  // "" when absent
};

struct AppOptions {
  std::filesystem::path caseload_dir;
  // The address the browser uses ("http://127.0.0.1:8470"), for the links
  // the pages print (the calendar subscription).
  std::string base_url;
  bool secure_cookies = false;  // served over TLS: cookies get `Secure`
  std::function<Date()> today;
  // Writes one access-log line (method, path without query or secrets,
  // status, bytes); may be empty.
  std::function<void(const std::string&)> access_log;
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();

  // The login URL to print at start: base_url + "/?token=...".
  std::string LoginUrl() const;
  // The address browsers use, once the port is known.
  void SetBaseUrl(std::string url) { options_.base_url = std::move(url); }

  Response Handle(const Request& request);

  Caseload& caseload() { return caseload_; }
  PatientLinks& links() { return links_; }

 private:
  struct Route;
  Response Dispatch(const Request& request);

  AppOptions options_;
  cli::ProgramLibrary programs_;
  Caseload caseload_;
  Sessions sessions_;
  PatientLinks links_;
};

// Percent-decodes `s` ('+' as a space when `plus_is_space`); nullopt for a
// bad escape.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

// An application/x-www-form-urlencoded body (or query string) as name/value
// pairs in order; nullopt when it does not decode.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_APP_H_
