"""Demo commitments on the right to information and digital governance (government AI).

See ``nap_data`` for the shape: texts are ``(Thai, English)`` pairs, organisations are keys of
``data.ORGANISATIONS``. Figures are illustrative, not official statistics.
"""

from datetime import date

RIGHT_TO_INFORMATION = {
    'policy_area': 'right_to_information',
    'lead': 'opm',
    'supporters': ('dga', 'opdc', 'media', 'cso_opengov'),
    'author': 'secretariat@example.org',
    'contact_name': 'ผู้ประสานงาน สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ',
    'contact_email': 'ogp-rti@example.org',
    'start_date': date(2026, 7, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '16.10',
    'title': (
        'ยกระดับการเปิดเผยข้อมูลข่าวสารของราชการเชิงรุกตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 '
        'และพัฒนาระบบรับและติดตามคำขอข้อมูลข่าวสารออนไลน์',
        'Strengthen proactive disclosure under the Official Information Act B.E. 2540 (1997) and '
        'introduce an online system to file and track information requests',
    ),
    'short_title': ('สิทธิการเข้าถึงข้อมูลข่าวสารของราชการ', 'Right to information'),
    'description': (
        'สำนักงานปลัดสำนักนายกรัฐมนตรี โดยสำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ '
        'จะจัดทำมาตรฐานการเปิดเผยข้อมูลข่าวสารเชิงรุกตามมาตรา 7 และมาตรา 9 ให้หน่วยงานของรัฐนำไปใช้บนเว็บไซต์ '
        'พัฒนาระบบกลางให้ประชาชนยื่นคำขอข้อมูลข่าวสารตามมาตรา 11 และติดตามสถานะได้ทางออนไลน์ '
        'และเผยแพร่สถิติคำขอและระยะเวลาการตอบเป็นรายไตรมาส',
        "The Office of the Permanent Secretary of the Prime Minister's Office, through the Office "
        'of the Official Information Commission, will set a standard for proactive disclosure '
        'under sections 7 and 9 for agency websites, build a central system where people file '
        'section 11 requests and track them online, and publish quarterly statistics on requests '
        'and response times.',
    ),
    'problem': (
        'แม้พระราชบัญญัติข้อมูลข่าวสารของราชการจะใช้บังคับมากว่า 28 ปี '
        'แต่ประชาชนยังเข้าถึงข้อมูลข่าวสารของราชการได้ยาก หน่วยงานจำนวนมากยังไม่จัดให้มีข้อมูลตามมาตรา 9 '
        'ให้ตรวจดูได้ทางออนไลน์อย่างครบถ้วน การยื่นคำขอตามมาตรา 11 ส่วนใหญ่ต้องทำเป็นหนังสือ ผู้ยื่นไม่ทราบสถานะคำขอ '
        'และไม่มีสถิติการตอบคำขอในภาพรวม ข้อมูลพื้นฐาน (พ.ศ. 2568): จากการสำรวจเว็บไซต์ส่วนราชการระดับกรม '
        'ร้อยละ 35 เผยแพร่ข้อมูลตามมาตรา 9 ครบทุกหมวด ไม่มีระบบกลางรับและติดตามคำขอ '
        'และไม่มีการเผยแพร่สถิติคำขอในภาพรวม',
        'Although the Official Information Act has been in force for more than 28 years, official '
        'information remains hard to obtain. Many agencies do not make all section 9 information '
        'available online; most section 11 requests must be made on paper; requesters cannot see '
        'the status of their request; and there are no overall statistics on how requests are '
        'answered. Baseline (2025): a survey of department-level agency websites found 35% '
        'publishing every category of section 9 information; there is no central system to file '
        'and track requests, and no overall request statistics are published.',
    ),
    'causes': (
        '(1) ไม่มีมาตรฐานกลางว่าข้อมูลตามมาตรา 9 แต่ละหมวดควรเผยแพร่ในรูปแบบและตำแหน่งใดบนเว็บไซต์ (2) '
        'การรับคำขอเป็นเอกสารกระดาษ ไม่มีเลขติดตามและไม่มีการบันทึกสถิติอย่างเป็นระบบ (3) '
        'เจ้าหน้าที่ไม่มั่นใจในการใช้ดุลพินิจเปิดเผยข้อมูล '
        'โดยเฉพาะเมื่อเกี่ยวข้องกับข้อมูลส่วนบุคคลตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 '
        'จึงมักเลือกไม่เปิดเผยไว้ก่อน (4) การกำกับติดตามการปฏิบัติตามกฎหมายอาศัยการร้องเรียนเป็นรายกรณี',
        '(1) There is no common standard for the format and location of each category of section '
        '9 information on websites. (2) Requests are handled on paper, with no tracking number '
        'and no systematic statistics. (3) Officials are unsure how to exercise their discretion '
        'to disclose, especially where personal data under the Personal Data Protection Act B.E. '
        '2562 (2019) are involved, and so tend to withhold by default. (4) Compliance is '
        'monitored only through individual complaints.',
    ),
    'solution': (
        '(1) จัดทำมาตรฐานและแม่แบบการเปิดเผยข้อมูลข่าวสารเชิงรุกตามมาตรา 7 และมาตรา 9 '
        'โดยรับฟังความคิดเห็นจากภาคประชาสังคมและสื่อมวลชน (2) '
        'ร่วมกับสำนักงานพัฒนารัฐบาลดิจิทัลพัฒนาระบบกลางรับและติดตามคำขอข้อมูลข่าวสารออนไลน์ '
        'ที่ออกเลขติดตามและแจ้งสถานะแก่ผู้ยื่นคำขอ (3) '
        'จัดทำคู่มือการชั่งน้ำหนักระหว่างประโยชน์สาธารณะกับการคุ้มครองข้อมูลส่วนบุคคล และอบรมเจ้าหน้าที่ (4) '
        'สำรวจการปฏิบัติตามมาตรฐานเป็นประจำทุกปี และเผยแพร่สถิติคำขอรายไตรมาส',
        '(1) Draw up a standard and templates for proactive disclosure under sections 7 and 9, '
        'consulting civil society and the media. (2) With the Digital Government Development '
        'Agency, build a central online system that issues a tracking number for each request and '
        'keeps the requester informed of its status. (3) Publish a guide to weighing the public '
        'interest against personal data protection, and train officials. (4) Survey compliance '
        'with the standard every year and publish request statistics every quarter.',
    ),
    'contribution': (
        'มาตรฐานการเปิดเผยเชิงรุกทำให้ข้อมูลที่กฎหมายกำหนดให้เปิดเผยอยู่แล้วค้นหาได้ง่ายโดยไม่ต้องยื่นคำขอ '
        'ระบบติดตามคำขอทำให้ผู้ยื่นทราบความคืบหน้าและทำให้ความล่าช้าปรากฏต่อสาธารณะ '
        'คู่มือและการอบรมลดการปฏิเสธคำขอโดยไม่จำเป็น '
        'และสถิติรายไตรมาสเปิดให้คณะกรรมการข้อมูลข่าวสารของราชการและสาธารณะ'
        'ติดตามการปฏิบัติตามกฎหมายของแต่ละหน่วยงานได้',
        'A proactive disclosure standard makes information that the law already requires to be '
        'open easy to find without a request. Request tracking keeps requesters informed and '
        'makes delays visible. The guide and training reduce unnecessary refusals, and quarterly '
        "statistics let the Official Information Commission and the public follow each agency's "
        'compliance.',
    ),
    'values': {
        'access': (
            'เพิ่มปริมาณและคุณภาพของข้อมูลข่าวสารของราชการที่เปิดเผยเชิงรุก และทำให้การขอข้อมูลข่าวสารง่ายขึ้น',
            'Increases the amount and quality of information disclosed proactively and makes '
            'requesting information easier.',
        ),
        'accountability': (
            'สถิติคำขอและผลสำรวจการปฏิบัติตามมาตรฐานรายหน่วยงานที่เผยแพร่ต่อสาธารณะ '
            'ทำให้หน่วยงานต้องรับผิดชอบต่อการปฏิบัติตามกฎหมาย',
            'Published request statistics and agency-by-agency compliance results hold agencies '
            'to account for applying the law.',
        ),
        'technology': (
            'ระบบกลางรับและติดตามคำขอออนไลน์ลดขั้นตอนที่เป็นเอกสาร และเก็บสถิติโดยอัตโนมัติ',
            'A central online request system removes paper steps and collects statistics '
            'automatically.',
        ),
    },
    'milestones': (
        {
            'responsible': 'opm',
            'start_date': date(2026, 7, 1),
            'end_date': date(2027, 3, 31),
            'output': (
                'มาตรฐานและแม่แบบการเปิดเผยข้อมูลข่าวสารเชิงรุกตามมาตรา 7 และมาตรา 9 '
                'ที่คณะกรรมการข้อมูลข่าวสารของราชการให้ความเห็นชอบ',
                'Proactive disclosure standard and templates for sections 7 and 9, approved by '
                'the Official Information Commission',
            ),
            'indicator': (
                'มาตรฐานที่ประกาศใช้หลังรับฟังความคิดเห็นจากภาคประชาสังคมและสื่อมวลชน',
                'Standard issued after consulting civil society and the media',
            ),
            'baseline': ('ไม่มีมาตรฐานกลาง', 'No common standard'),
            'target': ('ประกาศใช้ 1 ฉบับภายในเดือนมีนาคม 2570', 'One standard issued by March 2027'),
        },
        {
            'responsible': 'dga',
            'start_date': date(2026, 10, 1),
            'end_date': date(2027, 12, 31),
            'output': (
                'ระบบกลางรับและติดตามคำขอข้อมูลข่าวสารออนไลน์ ที่ออกเลขติดตามและแจ้งสถานะแก่ผู้ยื่นคำขอ',
                'Central online system to file and track information requests, issuing a tracking '
                'number and status updates',
            ),
            'indicator': (
                'จำนวนส่วนราชการระดับกรมที่รับคำขอข้อมูลข่าวสารผ่านระบบกลาง',
                'Number of department-level agencies receiving requests through the central system',
            ),
            'baseline': ('0 หน่วยงาน', '0 agencies'),
            'target': ('100 หน่วยงาน ภายในเดือนธันวาคม 2570', '100 agencies by December 2027'),
        },
        {
            'responsible': 'opm',
            'start_date': date(2027, 4, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'ผลสำรวจการปฏิบัติตามมาตรฐานการเปิดเผยเชิงรุกประจำปี '
                'และสถิติคำขอข้อมูลข่าวสารรายไตรมาสที่เผยแพร่ต่อสาธารณะ',
                'Annual survey of compliance with the proactive disclosure standard, and '
                'quarterly request statistics, both published',
            ),
            'indicator': (
                'ร้อยละของส่วนราชการระดับกรมที่เผยแพร่ข้อมูลตามมาตรา 9 ครบทุกหมวดตามมาตรฐาน',
                'Share of department-level agencies publishing every category of section 9 '
                'information to the standard',
            ),
            'baseline': ('ร้อยละ 35 (ผลสำรวจ พ.ศ. 2568)', '35% (2025 survey)'),
            'target': ('ร้อยละ 80 ภายในเดือนมิถุนายน 2571', '80% by June 2028'),
        },
    ),
}


DIGITAL_GOVERNANCE = {
    'policy_area': 'digital_governance',
    'lead': 'dga',
    'supporters': ('mdes', 'opdc', 'academia', 'private', 'cso_opengov'),
    'author': 'dga@example.org',
    'contact_name': 'ผู้ประสานงาน สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)',
    'contact_email': 'ogp-digital@example.org',
    'start_date': date(2026, 7, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '16.6, 16.10',
    'title': (
        'จัดทำทะเบียนสาธารณะของระบบปัญญาประดิษฐ์และระบบตัดสินใจอัตโนมัติที่หน่วยงานของรัฐใช้'
        'ในการให้บริการและการตัดสินใจที่มีผลต่อประชาชน',
        'Create a public register of the artificial intelligence and automated decision-making '
        'systems that public bodies use in services and decisions affecting people',
    ),
    'short_title': ('ทะเบียนระบบปัญญาประดิษฐ์ภาครัฐ', 'Public register of government AI'),
    'description': (
        'สำนักงานพัฒนารัฐบาลดิจิทัลร่วมกับกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมจะจัดทำแนวปฏิบัติ'
        'การเปิดเผยข้อมูลระบบปัญญาประดิษฐ์และระบบตัดสินใจอัตโนมัติของหน่วยงานของรัฐ '
        'และทะเบียนสาธารณะออนไลน์ที่ระบุวัตถุประสงค์ของระบบ '
        'ข้อมูลที่ใช้ บทบาทของเจ้าหน้าที่ในการตัดสินใจ ผลการประเมินความเสี่ยง หน่วยงานผู้รับผิดชอบ '
        'และช่องทางที่ประชาชนใช้โต้แย้งผลการตัดสินใจ',
        'The Digital Government Development Agency and the Ministry of Digital Economy and '
        'Society will issue guidelines on disclosing the artificial intelligence (AI) and '
        'automated decision-making systems of public bodies, and run an online public register '
        "that states each system's purpose, the data it uses, the role of officials in the "
        'decision, the results of its risk assessment, the responsible agency and how people can '
        'challenge a decision.',
    ),
    'problem': (
        'หน่วยงานของรัฐเริ่มนำปัญญาประดิษฐ์และระบบอัตโนมัติมาใช้ในงานที่มีผลต่อประชาชน เช่น การคัดกรองสิทธิสวัสดิการ '
        'การคัดเลือกกรณีเพื่อตรวจสอบ และการตอบคำถามผ่านแชตบอต แต่ประชาชนไม่ทราบว่ามีการใช้ระบบใด ใช้ข้อมูลอะไร '
        'ใครรับผิดชอบ และจะโต้แย้งผลได้อย่างไร ข้อมูลพื้นฐาน (พ.ศ. 2568): ไม่มีทะเบียนกลางของระบบดังกล่าว (0 '
        'ระบบที่เปิดเผยข้อมูลตามแบบมาตรฐาน) และไม่มีแนวปฏิบัติที่กำหนดให้ประเมินความเสี่ยงก่อนนำระบบมาใช้',
        'Public bodies have begun to use AI and automated systems in work that affects people, '
        'such as screening welfare eligibility, selecting cases for inspection and answering '
        'questions through chatbots. People do not know which systems are in use, what data they '
        'rely on, who is responsible or how to challenge an outcome. Baseline (2025): there is no '
        'central register of such systems (0 systems disclosed in a standard form) and no '
        'guideline requiring a risk assessment before a system is deployed.',
    ),
    'causes': (
        '(1) ไม่มีข้อกำหนดให้หน่วยงานของรัฐเปิดเผยการใช้ระบบปัญญาประดิษฐ์หรือระบบตัดสินใจอัตโนมัติ (2) '
        'สัญญาจัดหาระบบจากภาคเอกชนมักมีข้อกำหนดรักษาความลับที่จำกัดการเปิดเผยข้อมูล (3) '
        'หน่วยงานขาดเครื่องมือและความเชี่ยวชาญในการประเมินความเสี่ยง อคติ และผลกระทบต่อสิทธิ (4) '
        'ไม่มีช่องทางที่ชัดเจนให้ประชาชนขอคำอธิบายหรือโต้แย้งผลการตัดสินใจ',
        '(1) Nothing requires public bodies to disclose their use of AI or automated '
        'decision-making. (2) Contracts with private suppliers often contain confidentiality '
        'clauses that limit disclosure. (3) Agencies lack the tools and expertise to assess risk, '
        'bias and impact on rights. (4) There is no clear channel for people to ask for an '
        'explanation or to challenge a decision.',
    ),
    'solution': (
        '(1) จัดทำแนวปฏิบัติและแบบเปิดเผยข้อมูลมาตรฐานของระบบปัญญาประดิษฐ์ภาครัฐ พร้อมเกณฑ์จัดระดับความเสี่ยง '
        'โดยรับฟังความคิดเห็นจากภาควิชาการ ภาคเอกชน และภาคประชาสังคม (2) เปิดทะเบียนสาธารณะออนไลน์ '
        'และให้หน่วยงานนำร่องลงทะเบียนระบบที่ใช้อยู่ (3) '
        'กำหนดให้ระบบที่จัดเป็นความเสี่ยงสูงเผยแพร่ผลการประเมินผลกระทบ '
        'และจัดทำข้อกำหนดตัวอย่างสำหรับสัญญาจัดหาระบบ (4) '
        'ให้คณะทำงานหลายภาคส่วนทบทวนการดำเนินงานและเผยแพร่ข้อเสนอแนะ',
        '(1) Issue guidelines, a standard disclosure form and risk-tiering criteria for '
        'government AI, after consulting academia, business and civil society. (2) Open the '
        'online public register and have pilot agencies register the systems they already use. '
        '(3) Require systems classed as high-risk to publish their impact assessments, and draft '
        'model clauses for procurement contracts. (4) Have a multi-stakeholder working group '
        'review implementation and publish its recommendations.',
    ),
    'contribution': (
        'ทะเบียนสาธารณะทำให้การใช้ปัญญาประดิษฐ์ของรัฐปรากฏต่อประชาชนและผู้ตรวจสอบ '
        'การประเมินผลกระทบที่เปิดเผยช่วยให้พบปัญหาอคติหรือความผิดพลาดก่อนเกิดความเสียหายในวงกว้าง '
        'และช่องทางโต้แย้งที่ชัดเจนคุ้มครองสิทธิของผู้ได้รับผลกระทบ '
        'ขณะเดียวกันหน่วยงานได้แนวทางที่ชัดเจนในการนำเทคโนโลยีมาใช้อย่างรับผิดชอบ',
        'A public register makes government use of AI visible to the public and to oversight '
        'bodies. Published impact assessments help catch bias and errors before they cause '
        'widespread harm, and a clear route to challenge decisions protects the rights of those '
        'affected. Agencies, in turn, gain clear guidance on adopting the technology responsibly.',
    ),
    'values': {
        'access': (
            'ประชาชนเข้าถึงข้อมูลว่าหน่วยงานของรัฐใช้ระบบปัญญาประดิษฐ์ใด เพื่อวัตถุประสงค์ใด และใช้ข้อมูลอะไร',
            'People can find out which AI systems public bodies use, for what purpose and with '
            'what data.',
        ),
        'accountability': (
            'ทะเบียนระบุหน่วยงานผู้รับผิดชอบ ผลการประเมินผลกระทบ และช่องทางโต้แย้งผลการตัดสินใจ',
            'The register names the responsible agency, the impact assessment and the route to '
            'challenge a decision.',
        ),
        'technology': (
            'กำหนดมาตรฐานการใช้ปัญญาประดิษฐ์ในภาครัฐอย่างโปร่งใสและรับผิดชอบ',
            'Sets standards for the transparent and accountable use of AI in government.',
        ),
    },
    'milestones': (
        {
            'responsible': 'dga',
            'start_date': date(2026, 7, 1),
            'end_date': date(2027, 3, 31),
            'output': (
                'แนวปฏิบัติการเปิดเผยข้อมูลระบบปัญญาประดิษฐ์ภาครัฐ แบบเปิดเผยข้อมูลมาตรฐาน '
                'และเกณฑ์จัดระดับความเสี่ยง ซึ่งผ่านการรับฟังความคิดเห็นแล้ว',
                'Guidelines on disclosing government AI systems, with a standard disclosure form '
                'and risk-tiering criteria, issued after public consultation',
            ),
            'indicator': ('แนวปฏิบัติที่ประกาศใช้', 'Guidelines issued'),
            'baseline': ('ไม่มีแนวปฏิบัติ', 'No guidelines'),
            'target': ('ประกาศใช้ 1 ฉบับภายในเดือนมีนาคม 2570', 'Issued by March 2027'),
        },
        {
            'responsible': 'dga',
            'start_date': date(2027, 1, 1),
            'end_date': date(2027, 12, 31),
            'output': (
                'ทะเบียนสาธารณะออนไลน์ของระบบปัญญาประดิษฐ์และระบบตัดสินใจอัตโนมัติภาครัฐ',
                'Online public register of government AI and automated decision-making systems',
            ),
            'indicator': (
                'จำนวนระบบที่ลงทะเบียนพร้อมข้อมูลครบตามแบบมาตรฐาน',
                'Number of systems registered with a complete standard disclosure',
            ),
            'baseline': ('0 ระบบ', '0 systems'),
            'target': (
                '30 ระบบ จากไม่น้อยกว่า 15 หน่วยงาน ภายในเดือนธันวาคม 2570',
                '30 systems from at least 15 agencies by December 2027',
            ),
        },
        {
            'responsible': 'mdes',
            'start_date': date(2027, 7, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'ผลการประเมินผลกระทบของระบบที่จัดเป็นความเสี่ยงสูงเผยแพร่ในทะเบียน '
                'และรายงานทบทวนของคณะทำงานหลายภาคส่วน',
                'Impact assessments of high-risk systems published in the register, and a review '
                'report by the multi-stakeholder working group',
            ),
            'indicator': (
                'ร้อยละของระบบที่จัดเป็นความเสี่ยงสูงในทะเบียนซึ่งเผยแพร่ผลการประเมินผลกระทบ',
                'Share of high-risk systems in the register that publish their impact assessment',
            ),
            'baseline': ('ร้อยละ 0', '0%'),
            'target': ('ร้อยละ 100 ภายในเดือนมิถุนายน 2571', '100% by June 2028'),
        },
    ),
}
