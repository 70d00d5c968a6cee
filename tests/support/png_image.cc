// PNG pixels for the browser tests (libpng's simplified API).
#include "tests/support/png_image.h"

#include <png.h>

#include <algorithm>
#include <cstdlib>

namespace rehab::testing {

bool ReadPng(const std::string& path, Gray* out, std::string* error) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    *error = image.message;
    return false;
  }
  image.format = PNG_FORMAT_GRAY;
  out->width = static_cast<int>(image.width);
  out->height = static_cast<int>(image.height);
  out->pixels.resize(PNG_IMAGE_SIZE(image));
  // Transparent parts (none expected) are composited on white.
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&image, &white, out->pixels.data(), 0, nullptr)) {
    *error = image.message;
    png_image_free(&image);
    return false;
  }
  return true;
}

double FractionDarkerThan(const Gray& g, int level) {
  size_t n =
      std::count_if(g.pixels.begin(), g.pixels.end(), [&](unsigned char p) { return p < level; });
  return static_cast<double>(n) / static_cast<double>(std::max<size_t>(g.pixels.size(), 1));
}

double DifferentBlocks(const Gray& a, const Gray& b) {
  constexpr int kBlock = 16;
  int blocks = 0, different = 0;
  for (int by = 0; by + kBlock <= a.height; by += kBlock) {
    for (int bx = 0; bx + kBlock <= a.width; bx += kBlock) {
      long sa = 0, sb = 0;
      for (int y = by; y < by + kBlock; ++y) {
        for (int x = bx; x < bx + kBlock; ++x) {
          sa += a.at(x, y);
          sb += b.at(x, y);
        }
      }
      ++blocks;
      if (std::labs(sa - sb) > 12L * kBlock * kBlock) ++different;
    }
  }
  return blocks == 0 ? 1.0 : static_cast<double>(different) / blocks;
}

}  // namespace rehab::testing
