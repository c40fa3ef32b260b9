"""Without Redis the cache is shared by every process of the machine (issue 12: each gunicorn worker and
each manage.py command had a cache of its own in memory, so a save from `manage.py shell` never retired the
pages the workers had cached)."""

from .servers import get, gunicorn, manage, run_in_portal

RENAME = """
import json
from shows.models import Show
show = Show.objects.get(slug="queen-of-tears")
show.title = "Queen of Tears, renamed from the shell"
show.save()
print(json.dumps(show.title))
"""


def test_two_workers_see_an_edit_made_by_a_third_process(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "CACHE_DIR": str(tmp_path / "cache")}
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    with gunicorn(env, workers=2) as base:
        for _request in range(8):  # both workers render and cache the page
            status, html, _headers = get(base + "/shows/queen-of-tears/")
            assert status == 200 and "<title>Queen of Tears (2024)" in html
        assert any((tmp_path / "cache").iterdir()), "nothing was cached in the shared folder"
        assert run_in_portal(env, RENAME) == "Queen of Tears, renamed from the shell"
        for _request in range(8):
            _status, html, _headers = get(base + "/shows/queen-of-tears/")
            assert "<title>Queen of Tears, renamed from the shell (2024)" in html
