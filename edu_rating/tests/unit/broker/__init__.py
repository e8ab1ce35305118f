"""Unit tests of the broker facade (only the clients are mocked)."""
