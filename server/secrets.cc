// Random tokens, sessions and patient links.
#include "server/secrets.h"

#include <sys/random.h>
#include <sys/stat.h>

#include <cerrno>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/io.h"
#include "server/caseload.h"

namespace rehab::serve {

namespace fs = std::filesystem;

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  size_t got = 0;
  while (got < bytes) {
    ssize_t n = ::getrandom(raw.data() + got, bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("the kernel gave no random bytes");
    got += static_cast<size_t>(n);
  }
  std::string hex;
  hex.reserve(bytes * 2);
  for (unsigned char c : raw) hex += fmt::format("{:02x}", c);
  return hex;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

Sessions::Sessions(std::chrono::seconds lifetime)
    : lifetime_(lifetime), login_token_(RandomHex(16)) {}

std::optional<std::string> Sessions::Login(std::string_view token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (login_used_ || !ConstantTimeEqual(token, login_token_)) return std::nullopt;
  login_used_ = true;
  std::string id = RandomHex(16);
  sessions_[id] = Session{RandomHex(16), Clock::now() + lifetime_};
  return id;
}

std::optional<std::string> Sessions::Csrf(std::string_view session) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return std::nullopt;
  if (Clock::now() > it->second.expires) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second.csrf;
}

void Sessions::Logout(std::string_view session) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(session);
  if (it != sessions_.end()) sessions_.erase(it);
}

PatientLinks::PatientLinks(fs::path caseload_dir)
    : file_(caseload_dir / ".rehab-serve" / "links.json") {}

void PatientLinks::ReloadLocked() {
  FileStamp stamp = StampOf(file_);
  if (!stamp.exists) {
    by_patient_.clear();
    loaded_mtime_ns_ = -1;
    return;
  }
  if (stamp.mtime_ns == loaded_mtime_ns_ && stamp.size == loaded_size_) return;
  std::string error;
  std::optional<std::string> text = cli::ReadWholeFile(file_.string(), &error);
  by_patient_.clear();
  loaded_mtime_ns_ = stamp.mtime_ns;
  loaded_size_ = stamp.size;
  if (!text) return;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("links") || !j["links"].is_object()) return;
  for (const auto& [id, secret] : j["links"].items()) {
    // Only well-formed secrets: a hand-edited short one would be guessable.
    if (secret.is_string() && secret.get<std::string>().size() == 32) {
      by_patient_[id] = secret.get<std::string>();
    }
  }
}

bool PatientLinks::SaveLocked(std::string* error) {
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  if (ec) {
    *error = fmt::format("cannot create '{}': {}", file_.parent_path().string(), ec.message());
    return false;
  }
  ::chmod(file_.parent_path().c_str(), 0700);
  nlohmann::json j;
  j["version"] = 1;
  j["links"] = nlohmann::json::object();
  for (const auto& [id, secret] : by_patient_) j["links"][id] = secret;
  // Secrets: a new file is created 0600 before the bytes go in (umask aside).
  if (!StampOf(file_).exists) {
    if (!cli::WriteFileAtomically(file_.string(), "", error)) return false;
    ::chmod(file_.c_str(), 0600);
  }
  if (!cli::WriteFileAtomically(file_.string(), j.dump(2) + "\n", error)) return false;
  FileStamp stamp = StampOf(file_);
  loaded_mtime_ns_ = stamp.mtime_ns;
  loaded_size_ = stamp.size;
  return true;
}

std::optional<std::string> PatientLinks::PatientOf(std::string_view secret) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReloadLocked();
  std::optional<std::string> found;
  for (const auto& [id, s] : by_patient_) {  // every entry compared: no early exit
    if (ConstantTimeEqual(secret, s)) found = id;
  }
  return found;
}

std::optional<std::string> PatientLinks::SecretOf(const std::string& patient_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReloadLocked();
  auto it = by_patient_.find(patient_id);
  if (it == by_patient_.end()) return std::nullopt;
  return it->second;
}

bool PatientLinks::Create(const std::string& patient_id, std::string* secret,
                          std::string* error) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReloadLocked();
  *secret = RandomHex(16);
  by_patient_[patient_id] = *secret;
  return SaveLocked(error);
}

bool PatientLinks::Revoke(const std::string& patient_id, std::string* error) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReloadLocked();
  by_patient_.erase(patient_id);
  return SaveLocked(error);
}

}  // namespace rehab::serve
