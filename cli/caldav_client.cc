// libcurl requests and libxml2 multistatus parsing for `rehab publish` (see
// caldav_client.h).
#include "cli/caldav_client.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

namespace rehab::cli {
namespace {

constexpr char kDav[] = "DAV:";
constexpr char kCaldav[] = "urn:ietf:params:xml:ns:caldav";

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool IsLocalHost(std::string host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// A URL part, or "" when the URL has none.
std::string UrlPart(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK || value == nullptr) return "";
  std::string out(value);
  curl_free(value);
  return out;
}

size_t AppendBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t ReadEtag(char* data, size_t size, size_t n, void* user) {
  std::string_view line(data, size * n);
  constexpr std::string_view kName = "etag:";
  if (line.size() > kName.size() && strncasecmp(line.data(), kName.data(), kName.size()) == 0) {
    std::string_view value = line.substr(kName.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    *static_cast<std::string*>(user) = value;
  }
  return size * n;
}

bool Retriable(const HttpResponse& r) {
  return r.status == 0 || r.status == 408 || r.status == 429 || r.status >= 500;
}

bool Is(const xmlNode* node, const char* ns, const char* name) {
  return node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::string TextOf(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

// The properties of a propstat whose status is 200.
void ReadProps(const xmlNode* prop, DavResponse* response) {
  for (const xmlNode* p = prop->children; p != nullptr; p = p->next) {
    if (Is(p, kDav, "getetag")) {
      response->etag = TextOf(p);
    } else if (Is(p, kCaldav, "calendar-data")) {
      response->calendar_data = TextOf(p);
    } else if (Is(p, kDav, "displayname")) {
      response->displayname = TextOf(p);
    } else if (Is(p, kDav, "resourcetype")) {
      for (const xmlNode* t = p->children; t != nullptr; t = t->next) {
        if (Is(t, kDav, "collection")) response->is_collection = true;
        if (Is(t, kCaldav, "calendar")) response->is_calendar = true;
      }
    }
  }
}

DavResponse ReadResponse(const xmlNode* node) {
  DavResponse response;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (Is(c, kDav, "href")) response.href = TextOf(c);
    if (!Is(c, kDav, "propstat")) continue;
    const xmlNode* prop = nullptr;
    bool ok = false;
    for (const xmlNode* s = c->children; s != nullptr; s = s->next) {
      if (Is(s, kDav, "prop")) prop = s;
      if (Is(s, kDav, "status")) ok = TextOf(s).find(" 200") != std::string::npos;
    }
    if (ok && prop != nullptr) ReadProps(prop, &response);
  }
  return response;
}

}  // namespace

std::optional<CaldavUrl> CheckCaldavUrl(const std::string& text, bool insecure,
                                        std::string* error) {
  InitCurlOnce();
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), curl_url_cleanup);
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    *error = fmt::format("--caldav: not a URL: \"{}\"", text);
    return std::nullopt;
  }
  std::string scheme = UrlPart(url.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") {
    *error = fmt::format("--caldav: the URL must start with https:// (got \"{}\")", text);
    return std::nullopt;
  }
  if (!UrlPart(url.get(), CURLUPART_USER).empty() ||
      !UrlPart(url.get(), CURLUPART_PASSWORD).empty()) {
    *error =
        "--caldav: no user name or password in the URL; credentials come from "
        "REHAB_CALDAV_USER and REHAB_CALDAV_PASSWORD or a netrc file (docs/caldav.md)";
    return std::nullopt;
  }
  if (!UrlPart(url.get(), CURLUPART_QUERY).empty() ||
      !UrlPart(url.get(), CURLUPART_FRAGMENT).empty()) {
    *error = "--caldav: the URL of a calendar collection has no query or fragment";
    return std::nullopt;
  }
  CaldavUrl out;
  std::string host = UrlPart(url.get(), CURLUPART_HOST);
  out.localhost = IsLocalHost(host);
  if (scheme == "http" && !out.localhost) {
    *error = fmt::format(
        "--caldav: plain http sends the password unencrypted; use https:// (http is "
        "allowed for localhost only), got \"{}\"",
        text);
    return std::nullopt;
  }
  if (insecure && !out.localhost) {
    *error =
        "--insecure is allowed for localhost only; a remote server's certificate is "
        "always verified";
    return std::nullopt;
  }
  std::string port = UrlPart(url.get(), CURLUPART_PORT);
  out.origin = scheme + "://" + host + (port.empty() ? "" : ":" + port);
  out.collection_path = UrlPart(url.get(), CURLUPART_PATH);
  if (out.collection_path.empty() || out.collection_path.back() != '/') {
    out.collection_path += '/';
  }
  return out;
}

