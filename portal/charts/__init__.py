"""Charts drawn on the server as inline SVG: the audience-share curve, chart peaks, award counts."""
