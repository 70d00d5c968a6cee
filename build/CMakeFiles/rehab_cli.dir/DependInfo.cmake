
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/cli/cli.cc" "CMakeFiles/rehab_cli.dir/cli/cli.cc.o" "gcc" "CMakeFiles/rehab_cli.dir/cli/cli.cc.o.d"
  "/work/main/cli/io.cc" "CMakeFiles/rehab_cli.dir/cli/io.cc.o" "gcc" "CMakeFiles/rehab_cli.dir/cli/io.cc.o.d"
  "/work/main/cli/scaffold.cc" "CMakeFiles/rehab_cli.dir/cli/scaffold.cc.o" "gcc" "CMakeFiles/rehab_cli.dir/cli/scaffold.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/CMakeFiles/rehab_planner.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
