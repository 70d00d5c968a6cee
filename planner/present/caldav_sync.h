// The sync plan of a CalDAV collection: given what the server holds and the
// resources the plan wants, which requests make the collection hold exactly
// the plan's events (docs/caldav.md, "The sync rules"). Pure: the CLI sends
// the requests.
#ifndef REHAB_PLANNER_PRESENT_CALDAV_SYNC_H_
#define REHAB_PLANNER_PRESENT_CALDAV_SYNC_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "planner/present/caldav_resources.h"

namespace rehab {

// One calendar object the server listed (REPORT calendar-query).
struct CaldavServerObject {
  std::string href;  // as the server wrote it: a path, or an absolute URL
  std::string etag;
  CaldavObjectInfo info;  // ReadCaldavObject of its calendar-data
};

enum class CaldavActionKind {
  kCreate,  // PUT with If-None-Match: *
  kUpdate,  // PUT with If-Match: etag
  kDelete,  // DELETE with If-Match: etag
};

struct CaldavAction {
  CaldavActionKind kind = CaldavActionKind::kCreate;
  // The target: the server's href for an update or delete; for a create, the
  // collection's path + the resource's name.
  std::string href;
  std::string etag;  // If-Match; empty for a create
  // The wanted resource (an index into CaldavCalendar::resources) for a
  // create or update; kNoResource for a delete.
  size_t resource = kNoResource;
  // An update of an object edited on the server since rehab wrote it (or
  // carrying a rehab UID without rehab's mark): the plan wins, and it is reported.
  bool conflict = false;
  std::string uid;
  static constexpr size_t kNoResource = static_cast<size_t>(-1);
};

struct CaldavSyncPlan {
  // Deletes first (stopped sessions leave the phone first), then updates,
  // then creates; deletes by their events' start, the others in the plan's order.
  std::vector<CaldavAction> actions;
  size_t unchanged = 0;  // wanted objects the server holds already, not touched
  size_t foreign = 0;    // objects rehab did not make: never touched
};

// The rules: an object is matched to a wanted resource by UID. Same content
// (CaldavContentHash, DTSTAMP aside) and rehab's mark: skipped. Else:
// updated with the server's ETag, as a conflict when the object's content is
// not the one its X-REHAB-OWNED says rehab wrote (someone edited it) or it
// has no such mark (which the update puts back). A wanted resource without an object: created. An
// object no resource wants: deleted if it carries X-REHAB-OWNED, else left alone (a patient's own
// event). A second object with a wanted UID counts as unwanted. `collection_path` is the
// collection's path, ending in '/'.
CaldavSyncPlan PlanCaldavSync(const CaldavCalendar& wanted,
                              const std::vector<CaldavServerObject>& server,
                              std::string_view collection_path);

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_CALDAV_SYNC_H_
