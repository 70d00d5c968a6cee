// `rehab publish PROGRAM [plan options] --caldav URL`: makes a CalDAV
// calendar collection hold exactly the plan's events (docs/caldav.md). The
// library works out what to send (planner/present/caldav_sync.h); this file
// sends it and says what was and was not synced.
#include "cli/publish.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/caldav_client.h"
#include "cli/common.h"
#include "planner/present/caldav_resources.h"
#include "planner/present/caldav_sync.h"
#include "planner/present/formats.h"

namespace rehab::cli {

namespace {

constexpr char kPublishUsage[] =
    "usage: rehab publish PROGRAM [--patient FILE] [--start DATE | --surgery DATE]\n"
    "                     [--diary FILE] [--today DATE] [--weeks N] [--tz ZONE]\n"
    "                     [--remind MINUTES] [--one-event-per-session]\n"
    "                     --caldav URL [--insecure] [--timeout SECONDS] [--retries N]\n"
    "                     [--dry-run]\n"
    "       rehab publish --patient FILE --caldav URL [options]   (the file names its program:)\n"
    "\n"
    "Makes the CalDAV calendar collection at URL hold exactly the plan's events,\n"
    "one resource per event or repeating series, named by its UID: new events are\n"
    "created, changed ones rewritten, events the plan no longer has deleted, and\n"
    "unchanged ones not touched. The collection is created when missing. Events\n"
    "rehab did not make are never touched; an event of rehab's edited on the\n"
    "server is rewritten from the plan (the plan wins) and reported.\n"
    "\n"
    "Credentials: REHAB_CALDAV_USER and REHAB_CALDAV_PASSWORD, else the netrc file\n"
    "$NETRC or ~/.netrc; never on the command line. https:// is verified against\n"
    "the system's certificates; http:// and --insecure are for localhost only.\n"
    "A timeout, a dropped connection or a 5xx answer is retried --retries times\n"
    "(default 3) with a growing pause; then publish stops, exit 1, listing the\n"
    "events that were and were not synced. Running it again finishes the job.\n"
    "--dry-run lists what would be sent and sends no change.\n";

const char* Verb(CaldavActionKind kind) {
  switch (kind) {
    case CaldavActionKind::kCreate:
      return "create";
    case CaldavActionKind::kUpdate:
      return "update";
    case CaldavActionKind::kDelete:
      return "delete";
  }
  return "?";
}

const char* PastVerb(CaldavActionKind kind) {
  switch (kind) {
    case CaldavActionKind::kCreate:
      return "created";
    case CaldavActionKind::kUpdate:
      return "updated";
    case CaldavActionKind::kDelete:
      return "deleted";
  }
  return "?";
}

// "2026-03-09 09:00  Knee exercises · 20 min" from a DTSTART value and title.
std::string EventLabel(const std::string& start, const std::string& summary) {
  std::string when = start;
  if (start.size() >= 8) {
    when = fmt::format("{}-{}-{}", start.substr(0, 4), start.substr(4, 2), start.substr(6, 2));
    if (start.size() >= 13 && start[8] == 'T') {
      when += fmt::format(" {}:{}", start.substr(9, 2), start.substr(11, 2));
      if (start.back() == 'Z') when += " UTC";
    }
  }
  return fmt::format("{:<16}  {}", when, summary);
}

std::string Describe(const HttpResponse& r) {
  if (r.status == 0) {
    return fmt::format("{} (after {} attempt{})", r.error, r.attempts, r.attempts == 1 ? "" : "s");
  }
  std::string text = fmt::format("HTTP {}", r.status);
  if (r.attempts > 1) text += fmt::format(" (after {} attempts)", r.attempts);
  return text;
}

std::string AuthHint(const HttpResponse& r) {
  if (r.status == 401) {
    return "\n  the server refused the credentials: set REHAB_CALDAV_USER and "
           "REHAB_CALDAV_PASSWORD,\n  or give the host a 'machine' line in ~/.netrc or $NETRC "
           "(docs/caldav.md)";
  }
  if (r.status == 403) {
    return "\n  the account may not do this there: check the URL (a calendar of this user, "
           "such as\n  https://host/dav/calendars/USER/rehab/ on Nextcloud; docs/caldav.md)";
  }
  return "";
}

const std::vector<std::string> kIcsHeaders = {"Content-Type: text/calendar; charset=utf-8"};

std::vector<std::string> With(std::string header) {
  std::vector<std::string> headers = kIcsHeaders;
  headers.push_back(std::move(header));
  return headers;
}

// Sends the collection's actions, in order, and stops at the first that
// cannot be done.
class Publisher {
 public:
  Publisher(CaldavClient* client, const CaldavCalendar& wanted, const CaldavSyncPlan& sync)
      : client_(*client), wanted_(wanted), sync_(sync) {}

