"""iCalendar feeds of air dates: each show's at /shows/<slug>/calendar.ics (see feeds.calendar_for)."""
