"""Unit tests of the scheduler's domain."""
