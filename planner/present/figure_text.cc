// The words of an exercise figure: the position and the largest changes of
// the working leg (or the trunk), each from the message catalogue.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "planner/present/figure_internal.h"
#include "planner/present/messages.h"

namespace rehab::figure_internal {

namespace {

// A change smaller than this reads as no movement.
constexpr double kMinChange = 5;
// The text names at most this many joints, the largest changes first.
constexpr size_t kMaxMoves = 2;

struct Change {
  const char* joint;
  double from;
  double to;
  const std::string* whose;
};

void AddLeg(const LegPose& a, const LegPose& b, const std::string* whose,
            std::vector<Change>* out) {
  out->push_back({"hip", a.hip, b.hip, whose});
  out->push_back({"abduction", a.abduction, b.abduction, whose});
  out->push_back({"knee", a.knee, b.knee, whose});
  out->push_back({"ankle", a.ankle, b.ankle, whose});
}

// The largest changes, working leg first among equals; the other leg only
// when the two legs are told apart.
std::vector<Message> Moves(const Pose& start, const Pose& end, const std::string& whose,
                           const std::string* other_whose) {
  std::vector<Change> changes;
  AddLeg(start.working, end.working, &whose, &changes);
  if (other_whose != nullptr) AddLeg(start.other, end.other, other_whose, &changes);
  changes.push_back({"trunk", start.trunk, end.trunk, &whose});
  std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return std::abs(a.to - a.from) > std::abs(b.to - b.from);
  });
  std::vector<Message> out;
  for (const Change& c : changes) {
    if (std::abs(c.to - c.from) < kMinChange || out.size() == kMaxMoves) break;
    std::string id = std::string("figure.") + c.joint + (c.to > c.from ? ".bend" : ".straighten");
    Message m(id);
    m.With("whose", *c.whose);
    m.With("from", static_cast<int>(std::lround(c.from)));
    m.With("to", static_cast<int>(std::lround(c.to)));
    out.push_back(std::move(m));
  }
  return out;
}

std::string Word(const std::string& id, const std::string& language) {
  return MessageText(Message(id), language);
}

// A pose held: pressing at the moving point, travelling, or just holding.
Message Still(const Illustration& ill, const std::string& whose, const std::string& other_whose,
              const std::string& language) {
  if (ill.push.empty() || !ill.moving) return Message("figure.hold");
  std::string direction = Word("figure.push." + ill.push, language);
  if (ill.moving->part == BodyPart::kPelvis && (ill.push == "forward" || ill.push == "back")) {
    Message travel("figure.travel");
    travel.With("direction", direction);
    return travel;
  }
  Message press(HasSide(ill.moving->part) ? "figure.press" : "figure.press.body");
  press.With("whose", ill.moving->working ? whose : other_whose);
  press.With("part", Word(std::string("figure.part.") + ToString(ill.moving->part), language));
  press.With("direction", direction);
  return press;
}

}  // namespace

std::string Describe(const Illustration& ill, const Pose& start, const Pose& end, bool left,
                     bool both, const std::string& language) {
  // "each knee" only where the legs do the same; an exercise for both legs
  // that moves one at a time (a side step) names the side it shows.
  both = both && start.working == start.other && end.working == end.other;
  std::string position = Word(std::string("figure.position.") + ToString(ill.position), language);
  std::string whose = Word(both   ? "figure.whose.both"
                           : left ? "figure.whose.left"
                                  : "figure.whose.right",
                           language);
  std::string other_whose = Word(left ? "figure.whose.right" : "figure.whose.left", language);
  std::vector<Message> moves = Moves(start, end, whose, both ? nullptr : &other_whose);
  bool still = moves.empty();
  if (still) moves.push_back(Still(ill, whose, other_whose, language));
  Message alt(still ? "figure.alt.still" : "figure.alt");
  alt.With("position", position);
  alt.With("moves", moves);
  return MessageText(alt, language);
}

}  // namespace rehab::figure_internal
