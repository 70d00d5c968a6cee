// A plan as the resources of a CalDAV calendar collection (RFC 4791): one
// calendar object per event or repeating series, named by its UID, each a
// VCALENDAR with the VTIMEZONE it needs, marked as rehab's own; and the
// content fingerprint that tells an unchanged resource from a changed one,
// whatever the server did to its layout.
#ifndef REHAB_PLANNER_PRESENT_CALDAV_RESOURCES_H_
#define REHAB_PLANNER_PRESENT_CALDAV_RESOURCES_H_

#include <string>
#include <string_view>
#include <vector>

#include "planner/model/plan.h"
#include "planner/present/render_ics.h"

namespace rehab {

// The property that marks a calendar object rehab created, inside its VEVENT.
// Its value is the content fingerprint of the object as rehab wrote it, so a
// later sync sees whether someone edited it since.
inline constexpr char kCaldavOwnedProperty[] = "X-REHAB-OWNED";

// The colour a new collection gets (calendar-color, #RRGGBB).
inline constexpr char kCaldavColor[] = "#2E7D32";

// One calendar object resource.
struct CaldavResource {
  std::string uid;
  std::string name;  // the resource's last path segment: the UID, percent-encoded, + ".ics"
  std::string ics;   // CRLF, folded; ends with END:VCALENDAR CRLF
  std::string hash;  // CaldavContentHash(ics)
  // For reports: the event's title (SUMMARY, unescaped) and start (DTSTART
  // value as written, e.g. 20260302T090000).
  std::string summary;
  std::string start;
};

// What a collection should hold for a plan.
struct CaldavCalendar {
  std::string display_name;               // the collection's displayname (the .ics X-WR-CALNAME)
  std::vector<CaldavResource> resources;  // in the plan's order; UIDs distinct
};

// The plan's events as calendar objects: exactly the events of RenderIcs
// (cancelled copies are never made: on a server a removed event is DELETEd),
// without METHOD (RFC 4791 forbids it in a collection). `previous` is the
// text of the server's current objects, concatenated (empty for none): as
// for RenderIcs it keeps each event's SEQUENCE, or bumps it where content
// changed. Pure; DTSTAMP is today at 00:00Z, as in RenderIcs.
CaldavCalendar BuildCaldavCalendar(const Plan& plan, const IcsOptions& options,
                                   std::string_view previous);

// The fingerprint of a calendar object's content: FNV-1a (16 hex digits) over
// its unfolded content lines, each prefixed by the path of components it is
// in (VCALENDAR/VEVENT/VALARM), sorted, without DTSTAMP and the
// X-REHAB-OWNED property, property names upper-cased. Servers may re-fold
// lines and reorder properties and components (Radicale does both); none of
// that changes the fingerprint, while any change to a value does.
std::string CaldavContentHash(std::string_view ics);

// What a sync needs to know of an object on the server.
struct CaldavObjectInfo {
  std::string uid;         // of its first VEVENT; empty when it has none
  bool owned = false;      // it carries X-REHAB-OWNED
  std::string owned_hash;  // X-REHAB-OWNED's value: the hash rehab wrote it with
  std::string hash;        // CaldavContentHash of its text now
  std::string summary;     // for reports: SUMMARY (unescaped) and DTSTART value
  std::string start;
};
// Any text is accepted; what is not a content line is ignored.
CaldavObjectInfo ReadCaldavObject(std::string_view ics);

// `uid` percent-encoded for a path segment (RFC 3986 unreserved characters
// and '@' are kept) + ".ics".
std::string CaldavResourceName(std::string_view uid);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_CALDAV_RESOURCES_H_
