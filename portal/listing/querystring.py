"""Numbers from a querystring: one parser for every place that turns `?page=` and the like into an int.

Only ASCII digits count. `str.isdigit()` is true for '²' and '①', which `int()` then refuses, and `int()`
itself takes '１' or '٣'; neither belongs in a canonical address.
"""

import re

ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def positive_int(value, default=None):
    """`value` as an int ≥ 1 when it is a plain ASCII number, else `default`."""
    if isinstance(value, str) and ASCII_NUMBER.fullmatch(value):
        number = int(value)
        if number >= 1:
            return number
    return default
