"""Health checks for load balancers and uptime monitors, and the benchmark's yardstick view."""
