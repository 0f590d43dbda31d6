"""The scheduler has no Dramatiq actors: it only publishes.

Its outbox relay (services.scheduler.adapters.relay) publishes job messages to the ``generate``
queue (the generator's ``generate_report`` actor) and the ``deliver`` queue (the delivery
service's ``deliver_report`` actor); it consumes no queue of its own.
"""
