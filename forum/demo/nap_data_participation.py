"""Demo commitments on public participation and inclusion (the latter an unfinished draft).

See ``nap_data`` for the shape: texts are ``(Thai, English)`` pairs, organisations are keys of
``data.ORGANISATIONS``. Figures are illustrative, not official statistics.
"""

from datetime import date

PUBLIC_PARTICIPATION = {
    'policy_area': 'public_participation',
    'lead': 'ocs',
    'supporters': ('opdc', 'dga', 'cso_opengov', 'cso_youth', 'academia'),
    'author': 'cochair@example.org',
    'contact_name': 'ผู้ประสานงาน สำนักงานคณะกรรมการกฤษฎีกา',
    'contact_email': 'ogp-lawmaking@example.org',
    'start_date': date(2026, 7, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '16.7',
    'title': (
        'ยกระดับการรับฟังความคิดเห็นต่อร่างกฎหมายผ่านระบบกลางทางกฎหมาย '
        'ให้ผู้แสดงความคิดเห็นทราบว่าความคิดเห็นของตนได้รับการพิจารณาอย่างไร',
        'Improve hearings on draft laws in the Central Law System so that every contributor can '
        'see how their comment was considered',
    ),
    'short_title': ('การมีส่วนร่วมในการจัดทำกฎหมาย', 'Public participation in law-making'),
    'description': (
        'สำนักงานคณะกรรมการกฤษฎีกาจะพัฒนาระบบกลางทางกฎหมาย (law.go.th) '
        'ให้หน่วยงานผู้รับผิดชอบร่างกฎหมายรายงานผลการรับฟังความคิดเห็นเป็นรายประเด็น '
        'พร้อมเหตุผลว่าข้อเสนอใดได้รับหรือไม่ได้รับ จัดทำสรุปสาระสำคัญของร่างกฎหมายด้วยภาษาที่เข้าใจง่าย '
        'และระบบแจ้งเตือนตามหัวข้อที่ประชาชนสนใจ '
        'พร้อมร่วมกับเครือข่ายเยาวชนและสถาบันวิชาการจัดเวทีรับฟังความคิดเห็นสำหรับร่างกฎหมายที่มีผลกระทบสูง',
        'The Office of the Council of State will extend the Central Law System (law.go.th) so '
        'that the agency drafting a law reports on its hearing issue by issue, giving reasons why '
        'each proposal was or was not taken up. It will add plain-language summaries of drafts '
        'and topic alerts for the public and, with youth networks and academic institutions, hold '
        'hearings on high-impact drafts.',
    ),
    'problem': (
        'มาตรา 77 ของรัฐธรรมนูญแห่งราชอาณาจักรไทย '
        'และพระราชบัญญัติหลักเกณฑ์การจัดทำร่างกฎหมายและการประเมินผลสัมฤทธิ์ของกฎหมาย พ.ศ. 2562 '
        'กำหนดให้รับฟังความคิดเห็นของผู้เกี่ยวข้องก่อนการตรากฎหมายและเปิดเผยผลการรับฟังต่อประชาชน '
        'แต่สรุปผลการรับฟังส่วนใหญ่รวบรวมความคิดเห็นโดยไม่ชี้แจงว่าได้นำไปใช้หรือไม่เพราะเหตุใด '
        'ผู้แสดงความคิดเห็นจึงไม่เห็นผลของการมีส่วนร่วม และจำนวนผู้แสดงความคิดเห็นต่อร่างกฎหมายส่วนใหญ่ยังน้อย '
        'ข้อมูลพื้นฐาน (พ.ศ. 2568): '
        'ร่างกฎหมายที่รับฟังผ่านระบบกลางทางกฎหมายซึ่งเผยแพร่คำชี้แจงรายประเด็นพร้อมเหตุผลมีประมาณร้อยละ 20 '
        'และร่างกฎหมายประมาณร้อยละ 60 มีผู้แสดงความคิดเห็นน้อยกว่า 50 ราย',
        'Section 77 of the Constitution of the Kingdom of Thailand and the Act on Legislative '
        'Drafting and Evaluation of Law B.E. 2562 (2019) require hearings before a law is made '
        'and the publication of their results. Most hearing reports, however, list the comments '
        'received without saying whether or why they were taken up, so contributors never see the '
        'effect of taking part, and most drafts attract few comments. Baseline (2025): about 20% '
        'of drafts heard through the Central Law System publish an issue-by-issue response with '
        'reasons, and about 60% of drafts receive fewer than 50 comments.',
    ),
    'causes': (
        '(1) แบบรายงานผลการรับฟังความคิดเห็นไม่กำหนดให้ตอบเป็นรายประเด็นพร้อมเหตุผล (2) '
        'ร่างกฎหมายใช้ภาษาทางกฎหมายที่เข้าใจยาก และไม่มีสรุปสาระสำคัญที่ประชาชนทั่วไปอ่านได้ (3) '
        'ประชาชนไม่ทราบว่ามีร่างกฎหมายที่เกี่ยวข้องกับตนเปิดรับฟังความคิดเห็นอยู่ (4) เยาวชน คนพิการ '
        'และผู้อยู่นอกเขตเมืองมีส่วนร่วมในการรับฟังความคิดเห็นทางออนไลน์น้อย',
        '(1) The hearing report form does not require an issue-by-issue response with reasons. '
        '(2) Drafts are written in legal language that is hard to follow, with no summary for the '
        'general reader. (3) People do not know when a draft that affects them is open for '
        'comment. (4) Young people, persons with disabilities and people outside cities take '
        'little part in online hearings.',
    ),
    'solution': (
        '(1) ปรับแบบรายงานผลการรับฟังความคิดเห็นในระบบกลางทางกฎหมายให้ตอบทุกประเด็นพร้อมเหตุผล (reasoned '
        'response) และเผยแพร่ก่อนเสนอร่างต่อคณะรัฐมนตรี (2) '
        'กำหนดให้ร่างกฎหมายที่เปิดรับฟังความคิดเห็นมีสรุปสาระสำคัญด้วยภาษาที่เข้าใจง่าย และเพิ่มระบบแจ้งเตือนตามหัวข้อ '
        '(3) ร่วมกับเครือข่ายเยาวชนและสถาบันวิชาการจัดเวทีรับฟังความคิดเห็นในพื้นที่ทุกภูมิภาค '
        'และนำความคิดเห็นเข้าสู่ระบบกลางทางกฎหมาย',
        '(1) Change the hearing report form in the Central Law System so that every issue '
        'receives a reasoned response, published before the draft goes to the Cabinet. (2) '
        'Require a plain-language summary for every draft open for comment, and add topic alerts. '
        '(3) With youth networks and academic institutions, hold in-person hearings in every '
        'region and enter their comments into the Central Law System.',
    ),
    'contribution': (
        'เมื่อผู้แสดงความคิดเห็นเห็นว่าข้อเสนอของตนได้รับการพิจารณาอย่างไรและเพราะเหตุใด '
        'การรับฟังความคิดเห็นจะเปลี่ยนจากขั้นตอนตามแบบพิธีเป็นการมีส่วนร่วมอย่างมีความหมาย '
        'สรุปสาระสำคัญภาษาง่ายและระบบแจ้งเตือนเพิ่มจำนวนและความหลากหลายของผู้แสดงความคิดเห็น '
        'และเวทีในภูมิภาคทำให้เสียงของกลุ่มที่เข้าถึงระบบออนไลน์ได้น้อยเข้าสู่กระบวนการจัดทำกฎหมาย',
        'When contributors can see how and why their proposals were handled, hearings become '
        'meaningful participation rather than a formality. Plain-language summaries and alerts '
        'widen the number and range of contributors, and regional hearings bring in the voices of '
        'groups that rarely take part online.',
    ),
    'values': {
        'access': (
            'ร่างกฎหมาย สรุปสาระสำคัญ และผลการรับฟังความคิดเห็นเผยแพร่ในที่เดียวและเข้าใจได้ง่าย',
            'Drafts, summaries and hearing results are published in one place and are easy to '
            'understand.',
        ),
        'participation': (
            'เพิ่มจำนวนและความหลากหลายของประชาชนที่มีส่วนร่วมในการจัดทำกฎหมาย ทั้งทางออนไลน์และในพื้นที่',
            'Widens the number and range of people taking part in law-making, online and in '
            'person.',
        ),
        'accountability': (
            'หน่วยงานผู้รับผิดชอบร่างกฎหมายต้องชี้แจงเหตุผลต่อทุกประเด็นที่ประชาชนเสนอ',
            'The drafting agency must give reasons in response to every issue raised.',
        ),
    },
    'milestones': (
        {
            'responsible': 'ocs',
            'start_date': date(2026, 7, 1),
            'end_date': date(2027, 3, 31),
            'output': (
                'แบบรายงานผลการรับฟังความคิดเห็นรายประเด็นพร้อมเหตุผลในระบบกลางทางกฎหมาย '
                'เปิดใช้งานกับหน่วยงานนำร่อง',
                'Issue-by-issue hearing report form with reasons in the Central Law System, in '
                'use by pilot agencies',
            ),
            'indicator': (
                'จำนวนหน่วยงานนำร่องที่ใช้แบบรายงานใหม่',
                'Number of pilot agencies using the new form',
            ),
            'baseline': ('0 หน่วยงาน', '0 agencies'),
            'target': ('20 หน่วยงาน ภายในเดือนมีนาคม 2570', '20 agencies by March 2027'),
        },
        {
            'responsible': 'ocs',
            'start_date': date(2027, 1, 1),
            'end_date': date(2027, 12, 31),
            'output': (
                'สรุปสาระสำคัญด้วยภาษาที่เข้าใจง่ายสำหรับร่างกฎหมายที่เปิดรับฟังความคิดเห็น '
                'และระบบแจ้งเตือนตามหัวข้อในระบบกลางทางกฎหมาย',
                'Plain-language summaries for drafts open for comment, and topic alerts in the '
                'Central Law System',
            ),
            'indicator': (
                'ร้อยละของร่างกฎหมายที่เปิดรับฟังความคิดเห็นซึ่งมีสรุปสาระสำคัญด้วยภาษาที่เข้าใจง่าย',
                'Share of drafts open for comment that have a plain-language summary',
            ),
            'baseline': ('ร้อยละ 0', '0%'),
            'target': ('ร้อยละ 80 ภายในเดือนธันวาคม 2570', '80% by December 2027'),
        },
        {
            'responsible': 'cso_youth',
            'start_date': date(2027, 4, 1),
            'end_date': date(2028, 3, 31),
            'output': (
                'เวทีรับฟังความคิดเห็นต่อร่างกฎหมายที่มีผลกระทบสูงในทุกภูมิภาค '
                'จัดร่วมกับเครือข่ายเยาวชนและสถาบันวิชาการ โดยบันทึกความคิดเห็นเข้าสู่ระบบกลางทางกฎหมาย',
                'Regional hearings on high-impact drafts, run with youth networks and academic '
                'institutions, with comments entered into the Central Law System',
            ),
            'indicator': (
                'จำนวนเวทีที่จัดและจำนวนภูมิภาคที่ครอบคลุม',
                'Number of hearings held and regions covered',
            ),
            'baseline': ('0 เวที', 'None'),
            'target': ('12 เวที ครอบคลุมทั้ง 6 ภูมิภาค', '12 hearings covering all 6 regions'),
        },
        {
            'responsible': 'ocs',
            'start_date': date(2027, 7, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'ร่างกฎหมายที่ปิดรับฟังความคิดเห็นแล้วเผยแพร่คำชี้แจงรายประเด็นพร้อมเหตุผลก่อนเสนอคณะรัฐมนตรี',
                'Drafts whose hearing has closed publish an issue-by-issue reasoned response '
                'before going to the Cabinet',
            ),
            'indicator': (
                'ร้อยละของร่างกฎหมายที่ปิดรับฟังความคิดเห็นแล้วซึ่งเผยแพร่คำชี้แจงรายประเด็นพร้อมเหตุผล',
                'Share of drafts with a closed hearing that publish an issue-by-issue reasoned '
                'response',
            ),
            'baseline': ('ประมาณร้อยละ 20 (พ.ศ. 2568)', 'About 20% (2025)'),
            'target': ('ร้อยละ 90 ภายในเดือนมิถุนายน 2571', '90% by June 2028'),
        },
    ),
}

#: Deliberately unfinished: milestone 2 has no metric and no English text yet.
INCLUSION_DRAFT = {
    'policy_area': 'inclusion',
    'lead': 'msdhs',
    'supporters': ('cso_youth', 'opdc'),
    'author': 'youth@example.org',
    'contact_name': 'ผู้ประสานงาน กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ',
    'contact_email': 'ogp-inclusion@example.org',
    'start_date': date(2026, 10, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '10.2, 16.7',
    'title': (
        'ทำให้การรับฟังความคิดเห็นของภาครัฐเข้าถึงได้สำหรับคนพิการ ผู้สูงอายุ และเยาวชน',
        'Make government consultations accessible to persons with disabilities, older persons and '
        'young people',
    ),
    'short_title': ('การรับฟังความคิดเห็นที่ทุกคนเข้าถึงได้', 'Accessible consultations'),
    'description': (
        'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์จะจัดทำมาตรฐานการจัดการรับฟังความคิดเห็นที่ทุกกลุ่มเข้าถึงได้ '
        'ทั้งเอกสารฉบับอ่านง่าย อักษรเบรลล์ ล่ามภาษามือ คำบรรยายแทนเสียง และเว็บไซต์ที่เป็นไปตามมาตรฐานการเข้าถึง '
        'และร่วมกับเครือข่ายเยาวชนจัดเวทีให้เยาวชนมีส่วนร่วมในการติดตามแผนปฏิบัติการระดับชาติ',
        'The Ministry of Social Development and Human Security will set a standard for '
        'consultations that everyone can take part in (easy-read documents, Braille, sign '
        'language interpretation, captioning and websites that meet accessibility standards) and, '
        'with youth networks, hold forums where young people help monitor the National Action '
        'Plan.',
    ),
    'problem': (
        'คนพิการ ผู้สูงอายุ และเยาวชนได้รับผลกระทบจากนโยบายสาธารณะโดยตรง '
        'แต่มีส่วนร่วมในการรับฟังความคิดเห็นของภาครัฐน้อย เนื่องจากเอกสารและช่องทางส่วนใหญ่ไม่รองรับการเข้าถึง '
        'ข้อมูลพื้นฐาน (พ.ศ. 2568): จากการสุ่มตรวจการรับฟังความคิดเห็นของส่วนราชการ 50 ครั้ง มีเพียง 4 '
        'ครั้งที่จัดให้มีล่ามภาษามือหรือเอกสารฉบับอ่านง่าย',
        'Persons with disabilities, older persons and young people are directly affected by '
        'public policy but take little part in government consultations, because most documents '
        'and channels are not accessible. Baseline (2025): of 50 government consultations '
        'sampled, only 4 provided sign language interpretation or easy-read documents.',
    ),
    'causes': (
        '(1) ไม่มีมาตรฐานกลางด้านการเข้าถึงสำหรับการรับฟังความคิดเห็น (2) '
        'หน่วยงานไม่ได้ตั้งงบประมาณสำหรับล่ามภาษามือและเอกสารรูปแบบทางเลือก (3) '
        'ช่องทางการรับฟังความคิดเห็นไม่ได้ออกแบบร่วมกับองค์กรของคนพิการและเครือข่ายเยาวชน',
        '(1) There is no common accessibility standard for consultations. (2) Agencies do not '
        'budget for sign language interpreters or alternative formats. (3) Consultation channels '
        'are not designed together with organisations of persons with disabilities or youth '
        'networks.',
    ),
    'solution': (
        '(1) จัดทำมาตรฐานการรับฟังความคิดเห็นที่เข้าถึงได้ร่วมกับองค์กรของคนพิการ และให้หน่วยงานนำร่องนำไปใช้ (2) '
        'จัดทำบัญชีล่ามภาษามือและบริการจัดทำเอกสารฉบับอ่านง่ายที่หน่วยงานของรัฐเรียกใช้ได้ (3) '
        'ร่วมกับเครือข่ายเยาวชนจัดเวทีเยาวชนติดตามแผนปฏิบัติการระดับชาติในทุกภูมิภาค',
        '(1) Draw up an accessible consultation standard with organisations of persons with '
        'disabilities and have pilot agencies apply it. (2) Set up a pool of sign language '
        'interpreters and an easy-read service that public bodies can call on. (3) With youth '
        'networks, hold youth forums in every region to monitor the National Action Plan.',
    ),
    'contribution': (
        'มาตรฐานและบริการกลางช่วยลดต้นทุนของหน่วยงานในการจัดการรับฟังความคิดเห็นที่เข้าถึงได้ ทำให้คนพิการ ผู้สูงอายุ '
        'และเยาวชนแสดงความคิดเห็นได้ด้วยตนเองอย่างเท่าเทียมกับผู้อื่น '
        'และทำให้นโยบายสะท้อนความต้องการของกลุ่มที่มักถูกมองข้าม',
        'A standard and shared services lower the cost to agencies of accessible consultation, '
        'let persons with disabilities, older persons and young people speak for themselves on an '
        'equal footing, and make policy reflect the needs of groups that are often overlooked.',
    ),
    'values': {
        'access': (
            'ข้อมูลประกอบการรับฟังความคิดเห็นจัดทำในรูปแบบที่ทุกคนเข้าถึงได้',
            'Consultation material is produced in formats everyone can use.',
        ),
        'participation': (
            'ขยายการมีส่วนร่วมไปยังกลุ่มที่เข้าร่วมการรับฟังความคิดเห็นได้ยาก',
            'Extends participation to groups that find it hard to take part in consultations.',
        ),
    },
    'milestones': (
        {
            'responsible': 'msdhs',
            'start_date': date(2026, 10, 1),
            'end_date': date(2027, 6, 30),
            'output': (
                'มาตรฐานการรับฟังความคิดเห็นที่เข้าถึงได้ ซึ่งจัดทำร่วมกับองค์กรของคนพิการ และนำไปใช้ในหน่วยงานนำร่อง',
                'Accessible consultation standard drawn up with organisations of persons with '
                'disabilities and applied by pilot agencies',
            ),
            'indicator': (
                'จำนวนหน่วยงานนำร่องที่จัดการรับฟังความคิดเห็นตามมาตรฐาน',
                'Number of pilot agencies holding consultations to the standard',
            ),
            'baseline': ('0 หน่วยงาน', '0 agencies'),
            'target': ('20 หน่วยงาน ภายในเดือนมิถุนายน 2570', '20 agencies by June 2027'),
        },
        {
            # Unfinished on purpose: no indicator, baseline or target, and no English yet.
            'responsible': 'cso_youth',
            'start_date': date(2027, 1, 1),
            'end_date': date(2028, 3, 31),
            'output': (
                'เวทีเยาวชนติดตามแผนปฏิบัติการระดับชาติในทุกภูมิภาค (อยู่ระหว่างหารือตัวชี้วัดกับเครือข่ายเยาวชน)',
                '',
            ),
        },
    ),
}
