"""The scheduler's adapters: its tables and SQL, the outbox relay, and clients of other services."""
