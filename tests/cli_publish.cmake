# cli_publish_test expands the events read back from Radicale with libical,
# an independent reader of what `rehab publish` wrote. (A release-only area:
# the sanitizer build has no such target.)
if(NOT TARGET cli_publish_test)
  return()
endif()
if(TARGET ical)
  target_link_libraries(cli_publish_test PRIVATE ical)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)
  target_link_libraries(cli_publish_test PRIVATE PkgConfig::LIBICAL)
endif()
