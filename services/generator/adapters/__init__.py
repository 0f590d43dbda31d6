"""The generator's adapters: its tables and SQL, and its clients of the other services."""
