"""Demo content: a Thai MSF of twelve seats across all sectors (organisations are illustrative).

The agencies are those the seed names as leads for OGP's policy areas (table 2); the ones
marked "(ตัวอย่าง)"/"(demo)" are invented. The demo plan is in ``nap_data``.
"""

#: Every demo account's password; printed by ``flask forum demo`` and in the README.
DEMO_PASSWORD = 'forum-demo-2569'

#: (key, sector code, Thai name, English name)
ORGANISATIONS = (
    ('opdc', 'government', 'สำนักงานคณะกรรมการพัฒนาระบบราชการ (สำนักงาน ก.พ.ร.)', 'Office of the Public Sector Development Commission (OPDC)'),
    ('nacc', 'government', 'สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)', 'Office of the National Anti-Corruption Commission'),
    ('dga', 'government', 'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)', 'Digital Government Development Agency'),
    ('mof', 'government', 'กระทรวงการคลัง', 'Ministry of Finance'),
    ('moj', 'government', 'กระทรวงยุติธรรม', 'Ministry of Justice'),
    ('mnre', 'government', 'กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม', 'Ministry of Natural Resources and Environment'),
    ('amlo', 'government', 'สำนักงานป้องกันและปราบปรามการฟอกเงิน (สำนักงาน ปปง.)', 'Anti-Money Laundering Office (AMLO)'),
    ('bb', 'government', 'สำนักงบประมาณ', 'Bureau of the Budget'),
    ('opm', 'government', 'สำนักงานปลัดสำนักนายกรัฐมนตรี', 'Office of the Permanent Secretary, Office of the Prime Minister'),
    ('ocs', 'government', 'สำนักงานคณะกรรมการกฤษฎีกา', 'Office of the Council of State'),
    ('mdes', 'government', 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม', 'Ministry of Digital Economy and Society'),
    ('moi', 'government', 'กระทรวงมหาดไทย', 'Ministry of Interior'),
    ('msdhs', 'government', 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์', 'Ministry of Social Development and Human Security'),
    ('cso_opengov', 'civil_society', 'เครือข่ายภาคประชาชนเพื่อรัฐบาลเปิด (ตัวอย่าง)', 'Citizens for Open Government Network (demo)'),
    ('cso_air', 'civil_society', 'สภาลมหายใจ (ตัวอย่าง)', 'Clean Air Council (demo)'),
    ('cso_youth', 'civil_society', 'เครือข่ายเยาวชนเพื่อการมีส่วนร่วม (ตัวอย่าง)', 'Youth Participation Network (demo)'),
    ('private', 'private_sector', 'สภาธุรกิจโปร่งใส (ตัวอย่าง)', 'Transparent Business Council (demo)'),
    ('academia', 'academia', 'สถาบันวิจัยนโยบายสาธารณะ (ตัวอย่าง)', 'Public Policy Research Institute (demo)'),
    ('media', 'other', 'สมาคมสื่อมวลชนท้องถิ่น (ตัวอย่าง)', 'Local Media Association (demo)'),
)  # fmt: skip

#: (email, display name, role, sector code, organisation key, seat role or None). Member rights
#: come from the seat, not the role.
PEOPLE = (
    ('admin@example.org', 'ผู้ดูแลระบบ', 'admin', 'government', 'opdc', None),
    ('secretariat@example.org', 'สมศรี ใจดี (เลขานุการ)', 'secretariat', 'government', 'opdc', None),
    ('chair@example.org', 'ประเสริฐ วงศ์สวัสดิ์', 'participant', 'government', 'opdc', 'chair'),
    ('cochair@example.org', 'มาลี ทองคำ', 'participant', 'civil_society', 'cso_opengov', 'co_chair'),
    ('nacc@example.org', 'วิชัย ศรีสุข', 'participant', 'government', 'nacc', 'member'),
    ('dga@example.org', 'กมลวรรณ เพชรรัตน์', 'participant', 'government', 'dga', 'member'),
    ('mof@example.org', 'สุรชัย บุญมา', 'participant', 'government', 'mof', 'member'),
    ('moj@example.org', 'นภาพร แสงทอง', 'participant', 'government', 'moj', 'member'),
    ('mnre@example.org', 'อนุชา รักษ์ป่า', 'participant', 'government', 'mnre', 'alternate'),
    ('air@example.org', 'ปิยะนุช ฟ้าใส', 'participant', 'civil_society', 'cso_air', 'member'),
    ('youth@example.org', 'ธนากร เยาวชน', 'participant', 'civil_society', 'cso_youth', 'member'),
    ('business@example.org', 'วรวุฒิ พาณิชย์', 'participant', 'private_sector', 'private', 'member'),
    ('academic@example.org', 'ดร.ศิริพร วิชาการ', 'participant', 'academia', 'academia', 'member'),
    ('media@example.org', 'ชาญวิทย์ ข่าวดี', 'participant', 'other', 'media', 'observer'),
    ('participant@example.org', 'ประชาชน ทั่วไป', 'participant', 'civil_society', None, None),
)
