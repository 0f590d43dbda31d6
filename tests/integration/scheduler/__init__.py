"""Integration tests of the scheduler on real PostgreSQL, RabbitMQ and gRPC."""
