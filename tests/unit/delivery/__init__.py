"""Unit tests of the delivery rules."""
