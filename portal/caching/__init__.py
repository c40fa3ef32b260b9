"""Caching: a Redis backend that degrades to "no cache" when Redis cannot be reached."""
