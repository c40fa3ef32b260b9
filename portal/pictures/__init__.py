"""Pictures: checked, re-encoded uploads, thumbnails and the tags that show them."""
