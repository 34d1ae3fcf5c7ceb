"""Cases leaving and entering the program: the case JSON file and case bundles."""
