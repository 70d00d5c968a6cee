// Screenshots as pixels for the browser tests: a PNG read as 8-bit grey
// (libpng's simplified API), and the measures the tests judge it by. Only
// the tests that call these link libpng (tests/<area>.cmake).
#ifndef REHAB_TESTS_SUPPORT_PNG_IMAGE_H_
#define REHAB_TESTS_SUPPORT_PNG_IMAGE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace rehab::testing {

// An image as grey levels, 0 black to 255 white, row by row.
struct Gray {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
  int at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

// Reads the PNG at `path` into `*out`, transparent parts composited on
// white. False with `*error` set (libpng's message) when it cannot.
bool ReadPng(const std::string& path, Gray* out, std::string* error);

// The share of the image's pixels darker than `level`.
double FractionDarkerThan(const Gray& g, int level);

// Share of 16x16 blocks whose mean grey differs by more than 12 levels:
// tolerant of anti-aliasing, not of moved or missing content.
// REQUIRES: `a` and `b` have the same size.
double DifferentBlocks(const Gray& a, const Gray& b);

}  // namespace rehab::testing

#endif  // REHAB_TESTS_SUPPORT_PNG_IMAGE_H_
