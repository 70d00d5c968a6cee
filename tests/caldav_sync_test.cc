// The pure half of `rehab publish`: a plan as CalDAV resources
// (planner/present/caldav_resources.h) and the sync plan against a server's
// listing (planner/present/caldav_sync.h).
#include "planner/present/caldav_sync.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "planner/present/caldav_resources.h"
#include "planner/present/render_ics.h"
#include "tests/support/plan_builder.h"

namespace rehab::testing {
namespace {

Date D(int y, int m, int d) { return date::sys_days{date::year{y} / m / d}; }

Plan Berlin(int days, Date start = D(2026, 3, 2)) {
  DailyPlanSpec spec;
  spec.start = start;
  spec.days = days;
  spec.timezone = "Europe/Berlin";
  spec.times = {8 * 60, 17 * 60};
  return DailyPlan(spec);
}

// The wanted resources, as a server that stored them unchanged would list them.
std::vector<CaldavServerObject> Stored(const CaldavCalendar& calendar) {
  std::vector<CaldavServerObject> objects;
  int n = 0;
  for (const auto& r : calendar.resources) {
    objects.push_back(
        {"/cal/" + r.name, "\"etag-" + std::to_string(n++) + "\"", ReadCaldavObject(r.ics)});
  }
  return objects;
}

int CountOf(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

TEST(CaldavResourcesTest, EachEventOfTheIcsExportIsOneResourceNamedByItsUid) {
  Plan plan = Berlin(14);
  std::string ics = RenderIcs(plan, {.keep_cancelled = false});
  CaldavCalendar calendar = BuildCaldavCalendar(plan, {}, "");
  ASSERT_EQ(static_cast<int>(calendar.resources.size()), CountOf(ics, "BEGIN:VEVENT"));
  std::set<std::string> uids;
  for (const auto& r : calendar.resources) {
    EXPECT_TRUE(uids.insert(r.uid).second) << r.uid;
    EXPECT_EQ(r.name, r.uid + ".ics");
    EXPECT_NE(ics.find("UID:" + r.uid + "\r\n"), std::string::npos) << r.uid;
  }
}

TEST(CaldavResourcesTest, EachResourceIsOneCalendarWithOneEventItsTimezoneAndNoMethod) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(14), {}, "");
  ASSERT_FALSE(calendar.resources.empty());
  for (const auto& r : calendar.resources) {
    EXPECT_EQ(r.ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u) << r.ics;
    EXPECT_TRUE(r.ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n")) << r.ics;
    EXPECT_EQ(CountOf(r.ics, "BEGIN:VEVENT"), 1) << r.ics;
    EXPECT_EQ(CountOf(r.ics, "METHOD:"), 0) << r.ics;
    bool zoned = r.ics.find("DTSTART;TZID=Europe/Berlin:") != std::string::npos;
    EXPECT_EQ(CountOf(r.ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"), zoned ? 1 : 0) << r.ics;
  }
}

TEST(CaldavResourcesTest, EveryResourceCarriesTheOwnedMarkWithItsContentHash) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  for (const auto& r : calendar.resources) {
    EXPECT_NE(r.ics.find("X-REHAB-OWNED:" + r.hash + "\r\nEND:VEVENT\r\n"), std::string::npos)
        << r.ics;
    CaldavObjectInfo info = ReadCaldavObject(r.ics);
    EXPECT_EQ(info.uid, r.uid);
    EXPECT_TRUE(info.owned);
    EXPECT_EQ(info.owned_hash, r.hash);
    EXPECT_EQ(info.hash, r.hash);
    EXPECT_EQ(info.summary, r.summary);
    EXPECT_EQ(info.start, r.start);
    EXPECT_FALSE(r.summary.empty());
  }
}

TEST(CaldavResourcesTest, TheCollectionIsNamedAfterTheProgram) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  EXPECT_EQ(calendar.display_name, "Rehab: Knee rehab");
}

TEST(CaldavResourcesTest, AUidOutsideTheSafeCharactersIsPercentEncodedInTheName) {
  EXPECT_EQ(CaldavResourceName("abc-1@rehab"), "abc-1@rehab.ics");
  EXPECT_EQ(CaldavResourceName("a b/c?"), "a%20b%2Fc%3F.ics");
}

TEST(CaldavContentHashTest, IgnoresDtstampFoldingAndTheOrderOfPropertiesAndComponents) {
  const std::string a =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260301T000000Z\r\n"
      "SUMMARY:Knee exercises\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\n"
      "X-REHAB-OWNED:abc\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const std::string b =
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nBEGIN:VALARM\naction:DISPLAY\nEND:VALARM\n"
      "DTSTAMP:20270101T000000Z\nSUMMARY:Knee ex\n ercises\nUID:1\nEND:VEVENT\nEND:VCALENDAR\n";
  EXPECT_EQ(CaldavContentHash(a), CaldavContentHash(b));
}

TEST(CaldavContentHashTest, ChangesWithAnyValue) {
  const std::string a = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Knee\r\nEND:VEVENT\r\n";
  const std::string b = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Knees\r\nEND:VEVENT\r\n";
  const std::string c =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VALARM\r\nSUMMARY:Knee\r\nEND:VALARM\r\n"
      "END:VEVENT\r\n";
  EXPECT_NE(CaldavContentHash(a), CaldavContentHash(b));
  EXPECT_NE(CaldavContentHash(a), CaldavContentHash(c));
}

TEST(CaldavSyncTest, AnEmptyCollectionGetsEveryResourceCreatedWithIfNoneMatch) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(14), {}, "");
  CaldavSyncPlan sync = PlanCaldavSync(calendar, {}, "/cal/");
  ASSERT_EQ(sync.actions.size(), calendar.resources.size());
  for (size_t i = 0; i < sync.actions.size(); ++i) {
    EXPECT_EQ(sync.actions[i].kind, CaldavActionKind::kCreate);
    EXPECT_EQ(sync.actions[i].href, "/cal/" + calendar.resources[i].name);
    EXPECT_EQ(sync.actions[i].resource, i);
    EXPECT_EQ(sync.actions[i].etag, "");
  }
}

