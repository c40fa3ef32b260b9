"""Would Jinja2 bring the cold show and person pages to 20 ms? Measure before porting anything.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_dev CACHE_URL=dummy:// \
        .venv/bin/python bench/jinja_compare.py [-n 50] [--warmup 5] [--no-profile]

Needs Jinja2, which the project does not depend on: `pip install jinja2`, or without touching the venv
`pip install --target /tmp/bench-jinja2 jinja2` and run with PYTHONPATH=/tmp/bench-jinja2.

Production settings with caching off, as bench/cold.py sets them (it is imported for that). For each page:

1. The whole request through django.test.Client (middleware, the cache decorator, view, render): wall and
   CPU time, and the time spent in SQL.
2. The same page split with RequestFactory and the bare view class (inside the page-tag recording the cache
   decorator does): the view (get_object, the page's selector, the rest of get_context_data), then
   `response.render()` of the TemplateResponse, each with its SQL.
3. The heaviest section, rendered from the view's own context with Django's engine and with a Jinja2 port in
   bench/jinja/ through Django's Jinja2 backend (django.template.backends.jinja2.Jinja2): the show page's
   episode table (templates/includes/_episode_table.html) and the person page's filmography (the Acting
   and Behind the camera sections of templates/people/person_detail.html, cut from the live file). The two
   outputs are compared: rows, links, and whether they are identical.
4. An estimate of the page if every template were Jinja2 (see estimate() for what it assumes).
5. Unless --no-profile: a cProfile of a few view+render runs, its own time grouped by where it is spent, and
   the number of model instances the page creates.

Times are medians of N runs after a warm-up; CPU is this process's time.process_time(), which leaves out
waiting for PostgreSQL (and is steadier when the machine is busy).
"""

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import time
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from cold import configure  # noqa: E402

try:
    import jinja2
except ImportError:
    raise SystemExit(
        "Jinja2 is not installed: pip install --target /tmp/bench-jinja2 jinja2, then run with "
        "PYTHONPATH=/tmp/bench-jinja2"
    ) from None

SHOW_PATH = "/shows/gen-heir-lawyer/"
PERSON_PATH = "/people/gen-min-jin-ji/"
PERSON_TEMPLATE = ROOT / "templates" / "people" / "person_detail.html"


# ---------------------------------------------------------------------------------------------------------
# The Jinja2 environment: the few filters and tags the ported sections use, as plain Python.

MONTHS_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTHS = "January February March April May June July August September October November December".split()


def date_filter(value, fmt):
    """Django's |date for the format characters the templates use (j, d, M, F, Y), English month names."""
    if not value:
        return ""
    out = []
    for char in fmt:
        if char == "j":
            out.append(str(value.day))
        elif char == "d":
            out.append(f"{value.day:02d}")
        elif char == "M":
            out.append(MONTHS_ABBR[value.month - 1])
        elif char == "F":
            out.append(MONTHS[value.month - 1])
        elif char == "Y":
            out.append(str(value.year))
        else:
            out.append(char)
    return "".join(out)


def pluralize(value, suffix="s"):
    """Django's |pluralize: the suffix unless the number (or the length) is 1."""
    if isinstance(value, int | float | Decimal):
        return "" if value == 1 else suffix
    try:
        return "" if len(value) == 1 else suffix
    except TypeError:
        return ""


def environment(**options):
    """For Django's Jinja2 backend (OPTIONS["environment"])."""
    # The project's own {% share %} function: it returns Django's SafeString, which has __html__, so
    # Jinja2's autoescape leaves it alone as Django's does.
    from portal.display.templatetags.display_tags import share

    env = jinja2.Environment(**options)
    env.filters.update(date=date_filter, pluralize=pluralize)
    env.globals.update(share=share)
    return env


def jinja_backend():
    from django.template.backends.jinja2 import Jinja2

    return Jinja2(
        {
            "NAME": "bench-jinja2",
            "DIRS": [str(BENCH / "jinja")],
            "APP_DIRS": False,
            # keep_trailing_newline: Django keeps a template's last newline, so the outputs compare equal.
            "OPTIONS": {"environment": f"{__name__}.environment", "keep_trailing_newline": True},
        }
    )


def person_filmography_dtl():
    """The Acting and Behind the camera sections of the live person template, as a Django template."""
    from django.template import engines

    source = PERSON_TEMPLATE.read_text()
    start, end = source.index("{% with castings="), source.index("{% if songs %}")
    return engines["django"].from_string(source[start:end])


# ---------------------------------------------------------------------------------------------------------
# Timing


