"""The deployment's contact details (deployment/contact.yml)."""

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from actions import settings
from actions.replies import reply

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContactDetails:
    organisation: str = ""
    phone: str = ""
    hours: str = ""
    website: str = ""

    def as_dutch_text(self) -> Optional[str]:
        """The reply text, or None when the deployment filled in nothing."""
        if not (self.phone or self.website):
            return None
        # The wording is in knowledge/replies.yml, like every reply.
        lines = [
            reply("contact_intro").format(
                organisation=self.organisation or reply("contact_default_organisation")
            )
        ]
        if self.phone:
            key = "contact_phone_with_hours" if self.hours else "contact_phone"
            lines.append(reply(key).format(phone=self.phone, hours=self.hours))
        if self.website:
            lines.append(reply("contact_website").format(website=self.website))
        lines.append(reply("emergency_notice"))
        return "\n".join(lines)


def load_contact_details(path: Path) -> ContactDetails:
    try:
        with path.open(encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as error:
        # A broken deployment file must not take the assistant down: fall back
        # to the neutral text and say so in the log.
        logger.error("Cannot read contact details from %s (%s); using the default text", path, error)
        return ContactDetails()
    fields = {key: str(raw.get(key) or "").strip() for key in ("organisation", "phone", "hours", "website")}
    return ContactDetails(**fields)


@lru_cache(maxsize=1)
def get_contact_details() -> ContactDetails:
    return load_contact_details(settings.CONTACT_CONFIG_PATH)
