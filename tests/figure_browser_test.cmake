# figure_browser_test reads its contact sheet's screenshot with libpng
# (tests/support/png_image.cc), as handout_browser_test does.
find_package(PNG REQUIRED)
target_link_libraries(figure_browser_test PRIVATE PNG::PNG)
