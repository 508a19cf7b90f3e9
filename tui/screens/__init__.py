"""The app's screens: the main reading screen and the help screen listing every key."""
