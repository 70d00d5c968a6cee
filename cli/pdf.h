// PDF (and PNG preview) output of the handout through headless Chromium, run
// offline in a throw-away profile. The library stays pure; this is the edge.
#ifndef REHAB_CLI_PDF_H_
#define REHAB_CLI_PDF_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace rehab::cli {

// The message when no Chromium is found.
inline constexpr char kNoChromiumError[] =
    "PDF output needs Chromium: install the Debian package 'chromium'";

// The Chromium to run: $REHAB_CHROMIUM when set (nullopt when that is not an
// executable file), else /usr/bin/chromium, else `chromium` on $PATH.
std::optional<std::string> FindChromium();

// Prints `html` to a PDF at `out_path` with headless Chromium (page size from
// the handout's @page rule, no header or footer). The PDF appears atomically
// (as WriteFileAtomically writes it): on any failure nothing is written at
// `out_path` and `error` says why (kNoChromiumError when Chromium is missing).
// Temporary files are removed.
//
// Chromium runs in a process group of its own, for at most two minutes
// ($REHAB_CHROMIUM_TIMEOUT seconds when set to 1-3600). On the time limit,
// and when SIGTERM, SIGINT or SIGHUP arrives meanwhile, the whole group gets
// SIGTERM, then SIGKILL after a short grace, is waited for, and the
// temporary folders (Chromium's profile and TMPDIR among them) are removed;
// after a signal rehab then ends by that same signal (exit status 128 + its
// number, as a shell reports it) with nothing written.
bool PrintPdf(const std::string& html, const std::string& out_path, std::string* error);

// PrintPdf's PDF as bytes in `*pdf` instead of a file (for -o -).
bool RenderPdf(const std::string& html, std::string* pdf, std::string* error);

// Renders `html` in a `width` x `height` CSS-pixel window and saves what shows
// as a PNG at `out_path` (for previews and the screenshot tests). Same error
// and atomicity rules as PrintPdf.
bool ScreenshotPng(const std::string& html, const std::string& out_path, int width, int height,
                   std::string* error);

// One headless Chromium that prints many handouts (`rehab batch --format pdf`), instead of
// a Chromium start per handout: started on the first Print, it is driven over
// --remote-debugging-pipe (the DevTools protocol on file descriptors 3 and 4, no port), in
// a process group of its own with a throw-away profile, as PrintPdf runs it.
//
// Each Print has PrintPdf's time limit ($REHAB_CHROMIUM_TIMEOUT); past it, or when the
// pipe breaks, the whole group is stopped (SIGTERM, then SIGKILL) and the next Print starts
// a new Chromium. While a PdfPrinter is alive, SIGTERM, SIGINT and SIGHUP only make every
// Print fail at once; its destructor stops Chromium's group, removes its folders and then
// ends rehab by that signal. Print may be called from several threads (it prints one page
// at a time).
class PdfPrinter {
 public:
  PdfPrinter();
  ~PdfPrinter();
  PdfPrinter(const PdfPrinter&) = delete;
  PdfPrinter& operator=(const PdfPrinter&) = delete;

  // The PDF of `html` in `*pdf`; false with `error` set (kNoChromiumError when Chromium
  // is missing).
  bool Print(const std::string& html, std::string* pdf, std::string* error);

  // How many times a Chromium was started (for tests and the bench).
  int starts() const { return starts_; }

 private:
  struct Browser;
  std::mutex mutex_;
  std::unique_ptr<Browser> browser_;
  struct Guard;
  std::unique_ptr<Guard> guard_;
  int starts_ = 0;
};

}  // namespace rehab::cli

#endif  // REHAB_CLI_PDF_H_
