"""Reading the activity store by resource name."""

from __future__ import annotations

from reportsuite.core import names
from reportsuite.core.errors import NotFound
from services.generator.domain.model import Account, Campaign
from services.generator.domain.ports import ActivityStore


def get_account(name: str, store: ActivityStore) -> Account:
    """Returns the account named ``accounts/{account}``; NotFound names the field "name"."""
    ids = names.parse("accounts/{account}", name, "name")
    account = store.get_account(ids["account"])
    if account is None:
        raise NotFound(f"account {name!r} does not exist", field="name", rule="must name an existing account")
    return account


def get_campaign(name: str, store: ActivityStore) -> Campaign:
    """Returns the campaign named ``accounts/{account}/campaigns/{campaign}``."""
    ids = names.parse("accounts/{account}/campaigns/{campaign}", name, "name")
    campaign = store.get_campaign(ids["account"], ids["campaign"])
    if campaign is None:
        raise NotFound(f"campaign {name!r} does not exist", field="name", rule="must name an existing campaign")
    return campaign
