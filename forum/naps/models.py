"""National Action Plans; for now the OGP policy areas their commitments belong to."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.bilingual import BilingualNameMixin
from ..extensions import db


class PolicyArea(BilingualNameMixin, db.Model):
    """One of OGP's policy areas (seed, table 2), with example lead agencies."""

    __tablename__ = 'policy_areas'

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable identifier (``anti_corruption``).
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    description_th: Mapped[str] = mapped_column(Text, default='')
    #: Example lead agencies in Thai, one per line (seed, table 2).
    lead_agencies_th: Mapped[str] = mapped_column(Text, default='')
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f'<PolicyArea {self.code}>'
