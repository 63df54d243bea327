"""Personal data customers type into a chat, kept out of places it does not belong.

Card numbers are masked before a message is stored, so they never reach the model, the
transcript, a ticket snapshot or a log line. Email addresses typed into the chat are
masked the same way: the one place we keep a customer's address is the ticket's
contact field, which they fill in on purpose.
"""

import logging
import re

from email_validator import EmailNotValidError, validate_email

# 13 to 19 digits, optionally grouped by single spaces or dashes.
CARD_CANDIDATE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

CARD_MASK = "[card number removed]"
EMAIL_MASK = "[email address removed]"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _mask_card(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group())
    return CARD_MASK if 13 <= len(digits) <= 19 and luhn_valid(digits) else match.group()


def mask_cards(text: str) -> str:
    return CARD_CANDIDATE.sub(_mask_card, text)


def mask_personal_data(text: str) -> str:
    """What a customer's chat message is stored as."""
    return EMAIL.sub(EMAIL_MASK, mask_cards(text))


def install_log_masking() -> None:
    """Mask card numbers in every log record, whichever logger or handler it goes to.

    Messages are masked before they are stored, so this is the second line: it covers
    anything else that might quote customer text (an exception, a library's log).
    """
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_cards", False):
        return

    def masking_factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report
            return record
        masked = mask_cards(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    masking_factory.masks_cards = True
    logging.setLogRecordFactory(masking_factory)


def is_email(contact: str | None) -> bool:
    """Whether a ticket's contact is an email address we can write to (the API takes any
    contact text: a phone number, "call after 6")."""
    if not contact:
        return False
    try:
        validate_email(contact, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True
