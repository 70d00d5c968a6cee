// OutcomeDigest: every field of a plan's outcome, strings length-prefixed, in order.
#include "planner/present/plan_digest.h"

#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace rehab {
namespace {

// A field added to one of these structs must be digested below, or two plans
// that differ only in it would be taken for the same and a stale calendar kept.
// Their sizes (x86-64, libstdc++) make the build fail until the new field is
// digested and the size updated. (Plan's includes Patient and Diary, which are
// not digested: a change there only needs the size updated.)
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Plan) == 864, "Plan changed: digest a new field below");
static_assert(sizeof(DayPlan) == 120, "DayPlan changed: digest a new field below");
static_assert(sizeof(Session) == 40, "Session changed: digest a new field below");
static_assert(sizeof(ScheduledExercise) == 152,
              "ScheduledExercise changed: digest a new field below");
static_assert(sizeof(Dose) == 176, "Dose changed: digest a new field below");
static_assert(sizeof(Load) == 48, "Load changed: digest a new field below");
static_assert(sizeof(ModalitySlot) == 80, "ModalitySlot changed: digest a new field below");
static_assert(sizeof(Milestone) == 96, "Milestone changed: digest a new field below");
static_assert(sizeof(Alert) == 264, "Alert changed: digest a new field below");
static_assert(sizeof(PhaseSpan) == 80, "PhaseSpan changed: digest a new field below");
static_assert(sizeof(DoseChange) == 168, "DoseChange changed: digest a new field below");
static_assert(sizeof(IgnoredEntry) == 72, "IgnoredEntry changed: digest a new field below");
static_assert(sizeof(PlanNote) == 88, "PlanNote changed: digest a new field below");
static_assert(sizeof(Reason) == 112, "Reason changed: digest a new field below");
static_assert(sizeof(Message) == 56, "Message changed: digest a new field below");
static_assert(sizeof(MessageArg) == 80, "MessageArg changed: digest a new field below");
static_assert(std::variant_size_v<MessageValue> == 12,
              "a MessageValue alternative was added: digest it below");
#endif

// A 64-bit hash that mixes whole values, a word at a time (FNV-1a, a byte at a time,
// took a fifth of a fresh batch's CPU on a plan's many fields): each word is xored in and
// scrambled by a multiply and a shift, both invertible, and the result goes through
// MurmurHash3's finaliser. It reads values, not memory, so it is the same on every
// platform and in every run.
class Digester {
 public:
  uint64_t value() const {
    uint64_t h = h_;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }

