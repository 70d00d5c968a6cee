# Empty dependencies file for rehab_cli.
# This may be replaced when dependencies are built.
