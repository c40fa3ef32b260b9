"""How facts are shown on pages: shares, chart positions, award results, nominees, names."""