std::optional<std::vector<DavResponse>> ParseMultistatus(const std::string& body,
                                                         std::string* error) {
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlReadMemory(body.data(), static_cast<int>(body.size()), "response.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      xmlFreeDoc);
  if (doc == nullptr) {
    const xmlError* e = xmlGetLastError();
    std::string message = e != nullptr && e->message != nullptr ? e->message : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    *error = message.empty()
                 ? "the server's answer is not well-formed XML"
                 : fmt::format("the server's answer is not well-formed XML (line {}: {})", e->line,
                               message);
    return std::nullopt;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !Is(root, kDav, "multistatus")) {
    *error = "the server's answer is not a DAV:multistatus";
    return std::nullopt;
  }
  std::vector<DavResponse> responses;
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (Is(c, kDav, "response")) responses.push_back(ReadResponse(c));
  }
  return responses;
}

CaldavClient::CaldavClient(const CaldavClientOptions& options) : options_(options) {
  InitCurlOnce();
  std::string error;
  url_ = CheckCaldavUrl(options.url, options.insecure, &error).value_or(CaldavUrl{});
  curl_ = curl_easy_init();
}

CaldavClient::~CaldavClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::string CaldavClient::Resolve(const std::string& href) const {
  if (href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0) return href;
  if (href.empty()) return url_.origin + url_.collection_path;
  if (href.front() == '/') return url_.origin + href;
  return url_.origin + url_.collection_path + href;
}

HttpResponse CaldavClient::SendOnce(const std::string& method, const std::string& url,
                                    const std::vector<std::string>& headers,
                                    const std::string& body) {
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // keeps the connection cache
  HttpResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.timeout_seconds * 1000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.timeout_seconds * 1000L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "rehab-publish");
  if (options_.insecure) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  // Credentials: the environment first, else a netrc file ($NETRC or ~/.netrc).
  const char* user = std::getenv("REHAB_CALDAV_USER");
  if (user != nullptr && *user != '\0') {
    const char* password = std::getenv("REHAB_CALDAV_PASSWORD");
    curl_easy_setopt(curl, CURLOPT_USERNAME, user);
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password != nullptr ? password : "");
  } else {
    curl_easy_setopt(curl, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
    const char* netrc = std::getenv("NETRC");
    if (netrc != nullptr && *netrc != '\0') curl_easy_setopt(curl, CURLOPT_NETRC_FILE, netrc);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
  struct curl_slist* list = nullptr;
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  if (!body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, ReadEtag);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.etag);
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  ++requests_;
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  } else {
    response.error = *error != '\0' ? error : curl_easy_strerror(code);
    response.body.clear();
  }
  curl_slist_free_all(list);
  return response;
}

HttpResponse CaldavClient::Send(const std::string& method, const std::string& href,
                                const std::vector<std::string>& headers, const std::string& body) {
  const std::string url = Resolve(href);
  auto wait = options_.backoff;
  HttpResponse response;
  for (int attempt = 0;; ++attempt) {
    response = SendOnce(method, url, headers, body);
    response.attempts = attempt + 1;
    if (!Retriable(response) || attempt >= options_.retries) return response;
    std::this_thread::sleep_for(wait);
    wait *= 2;
  }
}

HttpResponse CaldavClient::PropfindCollection() {
  return Send("PROPFIND", "", {"Depth: 0", "Content-Type: application/xml; charset=utf-8"},
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
              "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:displayname/>"
              "</d:prop></d:propfind>\n");
}

HttpResponse CaldavClient::MakeCalendar(const std::string& display_name, const std::string& color) {
  std::unique_ptr<xmlChar, decltype(xmlFree)> escaped(
      xmlEncodeSpecialChars(nullptr, reinterpret_cast<const xmlChar*>(display_name.c_str())),
      xmlFree);
  std::string body = fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"{}\" xmlns:a=\"http://apple.com/ns/ical/\">"
      "<d:set><d:prop><d:displayname>{}</d:displayname>"
      "<a:calendar-color>{}</a:calendar-color>"
      "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/>"
      "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>\n",
      kCaldav, reinterpret_cast<const char*>(escaped.get()), color);
  return Send("MKCALENDAR", "", {"Content-Type: application/xml; charset=utf-8"}, body);
}

HttpResponse CaldavClient::ListEvents() {
  return Send("REPORT", "", {"Depth: 1", "Content-Type: application/xml; charset=utf-8"},
              fmt::format("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                          "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"{}\">"
                          "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
                          "<c:filter><c:comp-filter name=\"VCALENDAR\">"
                          "<c:comp-filter name=\"VEVENT\"/></c:comp-filter></c:filter>"
                          "</c:calendar-query>\n",
                          kCaldav));
}

}  // namespace rehab::cli
