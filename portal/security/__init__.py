"""Security headers."""
