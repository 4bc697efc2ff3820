"""Demo data for ``make run`` and ``flask forum demo``."""
