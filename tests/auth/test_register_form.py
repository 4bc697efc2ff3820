"""The registration page (issue 12): the privacy note before the button; a sector is chosen."""

import re

from sqlalchemy import select

from forum.auth.models import User
from tests.auth.test_register_login import _register


def test_the_privacy_note_comes_before_the_register_button(client):
    for lang, note in (('en', 'We publish your name, organisation'), ('th', 'เราเผยแพร่ชื่อ องค์กร')):
        html = client.get('/auth/register', headers={'Accept-Language': lang}).get_data(
            as_text=True
        )
        form = re.search(
            r'<form method="post" novalidate class="stack narrow">.*?</form>', html, re.S
        )[0]
        privacy = re.search(r'<p class="privacy-note" id="privacy-note">([^<]+)</p>', form)
        assert privacy, lang
        assert privacy[1].startswith(note)
        button = re.search(r'<input[^>]*type="submit"[^>]*>', form)[0]
        assert form.index(privacy[0]) < form.index(button)
        assert 'aria-describedby="privacy-note"' in button
        assert privacy[1] not in html.split(form)[1]  # not again below the form


def test_no_sector_chosen_asks_to_choose_not_to_type(client, db):
    for lang, wanted, wrong in (
        ('th', 'กรุณาเลือกภาคส่วนจากรายการ', 'กรุณากรอกข้อมูลช่องนี้'),
        ('en', 'Choose one of the listed sectors.', 'This field is required.'),
    ):
        response = _register(client, lang=lang, sector='')
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        errors = re.search(r'<ul class="errors" id="sector-error">(.*?)</ul>', html, re.S)[1]
        assert wanted in errors
        assert wrong not in errors
    assert db.session.scalar(select(User)) is None
