"""The completion and Direct Connect statuses of the guide, as data: the one place they live.

Everything else reads this module: ingest validation, ListStatuses, the ``statuses`` reference
table (upserted from here at migrate and start so report SQL can join ranks) and
docs/statuses.md (rendered from here by ``python -m services.generator statuses-doc``).

Decisions on the guide's damaged rows (see ../shared/docs/guide-notes.md and docs/statuses.md):

- The email statuses' Channel Type column is empty in the guide and the number after the
  name is their rank; they are Email statuses.
- The nameless rank-1 row ("the email filter was selected during sub-campaign set up") is
  named EMAIL_FILTERED here.
- NOTCONNECTED's description carries two more codes, TMS_ERROR_PROVIDER and
  TMS_ERROR_MEDIASERVER; they are Voice statuses of their own with NOTCONNECTED's rank 3.
- The Direct Connect statuses have no rank in the guide: rank 0 (never a Best Contact over a
  ranked result), channel Voice (Direct Connect transfers a voice call to the contact center).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.generator.domain.model import Channel

VOICE = Channel.VOICE
TEXT = Channel.TEXT
EMAIL = Channel.EMAIL
WEB = Channel.WEB


@dataclass(frozen=True)
class Status:
    """One status: its code, the channels it applies to, its Best Contact rank and meaning."""

    code: str
    channels: tuple[Channel, ...]
    rank: int
    description: str
    direct_connect: bool = False


# The guide's "Completion Statuses" table, in its order; higher rank is a better result.
COMPLETION_STATUSES: tuple[Status, ...] = (
    Status(
        "BADDATA", (VOICE, TEXT, EMAIL), 2,
        "There was an error on the TMS.",
    ),
    Status(
        "BADNUMBERFAX", (VOICE, TEXT), 3,
        "The device reached a fax machine and no message was delivered.",
    ),
    Status(
        "BADNUMBERUNASSIGNED", (VOICE,), 3,
        "The called number is valid, but currently not assigned to anyone (not in service).",
    ),
    Status(
        "BLOCKED", (VOICE, TEXT, EMAIL), 1,
        "The device was not attempted because the device is on the Blocked list.",
    ),
    Status(
        "BOUNCEDEMAIL_BAD_DOMAIN", (EMAIL,), 8,
        "An email message was sent, but was not delivered. The message was bounced because the "
        "domain does not exist. This is a hard bounce type.",
    ),
    Status(
        "BOUNCEDEMAIL_BAD_MAILBOX", (EMAIL,), 8,
        "An email message was sent, but was not delivered. The message was bounced by the "
        "Internet Service Provider because the email address does not exist, likely due to an "
        "invalid email mailbox format or expired mailbox. This is a hard bounce type.",
    ),
    Status(
        "BOUNCEDEMAIL_GENERAL", (EMAIL,), 8,
        "An email message was sent but was not delivered. The message was bounced by the Internet"
        " Service Provider. This is a hard bounce type and is tagged as general as the reason is "
        "not known.",
    ),
    Status(
        "BOUNCEDEMAIL_INACTIVE_MAILBOX", (EMAIL,), 8,
        "An email message was sent but was not delivered. The message was bounced by the Internet"
        " Service Provider. The mailbox is determined to be inactive/expired by the provider and "
        "the policy is to reject (bounce) messages. This is a hard bounce type.",
    ),
    Status(
        "BOUNCEDEMAIL_ROUTING_ERROR", (EMAIL,), 8,
        "An email message was sent but was not delivered, due to routing errors. This is a hard "
        "bounce type.",
    ),
    Status(
        "BOUNCEDEMAIL_SOFT_BOUNCE", (EMAIL,), 8,
        "An email message was sent to a valid email address and delivery was attempted for up to "
        "48 hours, without success.",
    ),
    Status(
        "BOUNCEDEMAIL_SYNTAX_ERROR", (EMAIL,), 8,
        "An email message was sent but was not delivered, due to syntax errors. This is a hard "
        "bounce type.",
    ),
    Status(
        "BUSY", (VOICE,), 4,
        "The call reached a busy signal.",
    ),
    Status(
        "CALL_BAD_NUMBER", (VOICE,), 3,
        "The call was attempted, but did not reach a live person or answering machine. For "
        "example, the call may have reached a number with a tri-tone special information tone "
        "(SIT) (for example, \"this number has been disconnected\" or \"this number has changed\"), "
        "or a modem.",
    ),
    Status(
        "CALL_PASS_REJECTED", (VOICE, TEXT, EMAIL), 2,
        "The contact was filtered from the calling list because none of their available phone "
        "numbers met the parameters for any of the sub-campaign's call passes. For example, if "
        "all of your call passes are configured to use call pass escalation and to attempt only "
        "work and home numbers, any contacts who have only a cell phone number will be filtered "
        "from the calling list and will be assigned the CALL_PASS_REJECTED completion status. "
        "Contacts who are filtered in this way are included in the Filter value for the "
        "sub-campaign.",
    ),
    Status(
        "CHANNEL_TYPE_INCOMPATIBLE", (VOICE, TEXT, EMAIL), 2,
        "The selected device did not match the pass type selected. For example, this status could"
        " be returned if a landline device was identified in a text pass, which requires only "
        "wireless numbers.",
    ),
    Status(
        "COMPLIANCE_DATE", (VOICE, TEXT, EMAIL), 1,
        "The contact was excluded due to a Date Compliance rule.",
    ),
    Status(
        "COMPLIANCE_REGION", (VOICE, TEXT, EMAIL), 1,
        "The contact was excluded due to a Regional Compliance rule.",
    ),
    Status(
        "DELIVEREDMACHINE", (VOICE,), 7,
        "A voice message was left on an answering machine or voicemail.",
    ),
    Status(
        "DELIVEREDPERSON", (VOICE,), 8,
        "The call reached a live person.",
    ),
    Status(
        "DNC", (VOICE,), 1,
        "The call was not attempted because the phone number is on a Do Not Contact list.",
    ),
    Status(
        "DUPLICATE", (VOICE, TEXT, EMAIL), 1,
        "The device was not attempted because the device is a duplicate.",
    ),
    Status(
        "DUPLICATE_CLIENT", (VOICE, TEXT, EMAIL), 1,
        "The contact was not attempted because the ClientID is a duplicate, and duplicate "
        "ClientIDs are removed during sub-campaign setup.",
    ),
    Status(
        "DYNAMIC_MACHINE_HANGUP", (VOICE,), 5,
        "The call reached an answering machine or voicemail, and hung up on it without leaving a "
        "message because the defined maximum number of delivered answering machine messages has "
        "been reached for the contact.",
    ),
    Status(
        "EMAIL_FILTERED", (EMAIL,), 1,
        "The message was not sent because the device is an email address and the email filter was"
        " selected during sub-campaign set up.",
    ),
    Status(
        "EMAIL_MSG_NEVER_TRIED", (EMAIL,), 2,
        "The email message was not attempted in an email pass type.",
    ),
    Status(
        "EMAIL_TEXT_MSG", (EMAIL,), 1,
        "All emails that are \"wireless phone number @ wireless carrier\" are automatically "
        "filtered, such as: These devices are excluded from email pass types automatically as "
        "they result in a pay by end user text message.",
    ),
    Status(
        "ENDS_00", (VOICE, TEXT), 1,
        "The device was not attempted because the telephone number ends in '00' and the filter "
        "was selected.",
    ),
    Status(
        "ENDS_000", (VOICE, TEXT), 1,
        "The device was not attempted because the telephone number ends in '000' and the filter "
        "was selected.",
    ),
    Status(
        "EXCLUDED", (VOICE, TEXT, EMAIL), 1,
        "The device was not attempted because the contact was excluded through the use of an area"
        " code, state, or dynamic rule filter, or when the Timezone Source “Contact and Device” "
        "is chosen and either the area code of the device or the postal code is blank or invalid.",
    ),
    Status(
        "EXPIRED", (VOICE, TEXT, EMAIL), 2,
        "Applies to on-demand messaging that use a defined start/end time. The contact was not "
        "attempted because the specified time period had elapsed. The contact is then included in"
        " the Filtered value for the sub-campaign pass.",
    ),
    Status(
        "EXTENSION", (VOICE, TEXT), 1,
        "The call was not attempted because the telephone number includes an extension.",
    ),
    Status(
        "FAILEDEMAIL", (EMAIL,), 8,
        "An email message could not be sent because the email address was in the wrong format, "
        "there was a networking error while sending the email, or an error in the script cause "
        "the email to fail. A second attempt is made before this status is returned.",
    ),
    Status(
        "INBOUND_IVR_COMPLETED", (VOICE,), 9,
        "This was an inbound call.",
    ),
    Status(
        "INBOUND_IVR_EXTERNAL_FAILED", (VOICE,), 9,
        "This was an inbound call to a Local Connect number that failed to connect, due to the "
        "caller disconnecting before the script started.",
    ),
    Status(
        "INBOUND_IVR_EXTERNAL_SUCCESS", (VOICE,), 9,
        "This was a successfully completed inbound call to a Local Connect number.",
    ),
    Status(
        "INCOMPATIBLE_DEVICE_CONTACT_TZ", (VOICE, TEXT), 1,
        "Timezone Source Contact And Device is selected on the sub-campaign and the the Contact "
        "TimeZone or the Device TimeZone is outside of western-most to eastern-most for the given"
        " country or in another country. No contact attempt was made.",
    ),
    Status(
        "INTERNATIONAL", (VOICE, TEXT), 1,
        "The device was not attempted because the telephone number is located in a country that "
        "is not contractually supported by that account.",
    ),
    Status(
        "INVALID_AREA_CODE", (VOICE, TEXT), 1,
        "The area code/exchange combination for the number is invalid.",
    ),
    Status(
        "INVALID_CONTACT_TZ", (VOICE, TEXT), 1,
        "Timezone Source Contact Then Device is selected on the sub-campaign and the Contact Time"
        " Zone is invalid. No contact attempt was made.",
    ),
    Status(
        "INVALID_DEVICE", (VOICE, TEXT, EMAIL), 1,
        "The contact did not have a valid device. This may be because the number is too long or "
        "too short or contains a range of numbers that is not valid.",
    ),
    Status(
        "INVALID_EXCHANGE", (VOICE, TEXT), 1,
        "The area code/exchange combination for the number is invalid.",
    ),
    Status(
        "MACHINE_HANGUP", (VOICE,), 5,
        "The call reached an answering machine or voicemail, and hung up on it without leaving a "
        "message.",
    ),
    Status(
        "NEVER_TRIED", (VOICE, TEXT, EMAIL), 2,
        "The device was not attempted.",
    ),
    Status(
        "NO_DEVICE", (VOICE, TEXT, EMAIL), 1,
        "The contact did not have any device to attempt.",
    ),
    Status(
        "NOANSWER", (VOICE,), 4,
        "The call rang but was not answered. A call is considered unanswered after approximately "
        "55 seconds of ring time.",
    ),
    Status(
        "NOT_ATTEMPTED_SKIP", (VOICE,), 2,
        "The call was not attempted because it was skipped by an agent through a preview pass.",
    ),
    Status(
        "NOT_SUPPORTED", (VOICE, TEXT, EMAIL), 1,
        "Although the area code and exchange are valid, the device was not attempted because the "
        "Bellcore type for the area code/exchange is not supported by the messaging system.",
    ),
    Status(
        "NOTCONNECTED", (VOICE,), 3,
        "The call attempt was not successful. This could occur for a variety of reasons, "
        "including \"all circuits busy\" conditions or local phone exchange difficulties.",
    ),
    Status(
        "TMS_ERROR_PROVIDER", (VOICE,), 3,
        "The call attempt was not successful. This could occur for a variety of reasons, "
        "including \"all circuits busy\" conditions or local phone exchange difficulties "
        "originating with the telco provider.",
    ),
    Status(
        "TMS_ERROR_MEDIASERVER", (VOICE,), 3,
        "The call attempt was not successful. This could occur for a variety of reasons within "
        "the telephony service. This indicates an error prior to dispatching to the telco "
        "provider.",
    ),
    Status(
        "NULL_CONTACT_TZ", (VOICE, TEXT), 1,
        "Timezone Source Contact is selected on the sub-campaign and the Contact Time Zone is not"
        " present in the data. No contact attempt was made.",
    ),
    Status(
        "OPENEDEMAIL", (EMAIL,), 8,
        "An email message was sent and was opened by the recipient and/or automatically by the "
        "recipient's email client.",
    ),
    Status(
        "SCRIPT_FAILED_PERMANENT", (VOICE, TEXT, EMAIL), 8,
        "The script logic detected that a contact field is missing or improperly formed. This is "
        "a permanent failure.",
    ),
    Status(
        "SCRIPT_FAILED_TRANSIENT", (VOICE, TEXT, EMAIL), 8,
        "The script logic detected that some service is unavailable or that there is a temporary "
        "issue, but a retry is possible.",
    ),
    Status(
        "SCRIPT_NO_ACTION", (VOICE, TEXT, EMAIL), 2,
        "The script logic prevents any action from occurring.",
    ),
    Status(
        "SCRIPT_SUCCESS", (VOICE, TEXT, EMAIL), 8,
        "The script sends a message, or the script logic schedules a message for later delivery.",
    ),
    Status(
        "SENTEMAIL", (EMAIL,), 7,
        "An email message was sent.",
    ),
    Status(
        "SUPPRESSED_ACCOUNT", (VOICE, TEXT, EMAIL), 2,
        "The device was not attempted because the contact was suppressed using the Account "
        "Suppression feature.",
    ),
    Status(
        "SUPPRESSED_ACCOUNT_CALL_HIST", (VOICE, TEXT, EMAIL), 2,
        "The device was not attempted because the contact was suppressed using the account level "
        "Call History Suppression feature.",
    ),
    Status(
        "SUPPRESSED_CAMPAIGN_CALL_HIST", (VOICE, TEXT, EMAIL), 2,
        "The device was not attempted because the contact was suppressed using the campaign level"
        " Call History Suppression feature.",
    ),
    Status(
        "SUPPRESSED_ENTERPRISE", (VOICE, TEXT, EMAIL), 2,
        "The device was not attempted because the contact was suppressed using the Enterprise "
        "Suppression feature.",
    ),
    Status(
        "SUPPRESSED_ENTERPRISE_CALL_HIST", (VOICE, TEXT, EMAIL), 2,
        "The device was not attempted because the contact was suppressed using the enterprise "
        "level Call History Suppression feature.",
    ),
    Status(
        "TEXT_MSG_CARRIER_BLOCKED", (TEXT,), 8,
        "The attempt failed because the device has been blocked by the carrier (on a carrier "
        "blacklist, number not in service, etc).",
    ),
    Status(
        "TEXT_MSG_CARRIER_LOOKUP_FAILED", (TEXT,), 8,
        "The attempt failed because the carrier associated with the wireless device could not be "
        "determined.",
    ),
    Status(
        "TEXT_MSG_CARRIER_NOT_SUPPORTED", (TEXT,), 8,
        "The attempt is considered filtered because an FTEU (Free To End User) message is being "
        "attempted on a carrier that does not support FTEU, or the text attempt is a standard "
        "rate message and SoundBite does not support the carrier being attempted.",
    ),
    Status(
        "TEXT_MSG_DEVICE_UNREACHABLE", (TEXT,), 8,
        "The attempt failed because the carrier could not reach the device after several hours of"
        " trying.",
    ),
    Status(
        "TEXT_MSG_FAILED", (TEXT,), 1,
        "The attempt failed.",
    ),
    Status(
        "TEXT_MSG_NEVER_TRIED", (TEXT,), 2,
        "The text message was not attempted in a text message pass type.",
    ),
    Status(
        "TEXT_MSG_OPT_OUT", (TEXT,), 8,
        "User opted out of the text message by sending STOP or a preconfigured synonym.",
    ),
    Status(
        "TEXT_MSG_RECEIVED", (TEXT,), 8,
        "User sent a response - other than an opt-out - to the script. The response is recorded "
        "in the MessageContent field.",
    ),
    Status(
        "TEXT_MSG_SENT", (TEXT,), 8,
        "The text message was delivered.",
    ),
    Status(
        "TEXT_MSG_SUPPRESSED_ACCOUNT", (TEXT,), 8,
        "The attempt failed because the device has previously opted out.",
    ),
    Status(
        "TOLLFREE", (VOICE, TEXT), 1,
        "This status identifies toll-free numbers and international non-geographic wireless "
        "numbers.",
    ),
    Status(
        "UNDELIVEREDMACHINE", (VOICE,), 5,
        "The call reached an answering machine or automated attendant, and we were either unable "
        "to deliver the message, or the message was longer than 10 seconds and less than 10 "
        "seconds of the message was left on the answering machine.",
    ),
    Status(
        "WEB_EXTERNAL_URL_FAILED", (WEB,), 8,
        "Indicates an attempt to retrieve an external link failed.",
    ),
    Status(
        "WEB_EXTERNAL_URL_SUCCESS", (WEB,), 8,
        "Indicates an attempt to retrieve an external link occurred successfully.",
    ),
    Status(
        "WEB_INTERNAL_URL_FAILED", (WEB,), 8,
        "Indicates an attempt to retrieve an Engage web channel page failed.",
    ),
    Status(
        "WEB_INTERNAL_URL_SUCCESS", (WEB,), 8,
        "Indicates an Engage web channel page was successfully retrieved.",
    ),
    Status(
        "WIRELESS", (VOICE, TEXT), 1,
        "The device was not attempted because the telephone number is a wireless number and the "
        "wireless filter was selected during sub-campaign setup.",
    ),
)

# The guide's "Direct Connect Statuses" table, in its order.
_DIRECT_CONNECT: tuple[tuple[str, str], ...] = (
    ("DC_SUCCESS", "A successful connection to the contact center occurred."),
    ("DC_NO_LINES_AVAILABLE", "No Direct Connect lines were available."),
    ("DC_CALL_CENTER_BUSY",
     "A busy signal at the contact center prevented the Direct Connect from being completed."),
    ("DC_CALL_CENTER_NO_ANSWER", "The contact center number rang for longer than 40 seconds with no answer."),
    ("DC_CLIENT_HANGUP_DURING_TRANSFER",
     "The recipient hung up the phone before the contact center picked up the call."),
    ("DC_CLIENT_HANGUP_ON_HOLD",
     "The recipient hung up the phone while on hold with the contact center. This status occurs only if "
     "the Whisper feature is used."),
    ("CONTACT_ABORTED",
     "The recipient pressed a DTMF key to abort/cancel the call while on hold with the contact center. "
     "This status is available only if the script was written to accept such an action."),
    ("DC_CALL_CENTER_HANGUP_ON_HOLD",
     "The contact center hung up on the recipient without taking the recipient off hold. This status "
     "occurs only if you are using the Whisper feature."),
    ("DC_FAILED", "A failure other than those listed above occurred."),
    ("TELEPHONY_ERROR",
     "An error prevented the call from connecting, but the carrier was unable to supply a reason code "
     "for the failure."),
)

DIRECT_CONNECT_STATUSES: tuple[Status, ...] = tuple(
    Status(code, (VOICE,), 0, description, direct_connect=True) for code, description in _DIRECT_CONNECT
)

STATUSES: tuple[Status, ...] = COMPLETION_STATUSES + DIRECT_CONNECT_STATUSES

_BY_CODE: dict[str, Status] = {status.code: status for status in STATUSES}


def find(code: str) -> Status | None:
    """Returns the status with this code, or None when the guide has no such status."""
    return _BY_CODE.get(code)
