"""Full dumps of the public catalogue: `export_data` writes them, `import_data` loads one into an empty
database. The format is in format.py, which records go in kinds.py."""
