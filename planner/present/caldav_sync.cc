// The sync rules of caldav_sync.h.
#include "planner/present/caldav_sync.h"

#include <map>
#include <utility>

namespace rehab {

CaldavSyncPlan PlanCaldavSync(const CaldavCalendar& wanted,
                              const std::vector<CaldavServerObject>& server,
                              std::string_view collection_path) {
  std::map<std::string_view, size_t> wanted_by_uid;
  for (size_t i = 0; i < wanted.resources.size(); ++i) {
    wanted_by_uid.emplace(wanted.resources[i].uid, i);
  }
  CaldavSyncPlan plan;
  std::vector<const CaldavServerObject*> matched(wanted.resources.size(), nullptr);
  std::vector<CaldavAction> deletes, updates, creates;
  for (const auto& object : server) {
    auto it = object.info.uid.empty() ? wanted_by_uid.end() : wanted_by_uid.find(object.info.uid);
    if (it != wanted_by_uid.end() && matched[it->second] == nullptr) {
      matched[it->second] = &object;
      continue;
    }
    if (!object.info.owned) {
      ++plan.foreign;
      continue;
    }
    CaldavAction a;
    a.kind = CaldavActionKind::kDelete;
    a.href = object.href;
    a.etag = object.etag;
    a.uid = object.info.uid;
    deletes.push_back(std::move(a));
  }
  for (size_t i = 0; i < wanted.resources.size(); ++i) {
    const CaldavResource& r = wanted.resources[i];
    const CaldavServerObject* object = matched[i];
    if (object == nullptr) {
      CaldavAction a;
      a.href = std::string(collection_path) + r.name;
      a.resource = i;
      a.uid = r.uid;
      creates.push_back(std::move(a));
      continue;
    }
    if (object->info.hash == r.hash && object->info.owned) {
      ++plan.unchanged;
      continue;
    }
    bool edited = !object->info.owned || object->info.owned_hash != object->info.hash;
    CaldavAction a;
    a.kind = CaldavActionKind::kUpdate;
    a.href = object->href;
    a.etag = object->etag;
    a.resource = i;
    a.conflict = edited;
    a.uid = r.uid;
    updates.push_back(std::move(a));
  }
  for (auto* list : {&deletes, &updates, &creates}) {
    for (auto& action : *list) plan.actions.push_back(std::move(action));
  }
  return plan;
}

}  // namespace rehab
