// The care team on the handout: the clinic and the surgeon's team on page 1,
// and the numbers to call in the red-flag box, worded from the catalogue.
#include "planner/present/html_care_team.h"

#include <string>
#include <vector>

namespace rehab::html {
namespace {

// `text`, escaped, with each of `phones` kept on one line: a number broken
// after a hyphen is easy to misdial. Phones hold no character that escaping
// changes (the loader allows digits, spaces and + - ( ) . only).
std::string EscapeKeepingPhones(const std::string& text, const std::vector<std::string>& phones) {
  std::string out = EscapeHtml(text);
  for (const auto& phone : phones) {
    if (phone.empty()) continue;
    std::string kept = "<span style=\"white-space: nowrap\">" + phone + "</span>";
    for (size_t at = out.find(phone); at != std::string::npos;
         at = out.find(phone, at + kept.size())) {
      out.replace(at, phone.size(), kept);
    }
  }
  return out;
}

// One labelled paragraph: a header line (class "meta", like the others there)
// or the red-flag box's numbers (class "calls").
void WriteLine(Writer& w, const char* css_class, const char* id, const std::string& label,
               const std::string& text, const std::vector<std::string>& phones) {
  w.Addf("<p class=\"{}\" id=\"{}\"><span class=\"label\">{}:</span> {}</p>\n", css_class, id,
         EscapeHtml(label), EscapeKeepingPhones(text, phones));
}

std::string Words(const Message& m, const std::string& language) {
  return MessageText(m, language);
}

// "Lakeside Physiotherapy, therapist: Sam Rivera, phone 555-0199, open Mon-Fri 8-5".
void WriteHeaderLines(Writer& w, const CareTeam& team, const std::vector<std::string>& phones) {
  const std::string& lang = w.view().language;
  std::vector<std::string> parts;
  if (!team.clinic.empty()) parts.push_back(team.clinic);
  if (!team.therapist.empty()) {
    parts.push_back(Words(Message("care.therapist").With("name", team.therapist), lang));
  }
  if (!team.clinic_phone.empty()) {
    parts.push_back(Words(Message("care.phone").With("phone", team.clinic_phone), lang));
  }
  if (!team.clinic_hours.empty()) {
    parts.push_back(Words(Message("care.hours").With("hours", team.clinic_hours), lang));
  }
  if (!parts.empty()) {
    WriteLine(w, "meta", "care-clinic", Words(Message("care.clinic.label"), lang),
              Words(Message("care.clinic").With("parts", std::move(parts)), lang), phones);
  }
  if (!team.surgeon_team_phone.empty()) {
    WriteLine(w, "meta", "care-surgeon", Words(Message("care.surgeon.label"), lang),
              Words(Message("care.surgeon").With("phone", SurgeonTeamPhone(team, lang)), lang),
              phones);
  }
}

// "your surgeon's team 555-0100 (after hours: 555-0111); Lakeside Physiotherapy
// 555-0199; emergency 911."
void WriteCalls(Writer& w, const Patient& patient, const CareTeam& team,
                const std::vector<std::string>& phones) {
  const std::string& lang = w.view().language;
  std::vector<std::string> calls;
  if (!team.surgeon_team_phone.empty()) {
    calls.push_back(
        Words(Message("care.calls.surgeon").With("phone", SurgeonTeamPhone(team, lang)), lang));
  }
  if (!team.clinic_phone.empty()) {
    Message clinic = team.clinic.empty() ? Message("care.calls.clinic.unnamed")
                                         : Message("care.calls.clinic").With("clinic", team.clinic);
    calls.push_back(Words(clinic.With("phone", team.clinic_phone), lang));
  }
  if (calls.empty()) return;
  EmergencyNumber emergency = EmergencyNumberFor(patient);
  Message m(emergency.fallback ? "care.calls.emergency-fallback" : "care.calls.emergency");
  calls.push_back(Words(m.With("number", emergency.number), lang));
  std::vector<std::string> kept = phones;
  kept.push_back(emergency.number);
  WriteLine(w, "calls", "care-calls", Words(Message("care.calls.label"), lang),
            Words(Message("care.calls").With("calls", std::move(calls)), lang), kept);
}

}  // namespace

void WriteCareTeam(Writer& w, CareTeamPlace place) {
  const Patient& patient = w.view().plan->patient;
  if (!patient.care_team) return;
  const CareTeam& team = *patient.care_team;
  std::vector<std::string> phones = {team.surgeon_team_phone, team.surgeon_team_after_hours_phone,
                                     team.clinic_phone};
  if (place == CareTeamPlace::kHeader) {
    WriteHeaderLines(w, team, phones);
  } else {
    WriteCalls(w, patient, team, phones);
  }
}

}  // namespace rehab::html
