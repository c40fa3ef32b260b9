"""Admin building blocks the apps share."""
