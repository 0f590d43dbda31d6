"""The generator's business rules: statuses, ingest validation and report generation.

Nothing here knows gRPC, Dramatiq or SQL; adapters and entrypoints translate to and from these types.
"""
