"""A large synthetic catalogue on top of the demo content, to see the portal at a real portal's size.

`generate()` bulk-inserts shows, episodes, people, casts, crews, soundtracks, awards, news, members and
comments (the same rows for the same seed and the same demo content), then rebuilds the search index.

Generated rows are recognisable, so a second run notices the catalogue and `fresh=True` removes it without
touching anything else: slugs start with "gen-", members' e-mail addresses end in "@catalogue.invalid",
and everything else (episodes, castings, nominations, comments, …) hangs off those rows. Names are chosen
so that none of them, nor any of their spellings, meets a name already in the database.

Primary keys are assigned here rather than by the database, so rows can link to each other without a
round trip; the sequences are reset afterwards (so run it while nothing else adds content). On PostgreSQL
the rows go in with COPY, elsewhere with bulk_create. Everything is inserted in one transaction: a failed
run leaves nothing behind.

Where things are: `generator.py` runs the steps in order; each kind of record has its module (`reference`,
`people`, `shows`, `soundtracks`, `awards`, `news`, `discussions`), drawing its words from `words.toml`;
`state.py` holds what the steps hand on to each other, `bulk.py` the writing, `names.py` names and slugs,
`cleanup.py` finding and removing a generated catalogue. (The package is also an app, for its
`generate_catalogue` command, so this file imports nothing: import from the modules.)
"""
