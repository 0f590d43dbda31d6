"""The catalog has no Dramatiq actors: it consumes no queue and publishes none.

Every service keeps this module so the layouts match; the catalog's work is all gRPC calls
(see entrypoints/grpc_api.py).
"""