  // Index of the first action not done (actions().size() when all are), with
  // `*failure` set when one failed.
  size_t Run(std::string* failure);
  const std::vector<std::string>& conflicts() const { return conflicts_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  // Whether the action was done; `*failure` says why not.
  bool Do(const CaldavAction& action, std::string* failure);
  // After a 412 (the object changed since it was listed): reads it again and
  // applies the rule to what the server holds now.
  bool Recover(const CaldavAction& action, std::string* failure);
  bool Put(const CaldavAction& action, const std::string& condition, std::string* failure);
  std::string Label(const CaldavAction& action) const;

  CaldavClient& client_;
  const CaldavCalendar& wanted_;
  const CaldavSyncPlan& sync_;
  std::vector<std::string> conflicts_;
  std::vector<std::string> notes_;
};

size_t Publisher::Run(std::string* failure) {
  for (size_t i = 0; i < sync_.actions.size(); ++i) {
    if (!Do(sync_.actions[i], failure)) return i;
  }
  return sync_.actions.size();
}

std::string Publisher::Label(const CaldavAction& action) const {
  if (action.resource == CaldavAction::kNoResource) return action.href;
  const CaldavResource& r = wanted_.resources[action.resource];
  return EventLabel(r.start, r.summary);
}

bool Publisher::Put(const CaldavAction& action, const std::string& condition,
                    std::string* failure) {
  const CaldavResource& r = wanted_.resources[action.resource];
  HttpResponse response = client_.Send("PUT", action.href, With(condition), r.ics);
  if (response.ok()) return true;
  *failure = fmt::format("PUT {}: {}{}", action.href, Describe(response), AuthHint(response));
  return false;
}

bool Publisher::Do(const CaldavAction& action, std::string* failure) {
  HttpResponse response;
  if (action.kind == CaldavActionKind::kDelete) {
    response = client_.Send("DELETE", action.href, {"If-Match: " + action.etag});
    if (response.ok() || response.status == 404) return true;  // 404: gone already
  } else {
    if (action.conflict) {
      conflicts_.push_back(Label(action) + " was edited on the server; rewritten from the plan");
    }
    std::string condition =
        action.kind == CaldavActionKind::kCreate ? "If-None-Match: *" : "If-Match: " + action.etag;
    response =
        client_.Send("PUT", action.href, With(condition), wanted_.resources[action.resource].ics);
    if (response.ok()) return true;
  }
  if (response.status == 412) return Recover(action, failure);
  *failure = fmt::format("{} {}: {}{}", action.kind == CaldavActionKind::kDelete ? "DELETE" : "PUT",
                         action.href, Describe(response), AuthHint(response));
  return false;
}

bool Publisher::Recover(const CaldavAction& action, std::string* failure) {
  HttpResponse now = client_.Send("GET", action.href, {});
  bool deleting = action.kind == CaldavActionKind::kDelete;
  if (now.status == 404) {
    return deleting || Put(action, "If-None-Match: *", failure);
  }
  if (!now.ok() || now.etag.empty()) {
    *failure = fmt::format("GET {} after a changed ETag: {}", action.href,
                           now.ok() ? "no ETag in the answer" : Describe(now));
    return false;
  }
  CaldavObjectInfo info = ReadCaldavObject(now.body);
  if (deleting) {
    if (!info.owned) {
      notes_.push_back(action.href + " was taken over on the server (no rehab mark now): left");
      return true;
    }
    HttpResponse response = client_.Send("DELETE", action.href, {"If-Match: " + now.etag});
    if (response.ok() || response.status == 404) return true;
    *failure = fmt::format("DELETE {}: {}", action.href, Describe(response));
    return false;
  }
  const CaldavResource& r = wanted_.resources[action.resource];
  if (info.owned && info.hash == r.hash) return true;  // already as the plan has it
  conflicts_.push_back(Label(action) +
                       " changed on the server during the sync; rewritten from the plan");
  return Put(action, "If-Match: " + now.etag, failure);
}

// The collection exists as a calendar, or is made one. Returns "" or why not.
std::string EnsureCollection(CaldavClient* client, const std::string& display_name, bool dry_run,
                             std::ostream& out) {
  HttpResponse found = client->PropfindCollection();
  if (found.status == 404) {
    if (dry_run) {
      out << "would create the calendar \"" << display_name << "\"\n";
      return "";
    }
    HttpResponse made = client->MakeCalendar(display_name, kCaldavColor);
    if (made.ok()) {
      out << fmt::format("Created the calendar \"{}\" at {}\n", display_name, client->Resolve(""));
      return "";
    }
    return fmt::format("MKCALENDAR {}: {}{}", client->Resolve(""), Describe(made), AuthHint(made));
  }
  if (found.status != 207) {
    return fmt::format("PROPFIND {}: {}{}", client->Resolve(""), Describe(found), AuthHint(found));
  }
  std::string error;
  auto responses = ParseMultistatus(found.body, &error);
  if (!responses) return fmt::format("PROPFIND {}: {}", client->Resolve(""), error);
  for (const auto& r : *responses) {
    if (r.is_calendar) return "";
  }
  return fmt::format("{} is not a calendar collection", client->Resolve(""));
}

struct PublishRequest {
  CaldavClientOptions client;
  IcsOptions ics;
  bool dry_run = false;
};

// The collection's VEVENT objects into `*objects`, and the text of rehab's
// own (which decides SEQUENCE) into `*previous`. Returns "" or why not.
std::string ReadCollection(CaldavClient* client, bool dry_run,
                           std::vector<CaldavServerObject>* objects, std::string* previous) {
  HttpResponse listed = client->ListEvents();
  if (listed.status == 404 && dry_run) return "";  // a collection still to be made: empty
  if (listed.status != 207) {
    return fmt::format("REPORT {}: {}{}", client->Resolve(""), Describe(listed), AuthHint(listed));
  }
  std::string error;
  auto responses = ParseMultistatus(listed.body, &error);
  if (!responses) return fmt::format("REPORT {}: {}", client->Resolve(""), error);
  for (const auto& r : *responses) {
    if (!r.calendar_data) continue;  // the collection itself
    objects->push_back({r.href, r.etag, ReadCaldavObject(*r.calendar_data)});
    if (objects->back().info.owned) *previous += *r.calendar_data + "\r\n";
  }
  return "";
}

// Each action's event, as the report names it: "2026-03-09 09:00  Exercises 1/6 · 9 min".
std::vector<std::string> Labels(const CaldavSyncPlan& sync, const CaldavCalendar& wanted,
                                const std::vector<CaldavServerObject>& objects) {
  std::vector<std::string> labels;
  for (const auto& a : sync.actions) {
    if (a.resource != CaldavAction::kNoResource) {
      const CaldavResource& r = wanted.resources[a.resource];
      labels.push_back(EventLabel(r.start, r.summary));
      continue;
    }
    std::string label = a.href;
    for (const auto& o : objects) {
      if (o.href == a.href) label = EventLabel(o.info.start, o.info.summary);
    }
    labels.push_back(label);
  }
  return labels;
}

void PrintDryRun(const CaldavSyncPlan& sync, const std::vector<std::string>& labels,
                 std::ostream& out) {
  for (size_t i = 0; i < sync.actions.size(); ++i) {
    out << fmt::format("would {:<6}  {}{}\n", Verb(sync.actions[i].kind), labels[i],
                       sync.actions[i].conflict ? "  (edited on the server: the plan wins)" : "");
  }
  out << fmt::format("{} change{} to send, {} event{} unchanged\n", sync.actions.size(),
                     sync.actions.size() == 1 ? "" : "s", sync.unchanged,
                     sync.unchanged == 1 ? "" : "s");
}

// What a run that stopped after `done` actions did and did not do.
void PrintStopped(const CaldavSyncPlan& sync, const std::vector<std::string>& labels, size_t done,
                  const std::string& failure, const std::string& collection, std::ostream& err) {
  err << "rehab: publish stopped: " << failure << "\n"
      << fmt::format(
             "rehab: the calendar at {} is only partly synced: {} of {} changes made; "
             "run the same 'rehab publish' again to finish\n",
             collection, done, sync.actions.size());
  err << fmt::format("synced ({}):\n", done);
  for (size_t i = 0; i < done; ++i) {
    err << fmt::format("  {:<7}  {}\n", PastVerb(sync.actions[i].kind), labels[i]);
  }
  err << fmt::format("not synced ({}):\n", sync.actions.size() - done);
  for (size_t i = done; i < sync.actions.size(); ++i) {
    err << fmt::format("  {:<7}  {}\n", Verb(sync.actions[i].kind), labels[i]);
  }
}

void PrintSynced(const CaldavSyncPlan& sync, const std::vector<std::string>& labels, size_t events,
                 const std::string& collection, std::ostream& out) {
  size_t counts[3] = {0, 0, 0};  // by CaldavActionKind
  for (size_t i = 0; i < sync.actions.size(); ++i) {
    out << fmt::format("  {:<7}  {}\n", PastVerb(sync.actions[i].kind), labels[i]);
    ++counts[static_cast<int>(sync.actions[i].kind)];
  }
  out << fmt::format(
      "Published {} event{} to {}: {} created, {} updated, {} deleted, {} unchanged\n", events,
      events == 1 ? "" : "s", collection, counts[0], counts[1], counts[2], sync.unchanged);
  if (sync.foreign > 0) {
    out << fmt::format("{} event{} rehab did not make left as {}\n", sync.foreign,
                       sync.foreign == 1 ? "" : "s", sync.foreign == 1 ? "it is" : "they are");
  }
}

int Publish(const Plan& plan, const PublishRequest& request, std::ostream& out, std::ostream& err) {
  CaldavClient client(request.client);
  const std::string collection = client.Resolve("");
  const std::string display_name = BuildCaldavCalendar(plan, request.ics, "").display_name;
  std::vector<CaldavServerObject> objects;
  std::string previous;
  std::string error = EnsureCollection(&client, display_name, request.dry_run, out);
  if (error.empty()) error = ReadCollection(&client, request.dry_run, &objects, &previous);
  if (!error.empty()) {
    err << "rehab: " << error << "\nrehab: nothing was changed in the calendar\n";
    return kExitInvalidInput;
  }
  CaldavCalendar wanted = BuildCaldavCalendar(plan, request.ics, previous);
  CaldavSyncPlan sync = PlanCaldavSync(wanted, objects, client.url().collection_path);
  std::vector<std::string> labels = Labels(sync, wanted, objects);
  if (request.dry_run) {
    PrintDryRun(sync, labels, out);
    return kExitOk;
  }
  Publisher publisher(&client, wanted, sync);
  std::string failure;
  size_t done = publisher.Run(&failure);
  for (const auto& c : publisher.conflicts()) out << "conflict: " << c << "\n";
  for (const auto& n : publisher.notes()) out << "note: " << n << "\n";
  if (done < sync.actions.size()) {
    PrintStopped(sync, labels, done, failure, collection, err);
    return kExitInvalidInput;
  }
  PrintSynced(sync, labels, wanted.resources.size(), collection, out);
  return kExitOk;
}

}  // namespace

int RunPublish(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help");
  AddPlanOptions(&options);
  options.add_options()("caldav", po::value<std::string>(), "the calendar collection's URL")(
      "insecure", po::bool_switch(), "do not verify the TLS certificate (localhost only)")(
      "timeout", po::value<int>()->default_value(30), "seconds per request, 1-600")(
      "retries", po::value<int>()->default_value(3), "retries of a failed request, 0-10")(
      "remind", po::value<int>()->default_value(10), "reminder minutes before (0: none)")(
      "one-event-per-session", po::bool_switch(), "no repeating events")(
      "dry-run", po::bool_switch(), "list the changes, send none")(
      "program", po::value<std::string>(), "program id or file");
  po::positional_options_description positional;
  positional.add("program", 1);
  int status = kExitOk;
  auto vm = ParseArgs(args, kPublishUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("caldav")) {
    err << "rehab: publish needs --caldav URL\n\n" << kPublishUsage;
    return kExitUsage;
  }
  status = ProgramFromPatient(args, "publish", kPublishUsage, options, positional, out, err, &vm);
  if (status != kExitOk || !vm) return status;
  PublishRequest request;
  request.client.url = (*vm)["caldav"].as<std::string>();
  request.client.insecure = (*vm)["insecure"].as<bool>();
  request.client.timeout_seconds = (*vm)["timeout"].as<int>();
  request.client.retries = (*vm)["retries"].as<int>();
  request.dry_run = (*vm)["dry-run"].as<bool>();
  if (request.client.timeout_seconds < 1 || request.client.timeout_seconds > 600) {
    err << fmt::format("rehab: --timeout must be 1 to 600 seconds, got {}\n",
                       request.client.timeout_seconds);
    return kExitUsage;
  }
  if (request.client.retries < 0 || request.client.retries > 10) {
    err << fmt::format("rehab: --retries must be 0 to 10, got {}\n", request.client.retries);
    return kExitUsage;
  }
  // For the tests' fault injection: a shorter first pause between retries.
  if (const char* backoff = std::getenv("REHAB_CALDAV_BACKOFF_MS")) {
    request.client.backoff = std::chrono::milliseconds(std::atoi(backoff));
  }
  RenderOptions render;
  render.remind_minutes = (*vm)["remind"].as<int>();
  render.one_event_per_session = (*vm)["one-event-per-session"].as<bool>();
  if (std::string bad = CheckRenderOptions(render); !bad.empty()) {
    err << "rehab: --" << bad << "\n";
    return kExitUsage;
  }
  request.ics.remind_minutes = render.remind_minutes;
  request.ics.repeat = !render.one_event_per_session;
  std::string error;
  if (!CheckCaldavUrl(request.client.url, request.client.insecure, &error)) {
    err << "rehab: " << error << "\n";
    return kExitUsage;
  }
  Plan plan;
  ProgramLibrary library;
  status = BuildPlan(*vm, &library, err, &plan);
  if (status != kExitOk) return status;
  return Publish(plan, request, out, err);
}

std::string CheckCaseloadUrl(const std::string& base_url, bool insecure) {
  std::string error;
  if (!CheckCaldavUrl(base_url, insecure, &error)) return error;
  return "";
}

int PublishCaseload(const std::vector<CaseloadPatient>& patients, const CaseloadPublish& request,
                    std::ostream& out, std::ostream& err) {
  std::string base = request.base_url;
  if (base.empty() || base.back() != '/') base += '/';
  size_t failed = 0;
  for (const auto& patient : patients) {
    // The id as one path segment ("p-001.ics" without ".ics").
    std::string segment = CaldavResourceName(patient.id);
    segment.resize(segment.size() - 4);
    Args args = {"--patient",   patient.file,        "--today",
                 request.today, "--remind",          std::to_string(request.remind_minutes),
                 "--caldav",    base + segment + "/"};
    if (request.insecure) args.push_back("--insecure");
    if (request.one_event_per_session) args.push_back("--one-event-per-session");
    std::ostringstream patient_out, patient_err;
    int status = RunPublish(args, patient_out, patient_err);
    std::string summary;  // the last line: "Published ..."
    std::istringstream lines(patient_out.str());
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("Published ", 0) == 0) summary = line.substr(10);
      if (line.rfind("conflict: ", 0) == 0)
        out << "publish: " << patient.id << ": " << line << "\n";
    }
    if (status == kExitOk) {
      out << "publish: " << patient.id << ": " << summary << "\n";
      continue;
    }
    ++failed;
    out << "publish: " << patient.id << ": not synced (see the errors)\n";
    err << "rehab: " << patient.file << ": publish failed\n" << patient_err.str();
  }
  out << fmt::format("publish: {} calendar{}, {} synced, {} not synced\n", patients.size(),
                     patients.size() == 1 ? "" : "s", patients.size() - failed, failed);
  return failed == 0 ? kExitOk : kExitInvalidInput;
}

}  // namespace rehab::cli