class SQLTimer:
    """Wall time and count of the queries run while installed (connection.execute_wrapper).

    Not connection.queries / CaptureQueriesContext: they keep each query's time rounded to the millisecond,
    and most of these queries take less. The time is psycopg's execute(), which sends the query and receives
    every row; turning the rows into Python values happens in fetch, so it counts as ORM time here.
    """

    def __init__(self):
        self.ms, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - start) * 1000
            self.count += 1

    @contextmanager
    def installed(self):
        from django.db import connection

        with connection.execute_wrapper(self):
            yield self


class Stopwatch:
    """Collects wall and CPU milliseconds (and SQL, when asked) of timed blocks under labels."""

    def __init__(self):
        self.samples = {}

    @contextmanager
    def time(self, label, sql=False):
        timer = SQLTimer()
        with ExitStack() as stack:
            if sql:
                stack.enter_context(timer.installed())
            start, start_cpu = time.perf_counter(), time.process_time()
            yield
            wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
        entry = self.samples.setdefault(label, {"wall": [], "cpu": [], "sql": [], "queries": []})
        entry["wall"].append(wall)
        entry["cpu"].append(cpu)
        if sql:
            entry["sql"].append(timer.ms)
            entry["queries"].append(timer.count)

    def median(self, label, field="wall"):
        values = self.samples[label][field]
        return statistics.median(values) if values else 0.0

    def minimum(self, label):
        return min(self.samples[label]["wall"])


def repeat(n, warmup, body):
    """body(timing: bool) warmup times untimed, then n times timed."""
    for _ in range(warmup):
        body(False)
    for _ in range(n):
        body(True)


@contextmanager
def maybe(watch, timing, label, sql=False):
    if timing:
        with watch.time(label, sql=sql):
            yield
    else:
        yield


# ---------------------------------------------------------------------------------------------------------
# One page


class Page:
    def __init__(
        self, name, path, view_class, selector, section_name, dtl_section, jinja_section, context_of
    ):
        self.name, self.path, self.view_class, self.selector = name, path, view_class, selector
        self.section_name, self.dtl_section, self.jinja_section = section_name, dtl_section, jinja_section
        self.context_of = context_of  # the view's context -> the section's context

    def request(self):
        from django.contrib.auth.models import AnonymousUser
        from django.test import RequestFactory

        request = RequestFactory().get(self.path, headers={"X-Forwarded-Proto": "https"})
        request.user = AnonymousUser()
        return request

    @contextmanager
    def as_cached_render(self):
        """What the cache decorator wraps a render in: the page-tag recording and the personal slots."""
        from portal.caching import personal
        from portal.caching import tags as page_tags

        with page_tags.recording(), personal.slots():
            yield

    def kwargs(self):
        from django.urls import resolve

        return resolve(self.path).kwargs

    def view_response(self):
        """The unrendered TemplateResponse of the bare view."""
        return self.view_class.as_view()(self.request(), **self.kwargs())


def measure(page, client, n, warmup):
    watch = Stopwatch()

    def whole(timing):
        with maybe(watch, timing, "client"):
            response = client.get(page.path)
        assert response.status_code == 200, (page.path, response.status_code)
        page.html_kb = len(response.content) / 1024

    def whole_sql(timing):
        with maybe(watch, timing, "client+sql", sql=True):
            client.get(page.path)

    view = page.view_class.as_view()
    kwargs = page.kwargs()

    def split(timing):
        request = page.request()
        with page.as_cached_render():
            with maybe(watch, timing, "view", sql=True):
                response = view(request, **kwargs)
            with maybe(watch, timing, "render", sql=True):
                response.render()

    def view_parts(timing):
        instance = page.view_class()
        instance.setup(page.request(), **kwargs)
        with page.as_cached_render():
            with maybe(watch, timing, "get_object", sql=True):
                obj = instance.get_object()
            with maybe(watch, timing, "selector", sql=True):
                page.selector(obj)

    repeat(n, warmup, whole)
    repeat(n, warmup, whole_sql)
    repeat(n, warmup, split)
    repeat(n, warmup, view_parts)

    # The section, from the context the view built (rendered once, as the page would).
    response = page.view_response()
    with page.as_cached_render():
        response.render()
    section_context = page.context_of(response.context_data)
    outputs = {}

    def dtl(timing):
        with maybe(watch, timing, "section dtl"):
            outputs["dtl"] = page.dtl_section.render(section_context)

    def jinja(timing):
        with maybe(watch, timing, "section jinja2"):
            outputs["jinja2"] = page.jinja_section.render(section_context)

    repeat(n, warmup, dtl)
    repeat(n, warmup, jinja)
    return watch, outputs


