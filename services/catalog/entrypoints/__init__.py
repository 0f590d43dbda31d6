"""The catalog's entrypoints: the gRPC servicer (and no actors)."""