TEST(CaldavSyncTest, ACollectionHoldingThePlanAlreadyNeedsNoRequest) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(14), {}, "");
  CaldavSyncPlan sync = PlanCaldavSync(calendar, Stored(calendar), "/cal/");
  EXPECT_TRUE(sync.actions.empty());
  EXPECT_EQ(sync.unchanged, calendar.resources.size());
}

TEST(CaldavSyncTest, ALaterDtstampAloneChangesNothing) {
  Plan plan = Berlin(14);
  CaldavCalendar first = BuildCaldavCalendar(plan, {}, "");
  plan.today = plan.today + date::days{3};
  CaldavCalendar later = BuildCaldavCalendar(plan, {}, "");
  ASSERT_NE(first.resources[0].ics, later.resources[0].ics);
  EXPECT_TRUE(PlanCaldavSync(later, Stored(first), "/cal/").actions.empty());
}

TEST(CaldavSyncTest, AChangedEventIsUpdatedWithTheServersEtagAndNotAsAConflict) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  std::vector<CaldavServerObject> server = Stored(calendar);
  // The plan changed: the wanted content differs from what rehab wrote.
  calendar.resources[1].hash = "0000000000000000";
  CaldavSyncPlan sync = PlanCaldavSync(calendar, server, "/cal/");
  ASSERT_EQ(sync.actions.size(), 1u);
  EXPECT_EQ(sync.actions[0].kind, CaldavActionKind::kUpdate);
  EXPECT_EQ(sync.actions[0].href, server[1].href);
  EXPECT_EQ(sync.actions[0].etag, server[1].etag);
  EXPECT_EQ(sync.actions[0].resource, 1u);
  EXPECT_FALSE(sync.actions[0].conflict);
}

TEST(CaldavSyncTest, AnEventEditedOnTheServerIsOverwrittenAsAConflict) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  std::vector<CaldavServerObject> server = Stored(calendar);
  std::string edited = calendar.resources[0].ics;
  edited.replace(edited.find("SUMMARY:"), 8, "SUMMARY:Moved to the gym - ");
  server[0].info = ReadCaldavObject(edited);
  CaldavSyncPlan sync = PlanCaldavSync(calendar, server, "/cal/");
  ASSERT_EQ(sync.actions.size(), 1u);
  EXPECT_EQ(sync.actions[0].kind, CaldavActionKind::kUpdate);
  EXPECT_TRUE(sync.actions[0].conflict);
  EXPECT_EQ(sync.actions[0].etag, server[0].etag);
}

