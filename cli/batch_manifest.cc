// The batch manifest (OUTDIR/.rehab-batch.json): for each output, the hash
// of the inputs that produced it and the file's size and modification time.
#include <fmt/format.h>
#include <sys/stat.h>

#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

#include "cli/batch_internal.h"
#include "cli/io.h"
#include "planner/base/utf8.h"
#include "planner/present/messages.h"

namespace rehab::cli::batch {

namespace fs = std::filesystem;

namespace {

constexpr char kManifestSchema[] = "rehab-batch/1";

// `text` as a JSON string. Invalid UTF-8 becomes U+FFFD: such a name then
// never matches, which only costs regenerating that output.
void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c);
    } else if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else if (size_t len = Utf8SequenceLength(text, i); len > 0) {
      out->append(text.substr(i, len));
      i += len;
      continue;
    } else {
      out->append("\xEF\xBF\xBD");
    }
    ++i;
  }
  out->push_back('"');
}

}  // namespace

const std::string& ManifestEntry::TriageOn(std::string_view today) const {
  const std::string* on = &triage;
  for (const LaterTriage& later : later_triage) {
    if (later.from > today) break;  // ISO dates order as strings
    on = &later.triage;
  }
  return *on;
}

namespace {

// Reads a manifest from the JSON parser's events, without building its document:
// a manifest has an entry per patient, and its tree was most of the fixed cost of a
// nightly run. An entry whose fields have the wrong types is left out; a triage is
// kept as its JSON text (written compact, as ManifestText and DecodeTriage take it).
class ManifestReader {
 public:
  using json = nlohmann::json;

  // The entries, when the document was a well-formed manifest of this schema.
  Manifest Take() { return schema_ == kManifestSchema ? std::move(manifest_) : Manifest(); }

  bool null() { return Scalar(Value{}); }
  bool boolean(bool v) { return Scalar(Value{.text = v ? "true" : "false"}); }
  bool number_integer(json::number_integer_t v) {
    return Scalar(Value{.kind = Value::kInteger, .text = std::to_string(v), .integer = v});
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return Scalar(
        Value{.kind = Value::kUnsigned, .text = std::to_string(v), .unsigned_integer = v});
  }
  bool number_float(json::number_float_t, const std::string& text) {
    return Scalar(Value{.text = text});
  }
  bool string(std::string& v) { return Scalar(Value{.kind = Value::kString, .text = v}); }
  bool binary(json::binary_t&) { return false; }  // never in JSON text
  bool key(std::string& k) {
    if (capturing()) {
      CaptureComma();
      capture_ += json(k).dump(-1, ' ', false, json::error_handler_t::replace);
      capture_ += ':';
      capture_after_key_ = true;
    } else if (skip_ == 0) {
      frames_.back().key = k;
    }
    return true;
  }
  bool start_object(size_t) { return Open('{'); }
  bool start_array(size_t) { return Open('['); }
  bool end_object() { return Close('}'); }
  bool end_array() { return Close(']'); }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  struct Value {
    enum Kind { kOther, kString, kInteger, kUnsigned } kind = kOther;
    std::string text = "null";  // as JSON, but a string's without quotes
    int64_t integer = 0;
    uint64_t unsigned_integer = 0;
  };
  // Where an open object or array is: the manifest, its outputs, an entry, the entry's
  // later_triage, or one item of it.
  enum class Role { kRoot, kOutputs, kEntry, kLater, kLaterItem };
  struct Frame {
    Role role;
    std::string key;  // the last key read, in an object
  };
  // Of the entry being read: what was read, and whether it can be kept.
  struct Entry {
    std::string name;
    ManifestEntry entry;
    bool bad = false, has_size = false, has_mtime = false;
    bool has_source = false, has_inputs = false, item_has_from = false;
  };
  static constexpr size_t kMaxCaptureDepth = 32;  // a triage nests three deep

  bool capturing() const { return !capture_open_.empty(); }

  static bool IsEntryField(std::string_view key) {
    for (std::string_view field :
         {"source", "inputs", "size", "mtime_ns", "planned_on", "valid_through", "outcome"}) {
      if (key == field) return true;
    }
    return false;
  }

