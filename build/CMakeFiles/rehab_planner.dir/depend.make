# Empty dependencies file for rehab_planner.
# This may be replaced when dependencies are built.
