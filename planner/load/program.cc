// Loading a program: each top-level section read against its schema, the
// phase exercises resolved against the program's own exercises and the
// catalogue, then the rules between sections checked.
#include "planner/load/yaml_loader.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "planner/base/limits.h"
#include "planner/load/citations.h"
#include "planner/load/exercise_reader.h"
#include "planner/load/phase_reader.h"
#include "planner/load/program_checks.h"
#include "planner/load/red_flags.h"
#include "planner/load/schema_reader.h"
#include "planner/load/yaml_tree.h"

namespace rehab {

using load_internal::MapView;
using load_internal::Node;
using load_internal::SchemaReader;
using load_internal::TreeNode;

namespace {

class ProgramParser {
 public:
  // `defaults`: the catalogue's shared red flags (nullptr: none, and no
  // check that every diary flag is covered).
  ProgramParser(const std::string& file, std::string_view text,
                const std::vector<Exercise>& catalogue, Diagnostics* diags,
                const std::vector<RedFlag>* defaults = nullptr)
      : r_(file, text, diags), catalogue_(catalogue), defaults_(defaults), diags_(diags) {}

  std::optional<Program> Parse(const Node& root) {
    Program p;
    p.file = r_.file();
    MapView m;
    if (!r_.Map(root, "a program",
                {"id", "title", "version", "condition", "summary", "anchor", "acute_days", "weeks",
                 "sources", "pain_rules", "exercises", "restrictions", "modalities", "phases",
                 "red_flags", "outcome_measures", "education"},
                {"id", "title", "version", "condition", "anchor", "sources", "phases"}, &m)) {
      return std::nullopt;
    }
    ParseHeading(m, &p);
    ParseSources(m, &p);
    ParsePainRules(m, &p.pain_rules);
    ParseEducation(m, &p);
    ParseLocalExercises(m);
    ParseRestrictions(m, &p);
    ParseModalities(m, &p);
    load_internal::ParsePhases(r_, m, &p);
    const Node* red_flags = ParseRedFlags(m, &p);
    if (defaults_ != nullptr) {
      load_internal::ApplyRedFlagDefaults(r_, *defaults_, red_flags ? *red_flags : root, &p);
    }
    ParseOutcomeMeasures(m, &p);
    CollectExercises(&p);
    load_internal::CheckProgramRules(r_, p);
    load_internal::CheckCitations(r_, root, p, catalogue_);
    if (diags_->HasErrors()) return std::nullopt;
    return p;
  }

 private:
  // The program's identity and time frame.
  void ParseHeading(const MapView& m, Program* p) {
    r_.Id(m, "id", &p->id);
    r_.String(m, "title", &p->title);
    r_.Int(m, "version", 1, 1000000, &p->version);
    r_.String(m, "condition", &p->condition);
    r_.String(m, "summary", &p->summary);
    int anchor = 0;
    if (r_.Enum(m, "anchor", {"start", "surgery"}, &anchor))
      p->anchor = static_cast<Anchor>(anchor);
    r_.Days(m, "acute_days", 0, 365, &p->acute_days);
    r_.Int(m, "weeks", 1, 104, &p->default_weeks);
  }

  void ParseSources(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "sources");
    if (list == nullptr) return;
    if (list->size() == 0) r_.Error(*list, "'sources' needs at least one citation");
    for (const auto& item : *list) {
      MapView s;
      if (!r_.Map(item, "a source", {"id", "citation", "url"}, {"id", "citation"}, &s)) continue;
      Source src;
      r_.String(s, "id", &src.id);
      r_.String(s, "citation", &src.citation);
      r_.String(s, "url", &src.url);
      p->sources.push_back(src);
    }
  }

