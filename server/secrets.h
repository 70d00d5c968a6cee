// The secrets of `rehab serve`: random tokens, the therapist's sessions, and
// the patients' links.
#ifndef REHAB_SERVER_SECRETS_H_
#define REHAB_SERVER_SECRETS_H_

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace rehab::serve {

// `bytes` random bytes from the kernel (getrandom), as lower-case hex.
// Throws std::runtime_error if the kernel gives none.
std::string RandomHex(size_t bytes);

// Compares without an early exit, so the time taken does not tell how much
// of a guessed secret was right.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// The therapist's side: a one-time login token (printed in the URL at start)
// exchanged for a session cookie; each session has its own anti-forgery token.
class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Sessions(std::chrono::seconds lifetime = std::chrono::hours(12));

  const std::string& login_token() const { return login_token_; }

  // A new session when `token` is the login token, which is then used up
  // (a second use fails; restart the server for a new one).
  std::optional<std::string> Login(std::string_view token);

  // The session's anti-forgery token, when `session` is a live session.
  std::optional<std::string> Csrf(std::string_view session);

  void Logout(std::string_view session);

 private:
  struct Session {
    std::string csrf;
    Clock::time_point expires;
  };
  const std::chrono::seconds lifetime_;
  std::mutex mutex_;
  std::string login_token_;
  bool login_used_ = false;
  std::map<std::string, Session, std::less<>> sessions_;
};

// The patients' links: a 128-bit random secret per patient, kept in
// DIR/.rehab-serve/links.json (folder 0700, file 0600) so they survive a
// restart and can be revoked. Re-read when the file changes on disk.
class PatientLinks {
 public:
  explicit PatientLinks(std::filesystem::path caseload_dir);

  // The patient id a secret opens, if any.
  std::optional<std::string> PatientOf(std::string_view secret);
  // The patient's secret, if a link was made.
  std::optional<std::string> SecretOf(const std::string& patient_id);
  // Makes a new secret for the patient (replacing an old one, which stops
  // working). False with `error` set when the file cannot be written.
  bool Create(const std::string& patient_id, std::string* secret, std::string* error);
  // Revokes the patient's link. False with `error` set when the file cannot be written.
  bool Revoke(const std::string& patient_id, std::string* error);

 private:
  void ReloadLocked();
  bool SaveLocked(std::string* error);

  std::filesystem::path file_;
  std::mutex mutex_;
  int64_t loaded_mtime_ns_ = -1;
  uint64_t loaded_size_ = 0;
  std::map<std::string, std::string> by_patient_;  // id -> secret
};

}  // namespace rehab::serve

#endif  // REHAB_SERVER_SECRETS_H_
