// `rehab batch` split over machines (docs/scaling.md): which shard a patient is in, the
// shard flags and the schedulers' index variables, and `rehab batch merge`, which turns the
// shards' manifests into the unsharded run's manifest and triage.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ostream>
#include <set>

#include "cli/batch_internal.h"
#include "cli/common.h"
#include "planner/present/render_triage.h"

namespace rehab::cli::batch {

namespace fs = std::filesystem;

namespace {

// The schedulers' array index variables, in the order they are read.
constexpr std::string_view kIndexVariables[] = {"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID",
                                                "AWS_BATCH_JOB_ARRAY_INDEX"};

constexpr int kMaxShards = 100000;

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool IsIdByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == '-';
}

// A whole number in [0, limit) from `text`, else nullopt.
std::optional<int> Index(std::string_view text, int limit) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0 ||
      value >= limit) {
    return std::nullopt;
  }
  return value;
}

// "I" and "N" of a ".rehab-batch.shard-I-of-N.json" name, else false.
bool ParseShardManifestName(std::string_view file_name, Shard* shard) {
  std::string_view name = file_name;
  constexpr std::string_view kPrefix = ".rehab-batch.shard-", kSuffix = ".json";
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return false;
  name = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  size_t of = name.find("-of-");
  if (of == std::string_view::npos) return false;
  std::optional<int> count = Index(name.substr(of + 4), kMaxShards + 1);
  if (!count || *count < 2) return false;
  std::optional<int> index = Index(name.substr(0, of), *count);
  if (!index) return false;
  *shard = {*index, *count};
  return ManifestName(*shard) == file_name;  // "shard-01-of-3" is not shard 1's
}

constexpr char kMergeUsage[] =
    "usage: rehab batch merge OUTDIR [--shard-count N] [--format text|json]\n"
    "\n"
    "Combines the manifests that the N shards of 'rehab batch --shard-count N' wrote\n"
    "into OUTDIR (.rehab-batch.shard-I-of-N.json, I from 0 to N-1): checks that\n"
    "every shard ran, on the same day and to the same format, writes\n"
    "OUTDIR/.rehab-batch.json as the unsharded run would have written it, and\n"
    "prints the caseload's triage table (or, with --format json, the JSON of\n"
    "'rehab triage'). --shard-count is needed only when OUTDIR holds manifests of\n"
    "several shard counts. Exit status as for 'rehab batch': 3 when some patient\n"
    "needs a call or a review, else 1 when a shard's patient could not be planned,\n"
    "else 0; 1 also when a shard is missing; 2 for a usage error.\n";

}  // namespace

int ShardOfKey(std::string_view key, int count) {
  Fnv1a64 fnv;
  fnv.Add(key);
  uint64_t h = SplitMix64(fnv.value());
  int64_t b = -1, j = 0;
  while (j < count) {
    b = j;
    h = h * 2862933555777941757ULL + 1;
    j = static_cast<int64_t>(static_cast<double>(b + 1) *
                             (static_cast<double>(int64_t{1} << 31) /
                              static_cast<double>((h >> 33) + 1)));
  }
  return static_cast<int>(b);
}

std::optional<std::string> QuickPatientId(std::string_view text) {
  std::optional<std::string> id;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.starts_with("id:")) continue;
    if (id) return std::nullopt;  // a second `id:` line: the parser decides
    std::string_view value = line.substr(3);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) {
      value.remove_suffix(1);
    }
    size_t start = value.find_first_not_of(' ');
    if (start == 0 || start == std::string_view::npos) return std::nullopt;
    value.remove_prefix(start);
    if (!std::all_of(value.begin(), value.end(), IsIdByte) || value.front() == '-' ||
        value.front() == '.') {
      return std::nullopt;
    }
    id = std::string(value);
  }
  return id;
}

std::string ManifestName(const Shard& shard) {
  if (!shard.sharded()) return kManifestName;
  return fmt::format(".rehab-batch.shard-{}-of-{}.json", shard.index, shard.count);
}

bool OwnsOutput(const Shard& shard, std::string_view name) {
  if (!shard.sharded()) return true;
  size_t dot = name.rfind('.');
  return ShardOfKey(name.substr(0, dot), shard.count) == shard.index;
}

