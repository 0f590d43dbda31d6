"""Integration tests of the delivery service."""
