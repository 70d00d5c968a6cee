file(REMOVE_RECURSE
  "librehab_planner.a"
)
