// The sync rules of caldav_sync.h.
#include "planner/present/caldav_sync.h"

#include <algorithm>
#include <map>
#include <tuple>
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
  std::vector<std::pair<std::string, CaldavAction>> deletes;  // the event's DTSTART, the action
  std::vector<CaldavAction> updates, creates;
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
    deletes.emplace_back(object.info.start, std::move(a));
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
  // Deletes in the order of their events' starts, as a person reads them.
  std::stable_sort(deletes.begin(), deletes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.href) < std::tie(b.first, b.second.href);
  });
  for (auto& [start, action] : deletes) plan.actions.push_back(std::move(action));
  for (auto* list : {&updates, &creates}) {
    for (auto& action : *list) plan.actions.push_back(std::move(action));
  }
  return plan;
}

}  // namespace rehab