  void CaptureComma() {
    if (capture_after_key_) {
      capture_after_key_ = false;
      return;
    }
    if (!capture_open_.back()) capture_ += ',';
    capture_open_.back() = false;
  }

  // A triage object opens: its text is kept until it closes (EndCapture).
  bool StartCapture() {
    capture_ = "{";
    capture_open_.push_back(true);
    return true;
  }

  // The triage being captured is done: it goes where it was read from.
  void EndCapture() {
    Frame& parent = frames_.back();
    if (parent.role == Role::kEntry) {
      entry_.entry.triage = std::move(capture_);
    } else {
      entry_.entry.later_triage.back().triage = std::move(capture_);
    }
    capture_.clear();
  }

  bool Scalar(const Value& v) {
    if (capturing()) {
      CaptureComma();
      capture_ += v.kind == Value::kString
                      ? json(v.text).dump(-1, ' ', false, json::error_handler_t::replace)
                      : v.text;
      return true;
    }
    if (skip_ > 0 || frames_.empty()) return true;
    const Frame& f = frames_.back();
    auto text = [&](std::string* field, bool* seen = nullptr) {
      if (v.kind != Value::kString) {
        entry_.bad = true;
        return;
      }
      *field = v.text;
      if (seen != nullptr) *seen = true;
    };
    ManifestEntry& e = entry_.entry;
    switch (f.role) {
      case Role::kRoot:
        if (f.key == "schema" && v.kind == Value::kString) schema_ = v.text;
        break;
      case Role::kEntry:
        if (f.key == "source") text(&e.source, &entry_.has_source);
        if (f.key == "inputs") text(&e.inputs, &entry_.has_inputs);
        if (f.key == "planned_on") text(&e.planned_on);
        if (f.key == "valid_through") text(&e.valid_through);
        if (f.key == "outcome") text(&e.outcome);
        if (f.key == "size") {
          entry_.has_size = v.kind == Value::kUnsigned;
          entry_.bad |= !entry_.has_size;
          e.size = v.unsigned_integer;
        }
        if (f.key == "mtime_ns") {
          entry_.has_mtime = v.kind == Value::kInteger ||
                             (v.kind == Value::kUnsigned &&
                              v.unsigned_integer <= uint64_t{std::numeric_limits<int64_t>::max()});
          entry_.bad |= !entry_.has_mtime;
          e.mtime_ns =
              v.kind == Value::kInteger ? v.integer : static_cast<int64_t>(v.unsigned_integer);
        }
        // A triage that is not an object is kept as "", which DecodeTriage refuses: that
        // patient is then planned again.
        if (f.key == "triage") e.triage.clear();
        if (f.key == "later_triage") entry_.bad = true;
        break;
      case Role::kLater:
        entry_.bad = true;  // an item that is not an object
        break;
      case Role::kLaterItem:
        if (f.key == "from") text(&e.later_triage.back().from, &entry_.item_has_from);
        if (f.key == "triage") e.later_triage.back().triage.clear();
        break;
      case Role::kOutputs:
        break;  // an entry that is not an object
    }
    return true;
  }

  bool Open(char bracket) {
    if (capturing()) {
      CaptureComma();
      if (capture_open_.size() == kMaxCaptureDepth) return false;  // not rehab's manifest
      capture_ += bracket;
      capture_open_.push_back(true);
      return true;
    }
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    const bool object = bracket == '{';
    if (frames_.empty()) {
      if (!object) return false;  // not a manifest
      frames_.push_back({Role::kRoot, ""});
      return true;
    }
    const Frame& parent = frames_.back();
    switch (parent.role) {
      case Role::kRoot:
        if (object && parent.key == "outputs") {
          frames_.push_back({Role::kOutputs, ""});
          return true;
        }
        break;
      case Role::kOutputs:
        if (object) {
          entry_ = Entry{};
          entry_.name = parent.key;
          frames_.push_back({Role::kEntry, ""});
          return true;
        }
        break;
      case Role::kEntry:
        if (object && parent.key == "triage") return StartCapture();
        if (!object && parent.key == "later_triage") {
          entry_.entry.later_triage.clear();
          frames_.push_back({Role::kLater, ""});
          return true;
        }
        // A field of the entry with a container for its value; a key rehab does not
        // write (a later version's) is passed over, as a triage that is not an object is.
        if (parent.key == "later_triage" || IsEntryField(parent.key)) entry_.bad = true;
        break;
      case Role::kLater:
        if (object) {
          entry_.entry.later_triage.emplace_back();
          entry_.item_has_from = false;
          frames_.push_back({Role::kLaterItem, ""});
          return true;
        }
        entry_.bad = true;
        break;
      case Role::kLaterItem:
        if (object && parent.key == "triage") return StartCapture();
        if (parent.key == "from") entry_.bad = true;
        break;
    }
    skip_ = 1;  // a value none of the above reads
    return true;
  }

