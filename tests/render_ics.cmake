# libical parses our .ics exports in render_ics_test, as an independent reader.
# Only that test links it; the planner itself never depends on libical.
find_package(LibIcal CONFIG QUIET)
if(TARGET ical)
  target_link_libraries(render_ics_test PRIVATE ical)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)
  target_link_libraries(render_ics_test PRIVATE PkgConfig::LIBICAL)
endif()