def compare(dtl_html, jinja_html):
    """Rows, links and list items of both outputs; whether they are identical, or equal but for spacing."""

    def shape(html):
        return {
            "<tr>": len(re.findall(r"<tr[\s>]", html)),
            "<li>": len(re.findall(r"<li[\s>]", html)),
            "links": re.findall(r'href="([^"]*)"', html),
        }

    a, b = shape(dtl_html), shape(jinja_html)
    same_shape = a == b
    if dtl_html == jinja_html:
        verdict = "identical"
    elif " ".join(dtl_html.split()) == " ".join(jinja_html.split()):
        verdict = "equal but for whitespace"
    else:
        verdict = "DIFFERENT"
    return a, same_shape, verdict


def estimate(total, templates, dtl_section, jinja_section):
    """The page's time if every template it renders were Jinja2.

    `templates` is the time response.render() takes less the SQL run inside it: Django's template engine
    and whatever Python the templates call (get_absolute_url, model properties, inclusion tags, and the ORM
    work of querysets evaluated in the template). The section measured is the largest part of that, and
    uses the same kinds of nodes as the rest (loops, variables, attribute lookups, filters, simple tags), so
    the whole render is scaled by the section's Jinja2/DTL ratio:

        estimate = total - templates + templates * (jinja_section / dtl_section)

    This is optimistic: it also scales the Python and ORM work the templates trigger, which Jinja2 would
    not make any faster. `total - templates` is the floor: the page with templates costing nothing.
    """
    ratio = jinja_section / dtl_section
    return total - templates + templates * ratio, total - templates, ratio


def report(page, watch, outputs, n, warmup):
    m = watch.median
    total, total_cpu = m("client"), m("client", "cpu")
    sql, queries = m("client+sql", "sql"), m("client+sql", "queries")
    view, view_sql = m("view"), m("view", "sql")
    render, render_sql = m("render"), m("render", "sql")
    get_object, get_object_sql = m("get_object"), m("get_object", "sql")
    selector, selector_sql = m("selector"), m("selector", "sql")
    dtl, dtl_cpu = m("section dtl"), m("section dtl", "cpu")
    jinja, jinja_cpu = m("section jinja2"), m("section jinja2", "cpu")
    templates = render - render_sql
    est, floor, ratio = estimate(total, templates, dtl, jinja)
    shape, same_shape, verdict = compare(outputs["dtl"], outputs["jinja2"])

    print(f"\n{page.name} page {page.path}  ({page.html_kb:.0f} KB; medians of {n} after {warmup} warm-up)")
    print(f"  {'':52} {'wall ms':>8} {'CPU ms':>8} {'SQL ms':>8}")
    print(
        f"  {'whole page (Client: middleware, view, render)':52} {total:8.1f} {total_cpu:8.1f}"
        f" {sql:8.1f}   {queries:.0f} queries; fastest {watch.minimum('client'):.1f} ms"
    )
    print(
        f"  {'  view (bare view class, get_context_data)':52} {view:8.1f} {m('view', 'cpu'):8.1f}"
        f" {view_sql:8.1f}   {m('view', 'queries'):.0f} queries"
    )
    print(
        f"  {'    get_object (for_detail_page + prefetches)':52} {get_object:8.1f}"
        f" {m('get_object', 'cpu'):8.1f} {get_object_sql:8.1f}"
    )
    print(
        f"  {'    selector ' + page.selector.__name__:52} {selector:8.1f} {m('selector', 'cpu'):8.1f}"
        f" {selector_sql:8.1f}"
    )
    rest = view - get_object - selector
    print(f"  {'    rest (structured data, context)':52} {rest:8.1f}")
    print(
        f"  {'  render (response.render(), every template)':52} {render:8.1f} {m('render', 'cpu'):8.1f}"
        f" {render_sql:8.1f}   {m('render', 'queries'):.0f} queries; templates w/o SQL {templates:.1f}"
    )
    print(f"  {'  middleware, cache decorator, Client (remainder)':52} {total - view - render:8.1f}")
    print(
        f"  {'section ' + page.section_name + ', Django templates':52} {dtl:8.1f} {dtl_cpu:8.1f}"
        f"   = {dtl / templates:.0%} of the page's template time"
    )
    print(f"  {'section ' + page.section_name + ', Jinja2':52} {jinja:8.1f} {jinja_cpu:8.1f}")
    print(f"  Jinja2/DTL ratio {ratio:.2f} (DTL {dtl / jinja:.1f}x slower)")
    print(
        f"  estimated page if every template were Jinja2: {est:.1f} ms"
        f"  (total - templates + templates x ratio; with templates free: {floor:.1f} ms; target 20 ms)"
    )
    print(
        f"  SQL {sql:.1f} ms = {sql / total:.0%} of the page; Python outside SQL and templates"
        f" {total - sql - templates:.1f} ms"
    )
    print(
        f"  outputs: {verdict}; {shape['<tr>']} <tr>, {shape['<li>']} <li>, {len(shape['links'])} links"
        f" -> {'same rows and links' if same_shape else 'ROWS OR LINKS DIFFER'}"
    )


