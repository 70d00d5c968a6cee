file(REMOVE_RECURSE
  "CMakeFiles/rehab.dir/cli/main.cc.o"
  "CMakeFiles/rehab.dir/cli/main.cc.o.d"
  "rehab"
  "rehab.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/rehab.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
