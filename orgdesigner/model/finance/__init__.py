"""The cost of change: financial years, savings profile, exit costs and payback (DOMAIN.md §6)."""
