// The FHIR renderer's ids, references and terminology: which standard code
// stands for which of rehab's words, and rehab's own code systems for the
// rest (docs/formats/fhir.md lists and cites each code).
#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "planner/base/hash.h"
#include "planner/present/messages.h"
#include "planner/present/render_fhir_internal.h"

namespace rehab::fhir {

namespace {

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

// The diary measures with a unit: UCUM codes (https://ucum.org).
struct MeasureUnitRow {
  const char* measure;
  const char* ucum;
};
constexpr MeasureUnitRow kMeasureUnits[] = {
    {"flexion", "deg"},          {"extension", "deg"},   {"extension-deficit", "deg"},
    {"extension-lag", "deg"},    {"walk-distance", "m"}, {"quad-strength", "%"},
    {"hamstring-strength", "%"}, {"hop-symmetry", "%"},  {"single-leg-reach", "%"},
    {"acl-rsi", "{score}"},      {"less", "{score}"},    {"tug-seconds", "s"},
};

// SNOMED CT 364564000 |Range of joint movement (observable entity)|.
constexpr char kRangeOfMovement[] = "364564000";
constexpr char kRangeOfMovementDisplay[] = "Range of joint movement (observable entity)";

}  // namespace

std::string CodeSystemUrl(std::string_view name) {
  return fmt::format("{}/CodeSystem/{}", kBase, name);
}

std::string Id(std::string_view raw) {
  constexpr size_t kMax = 64;
  bool valid = !raw.empty() && raw.size() <= kMax;
  std::string id;
  for (char c : raw) {
    if (IsIdChar(c)) {
      id += c;
    } else {
      id += '-';
      valid = false;
    }
  }
  if (valid) return id;
  Fnv1a64 hash;
  hash.Add(raw);
  std::string suffix = fmt::format("{:016x}", hash.value());
  constexpr size_t kKeep = kMax - 16 - 1;
  if (id.size() > kKeep) id.resize(kKeep);
  return id.empty() ? suffix : id + "-" + suffix;
}

std::string Url(std::string_view type, const std::string& id) {
  return fmt::format("{}/{}/{}", kBase, type, id);
}

Json Reference(std::string_view type, const std::string& id) {
  return Json{{"reference", fmt::format("{}/{}", type, id)}};
}

Json Coding(std::string_view system, std::string_view code, std::string_view display) {
  Json j;
  j["system"] = system;
  j["code"] = code;
  if (!display.empty()) j["display"] = display;
  return j;
}

Json Quantity(double value, std::string_view ucum) {
  Json j;
  // A whole number as one ("90", not "90.0"): FHIR's decimal keeps the
  // precision written.
  if (std::trunc(value) == value && std::abs(value) < 1e15) {
    j["value"] = static_cast<int64_t>(value);
  } else {
    j["value"] = value;
  }
  if (!ucum.empty()) {
    j["unit"] = ucum;
    j["system"] = kUcum;
    j["code"] = ucum;
  }
  return j;
}

std::string Ids::ActivityDefinition(const std::string& exercise_id) const {
  return Id(plan_definition + "." + exercise_id);
}

Ids IdsOf(const Plan& plan) {
  Ids ids;
  ids.patient = Id(plan.patient.id);
  ids.plan_definition = Id(plan.program->id);
  ids.care_plan = Id(plan.patient.id + "." + plan.program->id);
  ids.questionnaire = Id(plan.program->id + ".diary");
  return ids;
}

std::string Version(const Plan& plan) { return std::to_string(plan.program->version); }

std::string MeasureUnit(const std::string& measure) {
  for (const auto& row : kMeasureUnits) {
    if (measure == row.measure) return row.ucum;
  }
  return "";
}

bool IsKneeRange(const std::string& measure) {
  return measure == "flexion" || measure == "extension" || measure == "extension-deficit";
}

Json MeasureConcept(const std::string& measure) {
  if (measure == "pain" || measure == "morning-pain") return PainConcept(measure);
  if (measure == "swelling") return SwellingConcept();
  Json coding = Json::array();
  coding.push_back(Coding(CodeSystemUrl(kMeasureSystem), measure));
  if (IsKneeRange(measure))
    coding.push_back(Coding(kSnomed, kRangeOfMovement, kRangeOfMovementDisplay));
  return Json{{"coding", coding}, {"text", measure}};
}

Json KneeSite(const Plan& plan) {
  StringId knee = plan.patient.side == Side::kLeft   ? StringId::kKneeLeft
                  : plan.patient.side == Side::kBoth ? StringId::kKneeBoth
                                                     : StringId::kKneeRight;
  return Json{
      {"coding",
       Json::array({Coding(kSnomed, "72696002", "Knee region structure (body structure)")})},
      {"text", Text(knee, plan.patient.language)}};
}

Json PainConcept(std::string_view text) {
  return Json{{"coding", Json::array({Coding(kLoinc, kPainLoinc, kPainLoincDisplay)})},
              {"text", text}};
}

Json SwellingConcept() {
  return Json{
      {"coding", Json::array({Coding(CodeSystemUrl(kDiaryItemSystem), "swelling"),
                              Coding(kSnomed, "299322007", "Swelling of knee joint (finding)")})},
      {"text", "swelling"}};
}

Json SwellingValue(Swelling level) {
  // SNOMED CT qualifier values; mild, moderate and severe are those of FHIR
  // R4's condition-severity value set.
  static constexpr const char* kCodes[][2] = {
      {"260413007", "None (qualifier value)"},
      {"255604002", "Mild (qualifier value)"},
      {"6736007", "Moderate (severity modifier) (qualifier value)"},
      {"24484000", "Severe (severity modifier) (qualifier value)"}};
  const auto& code = kCodes[static_cast<int>(level)];
  return Json{{"coding", Json::array({Coding(kSnomed, code[0], code[1])})},
              {"text", ToString(level)}};
}

const std::vector<FlagCode>& FlagCodes() {
  static const std::vector<FlagCode> kFlags = {
      {"fever", "386661006", "Fever (finding)"},
      {"chills", "43724002", "Chill (finding)"},
      {"calf-pain", "", ""},
      {"calf-swelling", "", ""},
      {"wound-redness", "", ""},
      {"wound-drainage", "", ""},
      {"chest-pain", "29857009", "Chest pain (finding)"},
      {"breathless", "267036007", "Dyspnea (finding)"},
      {"giving-way", "", ""},
      {"locking", "", ""},
      {"fall", "", ""},
      {"no-weight-bearing", "", ""},
      {"hot-swollen-knee", "", ""},
      {"malaise", "367391008", "Malaise (finding)"},
      {"weight-loss", "89362005", "Weight loss (finding)"},
      {"limits-movement", "", ""},
      {"injury", "", ""},
      {"cleared", "", ""},
      {"reviewed", "", ""},
  };
  return kFlags;
}

Json FlagConcept(const std::string& flag) {
  Json coding = Json::array({Coding(CodeSystemUrl(kFlagSystem), flag)});
  for (const auto& row : FlagCodes()) {
    if (flag == row.flag && *row.snomed != '\0')
      coding.push_back(Coding(kSnomed, row.snomed, row.display));
  }
  return Json{{"coding", coding}, {"text", flag}};
}

}  // namespace rehab::fhir
