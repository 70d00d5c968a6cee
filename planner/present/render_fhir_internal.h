// What the FHIR renderer's two files share: ids, references, canonical URLs,
// the code systems and the terminology tables (docs/formats/fhir.md cites
// every code here). Not a public header.
#ifndef REHAB_PLANNER_PRESENT_RENDER_FHIR_INTERNAL_H_
#define REHAB_PLANNER_PRESENT_RENDER_FHIR_INTERNAL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/plan.h"

namespace rehab::fhir {

using Json = nlohmann::ordered_json;

// Where rehab's own definitions live: a reserved domain (RFC 2606), so no
// code or canonical URL of rehab's can be taken for a real one.
inline constexpr char kBase[] = "https://rehab.invalid/fhir";

// The standard systems (their URLs as FHIR R4 names them).
inline constexpr char kLoinc[] = "http://loinc.org";
inline constexpr char kSnomed[] = "http://snomed.info/sct";
inline constexpr char kUcum[] = "http://unitsofmeasure.org";
inline constexpr char kObservationCategory[] =
    "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr char kPlanDefinitionType[] =
    "http://terminology.hl7.org/CodeSystem/plan-definition-type";
inline constexpr char kTzCode[] = "http://hl7.org/fhir/StructureDefinition/tz-code";
inline constexpr char kMinValue[] = "http://hl7.org/fhir/StructureDefinition/minValue";
inline constexpr char kMaxValue[] = "http://hl7.org/fhir/StructureDefinition/maxValue";

// LOINC 72514-3: pain severity on the 0-10 numeric rating scale.
inline constexpr char kPainLoinc[] = "72514-3";
inline constexpr char kPainLoincDisplay[] =
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported";

// rehab's code systems: kBase + "/CodeSystem/" + one of these names.
inline constexpr char kExerciseSystem[] = "exercise";       // exercise ids
inline constexpr char kModalitySystem[] = "modality";       // ice/heat ids
inline constexpr char kMeasureSystem[] = "diary-measure";   // diary measure names
inline constexpr char kFlagSystem[] = "diary-flag";         // diary flags
inline constexpr char kPainTimingSystem[] = "pain-timing";  // during, after, morning
inline constexpr char kDiaryItemSystem[] = "diary-item";    // swelling, note, diary
std::string CodeSystemUrl(std::string_view name);

// A FHIR id ([A-Za-z0-9.-]{1,64}) for `raw`: `raw` itself when it is one;
// otherwise its other characters turned into '-', cut to fit, and its FNV-1a
// hash appended, so two different raw ids never give the same FHIR id.
std::string Id(std::string_view raw);

// "https://rehab.invalid/fhir/<type>/<id>": a definition's canonical URL
// and an entry's fullUrl.
std::string Url(std::string_view type, const std::string& id);

// {"reference": "<type>/<id>"}.
Json Reference(std::string_view type, const std::string& id);

// {"system", "code", "display"} (no display when `display` is empty).
Json Coding(std::string_view system, std::string_view code, std::string_view display = "");

// A Quantity in UCUM: {"value", "unit", "system", "code"}; without a unit
// when `ucum` is empty.
Json Quantity(double value, std::string_view ucum);

// The ids of the plan's resources.
struct Ids {
  std::string patient;
  std::string plan_definition;
  std::string care_plan;
  std::string questionnaire;
  std::string ActivityDefinition(const std::string& exercise_id) const;
};
Ids IdsOf(const Plan& plan);

// The program's version as the definitions' `version` ("3").
std::string Version(const Plan& plan);

// A diary measure's code (rehab's, and SNOMED's range-of-joint-movement for
// the knee's range measures) and its UCUM unit ("" when it has none).
Json MeasureConcept(const std::string& measure);
std::string MeasureUnit(const std::string& measure);
bool IsKneeRange(const std::string& measure);

// SNOMED CT 72696002 |Knee region structure|, the site of the knee's
// range-of-movement observations, with the patient's side in words.
Json KneeSite(const Plan& plan);

// The pain measures' code (LOINC 72514-3) and the swelling finding's.
Json PainConcept(std::string_view text);
Json SwellingConcept();
// A swelling level as SNOMED CT's qualifier (none, mild, moderate, severe).
Json SwellingValue(Swelling level);

// A diary flag's code: rehab's, and the SNOMED CT finding where one exists.
Json FlagConcept(const std::string& flag);
// The flags the diary knows, in the order of docs/formats/diary.md, each
// with its SNOMED CT finding ("" for none).
struct FlagCode {
  const char* flag;
  const char* snomed;
  const char* display;
};
const std::vector<FlagCode>& FlagCodes();

// The diary as Observations, each an entry of the Bundle's resources (in
// diary order: date, then file order; within an entry: pain during, after,
// next morning, swelling, measures by name, flags, note). Entries dated
// after `today` are left out, as the plan leaves them out.
std::vector<Json> DiaryObservations(const Plan& plan, const Ids& ids);

// The diary's questions: date, the three pains, swelling, the measures the
// program's exit criteria read, the flags, a note.
Json DiaryQuestionnaire(const Plan& plan, const Ids& ids);

}  // namespace rehab::fhir

#endif  // REHAB_PLANNER_PRESENT_RENDER_FHIR_INTERNAL_H_
