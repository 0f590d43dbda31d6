"""The catalog's adapters: its tables and SQL, and its client of the delivery service."""