void AddShardOptions(po::options_description* options) {
  options->add_options()
      ("shard-index", po::value<std::string>(),
       "plan only shard I (0 to N-1) (default: the job array's index)")
      ("shard-count", po::value<std::string>(), "the number of shards N (1: unsharded)");
}

int ShardArg(const po::variables_map& vm, std::ostream& err, Shard* shard) {
  std::string index_text, index_source;
  if (vm.count("shard-index")) {
    index_text = vm["shard-index"].as<std::string>();
    index_source = "--shard-index";
  } else {
    for (std::string_view name : kIndexVariables) {
      const char* value = std::getenv(std::string(name).c_str());
      if (value == nullptr) continue;
      index_text = value;
      index_source = "$" + std::string(name);
      break;
    }
  }
  if (!vm.count("shard-count")) {
    if (index_source.empty()) return kExitOk;  // unsharded
    if (index_source == "--shard-index") {
      err << "rehab: --shard-index needs --shard-count N, the number of shards\n";
    } else {
      err << fmt::format(
          "rehab: {}={} is set, so this looks like one task of a job array, but --shard-count "
          "is not given: pass --shard-count N (the number of tasks, each running one shard), or "
          "--shard-count 1 to plan the whole caseload in this task (docs/scaling.md)\n",
          index_source, index_text);
    }
    return kExitUsage;
  }
  const std::string count_text = vm["shard-count"].as<std::string>();
  std::optional<int> count = Index(count_text, kMaxShards + 1);
  if (!count || *count < 1) {
    err << fmt::format("rehab: --shard-count must be a whole number from 1 to {}, got '{}'\n",
                       kMaxShards, count_text);
    return kExitUsage;
  }
  if (index_source.empty()) {
    if (*count == 1) return kExitOk;
    err << "rehab: --shard-count needs --shard-index I (0 to N-1), or one of "
           "$JOB_COMPLETION_INDEX, $SLURM_ARRAY_TASK_ID, $AWS_BATCH_JOB_ARRAY_INDEX\n";
    return kExitUsage;
  }
  std::optional<int> index = Index(index_text, *count);
  if (!index) {
    err << fmt::format(
        "rehab: {} must be a whole number from 0 to {} (shards are numbered from 0 to "
        "--shard-count - 1{}), got '{}'\n",
        index_source, *count - 1,
        index_source == "$SLURM_ARRAY_TASK_ID"
            ? fmt::format(": sbatch --array=0-{}", *count - 1)
            : "",
        index_text);
    return kExitUsage;
  }
  *shard = {*index, *count};
  return kExitOk;
}

