"""Unit tests of the service layer (the broker is a fake)."""
