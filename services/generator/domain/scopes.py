"""What a job's report runs against, resolved from its definition's level and target.

- enterprise (no target): every account whose enterprise is the running account's (only that
  account when it has none);
- account (no target): the running account;
- campaign: the target campaign; with <Yesterday's activity> (no target) every campaign of the
  account, of which the job's window (the previous report day) holds only those that ran;
- sub-campaign: the target sub-campaign (its id must be unique in the account); with <Yesterday's
  activity> every sub-campaign of the target campaign, or of every campaign without a target.

The report's times are rendered in the running account's reports time zone at every level: it is the
zone its window was cut in.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.generator.domain.jobs import Job, ReportFailure
from services.generator.domain.model import Account, Campaign, SubCampaign
from services.generator.domain.ports import ActivityStore, FileNameRequest
from services.generator.domain.reports import SUPPORTED, Level, ReportQuery

# What <NameAtLevelRun> and <CAMPAIGN> say for <Yesterday's activity> over every campaign.
YESTERDAYS_ACTIVITY = "Yesterday's activity"


@dataclass(frozen=True)
class ReportScope:
    """What a report runs against.

    Attributes:
        account: the account running the report.
        level: the definition's level.
        accounts: the accounts read (several at enterprise level).
        campaign: the one campaign read, or None for every campaign of the accounts.
        sub_campaign: the one sub-campaign read, or None.
        name_at_level_run: the name of what the report runs against (the file name's <NameAtLevelRun>).
    """

    account: Account
    level: Level
    accounts: tuple[str, ...]
    campaign: Campaign | None
    sub_campaign: SubCampaign | None
    name_at_level_run: str

    @property
    def group(self) -> str:
        """The contact list, when the report covers exactly one."""
        if self.sub_campaign is not None:
            return self.sub_campaign.contact_list
        if self.campaign is None:
            return ""
        lists = {sub.contact_list for sub in self.campaign.sub_campaigns}
        return lists.pop() if len(lists) == 1 else ""


def resolve_scope(job: Job, activity: ActivityStore) -> ReportScope:
    """The scope of the job's report.

    Raises:
        ReportFailure: the type and level are not a pair the generator produces, or what the
            definition names is not in the activity store (retrying cannot help).
    """
    report = job.report
    if report.report_type is None or report.level is None:
        raise ReportFailure("the report definition has no report type or level")
    if (report.report_type, report.level) not in SUPPORTED:
        raise ReportFailure(f"{report.report_type.value} reports do not run at {report.level.value} level")
    account = activity.get_account(job.account)
    if account is None:
        raise ReportFailure(f"account {job.account!r} is not in the activity store")
    if report.level is Level.ENTERPRISE:
        return _enterprise_scope(account, activity)
    if report.level is Level.ACCOUNT:
        return ReportScope(account, Level.ACCOUNT, (account.id,), None, None, account.display_name)
    if report.yesterdays_activity:
        return _yesterdays_activity_scope(account, report.level, report.target, activity)
    if report.level is Level.CAMPAIGN:
        campaign = _campaign(account, report.target, activity)
        return ReportScope(account, Level.CAMPAIGN, (account.id,), campaign, None, campaign.display_name)
    return _sub_campaign_scope(account, report.target, activity)


def _enterprise_scope(account: Account, activity: ActivityStore) -> ReportScope:
    if not account.enterprise:  # an account of no enterprise is an enterprise of its own
        return ReportScope(account, Level.ENTERPRISE, (account.id,), None, None, account.display_name)
    name, members = activity.enterprise_members(account.enterprise)
    return ReportScope(account, Level.ENTERPRISE, members or (account.id,), None, None, name)


def _campaign(account: Account, campaign_id: str, activity: ActivityStore) -> Campaign:
    campaign = activity.get_campaign(account.id, campaign_id)
    if campaign is None:
        raise ReportFailure(f"campaign {campaign_id!r} does not exist in account {account.id!r}")
    return campaign


def _yesterdays_activity_scope(account: Account, level: Level, target: str, activity: ActivityStore) -> ReportScope:
    # At sub-campaign level the target may name the campaign whose sub-campaigns are covered.
    campaign = _campaign(account, target, activity) if target else None
    name = campaign.display_name if campaign is not None else YESTERDAYS_ACTIVITY
    return ReportScope(account, level, (account.id,), campaign, None, name)


def _sub_campaign_scope(account: Account, target: str, activity: ActivityStore) -> ReportScope:
    found = activity.sub_campaigns_named(account.id, target)
    if not found:
        raise ReportFailure(f"sub-campaign {target!r} does not exist in account {account.id!r}")
    if len(found) > 1:
        campaigns = ", ".join(sorted(campaign.id for campaign, _ in found))
        raise ReportFailure(f"sub-campaign {target!r} is ambiguous: it exists in campaigns {campaigns}")
    campaign, sub_campaign = found[0]
    return ReportScope(account, Level.SUB_CAMPAIGN, (account.id,), campaign, sub_campaign,
                       sub_campaign.display_name)


def report_query(job: Job, scope: ReportScope) -> ReportQuery:
    """The rows the job's report holds: its scope, in the job's window (or Incremental cutoffs)."""
    assert job.report.report_type is not None  # checked by resolve_scope
    return ReportQuery(
        report_type=job.report.report_type, account=job.account,
        campaign=scope.campaign.id if scope.campaign else None,
        sub_campaign=scope.sub_campaign.id if scope.sub_campaign else None,
        window_start=job.window_start, window_end=job.window_end, time_zone=scope.account.reports_time_zone,
        incremental=job.incremental, accounts=scope.accounts, level=scope.level,
    )


def file_name_request(job: Job, scope: ReportScope) -> FileNameRequest:
    """What the file name format's tags are filled from."""
    assert job.report.report_type is not None  # checked by resolve_scope
    campaign = scope.campaign
    every_campaign = YESTERDAYS_ACTIVITY if job.report.yesterdays_activity else ""
    return FileNameRequest(
        file_name_format=job.report.file_name_format, report=job.report.report_type.value,
        report_name=job.report.display_name, name_at_level_run=scope.name_at_level_run,
        campaign=campaign.display_name if campaign else every_campaign,
        sub_campaign=scope.sub_campaign.display_name if scope.sub_campaign else "",
        group=scope.group, account=scope.account.display_name, account_uid=scope.account.id,
        report_id=job.id, start_time=campaign.start_time if campaign else None,
        end_time=campaign.end_time if campaign else None,
        instant=job.create_time, time_zone=scope.account.reports_time_zone,
        has_output_specification=job.report.has_output_specification,
    )
