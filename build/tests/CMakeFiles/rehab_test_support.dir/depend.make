# Empty dependencies file for rehab_test_support.
# This may be replaced when dependencies are built.
