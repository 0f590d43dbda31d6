"""What drives the scheduler: the gRPC servicer and the reaper's timer."""