# ---------------------------------------------------------------------------------------------------------
# Where the time goes (cProfile)

CATEGORIES = [
    ("ORM: SQL compilation", ("django/db/models/sql/", "django/db/models/expressions", "lookups.py")),
    ("ORM: querysets, rows -> instances, signals", ("django/db/models/", "django/dispatch/")),
    ("db backend wrappers", ("django/db/",)),
    (
        "template engine",
        ("django/template/", "django/templatetags/", "django/utils/html", "django/utils/safestring"),
    ),
    ("template engine", ("django/utils/formats", "django/utils/dateformat", "django/utils/numberformat")),
    # Lazy strings, escaping and the locale lookups of |date: mostly on behalf of templates.
    (
        "template engine",
        ("django/utils/functional", "django/utils/timezone", "asgiref/local", "/html/__init__"),
    ),
    ("URL building", ("django/urls/", "portal/addresses.py")),
]
DRIVER = "database driver, waiting for PostgreSQL"


def category(filename, name):
    # Built-ins have the file "~": psycopg's C parts, the socket and the wait for the server's answer.
    if "/psycopg" in filename or (filename == "~" and re.search(r"psycopg|select|poll|socket|recv", name)):
        return DRIVER
    for label, needles in CATEGORIES:
        if any(needle in filename for needle in needles):
            return label
    if filename.startswith(str(ROOT)) and "/.venv/" not in filename:
        return "project Python (selectors, models, tags, structured data)"
    return "other (built-ins: getattr, isinstance…; stdlib; views)"


def profile(page, runs=10):
    from django.db.models.signals import post_init

    instances = [0]

    def count(sender, **kwargs):
        instances[0] += 1

    post_init.connect(count, dispatch_uid="jinja-compare-count")
    response = page.view_response()
    with page.as_cached_render():
        response.render()
    post_init.disconnect(dispatch_uid="jinja-compare-count")

    profiler = cProfile.Profile()
    for _ in range(runs):
        with page.as_cached_render():
            profiler.enable()
            page.view_response().render()
            profiler.disable()
    stats = pstats.Stats(profiler).stats
    totals = {}
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        label = category(filename, name)
        totals[label] = totals.get(label, 0.0) + tottime
    overall = sum(totals.values())
    print(
        f"  cProfile of view+render ({runs} runs, own time by place; profiling inflates Python calls):"
        f" {instances[0]} model instances per page"
    )
    for label, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"    {label:60} {seconds / overall:5.0%}")


# ---------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--repeat", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--show", default=SHOW_PATH, help="show page path")
    parser.add_argument("--person", default=PERSON_PATH, help="person page path")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()

    configure()
    import django

    django.setup()
    from django.core.management import call_command
    from django.template import engines
    from django.test import Client

    from people import selectors as people_selectors
    from people.views import PersonDetailView
    from shows import selectors as show_selectors
    from shows.views import ShowDetailView

    # The manifest storage of production needs collected files to name them.
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(headers={"X-Forwarded-Proto": "https"})
    jinja = jinja_backend()

    pages = [
        Page(
            "show",
            args.show,
            ShowDetailView,
            show_selectors.show_page,
            "episode table",
            engines["django"].get_template("includes/_episode_table.html"),
            jinja.get_template("_episode_table.html"),
            lambda context: {"episodes": context["episodes"]},
        ),
        Page(
            "person",
            args.person,
            PersonDetailView,
            people_selectors.person_page,
            "filmography",
            person_filmography_dtl(),
            jinja.get_template("_person_filmography.html"),
            lambda context: {"person": context["person"]},
        ),
    ]
    for page in pages:
        watch, outputs = measure(page, client, args.repeat, args.warmup)
        report(page, watch, outputs, args.repeat, args.warmup)
        if not args.no_profile:
            profile(page)


if __name__ == "__main__":
    main()
