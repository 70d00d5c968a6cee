// The batch manifest (OUTDIR/.rehab-batch.json): for each output, the hash
// of the inputs that produced it and the file's size and modification time.
#include <fmt/format.h>
#include <sys/stat.h>

#include <iterator>
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

Manifest ReadManifest(const fs::path& path) {
  Manifest manifest;
  std::string error;
  auto text = ReadWholeFile(path.string(), &error, kMaxOwnFileBytes);
  if (!text) return manifest;
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || json.value("schema", "") != kManifestSchema) return manifest;
  auto outputs = json.find("outputs");
  if (outputs == json.end() || !outputs->is_object()) return manifest;
  for (const auto& [name, entry] : outputs->items()) {
    if (!entry.is_object()) continue;
    ManifestEntry e;
    try {
      e.source = entry.at("source").get<std::string>();
      e.inputs = entry.at("inputs").get<std::string>();
      e.size = entry.at("size").get<uint64_t>();
      e.mtime_ns = entry.at("mtime_ns").get<int64_t>();
      if (auto t = entry.find("triage"); t != entry.end() && t->is_object()) e.triage = t->dump();
      if (auto later = entry.find("later_triage"); later != entry.end()) {
        // A triage that is not an object is kept as "", which DecodeTriage refuses: that
        // patient is then planned again.
        for (const auto& item : *later) {
          const auto& t = item.at("triage");
          e.later_triage.push_back(
              {item.at("from").get<std::string>(), t.is_object() ? t.dump() : std::string()});
        }
      }
      e.planned_on = entry.value("planned_on", "");
      e.valid_through = entry.value("valid_through", "");
      e.outcome = entry.value("outcome", "");
    } catch (const nlohmann::json::exception&) {
      continue;
    }
    manifest.emplace(name, e);
  }
  return manifest;
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
