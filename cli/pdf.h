// PDF (and PNG preview) output of the handout through headless Chromium, run
// offline in a throw-away profile. The library stays pure; this is the edge.
#ifndef REHAB_CLI_PDF_H_
#define REHAB_CLI_PDF_H_

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

}  // namespace rehab::cli

#endif  // REHAB_CLI_PDF_H_
