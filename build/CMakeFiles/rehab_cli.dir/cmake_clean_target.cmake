file(REMOVE_RECURSE
  "librehab_cli.a"
)
