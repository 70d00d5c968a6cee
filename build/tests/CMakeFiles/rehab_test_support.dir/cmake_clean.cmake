file(REMOVE_RECURSE
  "CMakeFiles/rehab_test_support.dir/support/test_util.cc.o"
  "CMakeFiles/rehab_test_support.dir/support/test_util.cc.o.d"
  "librehab_test_support.a"
  "librehab_test_support.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/rehab_test_support.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
