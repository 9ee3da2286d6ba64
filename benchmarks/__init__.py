"""Scripts that print figures; not part of the test run (never assert a time in a test)."""
