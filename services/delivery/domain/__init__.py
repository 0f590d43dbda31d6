"""The delivery rules; nothing here knows gRPC, Dramatiq or SQL."""