  bool Close(char bracket) {
    if (capturing()) {
      capture_ += bracket;
      capture_open_.pop_back();
      if (!capturing()) EndCapture();
      return true;
    }
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    const Role role = frames_.back().role;
    frames_.pop_back();
    if (role == Role::kLaterItem) entry_.bad |= !entry_.item_has_from;
    if (role == Role::kEntry && !entry_.bad && entry_.has_source && entry_.has_inputs &&
        entry_.has_size && entry_.has_mtime) {
      manifest_[entry_.name] = std::move(entry_.entry);
    }
    return true;
  }

  std::vector<Frame> frames_;
  size_t skip_ = 0;  // depth inside a value that is not read
  Entry entry_;
  std::string capture_;             // the triage being read, as compact JSON
  std::vector<bool> capture_open_;  // per open container: nothing written in it yet
  bool capture_after_key_ = false;
  std::string schema_;
  Manifest manifest_;
};

}  // namespace

Manifest ReadManifest(const fs::path& path) {
  std::string error;
  auto text = ReadWholeFile(path.string(), &error, kMaxOwnFileBytes);
  if (!text) return {};
  ManifestReader reader;
  if (!nlohmann::json::sax_parse(*text, &reader)) return {};
  return reader.Take();
}

// The layout of nlohmann::json's dump(2) with sorted keys, written directly:
// a manifest has an entry per patient, tens of thousands of them.
std::string ManifestText(const Manifest& manifest, const RunRecord* run) {
  std::string out = "{\n  \"outputs\": {";
  out.reserve(manifest.size() * 200 + 100);
  const char* separator = "\n";
  for (const auto& [name, e] : manifest) {
    out += separator;
    separator = ",\n";
    out += "    ";
    AppendJsonString(&out, name);
    out += ": {\n      \"inputs\": ";
    AppendJsonString(&out, e.inputs);
    if (!e.later_triage.empty()) {
      out += ",\n      \"later_triage\": [";
      const char* sep = "";
      for (const ManifestEntry::LaterTriage& later : e.later_triage) {
        out += sep;
        sep = ", ";
        out += "{\"from\": ";
        AppendJsonString(&out, later.from);
        out += ", \"triage\": " + later.triage + "}";
      }
      out += "]";
    }
    fmt::format_to(std::back_inserter(out), ",\n      \"mtime_ns\": {}", e.mtime_ns);
    if (!e.outcome.empty()) {
      out += ",\n      \"outcome\": ";
      AppendJsonString(&out, e.outcome);
    }
    if (!e.planned_on.empty()) {
      out += ",\n      \"planned_on\": ";
      AppendJsonString(&out, e.planned_on);
    }
    fmt::format_to(std::back_inserter(out), ",\n      \"size\": {},\n      \"source\": ", e.size);
    AppendJsonString(&out, e.source);
    if (!e.triage.empty()) out += ",\n      \"triage\": " + e.triage;
    if (!e.valid_through.empty()) {
      out += ",\n      \"valid_through\": ";
      AppendJsonString(&out, e.valid_through);
    }
    out += "\n    }";
  }
  out += manifest.empty() ? "}" : "\n  }";
  out += ",\n  \"rehab\": ";
  AppendJsonString(&out, REHAB_VERSION);
  if (run != nullptr) {
    out += ",\n  \"run\": {\n    \"extension\": ";
    AppendJsonString(&out, run->extension);
    out += ",\n    \"failed\": [";
    const char* sep = "";
    for (const std::string& file : run->failed) {
      out += sep;
      sep = ", ";
      AppendJsonString(&out, file);
    }
    out += "],\n    \"format\": ";
    AppendJsonString(&out, run->format);
    fmt::format_to(std::back_inserter(out),
                   ",\n    \"shard_count\": {},\n    \"shard_index\": {},\n    \"today\": ",
                   run->shard.count, run->shard.index);
    AppendJsonString(&out, run->today);
    out += "\n  }";
  }
  out += ",\n  \"schema\": ";
  AppendJsonString(&out, kManifestSchema);
  out += "\n}\n";
  return out;
}