  void ParsePainRules(const MapView& m, PainRules* rules) {
    const auto* e = m.Find("pain_rules");
    if (e == nullptr) return;
    MapView pr;
    if (!r_.Map(
            e->value, "pain_rules",
            {"safe_max", "acceptable_max", "red_min", "rising_sessions", "stop_after_reds",
             "stop_window_days", "interval_days", "min_logged_per_interval", "gap_days",
             "persistent_pain_days", "persistent_pain_min", "baseline_mornings", "on_repeated_red"},
            {}, &pr)) {
      return;
    }
    rules->loc = r_.Loc(e->value);
    r_.Int(pr, "safe_max", 0, 10, &rules->safe_max);
    r_.Int(pr, "acceptable_max", 0, 10, &rules->acceptable_max);
    r_.Int(pr, "red_min", 1, 10, &rules->red_min);
    r_.Int(pr, "rising_sessions", 2, 14, &rules->rising_sessions);
    r_.Int(pr, "stop_after_reds", 1, 20, &rules->stop_after_reds);
    r_.Int(pr, "stop_window_days", 1, 90, &rules->stop_window_days);
    r_.Int(pr, "interval_days", 1, 56, &rules->interval_days);
    r_.Int(pr, "min_logged_per_interval", 0, 14, &rules->min_logged_per_interval);
    r_.Int(pr, "gap_days", 2, 60, &rules->gap_days);
    r_.Int(pr, "persistent_pain_days", 0, 730, &rules->persistent_pain_days);
    r_.Int(pr, "persistent_pain_min", 1, 10, &rules->persistent_pain_min);
    r_.Int(pr, "baseline_mornings", 1, 14, &rules->baseline_mornings);
    int repeated = 0;
    if (r_.Enum(pr, "on_repeated_red", {"lowest-step", "stop"}, &repeated)) {
      rules->on_repeated_red = static_cast<RepeatedRed>(repeated);
    }
    if (rules->safe_max > rules->acceptable_max) {
      r_.Error(e->value, "pain_rules: 'safe_max' must not be above 'acceptable_max'");
    }
    if (rules->red_min <= rules->acceptable_max) {
      r_.Error(e->value, "pain_rules: 'red_min' must be above 'acceptable_max'");
    }
  }

