# figure_browser_test reads its contact sheet's screenshot with libpng
# (tests/support/png_image.cc), as handout_browser_test does.
# (A release-only area: the sanitizer build has no such target.)
find_package(PNG REQUIRED)
if(TARGET figure_browser_test)
  target_link_libraries(figure_browser_test PRIVATE PNG::PNG)
endif()