std::optional<RunRecord> ReadRunRecord(const fs::path& path) {
  std::string error;
  auto text = ReadWholeFile(path.string(), &error, kMaxOwnFileBytes);
  if (!text) return std::nullopt;
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || json.value("schema", "") != kManifestSchema) return std::nullopt;
  auto run = json.find("run");
  if (run == json.end() || !run->is_object()) return std::nullopt;
  RunRecord r;
  try {
    r.extension = run->at("extension").get<std::string>();
    r.format = run->at("format").get<std::string>();
    r.today = run->at("today").get<std::string>();
    r.shard.count = run->at("shard_count").get<int>();
    r.shard.index = run->at("shard_index").get<int>();
    r.failed = run->at("failed").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return r;
}

std::string EncodeTriage(const TriageEntry& entry, const TriageOptions& options) {
  nlohmann::ordered_json j;
  j["no_diary_days"] = options.no_diary_days ? nlohmann::ordered_json(*options.no_diary_days)
                                             : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
  for (const TriageReason& r : entry.reasons) {
    nlohmann::ordered_json dates = nlohmann::ordered_json::array();
    for (Date d : r.dates) dates.push_back(FormatDate(d));
    reasons.push_back({{"category", static_cast<int>(r.category)},
                       {"dates", std::move(dates)},
                       {"rule", r.rule},
                       {"since", r.since ? nlohmann::ordered_json(FormatDate(*r.since))
                                         : nlohmann::ordered_json(nullptr)},
                       {"todo", MessageText(r.todo, kTriageLanguage)},
                       {"what", MessageText(r.what, kTriageLanguage)}});
  }
  j["reasons"] = std::move(reasons);
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<TriageEntry> DecodeTriage(std::string_view text, const std::string& patient_id,
                                        const TriageOptions& options) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto date_of = [](const nlohmann::json& v) { return ParseDate(v.get<std::string>()); };
  try {
    const nlohmann::json& days = j.at("no_diary_days");
    if (days.is_null() ? options.no_diary_days.has_value()
                       : options.no_diary_days != days.get<int>()) {
      return std::nullopt;
    }
    TriageEntry entry;
    entry.patient_id = patient_id;
    for (const auto& r : j.at("reasons")) {
      TriageReason reason;
      int category = r.at("category").get<int>();
      if (category < 1 || category > 6) return std::nullopt;
      reason.category = static_cast<TriageCategory>(category);
      reason.rule = r.at("rule").get<std::string>();
      reason.what = Message::Verbatim(r.at("what").get<std::string>());
      reason.todo = Message::Verbatim(r.at("todo").get<std::string>());
      if (!r.at("since").is_null()) {
        reason.since = date_of(r.at("since"));
        if (!reason.since) return std::nullopt;
      }
      for (const auto& d : r.at("dates")) {
        std::optional<Date> date = date_of(d);
        if (!date) return std::nullopt;
        reason.dates.push_back(*date);
      }
      entry.reasons.push_back(std::move(reason));
    }
    if (!entry.reasons.empty()) entry.category = entry.reasons.front().category;
    return entry;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::optional<TriageEntry> DecodeRecordedTriage(std::string_view text,
                                                const std::string& patient_id) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto days = j.find("no_diary_days");
  if (days == j.end() || !(days->is_null() || days->is_number_integer())) return std::nullopt;
  TriageOptions options;
  if (!days->is_null()) options.no_diary_days = days->get<int>();
  return DecodeTriage(text, patient_id, options);
}

}  // namespace rehab::cli::batch
