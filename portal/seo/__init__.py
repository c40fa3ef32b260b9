"""What search engines and feed readers read: structured data, sitemaps, robots.txt and feeds."""
