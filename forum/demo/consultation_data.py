"""Demo content: one closed consultation round on the first NAP, its themes and responses.

Data only (the loader is ``consultation_loader``; the inputs are in ``consultation_inputs``).
Days count from the round's opening.

Each input: ``channel``; ``on`` (a commitment number, or None for the plan); ``part`` (an
anchor, optional); ``by`` (a demo account's e-mail: online) or ``name``/``organisation``/
``sector`` (offline); ``province``; ``named`` (agreed to be named); ``theme`` (a key of
:data:`THEMES`); ``day``; ``text``; optionally ``response`` (a key of :data:`RESPONSES`),
``withdrawn``, ``hidden`` (the reason), ``duplicate_of`` (the index of an earlier input),
``contact`` (never published).
"""

#: The round: opened 60 days before the demo is loaded, open for 30 days.
ROUND = {
    'title': (
        'การรับฟังความคิดเห็นต่อร่างแผนปฏิบัติการระดับชาติว่าด้วยรัฐบาลเปิด ฉบับที่ 1',
        'Public consultation on the draft first Open Government National Action Plan',
    ),
    'description': (
        'ประชุมรับฟังความคิดเห็นต่อแผน NAP โดยจัดประชุมหารือและรับฟังความคิดเห็นร่วมกับหน่วยงานภาครัฐ '
        'ภาคประชาสังคม และภาคส่วนที่เกี่ยวข้องเพื่อรวบรวมข้อคิดเห็นและข้อเสนอแนะในการจัดทำแผน NAP',
        'Consultation meetings on the NAP with government agencies, civil society and the other '
        'sectors concerned, to gather comments and suggestions for the NAP.',
    ),
    'opened_days_ago': 60,
    'days_open': 30,
    'channels': ['online', 'meeting', 'written'],
    #: Who runs the round.
    'actor': 'secretariat@example.org',
}

#: Each online participant's province (ISO 3166-2:TH) when registering for the consultation.
PROVINCES = {
    'chair@example.org': 'TH-10',
    'cochair@example.org': 'TH-50',
    'nacc@example.org': 'TH-12',
    'dga@example.org': 'TH-10',
    'mof@example.org': 'TH-10',
    'moj@example.org': 'TH-12',
    'mnre@example.org': 'TH-13',
    'air@example.org': 'TH-50',
    'youth@example.org': 'TH-40',
    'business@example.org': 'TH-20',
    'academic@example.org': 'TH-90',
    'media@example.org': 'TH-34',
    'participant@example.org': 'TH-57',
    'secretariat@example.org': 'TH-10',
}

#: Responses: key -> (disposition, reason, the commitment numbers whose latest revision carries it).
RESPONSES = {
    'procurement': ('adopted', '', (1,)),
    'assets': (
        'deferred',
        'การเปิดเผยบัญชีทรัพย์สินของเจ้าหน้าที่รัฐต้องแก้ไขกฎหมายประกอบรัฐธรรมนูญ '
        'จะเสนอเป็นพันธสัญญาในแผนปฏิบัติการระดับชาติฉบับที่ 2',
        (),
    ),
    'pm25': (
        'partly_adopted',
        'เพิ่มการเปิดเผยข้อมูลที่แท้จริงของมลพิษรายจังหวัดแล้ว ส่วนการกำกับดูแลการใช้จ่ายด้านสิ่งแวดล้อม '
        'ยังไม่มีหน่วยงานรับผิดชอบที่พร้อมในรอบแผนนี้',
        (5,),
    ),
    'budget': (
        'already_covered',
        'พันธสัญญา TH0002 เปิดให้ประชาชนเข้ามามีส่วนร่วมในการกำหนดและติดตามการใช้จ่ายงบประมาณของภาครัฐอยู่แล้ว',
        (),
    ),
    'civic_space': (
        'out_of_scope',
        'ร่างแผนฉบับนี้ไม่มีพันธสัญญาด้านการเปิดพื้นที่พลเมือง ข้อเสนอจึงอยู่นอกขอบเขตของการรับฟังความคิดเห็นรอบนี้ '
        'สำนักงานเลขานุการได้ส่งต่อข้อเสนอให้เวที MSF พิจารณาเมื่อจัดทำแผนฉบับถัดไป',
        (),
    ),
    'disinformation': (
        'not_adopted',
        'ทะเบียนระบบปัญญาประดิษฐ์มุ่งสร้างความโปร่งใสของการใช้ระบบโดยหน่วยงานของรัฐ '
        'การกำกับดูแลข้อมูลเท็จและข้อมูลที่บิดเบือนทางออนไลน์อยู่ภายใต้กฎหมายเฉพาะ จึงไม่นำมารวมในพันธสัญญานี้',
        (),
    ),
    'inclusion': ('adopted', '', (7,)),
    'law_portal': (
        'partly_adopted',
        'เพิ่มการแจ้งผลการพิจารณาความคิดเห็นแก่ผู้แสดงความคิดเห็นแล้ว '
        'ส่วนการอภิปรายอย่างเป็นระบบแบบออนไลน์จะทดลองในระยะต่อไป',
        (4,),
    ),
    'rti': (
        'already_covered',
        'การเผยแพร่ข้อมูลให้แก่ประชาชนได้รับทราบเชิงรุกอยู่ในพันธสัญญา TH0003 แล้ว',
        (),
    ),
    'process': ('adopted', '', ()),
    'general_thanks': (
        'already_covered',
        'แผนฉบับนี้ยึดหลักการของ OGP ได้แก่ ความโปร่งใส การมีส่วนร่วมของประชาชน และความรับผิดชอบต่อสาธารณะอยู่แล้ว',
        (),
    ),
}

#: Themes (ประเด็น): key -> (Thai, English, the response key that applies to their inputs).
THEMES = {
    'procurement': (
        'การเปิดเผยข้อมูลของผู้มีส่วนได้ส่วนเสียการจัดซื้อจัดจ้างที่โปร่งใส',
        'Disclosing who stands behind bidders in public procurement',
        'procurement',
    ),
    'assets': (
        'การเปิดเผยบัญชีทรัพย์สินของเจ้าหน้าที่รัฐ',
        "Publishing public officials' asset declarations",
        'assets',
    ),
    'pm25': (
        'ข้อมูลที่แท้จริงของมลพิษและฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน',
        'True pollution data and fine dust (PM2.5)',
        'pm25',
    ),
    'budget': (
        'การมีส่วนร่วมในการกำหนดและติดตามการใช้จ่ายงบประมาณ',
        'Taking part in setting and following public spending',
        'budget',
    ),
    'civic_space': (
        'เสรีภาพในการชุมนุม การแสดงออก และเสรีภาพของสื่อ',
        'Freedom of assembly, of expression and of the press',
        'civic_space',
    ),
    'disinformation': (
        'ข้อมูลเท็จและการใช้ AI ในทางที่ไม่เหมาะสม',
        'False information and the misuse of AI',
        'disinformation',
    ),
    'inclusion': (
        'การรับฟังเสียงของชนกลุ่มน้อยหรือกลุ่มเปราะบาง',
        'Hearing minorities and vulnerable groups',
        'inclusion',
    ),
    'law_portal': (
        'การแสดงความคิดเห็นผ่านระบบกลางทางกฎหมาย',
        'Commenting on draft laws through the central law portal',
        'law_portal',
    ),
}
