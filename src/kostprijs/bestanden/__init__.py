"""Files: atomic writes, input tables, CSV and xlsx output, injection guard, secrets."""
