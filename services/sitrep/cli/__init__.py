"""The `sitrep` command line."""
