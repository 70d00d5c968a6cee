# handout_browser_test decodes Chromium's screenshots with libpng (Debian
# libpng-dev) to check for blank or clipped renders. Only that test links it.
find_package(PNG REQUIRED)
target_link_libraries(handout_browser_test PRIVATE PNG::PNG)
