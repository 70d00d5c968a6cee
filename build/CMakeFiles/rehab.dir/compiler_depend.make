# Empty compiler generated dependencies file for rehab.
# This may be replaced when dependencies are built.