TEST(CaldavSyncTest, AnEventTheEditorStrippedOfTheMarkIsOverwrittenAsAConflict) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  std::vector<CaldavServerObject> server = Stored(calendar);
  std::string edited = calendar.resources[0].ics;
  edited.erase(edited.find("X-REHAB-OWNED:"), 14 + 16 + 2);
  server[0].info = ReadCaldavObject(edited);
  ASSERT_FALSE(server[0].info.owned);
  CaldavSyncPlan sync = PlanCaldavSync(calendar, server, "/cal/");
  ASSERT_EQ(sync.actions.size(), 1u);
  EXPECT_TRUE(sync.actions[0].conflict);
}

TEST(CaldavSyncTest, AnEventThePlanNoLongerHasIsDeletedWithItsEtagBeforeAnyWrite) {
  CaldavCalendar old_plan = BuildCaldavCalendar(Berlin(14), {}, "");
  CaldavCalendar new_plan = BuildCaldavCalendar(Berlin(14, D(2026, 3, 9)), {}, "");
  std::vector<CaldavServerObject> server = Stored(old_plan);
  CaldavSyncPlan sync = PlanCaldavSync(new_plan, server, "/cal/");
  ASSERT_FALSE(sync.actions.empty());
  bool writing = false;
  size_t deletes = 0;
  for (const auto& a : sync.actions) {
    if (a.kind == CaldavActionKind::kDelete) {
      EXPECT_FALSE(writing) << "a delete after a write: " << a.href;
      EXPECT_EQ(a.resource, CaldavAction::kNoResource);
      EXPECT_NE(a.etag, "");
      ++deletes;
    } else {
      writing = true;
    }
  }
  EXPECT_GT(deletes, 0u);
}

TEST(CaldavSyncTest, APatientsOwnEventIsNeverDeleted) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  std::vector<CaldavServerObject> server = Stored(calendar);
  server.push_back({"/cal/dentist.ics", "\"d\"",
                    ReadCaldavObject("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:dentist-1\r\n"
                                     "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")});
  CaldavSyncPlan sync = PlanCaldavSync(calendar, server, "/cal/");
  EXPECT_TRUE(sync.actions.empty());
  EXPECT_EQ(sync.foreign, 1u);
}

TEST(CaldavSyncTest, AMarkedEventNoLongerWantedIsDeletedEvenIfEdited) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  std::vector<CaldavServerObject> server = Stored(calendar);
  ASSERT_EQ(server.size(), 2u);  // the 08:00 and the 17:00 sessions
  server[1].info.hash = "edited";
  calendar.resources.erase(calendar.resources.begin() + 1);
  CaldavSyncPlan sync = PlanCaldavSync(calendar, server, "/cal/");
  ASSERT_EQ(sync.actions.size(), 1u);
  EXPECT_EQ(sync.actions[0].kind, CaldavActionKind::kDelete);
  EXPECT_EQ(sync.actions[0].href, server[1].href);
}

TEST(CaldavSyncTest, ASecondMarkedObjectWithAWantedUidIsDeleted) {
  CaldavCalendar calendar = BuildCaldavCalendar(Berlin(3), {}, "");
  std::vector<CaldavServerObject> server = Stored(calendar);
  CaldavServerObject copy = server[0];
  copy.href = "/cal/copy.ics";
  server.push_back(copy);
  CaldavSyncPlan sync = PlanCaldavSync(calendar, server, "/cal/");
  ASSERT_EQ(sync.actions.size(), 1u);
  EXPECT_EQ(sync.actions[0].kind, CaldavActionKind::kDelete);
  EXPECT_EQ(sync.actions[0].href, "/cal/copy.ics");
}

TEST(CaldavSyncTest, SequenceIsKeptFromTheServerForUnchangedEventsAndBumpedForChangedOnes) {
  Plan plan = Berlin(7);
  CaldavCalendar first = BuildCaldavCalendar(plan, {}, "");
  std::string previous;
  for (const auto& r : first.resources) previous += r.ics;
  CaldavCalendar same = BuildCaldavCalendar(plan, {}, previous);
  for (size_t i = 0; i < same.resources.size(); ++i) {
    EXPECT_EQ(same.resources[i].hash, first.resources[i].hash) << same.resources[i].ics;
  }
  CaldavCalendar reminded = BuildCaldavCalendar(plan, {.remind_minutes = 30}, previous);
  for (const auto& r : reminded.resources) {
    if (r.ics.find("VALARM") == std::string::npos) continue;
    EXPECT_NE(r.ics.find("SEQUENCE:1\r\n"), std::string::npos) << r.ics;
  }
}

}  // namespace
}  // namespace rehab::testing
