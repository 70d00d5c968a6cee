// The diary in FHIR: each value of each entry an Observation, and the
// diary's questions a Questionnaire (docs/formats/fhir.md).
#include <fmt/format.h>

#include <map>
#include <set>

#include "planner/present/messages.h"
#include "planner/present/render_fhir_internal.h"

namespace rehab::fhir {

namespace {

Json Category(std::string_view code, std::string_view display) {
  return Json::array(
      {Json{{"coding", Json::array({Coding(kObservationCategory, code, display)})}}});
}

// The fields every diary Observation starts with.
Json ObservationBase(const Ids& ids, const std::string& id, bool exam, const Json& code,
                     Date date) {
  Json o;
  o["resourceType"] = "Observation";
  o["id"] = id;
  o["basedOn"] = Json::array({Reference("CarePlan", ids.care_plan)});
  o["status"] = "final";
  o["category"] = exam ? Category("exam", "Exam") : Category("survey", "Survey");
  o["code"] = code;
  o["subject"] = Reference("Patient", ids.patient);
  o["effectiveDateTime"] = FormatDate(date);
  return o;
}

struct PainTiming {
  std::optional<int> DiaryEntry::*value;
  const char* code;  // in the pain-timing code system
  StringId words;
};
constexpr PainTiming kPainTimings[] = {
    {&DiaryEntry::during, "during", StringId::kPainDuring},
    {&DiaryEntry::after, "after", StringId::kPainAfter},
    {&DiaryEntry::morning, "morning", StringId::kPainMorning},
};

}  // namespace

std::vector<Json> DiaryObservations(const Plan& plan, const Ids& ids) {
  std::vector<Json> out;
  const std::string& language = plan.patient.language;
  std::map<Date, int> seen;  // entries so far on each date
  for (const DiaryEntry& e : plan.diary.entries) {
    if (e.date > plan.today) continue;
    int n = ++seen[e.date];
    auto id = [&](std::string_view item) {
      return Id(fmt::format("{}.{}.{}.{}", plan.patient.id, FormatDate(e.date), n, item));
    };
    for (const auto& timing : kPainTimings) {
      const std::optional<int>& value = e.*timing.value;
      if (!value) continue;
      const char* words = Text(timing.words, language);
      Json o = ObservationBase(ids, id(fmt::format("pain-{}", timing.code)), false,
                               PainConcept(words), e.date);
      o["valueInteger"] = *value;
      o["method"] =
          Json{{"coding", Json::array({Coding(CodeSystemUrl(kPainTimingSystem), timing.code)})},
               {"text", words}};
      out.push_back(std::move(o));
    }
    if (e.swelling) {
      Json o = ObservationBase(ids, id("swelling"), false, SwellingConcept(), e.date);
      o["valueCodeableConcept"] = SwellingValue(*e.swelling);
      o["bodySite"] = KneeSite(plan);
      out.push_back(std::move(o));
    }
    for (const auto& [measure, value] : e.measures) {
      Json o =
          ObservationBase(ids, id("measure-" + measure), true, MeasureConcept(measure), e.date);
      o["valueQuantity"] = Quantity(value, MeasureUnit(measure));
      if (IsKneeRange(measure)) o["bodySite"] = KneeSite(plan);
      out.push_back(std::move(o));
    }
    for (const std::string& flag : e.flags) {
      Json o = ObservationBase(ids, id("flag-" + flag), false, FlagConcept(flag), e.date);
      o["valueBoolean"] = true;
      out.push_back(std::move(o));
    }
    if (!e.note.empty()) {
      Json code = {{"coding", Json::array({Coding(CodeSystemUrl(kDiaryItemSystem), "note")})},
                   {"text", "note"}};
      Json o = ObservationBase(ids, id("note"), false, code, e.date);
      o["valueString"] = e.note;
      out.push_back(std::move(o));
    }
  }
  return out;
}

Json DiaryQuestionnaire(const Plan& plan, const Ids& ids) {
  const std::string& language = plan.patient.language;
  Json q;
  q["resourceType"] = "Questionnaire";
  q["id"] = ids.questionnaire;
  q["url"] = Url("Questionnaire", ids.questionnaire);
  q["version"] = Version(plan);
  q["title"] = Text(StringId::kLogHeading, language);
  q["status"] = "active";
  q["subjectType"] = Json::array({"Patient"});
  q["code"] = Json::array({Coding(CodeSystemUrl(kDiaryItemSystem), "diary")});
  Json items = Json::array();
  items.push_back({{"linkId", "date"},
                   {"text", Text(StringId::kPainChangeDate, language)},
                   {"type", "date"},
                   {"required", true}});
  for (const auto& timing : kPainTimings) {
    Json item;
    item["extension"] = Json::array(
        {{{"url", kMinValue}, {"valueInteger", 0}}, {{"url", kMaxValue}, {"valueInteger", 10}}});
    item["linkId"] = fmt::format("pain-{}", timing.code);
    item["code"] = Json::array({Coding(kLoinc, kPainLoinc, kPainLoincDisplay)});
    item["text"] = Text(timing.words, language);
    item["type"] = "integer";
    items.push_back(std::move(item));
  }
  Json swelling;
  swelling["linkId"] = "swelling";
  swelling["code"] = SwellingConcept()["coding"];
  swelling["text"] = SwellingConcept()["text"];
  swelling["type"] = "choice";
  Json levels = Json::array();
  for (Swelling level : {Swelling::kNone, Swelling::kMild, Swelling::kModerate, Swelling::kSevere})
    levels.push_back({{"valueCoding", SwellingValue(level)["coding"][0]}});
  swelling["answerOption"] = levels;
  items.push_back(std::move(swelling));
  // The measures the program's exit criteria read, in the order they first
  // appear (pain and swelling have their own questions).
  std::vector<std::string> measures;
  std::set<std::string> listed = {"pain", "morning-pain", "swelling"};
  for (const Phase& phase : plan.program->phases) {
    for (const Criterion& c : phase.exit_criteria) {
      if (listed.insert(c.measure).second) measures.push_back(c.measure);
    }
  }
  for (const std::string& measure : measures) {
    Json item;
    item["linkId"] = "measure-" + measure;
    item["code"] = MeasureConcept(measure)["coding"];
    item["text"] = measure;
    item["type"] = "decimal";
    items.push_back(std::move(item));
  }
  Json flags;
  flags["linkId"] = "flags";
  flags["text"] = Text(StringId::kRedFlagsHeading, language);
  flags["type"] = "choice";
  flags["repeats"] = true;
  Json options = Json::array();
  for (const FlagCode& row : FlagCodes()) {
    Json coding = Coding(CodeSystemUrl(kFlagSystem), row.flag);
    // The program's words for the warning sign, where it has one.
    for (const RedFlag& red : plan.program->red_flags) {
      if (red.flag == row.flag) {
        coding["display"] = red.text;
        break;
      }
    }
    options.push_back({{"valueCoding", coding}});
  }
  flags["answerOption"] = options;
  items.push_back(std::move(flags));
  items.push_back({{"linkId", "note"},
                   {"text", MessageText(Message("text.note"), language)},
                   {"type", "text"}});
  q["item"] = items;
  return q;
}

}  // namespace rehab::fhir
