"""What a certificate states, frozen at the moment it is issued.

A later name change, a renamed course or a replaced trainer never changes a certificate
that was already issued: the PDF and the verification page both read this snapshot.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class CertificateSnapshot:
    participant_name: str
    course_title: str
    course_format: str  # the format as printed (Dutch), e.g. "studiedag"
    contact_hours: Decimal | None
    session_dates: tuple[date, ...]
    location: str  # the venue, or the municipality for an in-company cohort
    trainer_names: tuple[str, ...]
    issuer: str
    extra: dict = field(default_factory=dict)

    @property
    def first_date(self) -> date | None:
        return self.session_dates[0] if self.session_dates else None

    @property
    def last_date(self) -> date | None:
        return self.session_dates[-1] if self.session_dates else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["version"] = SNAPSHOT_VERSION
        data["contact_hours"] = None if self.contact_hours is None else str(self.contact_hours)
        data["session_dates"] = [day.isoformat() for day in self.session_dates]
        data["trainer_names"] = list(self.trainer_names)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "CertificateSnapshot":
        hours = data.get("contact_hours")
        return cls(
            participant_name=data["participant_name"],
            course_title=data["course_title"],
            course_format=data.get("course_format", ""),
            contact_hours=None if hours in (None, "") else Decimal(hours),
            session_dates=tuple(date.fromisoformat(day) for day in data.get("session_dates", [])),
            location=data.get("location", ""),
            trainer_names=tuple(data.get("trainer_names", [])),
            issuer=data.get("issuer", ""),
            extra=dict(data.get("extra", {})),
        )
