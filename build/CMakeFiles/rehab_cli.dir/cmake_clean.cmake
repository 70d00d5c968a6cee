file(REMOVE_RECURSE
  "CMakeFiles/rehab_cli.dir/cli/cli.cc.o"
  "CMakeFiles/rehab_cli.dir/cli/cli.cc.o.d"
  "CMakeFiles/rehab_cli.dir/cli/io.cc.o"
  "CMakeFiles/rehab_cli.dir/cli/io.cc.o.d"
  "CMakeFiles/rehab_cli.dir/cli/scaffold.cc.o"
  "CMakeFiles/rehab_cli.dir/cli/scaffold.cc.o.d"
  "librehab_cli.a"
  "librehab_cli.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/rehab_cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
