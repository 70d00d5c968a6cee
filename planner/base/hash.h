// Hashing: FNV-1a for fingerprints that must be the same on every platform
// and in every run (they are written to files), and TieHash for in-memory
// keys whose equality and hash come from one list of fields.
#ifndef REHAB_PLANNER_BASE_HASH_H_
#define REHAB_PLANNER_BASE_HASH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace rehab {

// FNV-1a, 64 bit, over the bytes added in order. Stable across platforms,
// compilers and runs; a change detector, not a defence against forged inputs.
class Fnv1a64 {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= kPrime;
    }
  }
  void Add(char c) { Add(std::string_view(&c, 1)); }
  uint64_t value() const { return hash_; }

 private:
  static constexpr uint64_t kPrime = 0x100000001b3ULL;
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// ---- In-memory keys: one field list for == and for the hash. ----
//
// A key type exposes its fields once, as `auto Tie() const { return
// std::tie(a, b, c); }`, and defines
//   bool operator==(const Key& o) const { return Tie() == o.Tie(); }
// and is hashed with TieHash<Key>. Both read Tie(), so a field added to the
// key takes part in both. A field type needs == and a HashValue overload
// (found by argument-dependent lookup); integers, enums, pointers, strings,
// vectors and keys with Tie() have one here. These hashes are per-process
// (std::hash); never write them anywhere.

// Mixes `value` into `seed` (the boost::hash_combine step, 64-bit constant).
inline size_t HashCombine(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

template <typename T>
requires std::is_integral_v<T> || std::is_enum_v<T> || std::is_pointer_v<T> size_t
HashValue(T value) {
  return std::hash<T>{}(value);
}

inline size_t HashValue(std::string_view s) { return std::hash<std::string_view>{}(s); }
inline size_t HashValue(const std::string& s) { return HashValue(std::string_view(s)); }

template <typename T>
size_t HashValue(const std::vector<T>& items);

template <typename Key>
requires requires(const Key& k) { k.Tie(); }
size_t HashValue(const Key& key) {
  return std::apply(
      [](const auto&... fields) {
        size_t h = 0;
        ((h = HashCombine(h, HashValue(fields))), ...);
        return h;
      },
      key.Tie());
}

template <typename T>
size_t HashValue(const std::vector<T>& items) {
  size_t h = items.size();
  for (const auto& item : items) h = HashCombine(h, HashValue(item));
  return h;
}

// The hasher for unordered containers of a key with Tie().
template <typename Key>
struct TieHash {
  size_t operator()(const Key& key) const { return HashValue(key); }
};

}  // namespace rehab

#endif  // REHAB_PLANNER_BASE_HASH_H_
