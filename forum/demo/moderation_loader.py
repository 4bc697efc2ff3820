"""Demo moderation, through the services, so that /moderation, the queue and /audit show something.

Two designated moderators, a short discussion on the plan's first commitment, a few flags, one
comment hidden (personal data) and its author's appeal. Skipped when any moderator has acted.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from ..auth.services import user_by_email
from ..comments.services import post_comment
from ..commitments.models import Commitment
from ..extensions import db
from ..moderation.models import ModerationAction, Moderator
from ..moderation.services import appeal, designate_moderator, flag_comment, hide

#: (author, text) of the demo discussion; the third gives a phone number (to be hidden).
DISCUSSION = (
    ('air@example.org', 'ควรเปิดเผยข้อมูลคุณภาพอากาศรายชั่วโมงในรูปแบบที่เครื่องอ่านได้'),
    ('mof@example.org', 'กระทรวงฯ พร้อมสนับสนุนงบประมาณสำหรับระบบเปิดเผยข้อมูล'),
    ('youth@example.org', 'ติดต่อผมได้ที่ 081-234-5678 ถ้าอยากร่วมทีมอาสา'),
    ('business@example.org', 'สนใจบริการที่ปรึกษาราคาพิเศษ ติดต่อบริษัทเราได้เลย'),
)
MODERATORS = ('academic@example.org', 'cochair@example.org')


def load_demo_moderation() -> dict[str, int]:
    """Create the demo moderation when no moderator has acted yet; return what was made."""
    made = {'moderation_actions': 0, 'flags': 0}
    if db.session.scalar(select(func.count(ModerationAction.id))):
        return made
    staff = user_by_email('secretariat@example.org')
    commitment = db.session.scalar(select(Commitment).order_by(Commitment.id).limit(1))
    people = {email: user_by_email(email) for email, _t in DISCUSSION}
    if staff is None or commitment is None or None in people.values():
        return made
    for email in MODERATORS:
        person = user_by_email(email)
        if person is not None and db.session.get(Moderator, person.id) is None:
            designate_moderator(person, actor=staff)
    comments = []
    for email, text in DISCUSSION:
        comment, _new = post_comment(
            commitment, actor=people[email], body=text, client_id=str(uuid.uuid4())
        )
        comments.append(comment)
    phone, advert = comments[2], comments[3]
    for email, comment, reason in (
        ('air@example.org', phone, 'personal_data'),
        ('mof@example.org', advert, 'spam'),
        ('air@example.org', advert, 'off_topic'),
    ):
        flag_comment(comment, actor=people[email], reason=reason)
        made['flags'] += 1
    hide(phone, actor=staff, reason='personal_data', note='เบอร์โทรศัพท์ส่วนตัวในความคิดเห็น')
    made['moderation_actions'] += 1
    appeal(phone, actor=people['youth@example.org'],
           text='เป็นเบอร์ของโครงการอาสา ไม่ใช่เบอร์ส่วนตัว')  # fmt: skip
    db.session.flush()
    return made
