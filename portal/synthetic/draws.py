"""Random draws in the shapes a real catalogue has: shares that add up, long tails, moments in time."""

import datetime
import itertools
from bisect import bisect_right
from decimal import Decimal


def apportion(total, weights):
    """Whole numbers proportional to `weights` that add up to exactly `total` (largest remainders)."""
    if not weights:
        return []
    weight_sum = sum(weights)
    if weight_sum <= 0:
        weights, weight_sum = [1] * len(weights), len(weights)
    shares = [total * w / weight_sum for w in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: parts[i] - shares[i])
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


class Picker:
    """Draws from `items` with a long tail, as real catalogues have: a few stars, many bit parts."""

    def __init__(self, rng, items, skew=1.0, offset=5):
        self.rng = rng
        self.items = list(items)
        rng.shuffle(self.items)
        self.cum = list(itertools.accumulate(1 / (i + offset) ** skew for i in range(len(self.items))))
        self.total = self.cum[-1] if self.cum else 0

    def pick(self):
        if not self.items:
            return None
        return self.items[min(bisect_right(self.cum, self.rng.random() * self.total), len(self.items) - 1)]

    def pick_new(self, taken, tries=8):
        """An item not in `taken`, or None when a few draws find none."""
        for _ in range(tries):
            item = self.pick()
            if item not in taken:
                return item
        return None


def at(day, hour=12, rng=None, spread_hours=0):
    """An aware datetime on `day` (UTC), optionally spread over some hours."""
    moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)
    if rng and spread_hours:
        moment += datetime.timedelta(seconds=rng.randrange(int(spread_hours * 3600)))
    return moment


def percent(value):
    return Decimal(f"{min(max(value, 0.1), 99.0):.3f}")
