"""The default sectors (DOMAIN.md): code, Thai name, English name, counts as government."""

DEFAULT_SECTORS = (
    ('government', 'ภาครัฐ', 'Government', True),
    ('civil_society', 'ภาคประชาสังคม', 'Civil society', False),
    ('private_sector', 'ภาคเอกชน', 'Private sector', False),
    ('academia', 'ภาควิชาการ', 'Academia', False),
    ('other', 'ภาคส่วนอื่น', 'Other', False),
)
