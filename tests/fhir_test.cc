// The FHIR R4 export (`--format fhir`, docs/formats/fhir.md) on the built
// binary: the same plan gives the same bytes, every reference and canonical
// resolves inside the Bundle, the codes are the cited ones, the CarePlan's
// timings expand to exactly the JSON plan's sessions and ice/heat slots, and
// the options and batch reach it. The validation against the FHIR schema and
// StructureDefinitions is tests/fhir_validation_test.cc.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "planner/load/diary.h"
#include "planner/present/render_fhir_internal.h"
#include "tests/support/test_util.h"

namespace rehab::testing {
namespace {

using nlohmann::json;

constexpr char kToday[] = "2026-11-23";
constexpr char kRehab[] = "https://rehab.invalid/fhir/";

// `rehab plan` for a golden patient (tests/data/golden/), in `format`.
// The golden diaries every program's bundle is checked with. Under the
// sanitizers (each CLI run 10x slower) the red-flag diary alone, which holds
// the most (alerts, stopped days, flags); the optimised pass checks all three.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAsan = true;
#else
constexpr bool kUnderAsan = false;
#endif
#else
constexpr bool kUnderAsan = false;
#endif

std::vector<std::string> CheckedDiaries() {
  if (kUnderAsan) return {"red-flag"};
  return {"none", "flare", "red-flag"};
}

RunResult GoldenPlan(const std::string& program, const std::string& diary,
                     const std::string& format, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {
      "plan",     program, "--patient", DataPath("golden/" + program + ".yaml"),
      "--today",  kToday,  "--weeks",   "5",
      "--format", format,  "-o",        "-"};
  if (diary != "none") {
    args.push_back("--diary");
    args.push_back(DataPath("golden/" + diary + ".csv"));
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return RunBinary(args);
}

json GoldenBundle(const std::string& program, const std::string& diary,
                  std::vector<std::string> extra = {}) {
  RunResult r = GoldenPlan(program, diary, "fhir", std::move(extra));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

// The patient in tests/data/fhir/: a diary with fever, chills, measures, a
// note, two rows on one date and one after today; an id FHIR does not take.
json FixtureBundle(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"plan",
                                   "--patient",
                                   DataPath("fhir/patient.yaml"),
                                   "--diary",
                                   DataPath("fhir/diary.csv"),
                                   "--today",
                                   "2026-11-10",
                                   "--weeks",
                                   "4",
                                   "--format",
                                   "fhir",
                                   "-o",
                                   "-"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = RunBinary(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

std::vector<json> Resources(const json& bundle, const std::string& type) {
  std::vector<json> out;
  for (const auto& e : bundle["entry"]) {
    if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
  }
  return out;
}

// Every value of `key` anywhere under `node`.
void Collect(const json& node, const std::string& key, std::vector<json>* out) {
  if (node.is_array()) {
    for (const auto& v : node) Collect(v, key, out);
  } else if (node.is_object()) {
    for (const auto& [k, v] : node.items()) {
      if (k == key) {
        if (v.is_array()) {
          for (const auto& one : v) out->push_back(one);
        } else {
          out->push_back(v);
        }
      }
      Collect(v, key, out);
    }
  }
}

// The Observations whose code has `system`#`code`.
std::vector<json> ObservationsCoded(const json& bundle, const std::string& system,
                                    const std::string& code) {
  std::vector<json> out;
  for (const json& o : Resources(bundle, "Observation")) {
    for (const auto& c : o["code"]["coding"]) {
      if (c["system"] == system && c["code"] == code) out.push_back(o);
    }
  }
  return out;
}

TEST(FhirTest, TheSamePlanGivesTheSameBytes) {
  RunResult first = GoldenPlan("total-knee-replacement", "red-flag", "fhir");
  RunResult second = GoldenPlan("total-knee-replacement", "red-flag", "fhir");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_FALSE(first.out.empty());
  EXPECT_EQ(first.out, second.out);
}

TEST(FhirTest, EveryReferenceAndCanonicalNamesAnEntryOfTheBundle) {
  for (const auto& program : ShippedProgramIds()) {
    for (const std::string& diary : CheckedDiaries()) {
      json bundle = GoldenBundle(program, diary);
      std::set<std::string> refs, canonicals;
      for (const auto& e : bundle["entry"]) {
        const json& r = e["resource"];
        std::string ref =
            fmt::format("{}/{}", r["resourceType"].get<std::string>(), r["id"].get<std::string>());
        EXPECT_TRUE(refs.insert(ref).second) << program << " " << ref << " twice";
        EXPECT_EQ(e["fullUrl"], kRehab + ref);
        if (r.contains("url")) {
          canonicals.insert(r["url"].get<std::string>() + "|" + r["version"].get<std::string>());
        }
      }
      std::vector<json> found;
      Collect(bundle, "reference", &found);
      EXPECT_FALSE(found.empty());
      for (const auto& ref : found) EXPECT_TRUE(refs.count(ref)) << program << " " << ref;
      found.clear();
      Collect(bundle, "instantiatesCanonical", &found);
      Collect(bundle, "definitionCanonical", &found);
      EXPECT_FALSE(found.empty());
      for (const auto& c : found) EXPECT_TRUE(canonicals.count(c)) << program << " " << c;
    }
  }
}

TEST(FhirTest, IsACollectionOfThePatientPlanDefinitionsCarePlanAndDiary) {
  json bundle = GoldenBundle("total-knee-replacement", "flare");
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "collection");
  std::vector<json> patients = Resources(bundle, "Patient");
  ASSERT_EQ(patients.size(), 1u);
  // The id alone: rehab never needs a name.
  EXPECT_EQ(patients[0],
            json({{"resourceType", "Patient"}, {"id", "golden-total-knee-replacement"}}));
  EXPECT_EQ(Resources(bundle, "PlanDefinition").size(), 1u);
  EXPECT_EQ(Resources(bundle, "CarePlan").size(), 1u);
  EXPECT_EQ(Resources(bundle, "Questionnaire").size(), 1u);
  EXPECT_FALSE(Resources(bundle, "ActivityDefinition").empty());
  EXPECT_FALSE(Resources(bundle, "Observation").empty());
  for (const auto& e : bundle["entry"]) EXPECT_FALSE(e.contains("request"));
}

TEST(FhirTest, FhirTransactionPutsEachEntryAtItsOwnId) {
  json bundle = GoldenBundle("total-knee-replacement", "none", {"--fhir-transaction"});
  EXPECT_EQ(bundle["type"], "transaction");
  for (const auto& e : bundle["entry"]) {
    const json& r = e["resource"];
    EXPECT_EQ(e["request"], json({{"method", "PUT"},
                                  {"url", fmt::format("{}/{}", r["resourceType"].get<std::string>(),
                                                      r["id"].get<std::string>())}}));
  }
}

TEST(FhirTest, FhirTransactionWithAnotherFormatIsAUsageError) {
  RunResult r = GoldenPlan("total-knee-replacement", "none", "json", {"--fhir-transaction"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "rehab: --fhir-transaction applies to --format fhir only, got --format json\n");
}

TEST(FhirTest, PainIsLoinc72514WithAnIntegerForEachTimingToldApartByItsMethod) {
  json bundle = GoldenBundle("total-knee-replacement", "flare");
  std::vector<json> pains = ObservationsCoded(bundle, "http://loinc.org", "72514-3");
  // 21 diary rows, each with during, after and next morning.
  ASSERT_EQ(pains.size(), 63u);
  std::map<std::string, int> timings;
  for (const json& o : pains) {
    EXPECT_TRUE(o["valueInteger"].is_number_integer());
    ASSERT_EQ(o["method"]["coding"].size(), 1u);
    EXPECT_EQ(o["method"]["coding"][0]["system"], std::string(kRehab) + "CodeSystem/pain-timing");
    ++timings[o["method"]["coding"][0]["code"]];
  }
  EXPECT_EQ(timings, (std::map<std::string, int>{{"after", 21}, {"during", 21}, {"morning", 21}}));
  // The flare's last day: 6 during, 7 after, 5 the next morning.
  std::map<std::string, int> last;
  for (const json& o : pains) {
    if (o["effectiveDateTime"] == "2026-11-22")
      last[o["method"]["coding"][0]["code"]] = o["valueInteger"];
  }
  EXPECT_EQ(last, (std::map<std::string, int>{{"after", 7}, {"during", 6}, {"morning", 5}}));
}

TEST(FhirTest, KneeFlexionIsARangeOfJointMovementInDegreesAtTheKnee) {
  json bundle = FixtureBundle();
  std::vector<json> flexion =
      ObservationsCoded(bundle, std::string(kRehab) + "CodeSystem/diary-measure", "flexion");
  ASSERT_EQ(flexion.size(), 3u);  // the row after today is left out
  const json& o = flexion[0];
  EXPECT_EQ(o["effectiveDateTime"], "2026-10-27");
  EXPECT_EQ(o["valueQuantity"], json({{"value", 70.0},
                                      {"unit", "deg"},
                                      {"system", "http://unitsofmeasure.org"},
                                      {"code", "deg"}}));
  EXPECT_EQ(o["code"]["coding"][1]["system"], "http://snomed.info/sct");
  EXPECT_EQ(o["code"]["coding"][1]["code"], "364564000");
  EXPECT_EQ(o["bodySite"]["coding"][0]["code"], "72696002");
  EXPECT_EQ(o["bodySite"]["text"], "left knee");
  EXPECT_EQ(ObservationsCoded(bundle, std::string(kRehab) + "CodeSystem/diary-measure",
                              "extension-deficit")
                .size(),
            2u);
}

TEST(FhirTest, SwellingIsCodedWithSnomedQualifiers) {
  json bundle = FixtureBundle();
  std::vector<json> swelling = ObservationsCoded(bundle, "http://snomed.info/sct", "299322007");
  ASSERT_EQ(swelling.size(), 3u);
  std::vector<std::string> values;
  for (const json& o : swelling) values.push_back(o["valueCodeableConcept"]["coding"][0]["code"]);
  EXPECT_EQ(values, (std::vector<std::string>{"6736007", "255604002", "260413007"}));
}

TEST(FhirTest, AFlagIsAFindingWithItsSnomedCodeWhereThereIsOne) {
  json bundle = FixtureBundle();
  std::vector<json> fever =
      ObservationsCoded(bundle, std::string(kRehab) + "CodeSystem/diary-flag", "fever");
  ASSERT_EQ(fever.size(), 1u);
  EXPECT_EQ(fever[0]["valueBoolean"], true);
  EXPECT_EQ(fever[0]["code"]["coding"][1], json({{"system", "http://snomed.info/sct"},
                                                 {"code", "386661006"},
                                                 {"display", "Fever (finding)"}}));
  std::vector<json> cleared =
      ObservationsCoded(bundle, std::string(kRehab) + "CodeSystem/diary-flag", "cleared");
  ASSERT_EQ(cleared.size(), 1u);
  EXPECT_EQ(cleared[0]["code"]["coding"].size(), 1u);  // no standard code: rehab's alone
}

TEST(FhirTest, TwoRowsOnOneDateGiveObservationsOfDifferentIds) {
  json bundle = FixtureBundle();
  std::vector<json> morning;
  for (const json& o : ObservationsCoded(bundle, "http://loinc.org", "72514-3")) {
    if (o["effectiveDateTime"] == "2026-10-29" && o["method"]["coding"][0]["code"] == "morning") {
      morning.push_back(o);
    }
  }
  ASSERT_EQ(morning.size(), 2u);
  EXPECT_NE(morning[0]["id"], morning[1]["id"]);
}

TEST(FhirTest, ANoteIsAnObservationOfItsOwnWithTheTextAsWritten) {
  json bundle = FixtureBundle();
  std::vector<json> notes =
      ObservationsCoded(bundle, std::string(kRehab) + "CodeSystem/diary-item", "note");
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_EQ(notes[3]["valueString"], "seen by Dr. Ortiz: \"all fine\"");
}

TEST(FhirTest, IdsThatFhirDoesNotTakeAreMadeValidAndKeptApart) {
  const std::regex valid("[A-Za-z0-9.-]{1,64}");
  const std::vector<std::string> raws = {"p_1", "p 1", std::string(80, 'a'),
                                         std::string(80, 'a') + "b", "\u00e9"};
  for (const std::string& raw : raws) {
    EXPECT_TRUE(std::regex_match(fhir::Id(raw), valid)) << raw << " -> " << fhir::Id(raw);
  }
  EXPECT_EQ(fhir::Id("golden-acl.2026-11-02"), "golden-acl.2026-11-02");
  EXPECT_NE(fhir::Id("p_1"), fhir::Id("p 1"));
  EXPECT_NE(fhir::Id(std::string(80, 'a')), fhir::Id(std::string(80, 'a') + "b"));
  json bundle = FixtureBundle();
  for (const auto& e : bundle["entry"]) {
    EXPECT_TRUE(std::regex_match(e["resource"]["id"].get<std::string>(), valid))
        << e["resource"]["id"];
  }
}

TEST(FhirTest, SessionTimesCarryTheZonesOffsetOnTheirDate) {
  // New York leaves daylight saving time on 2026-11-01.
  json bundle = FixtureBundle();
  std::vector<json> events;
  Collect(Resources(bundle, "CarePlan")[0], "event", &events);
  std::set<std::string> offsets_before, offsets_after;
  for (const auto& e : events) {
    std::string s = e;
    (s.substr(0, 10) < "2026-11-01" ? offsets_before : offsets_after).insert(s.substr(19));
  }
  EXPECT_EQ(offsets_before, (std::set<std::string>{"-04:00"}));
  EXPECT_EQ(offsets_after, (std::set<std::string>{"-05:00"}));
}

// 02:30 does not exist in New York on 2027-03-14: the plan moves it to 03:30
// (daylight time), and the Bundle says that instant.
TEST(FhirTest, ASessionMovedOutOfTheClocksGapIsAtTheMovedTimeInDaylightTime) {
  RunResult r =
      RunBinary({"plan", "medial-knee-pain", "--patient", DataPath("dst/new-york-night.yaml"),
                 "--today", "2027-03-10", "--weeks", "2", "--format", "fhir", "-o", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> events;
  Collect(Resources(json::parse(r.out), "CarePlan")[0], "event", &events);
  std::set<std::string> night;
  for (const auto& e : events) {
    std::string s = e;
    if (s.substr(0, 10) >= "2027-03-13" && s.substr(0, 10) <= "2027-03-15" && s[11] == '0') {
      night.insert(s);
    }
  }
  EXPECT_TRUE(night.count("2027-03-13T02:30:00-05:00"));
  EXPECT_TRUE(night.count("2027-03-14T03:30:00-04:00"));
  EXPECT_TRUE(night.count("2027-03-15T02:30:00-04:00"));
  EXPECT_FALSE(night.count("2027-03-14T02:30:00-05:00"));
  EXPECT_FALSE(night.count("2027-03-14T02:30:00-04:00"));
}

TEST(FhirTest, EveryStandardCodeIsOneTheFormatDocumentCites) {
  const std::string doc = ReadFile(SourcePath("docs/formats/fhir.md"));
  const std::set<std::string> standard = {
      "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org",
      "http://terminology.hl7.org/CodeSystem/observation-category",
      "http://terminology.hl7.org/CodeSystem/plan-definition-type"};
  std::set<std::string> seen;
  std::vector<json> bundles = {FixtureBundle()};
  for (const auto& program : ShippedProgramIds()) {
    for (const std::string diary : {"none", "red-flag"})
      bundles.push_back(GoldenBundle(program, diary));
  }
  {
    {
      std::vector<json> codings;
      for (const json& b : bundles) Collect(b, "coding", &codings);
      for (const auto& c : codings) {
        std::string system = c["system"];
        if (system.rfind(kRehab, 0) == 0) {
          // rehab's own: a code system the document's table names.
          const std::string prefix = std::string(kRehab) + "CodeSystem/";
          ASSERT_EQ(system.rfind(prefix, 0), 0u) << system;
          if (seen.insert(system).second) {
            EXPECT_NE(doc.find("| `" + system.substr(prefix.size()) + "` |"), std::string::npos)
                << system << " is not in docs/formats/fhir.md's table of rehab's code systems";
          }
          continue;
        }
        EXPECT_TRUE(standard.count(system)) << system << " is neither standard nor rehab's";
        std::string code = c["code"];
        if (seen.insert(system + "|" + code).second) {
          EXPECT_NE(doc.find("`" + code + "`"), std::string::npos)
              << system << " " << code << " is not cited in docs/formats/fhir.md";
        }
      }
    }
  }
  EXPECT_GE(seen.size(), 16u);
}

TEST(FhirTest, TheFlagTableHasEveryFlagTheDiaryKnowsInItsOrder) {
  std::vector<std::string> flags;
  for (const auto& row : fhir::FlagCodes()) flags.push_back(row.flag);
  EXPECT_EQ(flags, KnownDiaryFlags());
}

TEST(FhirTest, AnActiveRedFlagHoldsThePlanAndIsItsNote) {
  json care = Resources(GoldenBundle("total-knee-replacement", "red-flag"), "CarePlan")[0];
  EXPECT_EQ(care["status"], "on-hold");
  ASSERT_FALSE(care["note"].empty());
  EXPECT_EQ(care["note"][0]["time"], "2026-11-21");
  EXPECT_TRUE(Contains(care["note"][0]["text"], "Call your surgeon's team today"))
      << care["note"][0];
  for (const auto& a : care["activity"]) {
    if (a["id"].get<std::string>().rfind("exercise.", 0) == 0) {
      EXPECT_EQ(a["detail"]["status"], "on-hold");
    }
  }
  json calm = Resources(GoldenBundle("total-knee-replacement", "none"), "CarePlan")[0];
  EXPECT_EQ(calm["status"], "active");
}

// A red flag holds what today's phase prescribes; an exercise of an earlier
// phase is done, not held.
TEST(FhirTest, ARedFlagHoldsTodaysExercisesAndLeavesEarlierOnesCompleted) {
  const std::string program = "knee-osteoarthritis";
  json plan = json::parse(GoldenPlan(program, "red-flag", "json").out);
  json shown = json::parse(RunBinary({"show", program, "--format", "json"}).out);
  std::string phase;
  for (const auto& day : plan["days"]) {
    if (day["date"] == kToday) phase = day["phase"];
  }
  std::set<std::string> todays;
  for (const auto& p : shown["phases"]) {
    if (p["id"] == phase) {
      for (const auto& e : p["exercises"]) todays.insert(e["exercise"].get<std::string>());
    }
  }
  ASSERT_FALSE(todays.empty());
  json care = Resources(GoldenBundle(program, "red-flag"), "CarePlan")[0];
  int held = 0, completed = 0;
  for (const auto& a : care["activity"]) {
    std::string id = a["id"];
    if (id.rfind("exercise.", 0) != 0) continue;
    bool today = todays.count(id.substr(9)) > 0;
    EXPECT_EQ(a["detail"]["status"], today ? "on-hold" : "completed") << id;
    ++(today ? held : completed);
  }
  EXPECT_GT(held, 0);
  EXPECT_GT(completed, 0);
}

TEST(FhirTest, EachDoseChangeIsItsActivitysProgressWithItsReason) {
  json golden = json::parse(GoldenPlan("total-knee-replacement", "flare", "json").out);
  json care = Resources(GoldenBundle("total-knee-replacement", "flare"), "CarePlan")[0];
  std::map<std::string, json> progress;
  for (const auto& a : care["activity"]) progress[a["id"]] = a.value("progress", json::array());
  size_t count = 0;
  for (const auto& c : golden["changes"]) {
    const json& p = progress["exercise." + c["exercise"].get<std::string>()];
    bool found = std::any_of(p.begin(), p.end(), [&](const json& n) {
      return n["time"] == c["date"] && n["text"] == c["reason"]["text"];
    });
    EXPECT_TRUE(found) << c;
    ++count;
  }
  EXPECT_GT(count, 0u);
}

// The round trip: each CarePlan activity's Timing, expanded (its events, in
// local time), gives exactly the JSON plan's sessions of that exercise and
// its ice/heat slots.
using Occurrence = std::tuple<std::string, std::string, std::string>;  // id, date, HH:MM

std::multiset<Occurrence> FromJsonPlan(const json& plan) {
  std::multiset<Occurrence> out;
  for (const auto& day : plan["days"]) {
    for (const auto& s : day["sessions"]) {
      for (const auto& e : s["exercises"])
        out.emplace("exercise." + e["id"].get<std::string>(), day["date"], s["time"]);
    }
    for (const auto& m : day["modalities"])
      out.emplace("modality." + m["id"].get<std::string>(), day["date"], m["time"]);
  }
  return out;
}

std::multiset<Occurrence> FromCarePlan(const json& care) {
  std::multiset<Occurrence> out;
  for (const auto& a : care["activity"]) {
    const json& timing = a["detail"]["scheduledTiming"];
    if (!timing.contains("event")) continue;  // the daily diary
    for (const auto& e : timing["event"]) {
      std::string s = e;  // 2026-11-02T09:00:00-05:00
      out.emplace(a["id"], s.substr(0, 10), s.substr(11, 5));
    }
  }
  return out;
}

TEST(FhirTest, TheCarePlansTimingsExpandToExactlyTheJsonPlansSessions) {
  for (const auto& program : ShippedProgramIds()) {
    for (const std::string& diary : CheckedDiaries()) {
      json plan = json::parse(GoldenPlan(program, diary, "json").out);
      json care = Resources(GoldenBundle(program, diary), "CarePlan")[0];
      std::multiset<Occurrence> expected = FromJsonPlan(plan);
      EXPECT_FALSE(expected.empty());
      EXPECT_EQ(FromCarePlan(care), expected) << program << " " << diary;
    }
  }
}

TEST(FhirTest, ActivitiesGiveTheDoseOfTheirNextSession) {
  json plan = json::parse(GoldenPlan("total-knee-replacement", "none", "json").out);
  json care = Resources(GoldenBundle("total-knee-replacement", "none"), "CarePlan")[0];
  std::map<std::string, std::string>
      next;  // exercise -> dose text, side, of its first session from today
  for (const auto& day : plan["days"]) {
    if (day["date"] < kToday) continue;
    for (const auto& s : day["sessions"]) {
      for (const auto& e : s["exercises"]) next.emplace(e["id"], e["dose"]["text"]);
    }
  }
  ASSERT_FALSE(next.empty());
  for (const auto& a : care["activity"]) {
    std::string id = a["id"];
    if (id.rfind("exercise.", 0) != 0) continue;
    auto found = next.find(id.substr(9));
    if (found == next.end()) continue;
    EXPECT_EQ(a["detail"]["description"].get<std::string>().rfind(found->second + ", ", 0), 0u)
        << id << ": " << a["detail"]["description"];
  }
}

TEST(FhirTest, BatchWritesABundlePerPatient) {
  ScopedTempDir out;
  RunResult r = RunBinary({"batch", DataPath("batch"), "-o", out.path().string(), "--today", kToday,
                           "--format", "fhir"});
  EXPECT_TRUE(r.exit_code == 1 || r.exit_code == 3) << r.err;  // p-typo fails
  json bundle = json::parse(ReadFile(out.File("p-acl.fhir.json")));
  EXPECT_EQ(bundle["type"], "collection");
  EXPECT_EQ(Resources(bundle, "Patient")[0]["id"], "p-acl");
}

// The manifest's hash of a patient's inputs counts --fhir-transaction: asked
// for it, a second run over the same folder rewrites the Bundles.
TEST(FhirTest, BatchRewritesTheBundlesWhenAskedForTransactions) {
  ScopedTempDir out;
  std::vector<std::string> args = {
      "batch", DataPath("batch"), "-o", out.path().string(), "--today", kToday, "--format", "fhir"};
  RunBinary(args);
  EXPECT_EQ(json::parse(ReadFile(out.File("p-acl.fhir.json")))["type"], "collection");
  args.push_back("--fhir-transaction");
  RunResult r = RunBinary(args);
  EXPECT_TRUE(Contains(r.out, "3 written, 0 unchanged")) << r.out;
  EXPECT_EQ(json::parse(ReadFile(out.File("p-acl.fhir.json")))["type"], "transaction");
}

}  // namespace
}  // namespace rehab::testing