  void ParseEducation(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "education");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView em;
      if (!r_.Map(item, "an education item", {"id", "title", "text"}, {"id", "title", "text"},
                  &em)) {
        continue;
      }
      Education ed;
      ed.loc = r_.Loc(item);
      r_.Id(em, "id", &ed.id);
      r_.String(em, "title", &ed.title);
      r_.String(em, "text", &ed.text);
      if (p->FindEducation(ed.id) != nullptr) {
        r_.Error(ed.loc, fmt::format("education item '{}' is defined twice", ed.id));
      }
      p->education.push_back(ed);
    }
  }

  // Program-local exercises: new definitions or overrides of catalogue entries.
  void ParseLocalExercises(const MapView& m) {
    const Node* list = r_.List(m, "exercises");
    if (list == nullptr) return;
    if (list->size() > static_cast<size_t>(kMaxExercises)) {
      r_.Error(*list,
               fmt::format("{} exercises, more than the limit of {}", list->size(), kMaxExercises));
      return;
    }
    for (const auto& item : *list) {
      const Exercise* base = nullptr;
      if (item.IsMap() && item["id"] && item["id"].IsScalar()) {
        base = load_internal::FindExercise(catalogue_, item["id"].Scalar());
      }
      Exercise ex;
      if (!load_internal::ParseExercise(r_, item, base, &ex) || ex.id.empty()) continue;
      if (load_internal::FindExercise(local_, ex.id) != nullptr) {
        r_.Error(item, fmt::format("exercise '{}' is defined twice", ex.id));
        continue;
      }
      local_.push_back(std::move(ex));
    }
  }

  void ParseRestrictions(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "restrictions");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView rm;
      if (!r_.Map(item, "a restriction", {"tag", "from", "until", "reason"},
                  {"tag", "until", "reason"}, &rm)) {
        continue;
      }
      Restriction res;
      res.loc = r_.Loc(item);
      r_.String(rm, "tag", &res.tag);
      r_.Days(rm, "from", 0, 3650, &res.from_day);
      r_.Days(rm, "until", 1, 3650, &res.until_day);
      r_.String(rm, "reason", &res.reason);
      if (rm.Find("until") && res.until_day <= res.from_day) {
        r_.Error(rm.Find("until")->value, "'until' must come after 'from'");
      }
      p->restrictions.push_back(res);
    }
  }

  void ParseModalities(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "modalities");
    if (list == nullptr) return;
    for (const auto& item : *list) ParseModality(item, p);
  }

  void ParseModality(const Node& item, Program* p) {
    MapView mm;
    if (!r_.Map(item, "a modality",
                {"id", "name", "kind", "minutes", "times_per_day", "when", "from", "until",
                 "skip_when_swollen", "only_on_flare", "contraindications", "instructions"},
                {"id", "name", "kind", "minutes", "times_per_day", "until"}, &mm)) {
      return;
    }
    Modality mod;
    mod.loc = r_.Loc(item);
    r_.Id(mm, "id", &mod.id);
    r_.String(mm, "name", &mod.name);
    int kind = 0;
    if (r_.Enum(mm, "kind", {"ice", "heat"}, &kind)) mod.kind = static_cast<ModalityKind>(kind);
    r_.Int(mm, "minutes", 1, 60, &mod.minutes);
    r_.Int(mm, "times_per_day", 1, 12, &mod.times_per_day);
    int when = 0;
    if (r_.Enum(mm, "when", {"any", "before-exercise", "after-exercise"}, &when)) {
      mod.when = static_cast<ModalityTiming>(when);
    }
    r_.Days(mm, "from", 0, 3650, &mod.from_day);
    r_.Days(mm, "until", 1, 3650, &mod.to_day);
    if (mm.Find("until") && mod.to_day <= mod.from_day) {
      r_.Error(mm.Find("until")->value, "'until' must come after 'from'");
    }
    r_.Bool(mm, "skip_when_swollen", &mod.skip_when_swollen);
    ParseFlareRule(mm, &mod);
    CheckIceMinutes(mm, mod);
    r_.StringList(mm, "contraindications", &mod.contraindications);
    r_.String(mm, "instructions", &mod.instructions);
    if (mod.kind == ModalityKind::kHeat && !mod.skip_when_swollen) {
      r_.Error(item, fmt::format("heat modality '{}' must set 'skip_when_swollen: true' "
                                 "(no heat on a swollen knee)",
                                 mod.id));
    }
    if (p->FindModality(mod.id) != nullptr) {
      r_.Error(mod.loc, fmt::format("modality '{}' is defined twice", mod.id));
    }
    p->modalities.push_back(mod);
  }

  // `only_on_flare: {swelling: mild, pain: 6}`: the modality is given only on
  // a flare day (see FlareRule).
  void ParseFlareRule(const MapView& mm, Modality* mod) {
    const auto* e = mm.Find("only_on_flare");
    if (e == nullptr) return;
    MapView fm;
    if (!r_.Map(e->value, "only_on_flare", {"swelling", "pain"}, {}, &fm)) return;
    FlareRule rule;
    int swelling = 0;
    if (r_.Enum(fm, "swelling", SwellingNames(), &swelling)) {
      if (swelling == 0) {
        r_.Error(fm.Find("swelling")->value,
                 "'swelling' must be mild, moderate or severe: every day has at least no swelling");
      } else {
        rule.swelling_min = static_cast<Swelling>(swelling);
      }
    }
    int pain = 0;
    if (r_.Int(fm, "pain", 1, 10, &pain)) rule.pain_min = pain;
    if (fm.Find("swelling") == nullptr && fm.Find("pain") == nullptr) {
      r_.Error(e->value, "'only_on_flare' needs 'swelling', 'pain' or both");
    }
    mod->only_on_flare = rule;
  }

  // Ice goes on for at most 20 minutes at a time (clinical reference, section 3).
  void CheckIceMinutes(const MapView& mm, const Modality& mod) {
    constexpr int kMaxIceMinutes = 20;
    const auto* minutes = mm.Find("minutes");
    if (mod.kind != ModalityKind::kIce || minutes == nullptr || mod.minutes <= kMaxIceMinutes) {
      return;
    }
    r_.Error(minutes->value, fmt::format("ice modality '{}' lasts {} minutes; ice goes on for at "
                                         "most {} minutes at a time",
                                         mod.id, mod.minutes, kMaxIceMinutes));
  }

  // The program's own red flags; returns their list node, if any.
  const Node* ParseRedFlags(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "red_flags");
    if (list != nullptr) load_internal::ParseRedFlagList(r_, *list, false, &p->red_flags);
    return list;
  }

  void ParseOutcomeMeasures(const MapView& m, Program* p) {
    const Node* list = r_.List(m, "outcome_measures");
    if (list == nullptr) return;
    for (const auto& item : *list) {
      MapView om;
      if (!r_.Map(item, "an outcome measure", {"id", "name", "due"}, {"id", "name", "due"}, &om)) {
        continue;
      }
      OutcomeMeasure o;
      o.loc = r_.Loc(item);
      r_.Id(om, "id", &o.id);
      r_.String(om, "name", &o.name);
      if (const Node* due = r_.List(om, "due")) ReadDueDays(*due, &o.due_days);
      p->outcome_measures.push_back(o);
    }
  }

  void ReadDueDays(const Node& due, std::vector<int>* out) {
    for (const auto& d : due) {
      auto days = d.IsScalar() ? ParseDays(d.Scalar()) : std::nullopt;
      if (!days || *days < 0 || *days > 3650) {
        r_.Error(d, "each 'due' must be a duration such as 0d, 6w or 26w");
        continue;
      }
      out->push_back(*days);
    }
  }

  // Resolves each phase exercise against the program's own exercises, then
  // the catalogue; keeps the ones used (and all program-local ones), sorted by id.
  void CollectExercises(Program* p) {
    std::vector<std::string> known;
    for (const auto& e : local_) known.push_back(e.id);
    for (const auto& e : catalogue_) known.push_back(e.id);
    std::map<std::string, Exercise> used;
    for (const auto& e : local_) used.emplace(e.id, e);
    for (const auto& phase : p->phases) {
      for (const auto& pe : phase.exercises) {
        const Exercise* ex = Resolve(phase, pe, known);
        if (ex != nullptr) used.emplace(ex->id, *ex);
      }
    }
    for (auto& [id, ex] : used) p->exercises.push_back(std::move(ex));
  }

  // The exercise `pe` names, or nullptr after reporting it unknown.
  const Exercise* Resolve(const Phase& phase, const PhaseExercise& pe,
                          const std::vector<std::string>& known) {
    const Exercise* ex = load_internal::FindExercise(local_, pe.exercise_id);
    if (ex == nullptr) ex = load_internal::FindExercise(catalogue_, pe.exercise_id);
    if (ex == nullptr) {
      r_.Error(pe.loc, fmt::format("phase '{}' names exercise '{}' that is not in the "
                                   "catalogue{}",
                                   phase.id, pe.exercise_id, DidYouMean(pe.exercise_id, known)));
      return nullptr;
    }
    if (pe.start_step >= static_cast<int>(ex->ladder.size()) && !ex->ladder.empty()) {
      r_.Error(pe.loc, fmt::format("'start_step' {} is beyond the {} steps of '{}'",
                                   pe.start_step + 1, ex->ladder.size(), ex->id));
    }
    return ex;
  }

  SchemaReader r_;
  const std::vector<Exercise>& catalogue_;
  const std::vector<RedFlag>* defaults_;
  Diagnostics* diags_;
  std::vector<Exercise> local_;  // the program's own exercises, in file order
};

}  // namespace

