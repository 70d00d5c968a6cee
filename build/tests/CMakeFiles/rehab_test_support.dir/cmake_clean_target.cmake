file(REMOVE_RECURSE
  "librehab_test_support.a"
)
