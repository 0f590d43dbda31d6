"""The generator's entrypoints: the gRPC servicer and the Dramatiq actor, which only translate."""
