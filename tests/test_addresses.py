"""Model addresses built from cached URL patterns read exactly as reverse() gives them."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from portal.addresses import reverse_path


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/portal/", "/a b/"])
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("shows:detail", ["queen-of-tears"]),
        ("shows:episode", ["queen-of-tears", "regular", 8]),
        ("shows:episode", ["queen-of-tears", "special", 2]),
        ("people:detail", ["kim-soo-hyun"]),
        ("awards:ceremony", ["korea-drama-awards"]),
        ("shows:list", []),
    ],
)
def test_the_same_address_as_reverse_under_any_script_prefix(script_prefix, prefix, name, args):
    script_prefix(prefix)
    assert reverse_path(name, *args) == reverse(name, args=args)
    assert reverse_path(name, *args).startswith(prefix.replace(" ", "%20"))


@pytest.mark.parametrize("args", [["not a slug"], ["a/b"], ["é"]], ids=["space", "slash", "non-ascii"])
def test_what_reverse_refuses_is_refused(args):
    with pytest.raises(NoReverseMatch):
        reverse_path("shows:detail", *args)


def test_an_unknown_episode_kind_is_refused():
    with pytest.raises(NoReverseMatch):
        reverse_path("shows:episode", "queen-of-tears", "bonus", 1)