int RunMerge(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("options");
  options.add_options()("help,h", "print this help")
      ("shard-count", po::value<std::string>(), "the number of shards N")
      ("format,f", po::value<std::string>()->default_value("text"), "text or json")
      ("files", po::value<std::string>(), "OUTDIR");
  po::positional_options_description positional;
  positional.add("files", 1);
  int status = kExitOk;
  Args rest(args.begin() + 1, args.end());
  auto vm = ParseArgs(rest, kMergeUsage, options, positional, out, err, &status);
  if (!vm) return status;
  if (!vm->count("files")) {
    err << "rehab: batch merge needs the shards' OUTDIR\n\n" << kMergeUsage;
    return kExitUsage;
  }
  const std::string format = (*vm)["format"].as<std::string>();
  if (format != "text" && format != "json") {
    err << fmt::format("rehab: batch merge --format is text or json, got '{}'\n", format);
    return kExitUsage;
  }
  const fs::path out_dir = (*vm)["files"].as<std::string>();
  std::optional<int> wanted;
  if (vm->count("shard-count")) {
    const std::string text = (*vm)["shard-count"].as<std::string>();
    wanted = Index(text, kMaxShards + 1);
    if (!wanted || *wanted < 2) {
      err << fmt::format("rehab: --shard-count must be a whole number from 2 to {}, got '{}'\n",
                         kMaxShards, text);
      return kExitUsage;
    }
  }

  // The shards' manifests in OUTDIR, by shard count, then index.
  std::map<int, std::set<int>> found;
  std::error_code ec;
  fs::directory_iterator it(out_dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    Shard shard;
    if (ParseShardManifestName(it->path().filename().string(), &shard)) {
      found[shard.count].insert(shard.index);
    }
  }
  if (ec) {
    err << fmt::format("rehab: cannot read folder '{}': {}\n", out_dir.string(), ec.message());
    return kExitInvalidInput;
  }
  if (!wanted) {
    if (found.empty()) {
      err << fmt::format("rehab: '{}' holds no shard manifest (.rehab-batch.shard-I-of-N.json): "
                         "run 'rehab batch --shard-index I --shard-count N' into it first\n",
                         out_dir.string());
      return kExitInvalidInput;
    }
    if (found.size() > 1) {
      std::string counts;
      for (const auto& [count, indices] : found) {
        counts += (counts.empty() ? "" : ", ") + std::to_string(count);
      }
      err << fmt::format("rehab: '{}' holds the manifests of several shard counts ({}): pass "
                         "--shard-count N to say which run to merge\n",
                         out_dir.string(), counts);
      return kExitUsage;
    }
    wanted = found.begin()->first;
  }
  const int count = *wanted;
  std::string missing;
  for (int i = 0; i < count; ++i) {
    if (found[count].count(i) == 0) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  }
  if (!missing.empty()) {
    err << fmt::format("rehab: '{}' has no manifest of shard {} of {}: every shard must finish "
                       "before the merge\n",
                       out_dir.string(), missing, count);
    return kExitInvalidInput;
  }

  Manifest merged;
  std::optional<RunRecord> first;
  std::vector<fs::path> failed;
  for (int i = 0; i < count; ++i) {
    const fs::path path = out_dir / ManifestName({i, count});
    std::optional<RunRecord> run = ReadRunRecord(path);
    if (!run || run->shard.index != i || run->shard.count != count) {
      err << fmt::format("rehab: {}: not a shard manifest of this rehab (no valid \"run\")\n",
                         path.string());
      return kExitInvalidInput;
    }
    if (!first) first = run;
    if (run->today != first->today || run->format != first->format) {
      err << fmt::format("rehab: {}: shard {} ran for {} as {}, shard 0 for {} as {}: run every "
                         "shard with the same --today and --format\n",
                         path.string(), i, run->today, run->format, first->today, first->format);
      return kExitInvalidInput;
    }
    for (const std::string& file : run->failed) failed.emplace_back(file);
    for (auto& [name, entry] : ReadManifest(path)) {
      if (!OwnsOutput({i, count}, name)) continue;  // not this shard's: a stale copy
      if (!merged.emplace(name, entry).second) {
        err << fmt::format("rehab: {}: '{}' is in two shards' manifests\n", path.string(), name);
        return kExitInvalidInput;
      }
    }
  }
  TriageReport report;
  std::optional<Date> today = ParseDate(first->today);
  if (!today) {
    err << fmt::format("rehab: shard manifests name the day '{}'\n", first->today);
    return kExitInvalidInput;
  }
  report.today = *today;
  const std::string ext = "." + first->extension;
  for (const auto& [name, entry] : merged) {
    if (!name.ends_with(ext)) continue;  // an output of an earlier run in another format
    const std::string id = name.substr(0, name.size() - ext.size());
    std::optional<TriageEntry> triage = DecodeRecordedTriage(entry.triage, id);
    if (!triage) {
      err << fmt::format("rehab: the manifest entry of '{}' has no valid triage\n", name);
      return kExitInvalidInput;
    }
    report.entries.push_back(std::move(*triage));
  }
  SortTriage(&report.entries);
  std::sort(failed.begin(), failed.end());
  for (const fs::path& file : failed) report.failed.push_back(file.string());
  // Written only once everything it records has been read back whole.
  if (!WriteManifest(out_dir / kManifestName, out_dir, ManifestText(merged), err)) {
    return kExitInvalidInput;
  }
  out << (format == "json" ? RenderTriageJson(report, kTriageLanguage) : RenderTriageText(report, kTriageLanguage));
  for (const TriageEntry& entry : report.entries) {
    if (NeedsAttention(entry.category)) return kExitNeedsAttention;
  }
  return report.failed.empty() ? kExitOk : kExitInvalidInput;
}

}  // namespace rehab::cli::batch
