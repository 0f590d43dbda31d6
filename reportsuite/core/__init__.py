"""Plumbing shared by every service: settings, database, telemetry, broker and gRPC helpers.

It holds no domain types; each service's business rules live in ``services/<name>/domain``.
"""
