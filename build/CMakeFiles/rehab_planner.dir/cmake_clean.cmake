file(REMOVE_RECURSE
  "CMakeFiles/rehab_planner.dir/planner/diagnostics.cc.o"
  "CMakeFiles/rehab_planner.dir/planner/diagnostics.cc.o.d"
  "CMakeFiles/rehab_planner.dir/planner/dose_text.cc.o"
  "CMakeFiles/rehab_planner.dir/planner/dose_text.cc.o.d"
  "CMakeFiles/rehab_planner.dir/planner/model.cc.o"
  "CMakeFiles/rehab_planner.dir/planner/model.cc.o.d"
  "CMakeFiles/rehab_planner.dir/planner/plan.cc.o"
  "CMakeFiles/rehab_planner.dir/planner/plan.cc.o.d"
  "librehab_planner.a"
  "librehab_planner.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/rehab_planner.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
