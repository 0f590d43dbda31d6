"""Who may call what: bearer tokens, roles and scopes, tenant isolation, TLS and the audit trail.

Every service gets all of it from ``reportsuite.core.grpc_server.create_server``, so an RPC added
to any service is authenticated, scoped to its caller's accounts and audited without its own code.
docs/security.md describes the model; ``policy.POLICY`` is the one method -> roles table.
"""
