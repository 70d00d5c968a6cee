
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/planner/diagnostics.cc" "CMakeFiles/rehab_planner.dir/planner/diagnostics.cc.o" "gcc" "CMakeFiles/rehab_planner.dir/planner/diagnostics.cc.o.d"
  "/work/main/planner/dose_text.cc" "CMakeFiles/rehab_planner.dir/planner/dose_text.cc.o" "gcc" "CMakeFiles/rehab_planner.dir/planner/dose_text.cc.o.d"
  "/work/main/planner/model.cc" "CMakeFiles/rehab_planner.dir/planner/model.cc.o" "gcc" "CMakeFiles/rehab_planner.dir/planner/model.cc.o.d"
  "/work/main/planner/plan.cc" "CMakeFiles/rehab_planner.dir/planner/plan.cc.o" "gcc" "CMakeFiles/rehab_planner.dir/planner/plan.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
