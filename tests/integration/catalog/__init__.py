"""Integration tests of the catalog service: real PostgreSQL, gRPC on port 0, a fake delivery service."""