  void Add(uint64_t v) {
    h_ = (h_ ^ v) * 0x9e3779b97f4a7c15ULL;
    h_ ^= h_ >> 29;
  }
  // Length first, then the bytes eight at a time (little-endian, the last word padded
  // with zeros), so ("ab", "c") and ("a", "bc") differ.
  void Add(std::string_view s) {
    Add(static_cast<uint64_t>(s.size()));
    for (size_t i = 0; i < s.size(); i += 8) {
      uint64_t word = 0;
      for (size_t b = 0; b < 8 && i + b < s.size(); ++b) {
        word |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + b])) << (8 * b);
      }
      Add(word);
    }
  }
  void Add(const std::string& s) { Add(std::string_view(s)); }
  void Add(const char* s) = delete;  // a literal would be digested as a bool otherwise
  void Add(int v) { Add(static_cast<uint64_t>(static_cast<int64_t>(v))); }
  void Add(bool v) { Add(static_cast<uint64_t>(v ? 1 : 0)); }
  void Add(double v) {
    uint64_t bits = 0;
    static_assert(sizeof bits == sizeof v);
    std::memcpy(&bits, &v, sizeof v);
    Add(bits);
  }
  template <typename E>
  requires std::is_enum_v<E>
  void Add(E e) { Add(static_cast<uint64_t>(e)); }
  void Add(Date d) { Add(static_cast<int>(d.time_since_epoch().count())); }

  template <typename T>
  void Add(const std::optional<T>& v) {
    Add(v.has_value());
    if (v) Add(*v);
  }
  template <typename T>
  void Add(const std::vector<T>& items) {
    Add(static_cast<uint64_t>(items.size()));
    for (const T& item : items) Add(item);
  }

  void Add(const StepOf& s) {
    Add(s.step);
    Add(s.steps);
  }
  void Add(const ClockTime& t) { Add(t.minutes); }
  void Add(const MeasureValue& m) {
    Add(m.measure);
    Add(m.value);
  }
  void Add(const MessageValue& v) {
    Add(static_cast<uint64_t>(v.index()));
    std::visit([this](const auto& alternative) { Add(alternative); }, v);
  }
  void Add(const MessageArg& a) {
    Add(a.name);
    Add(a.value);
  }
  void Add(const Message& m) {
    Add(m.id);
    Add(m.args);
  }
  void Add(const Reason& r) {
    Add(r.rule);
    Add(r.message);
    Add(r.diary_dates);
  }
  void Add(const Load& l) {
    Add(l.kind);
    Add(l.value);
    Add(l.band);
  }
  void Add(const Dose& d) {
    Add(d.sets);
    Add(d.reps);
    Add(d.hold_seconds);
    Add(d.rest_seconds);
    Add(d.minutes);
    Add(d.load);
    Add(d.tempo);
    Add(d.range);
    Add(d.note);
    Add(d.side);
  }
  void Add(const ScheduledExercise& e) {
    Add(e.exercise->id);
    // A step of the exercise's ladder by its place (the program is the caller's to key),
    // any other dose by value.
    const std::vector<Dose>& ladder = e.exercise->ladder;
    const bool on_ladder = !ladder.empty() &&
                           std::less_equal<const Dose*>()(&ladder.front(), e.dose) &&
                           std::less_equal<const Dose*>()(e.dose, &ladder.back());
    Add(on_ladder);
    if (on_ladder) {
      Add(static_cast<uint64_t>(e.dose - ladder.data()));
    } else {
      Add(*e.dose);
    }
    Add(e.step);
    Add(e.steps);
    Add(e.side);
    Add(e.change);
    Add(e.reason);
  }
  void Add(const Session& s) {
    Add(s.slot);
    Add(s.time);
    Add(s.duration_minutes);
    Add(s.exercises);
  }
  void Add(const ModalitySlot& m) {
    Add(m.modality_id);
    Add(m.name);
    Add(m.kind);
    Add(m.time);
    Add(m.minutes);
    Add(m.when);
  }
  void Add(const Milestone& m) {
    Add(m.kind);
    Add(m.id);
    Add(m.message);
  }
  void Add(const DayPlan& d) {  // not `past`
    Add(d.date);
    Add(d.day);
    Add(d.phase_id);
    Add(d.stopped);
    Add(d.essentials_only);
    Add(d.sessions);
    Add(d.modalities);
    Add(d.milestones);
  }
  void Add(const PhaseSpan& p) {
    Add(p.id);
    Add(p.title);
    Add(p.start);
    Add(p.end);
    Add(p.extended);
    Add(p.overdue);
  }
  void Add(const Alert& a) {  // not `detail`
    Add(a.kind);
    Add(a.id);
    Add(a.date);
    Add(a.cleared);
    Add(a.text);
    Add(a.action);
    Add(a.urgency);
    Add(a.diary_dates);
    Add(a.active);
    Add(a.stops);
  }
  void Add(const DoseChange& c) {
    Add(c.date);
    Add(c.exercise_id);
    Add(c.from_step);
    Add(c.to_step);
    Add(c.change);
    Add(c.reason);
  }
  void Add(const IgnoredEntry& e) {
    Add(e.date);
    Add(e.line);
    Add(e.column);
    Add(e.message);
  }
  void Add(const PlanNote& n) {
    Add(n.id);
    Add(n.message);
  }

 private:
  uint64_t h_ = 0x243f6a8885a308d3ULL;  // the first digits of pi
};

}  // namespace

uint64_t OutcomeDigest(const Plan& plan) {
  Digester d;
  d.Add(plan.anchor);
  d.Add(plan.start);
  d.Add(plan.end);
  d.Add(plan.phases);
  d.Add(plan.days);
  d.Add(plan.alerts);
  d.Add(plan.changes);
  d.Add(plan.ignored);
  d.Add(plan.notes);
  return d.value();
}

}  // namespace rehab
