"""The scheduler: turns report definitions into jobs and tracks each job to its end.

It owns the ``scheduler`` schema (jobs, job events, outbox), serves SchedulerService and
publishes job messages to the ``generate`` and ``deliver`` queues from a transactional outbox.
"""
