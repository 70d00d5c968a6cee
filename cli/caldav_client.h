// The CalDAV client behind `rehab publish`: HTTP through libcurl (TLS
// verified against the system's CA store), credentials from the environment
// or a netrc file, bounded retries with back-off, and WebDAV multistatus
// responses read with libxml2. docs/caldav.md.
#ifndef REHAB_CLI_CALDAV_CLIENT_H_
#define REHAB_CLI_CALDAV_CLIENT_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rehab::cli {

struct CaldavClientOptions {
  std::string url;                         // the collection, http(s)://host[:port]/path/
  bool insecure = false;                   // skip TLS verification (localhost only: CheckCaldavUrl)
  int timeout_seconds = 30;                // per request, connecting included
  int retries = 3;                         // after the first try, for faults worth retrying
  std::chrono::milliseconds backoff{500};  // before the first retry; doubles each time
};

// The URL's parts that matter here.
struct CaldavUrl {
  std::string origin;           // scheme://host[:port]
  std::string collection_path;  // the path, ending in '/'
  bool localhost = false;
};

// Parses and checks a --caldav URL: http or https; no user name or password
// in it (credentials never on the command line); plain http and --insecure
// only for localhost (127.0.0.0/8, ::1, "localhost"). Returns nullopt with
// `*error` set when it is refused.
std::optional<CaldavUrl> CheckCaldavUrl(const std::string& url, bool insecure, std::string* error);

struct HttpResponse {
  long status = 0;    // 0: no response (see `error`)
  std::string error;  // the transport error, when there was no response
  std::string body;
  std::string etag;  // the ETag header, as sent
  int attempts = 0;
  bool ok() const { return status >= 200 && status < 300; }
};

// One <response> of a WebDAV multistatus, with its 200 properties.
struct DavResponse {
  std::string href;
  std::string etag;
  std::optional<std::string> calendar_data;
  bool is_collection = false;
  bool is_calendar = false;
  std::string displayname;
};

// Reads a 207 Multi-Status body. Returns nullopt with `*error` set when it is
// not well-formed XML or not a DAV:multistatus.
std::optional<std::vector<DavResponse>> ParseMultistatus(const std::string& body,
                                                         std::string* error);

class CaldavClient {
 public:
  // REQUIRES: options.url passed CheckCaldavUrl.
  explicit CaldavClient(const CaldavClientOptions& options);
  ~CaldavClient();
  CaldavClient(const CaldavClient&) = delete;
  CaldavClient& operator=(const CaldavClient&) = delete;

  // Sends one request to `href` (a path on the server, an absolute URL, or
  // "" for the collection) with the given extra headers ("Name: value").
  // Timeouts, dropped connections and 5xx/408/429 answers are retried up to
  // options.retries times, waiting backoff, 2 x backoff, ...; the last
  // answer or fault is returned.
  HttpResponse Send(const std::string& method, const std::string& href,
                    const std::vector<std::string>& headers, const std::string& body = "");

  // PROPFIND Depth 0 of the collection (resourcetype, displayname).
  HttpResponse PropfindCollection();
  // MKCALENDAR of the collection with a displayname and calendar-color.
  HttpResponse MakeCalendar(const std::string& display_name, const std::string& color);
  // REPORT calendar-query of every VEVENT object: hrefs, ETags, calendar-data.
  HttpResponse ListEvents();

  // The absolute URL of an href.
  std::string Resolve(const std::string& href) const;
  const CaldavUrl& url() const { return url_; }
  // Every HTTP request sent so far, retries included.
  int requests() const { return requests_; }

 private:
  HttpResponse SendOnce(const std::string& method, const std::string& url,
                        const std::vector<std::string>& headers, const std::string& body);

  CaldavClientOptions options_;
  CaldavUrl url_;
  void* curl_ = nullptr;  // CURL*, one handle so connections are kept alive
  int requests_ = 0;
};

}  // namespace rehab::cli

#endif  // REHAB_CLI_CALDAV_CLIENT_H_
