"""The scheduler's business rules: jobs and their stage protocol, and report time frames.

Nothing here knows gRPC, Dramatiq or SQL; the ports say what the rules need from outside.
"""
