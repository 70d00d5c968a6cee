// QrSvg: libqrencode's modules as one SVG path.
#include "server/qr_svg.h"

#include <qrencode.h>

#include <memory>

#include <fmt/format.h>

#include "planner/present/render_html.h"

namespace rehab::serve {

std::string QrSvg(const std::string& text, double width_mm, const std::string& label) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) return "";
  const int n = code->width;
  const int quiet = 4;
  std::string path;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      // Bit 0 of each byte: the module is dark.
      if ((code->data[y * n + x] & 1) != 0) path += fmt::format("M{} {}h1v1h-1z", x + quiet, y + quiet);
    }
  }
  const int size = n + 2 * quiet;
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1:.1f}mm\" "
      "height=\"{1:.1f}mm\" role=\"img\" aria-label=\"{2}\" shape-rendering=\"crispEdges\">"
      "<title>{2}</title><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/>"
      "<path d=\"{3}\" fill=\"#000\"/></svg>",
      size, width_mm, EscapeHtml(label), path);
}

}  // namespace rehab::serve
