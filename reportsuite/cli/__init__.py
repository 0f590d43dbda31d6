"""Operator tools: ``reportctl`` (the suite's command-line client) and ``reportsuite`` (dev mode, demo data)."""