ParsedYaml::ParsedYaml(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParsedYaml::ParsedYaml(ParsedYaml&&) noexcept = default;
ParsedYaml& ParsedYaml::operator=(ParsedYaml&&) noexcept = default;
ParsedYaml::~ParsedYaml() = default;

ParsedYaml ParseYamlText(std::string_view text, const std::string& file) {
  auto impl = std::make_unique<ParsedYaml::Impl>();
  impl->file = file;
  impl->text = std::string(text);
  impl->root = load_internal::ParseYaml(impl->text, file, &impl->diags, &impl->nodes);
  return ParsedYaml(std::move(impl));
}

namespace {

// A parsed program read with `catalogue` (and, when given, the catalogue's
// default red flags). The parse's diagnostics come first.
std::optional<Program> LoadParsedProgram(const ParsedYaml& parsed,
                                         const std::vector<Exercise>& catalogue,
                                         const std::vector<RedFlag>* defaults, Diagnostics* diags) {
  const ParsedYaml::Impl& in = parsed.impl();
  Diagnostics local = in.diags;
  std::optional<Program> program;
  if (in.root) {
    program = ProgramParser(in.file, in.text, catalogue, &local, defaults).Parse(*in.root);
  }
  diags->Merge(local);
  if (local.HasErrors()) return std::nullopt;
  return program;
}

}  // namespace

std::optional<Program> LoadProgram(const ParsedYaml& parsed, const std::vector<Exercise>& catalogue,
                                   Diagnostics* diags) {
  return LoadParsedProgram(parsed, catalogue, nullptr, diags);
}

std::optional<Program> LoadProgram(std::string_view text, const std::string& file,
                                   const std::vector<Exercise>& catalogue, Diagnostics* diags) {
  return LoadProgram(ParseYamlText(text, file), catalogue, diags);
}

std::optional<Program> LoadProgramFromCatalogue(const ParsedYaml& parsed,
                                                const Catalogue& catalogue, Diagnostics* diags) {
  return LoadParsedProgram(parsed, catalogue.exercises, &catalogue.red_flags, diags);
}

std::optional<Program> LoadProgramFromCatalogue(std::string_view text, const std::string& file,
                                                const Catalogue& catalogue, Diagnostics* diags) {
  return LoadProgramFromCatalogue(ParseYamlText(text, file), catalogue, diags);
}

}  // namespace rehab
