"""Every RPC of every service has an access policy; the table names only real methods and roles."""

from __future__ import annotations

from reportsuite.core.security import policy
from reportsuite.core.security.tokens import ACCOUNT_USER, OPERATOR, ROLES, SERVICE
from tests.support.rpcs import suite_rpcs

RPCS = {rpc.full_name: rpc for rpc in suite_rpcs()}


def test_every_rpc_of_every_service_has_a_policy_entry() -> None:
    missing = sorted(name for name in RPCS if policy.rule_for(name) is None)

    assert missing == [], (
        f"{len(missing)} RPC(s) have no access policy, so every caller is refused (default deny): "
        f"{', '.join(missing)}. To open one, {policy.HOW_TO_ADD}."
    )


def test_the_policy_names_no_method_that_does_not_exist() -> None:
    stale = sorted(set(policy.POLICY) - set(RPCS))

    assert stale == [], f"policy entries for methods no proto declares (renamed or removed?): {stale}"


def test_every_policy_names_only_known_roles_and_lets_operators_in() -> None:
    for method, rule in policy.POLICY.items():
        assert rule.roles <= set(ROLES), method
        assert OPERATOR in rule.roles, f"{method}: operators may call every method within their scope"


def test_a_method_missing_from_the_table_is_refused_to_everyone() -> None:
    assert policy.rule_for("/reportsuite.catalog.v1.CatalogService/NotYetDecided") is None


def test_the_stage_protocol_is_for_services_and_never_for_account_users() -> None:
    for name in ("ClaimJobStage", "HeartbeatJobStage", "CompleteJobStage", "FailJobStage"):
        rule = policy.rule_for(f"/reportsuite.scheduler.v1.SchedulerService/{name}")
        assert rule is not None and SERVICE in rule.roles and ACCOUNT_USER not in rule.roles


def test_only_the_audit_trail_and_host_probing_are_for_operators_alone() -> None:
    operators_only = sorted(name.rsplit("/", 1)[1] for name, rule in policy.POLICY.items()
                            if rule.roles == {OPERATOR})

    assert operators_only == ["FetchHostKey", "ListAuditEvents"]


def test_calls_that_change_or_download_are_audited_and_plain_reads_are_not() -> None:
    audited = {name.rsplit("/", 1)[1] for name, rule in policy.POLICY.items() if rule.audited(name)}

    assert {"CreateReportDefinition", "DeleteReportDefinition", "RunReport", "CancelJob", "DownloadSavedReport",
            "DeleteSavedReport", "ImportPgpKey", "IngestAttempts", "TraceContact", "ClaimJobStage"} <= audited
    assert not {"GetReportDefinition", "ListJobs", "WatchJob", "ListStatuses", "HeartbeatJobStage"} & audited
