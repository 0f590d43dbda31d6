"""The catalog's business rules; nothing here knows gRPC, Dramatiq or SQL."""
