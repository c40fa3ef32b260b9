"""Who changed what and when: the edit history of what staff edit, kept by django-simple-history.

A tracked model declares `history = edit_history()` (records.py). Every save (the admin's forms and
inlines, imports, the schedule action, loaders) adds a row to the model's historical table in this app,
with the editor taken from the request (HistoryRequestMiddleware). The admin's History page lists the rows
with what changed between them; reverting saves the chosen version through the model's own save(), so the
pages that show the row are renewed as by any edit.
"""
