"""List pages: filter sets read from the querystring, numbers parsed from it, lenient pagination."""
