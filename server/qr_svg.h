// A QR code of a link as an inline SVG (libqrencode), so a patient's link can
// be printed on the handout and scanned with a phone's camera.
#ifndef REHAB_SERVER_QR_SVG_H_
#define REHAB_SERVER_QR_SVG_H_

#include <string>

namespace rehab::serve {

// The QR code (error correction level M, a 4-module quiet zone) of `text` as
// an SVG `width_mm` wide, black on white, with `label` as its text
// alternative; "" when the text is too long for a QR code.
std::string QrSvg(const std::string& text, double width_mm, const std::string& label);

}  // namespace rehab::serve

#endif  // REHAB_SERVER_QR_SVG_H_
