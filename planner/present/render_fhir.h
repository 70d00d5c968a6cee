// The plan as one FHIR R4 JSON Bundle (docs/formats/fhir.md): the Patient
// (its id only), the program as a PlanDefinition with an ActivityDefinition
// per exercise, the patient's plan as a CarePlan, the diary as Observations
// and the diary's questions as a Questionnaire.
#ifndef REHAB_PLANNER_PRESENT_RENDER_FHIR_H_
#define REHAB_PLANNER_PRESENT_RENDER_FHIR_H_

#include <string>

#include "planner/model/plan.h"

namespace rehab {

struct FhirOptions {
  // A Bundle of type "transaction" whose entries each carry a PUT request
  // (to file the plan into a FHIR server, idempotently); otherwise type
  // "collection".
  bool transaction = false;
};

// The Bundle, pretty-printed with keys in a fixed order, ending with a
// newline. Every id is made from the plan's own ids (patient, program,
// exercise, diary date), so the same plan gives the same bytes, and a
// re-import updates the resources instead of duplicating them.
std::string RenderFhir(const Plan& plan, const FhirOptions& options = {});

}  // namespace rehab

#endif  // REHAB_PLANNER_PRESENT_RENDER_FHIR_H_
