# The browser tests decode Chromium's screenshots with libpng (Debian
# libpng-dev) through tests/support/png_image.cc, to check for blank or
# clipped renders. Only they link it: no other test calls into that file, so
# none pulls it from the support library.
find_package(PNG REQUIRED)
target_include_directories(rehab_test_support PRIVATE ${PNG_INCLUDE_DIRS})
if(TARGET handout_browser_test)  # release-only: not in the sanitizer build
  target_link_libraries(handout_browser_test PRIVATE PNG::PNG)
endif()
