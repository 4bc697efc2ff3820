"""Demo commitments on anti-corruption (beneficial ownership) and fiscal openness.

See ``nap_data`` for the shape: texts are ``(Thai, English)`` pairs, organisations are keys of
``data.ORGANISATIONS``. Figures are illustrative, not official statistics.
"""

from datetime import date

ANTI_CORRUPTION = {
    'policy_area': 'anti_corruption',
    'lead': 'mof',
    'supporters': ('amlo', 'nacc', 'dga', 'cso_opengov', 'private'),
    'author': 'mof@example.org',
    'contact_name': 'ผู้ประสานงาน กรมบัญชีกลาง กระทรวงการคลัง',
    'contact_email': 'ogp-procurement@example.org',
    'start_date': date(2026, 7, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '16.5, 16.6',
    'title': (
        'เปิดเผยข้อมูลผู้รับประโยชน์ที่แท้จริงของผู้ยื่นข้อเสนอในการจัดซื้อจัดจ้างภาครัฐตามมาตรฐานข้อมูลการจัดซื้อจัดจ้างแบบเปิด',
        'Disclose the beneficial owners of bidders in public procurement through the Open '
        'Contracting Data Standard',
    ),
    'short_title': (
        'ผู้รับประโยชน์ที่แท้จริงในการจัดซื้อจัดจ้างภาครัฐ',
        'Beneficial ownership in public procurement',
    ),
    'description': (
        'กำหนดให้ผู้ยื่นข้อเสนอในโครงการจัดซื้อจัดจ้างภาครัฐที่มีวงเงินตั้งแต่ 5 ล้านบาทขึ้นไป แจ้งข้อมูลผู้รับประโยชน์ที่แท้จริง '
        '(beneficial owner) ผ่านระบบการจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP) '
        'และเผยแพร่ข้อมูลดังกล่าวควบคู่กับข้อมูลการประกวดราคาและสัญญาตามมาตรฐานข้อมูลการจัดซื้อจัดจ้างแบบเปิด (Open '
        'Contracting Data Standard: OCDS) เพื่อให้หน่วยงานตรวจสอบ ภาคประชาสังคม ภาคเอกชน และสื่อมวลชน '
        'สามารถตรวจสอบความเชื่อมโยงระหว่างผู้ค้ากับหน่วยงานของรัฐและเจ้าหน้าที่ของรัฐได้',
        'Bidders for public contracts worth 5 million baht or more will declare their beneficial '
        'owners in the electronic Government Procurement system (e-GP). The declarations will be '
        'published together with tender and contract data in the Open Contracting Data Standard '
        '(OCDS), so that oversight bodies, civil society, business and the media can trace links '
        'between suppliers, public bodies and public officials.',
    ),
    'problem': (
        'ข้อมูลการจัดซื้อจัดจ้างภาครัฐที่เผยแพร่ในปัจจุบันระบุชื่อนิติบุคคลที่เป็นผู้ยื่นข้อเสนอและคู่สัญญา '
        'แต่ไม่ระบุว่าบุคคลธรรมดาใดเป็นเจ้าของหรือมีอำนาจควบคุมนิติบุคคลนั้นอย่างแท้จริง '
        'ทำให้การตรวจพบการสมยอมกันในการเสนอราคาและการมีผลประโยชน์ทับซ้อนของเจ้าหน้าที่ของรัฐทำได้ยาก '
        'และมักพบเมื่อความเสียหายเกิดขึ้นแล้ว ข้อมูลพื้นฐาน (ปีงบประมาณ พ.ศ. 2568): '
        'โครงการจัดซื้อจัดจ้างที่เปิดเผยข้อมูลผู้รับประโยชน์ที่แท้จริงต่อสาธารณะคิดเป็นร้อยละ 0 '
        'และการเผยแพร่ข้อมูลตามมาตรฐาน OCDS ยังจำกัดอยู่ในโครงการนำร่องบางส่วน',
        'Published procurement data name the companies that bid for and win public contracts, but '
        'not the natural persons who ultimately own or control them. Bid rigging and conflicts of '
        'interest of public officials are therefore hard to detect, and are usually found only '
        'after the damage is done. Baseline (fiscal year 2025): 0% of procurement projects '
        'disclose beneficial ownership information to the public, and OCDS publication is limited '
        'to a few pilot projects.',
    ),
    'causes': (
        '(1) กฎหมายและระเบียบว่าด้วยการจัดซื้อจัดจ้างยังไม่กำหนดให้ผู้ยื่นข้อเสนอต้องแจ้งข้อมูลผู้รับประโยชน์ที่แท้จริง (2) '
        'ข้อมูลผู้ถือหุ้นที่จดทะเบียนไว้แสดงเฉพาะผู้ถือหุ้นชั้นแรก ซึ่งอาจเป็นนิติบุคคลอื่นหรือผู้ถือหุ้นแทน (nominee) (3) '
        'ข้อมูลของหน่วยงานที่เกี่ยวข้องยังไม่เชื่อมโยงกันและไม่มีรหัสอ้างอิงร่วม (4) '
        'ยังไม่มีแนวทางที่ชัดเจนในการคุ้มครองข้อมูลส่วนบุคคลเมื่อเผยแพร่ข้อมูลผู้รับประโยชน์ที่แท้จริง',
        '(1) Procurement law and regulations do not require bidders to declare their beneficial '
        'owners. (2) The company register shows only first-tier shareholders, who may be other '
        'companies or nominees. (3) The data held by the agencies concerned are not linked and '
        'share no common identifier. (4) There is no clear guidance on protecting personal data '
        'when beneficial ownership information is published.',
    ),
    'solution': (
        '(1) กรมบัญชีกลางร่วมกับสำนักงาน ปปง. '
        'กำหนดนิยามและแบบแจ้งข้อมูลผู้รับประโยชน์ที่แท้จริงให้สอดคล้องกับมาตรฐานสากล '
        'และประกาศใช้หลังรับฟังความคิดเห็นจากภาคเอกชนและภาคประชาสังคม (2) ปรับปรุงระบบ e-GP '
        'ให้รับแบบแจ้งและเผยแพร่ข้อมูลตามมาตรฐาน OCDS และมาตรฐานข้อมูลผู้รับประโยชน์ที่แท้จริง (Beneficial '
        'Ownership Data Standard: BODS) (3) '
        'จัดทำแนวทางการเผยแพร่ที่สอดคล้องกับพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 (4) '
        'ร่วมกับภาคประชาสังคมพัฒนาตัวบ่งชี้ความเสี่ยง (red flags) และรายงานผลการวิเคราะห์ต่อสาธารณะ',
        "(1) The Comptroller General's Department and AMLO will define beneficial ownership and a "
        'declaration form in line with international standards, and issue them after hearing '
        'business and civil society. (2) The e-GP system will collect the declarations and '
        'publish them in OCDS and the Beneficial Ownership Data Standard (BODS). (3) Publication '
        'guidance will be consistent with the Personal Data Protection Act B.E. 2562 (2019). (4) '
        'Together with civil society, the agencies will develop risk indicators (red flags) and '
        'publish the results of their analysis.',
    ),
    'contribution': (
        'การเชื่อมโยงข้อมูลผู้รับประโยชน์ที่แท้จริงกับข้อมูลการประกวดราคาและสัญญา '
        'ทำให้หน่วยงานตรวจสอบและประชาชนสามารถระบุกรณีที่ผู้ยื่นข้อเสนอหลายรายมีเจ้าของร่วมกัน '
        'หรือมีความเกี่ยวข้องกับเจ้าหน้าที่ของรัฐผู้มีอำนาจพิจารณา ได้ตั้งแต่ก่อนลงนามในสัญญา '
        'ช่วยลดความเสี่ยงการสมยอมราคาและผลประโยชน์ทับซ้อน เพิ่มการแข่งขันที่เป็นธรรม '
        'และเสริมสร้างความเชื่อมั่นของผู้ประกอบการสุจริตต่อระบบจัดซื้อจัดจ้างภาครัฐ',
        'Linking beneficial ownership to tender and contract data lets oversight bodies and the '
        'public spot, before a contract is signed, bidders who share owners or who are connected '
        'to the officials deciding the award. This reduces the risk of collusion and conflicts of '
        "interest, makes competition fairer and strengthens honest firms' confidence in public "
        'procurement.',
    ),
    'values': {
        'access': (
            'ประชาชนเข้าถึงข้อมูลผู้รับประโยชน์ที่แท้จริงและข้อมูลสัญญาในรูปแบบข้อมูลเปิดที่ดาวน์โหลดและนำไปวิเคราะห์ต่อได้',
            'The public gains access to beneficial ownership and contract data as open data that '
            'can be downloaded and analysed.',
        ),
        'accountability': (
            'หน่วยงานตรวจสอบ สื่อมวลชน และประชาชนใช้ข้อมูลตรวจสอบการตัดสินใจให้สัญญาของหน่วยงานของรัฐ '
            'และรายงานความเสี่ยงที่พบต่อสาธารณะ',
            'Oversight bodies, the media and citizens can scrutinise award decisions and publish '
            'the risks they find.',
        ),
        'technology': (
            'ใช้มาตรฐานข้อมูลแบบเปิด (OCDS และ BODS) และระบบ e-GP ในการรวบรวม เชื่อมโยง '
            'และเผยแพร่ข้อมูลโดยอัตโนมัติ',
            'Open data standards (OCDS and BODS) and the e-GP system collect, link and publish '
            'the data automatically.',
        ),
    },
    'milestones': (
        {
            'responsible': 'mof',
            'start_date': date(2026, 7, 1),
            'end_date': date(2027, 3, 31),
            'output': (
                'ประกาศกรมบัญชีกลางกำหนดนิยามและแบบแจ้งข้อมูลผู้รับประโยชน์ที่แท้จริง '
                'พร้อมแนวทางคุ้มครองข้อมูลส่วนบุคคล ซึ่งผ่านการรับฟังความคิดเห็นจากภาคเอกชนและภาคประชาสังคม',
                "A Comptroller General's Department notification defining beneficial ownership "
                'and the declaration form, with personal data protection guidance, issued after '
                'hearing business and civil society',
            ),
            'indicator': (
                'ประกาศและแนวทางที่ประกาศใช้ และระยะเวลาการรับฟังความคิดเห็น',
                'Notification and guidance issued; length of the public hearing',
            ),
            'baseline': ('ไม่มีประกาศหรือแนวทาง', 'No notification or guidance'),
            'target': (
                'ประกาศใช้ 1 ฉบับภายในเดือนมีนาคม 2570 หลังรับฟังความคิดเห็นไม่น้อยกว่า 15 วัน',
                'One notification issued by March 2027 after a hearing of at least 15 days',
            ),
        },
        {
            'responsible': 'mof',
            'start_date': date(2027, 1, 1),
            'end_date': date(2027, 12, 31),
            'output': (
                'ระบบ e-GP รับแบบแจ้งข้อมูลผู้รับประโยชน์ที่แท้จริง '
                'และเผยแพร่ข้อมูลการจัดซื้อจัดจ้างพร้อมข้อมูลผู้รับประโยชน์ในรูปแบบ OCDS ผ่านศูนย์กลางข้อมูลเปิดภาครัฐ '
                '(data.go.th)',
                'The e-GP system collects beneficial ownership declarations and publishes '
                'procurement data with beneficial ownership in OCDS through the government open '
                'data portal (data.go.th)',
            ),
            'indicator': (
                'ร้อยละของโครงการวงเงินตั้งแต่ 5 ล้านบาทขึ้นไปที่เผยแพร่ข้อมูลผู้รับประโยชน์ที่แท้จริงในรูปแบบ OCDS',
                'Share of projects worth 5 million baht or more that publish beneficial ownership '
                'data in OCDS',
            ),
            'baseline': ('ร้อยละ 0 (ปีงบประมาณ พ.ศ. 2568)', '0% (fiscal year 2025)'),
            'target': ('ร้อยละ 60 ภายในเดือนธันวาคม 2570', '60% by December 2027'),
        },
        {
            'responsible': 'nacc',
            'start_date': date(2027, 10, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'ชุดตัวบ่งชี้ความเสี่ยง (red flags) ที่พัฒนาร่วมกับภาคประชาสังคม '
                'และรายงานวิเคราะห์ความเสี่ยงการจัดซื้อจัดจ้างที่เผยแพร่ต่อสาธารณะทุก 6 เดือน',
                'A set of risk indicators (red flags) developed with civil society, and '
                'procurement risk reports published every six months',
            ),
            'indicator': (
                'จำนวนรายงานวิเคราะห์ความเสี่ยงที่เผยแพร่ต่อสาธารณะ',
                'Number of risk reports published',
            ),
            'baseline': ('0 ฉบับ', 'None'),
            'target': (
                '2 ฉบับ (ธันวาคม 2570 และมิถุนายน 2571)',
                'Two reports (December 2027 and June 2028)',
            ),
        },
    ),
}

FISCAL_OPENNESS = {
    'policy_area': 'fiscal_openness',
    'lead': 'bb',
    'supporters': ('mof', 'dga', 'academia', 'cso_opengov'),
    'author': 'secretariat@example.org',
    'contact_name': 'ผู้ประสานงาน สำนักงบประมาณ',
    'contact_email': 'ogp-budget@example.org',
    'start_date': date(2026, 7, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '16.6, 16.7',
    'title': (
        'เปิดเผยข้อมูลงบประมาณรายจ่ายรายโครงการในรูปแบบข้อมูลเปิด จัดทำงบประมาณฉบับประชาชนรายจังหวัด '
        'และเปิดช่องทางให้ประชาชนเสนอความคิดเห็นต่อการจัดทำงบประมาณ',
        "Publish project-level budget data as open data, produce provincial citizens' budgets and "
        'open a channel for public input into budget preparation',
    ),
    'short_title': ('งบประมาณเปิดและการมีส่วนร่วมของประชาชน', 'Open and participatory budget'),
    'description': (
        'สำนักงบประมาณจะเผยแพร่ข้อมูลร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีในระดับโครงการ '
        'จำแนกตามหน่วยรับงบประมาณ แผนงาน และจังหวัด เป็นข้อมูลเปิดที่เครื่องอ่านได้ '
        'พร้อมกับการเสนอร่างต่อสภาผู้แทนราษฎร จัดทำงบประมาณฉบับประชาชนรายจังหวัดที่อ่านเข้าใจง่าย '
        'และเปิดช่องทางออนไลน์ให้ประชาชนเสนอความคิดเห็นต่อการจัดทำงบประมาณ '
        'โดยชี้แจงผลการพิจารณาข้อเสนอพร้อมเหตุผลต่อสาธารณะ',
        'The Bureau of the Budget will publish the annual appropriations bill at project level, '
        'broken down by budget unit, programme and province, as machine-readable open data when '
        "the bill goes to the House of Representatives. It will produce plain-language citizens' "
        'budgets for each province and open an online channel for public input into budget '
        'preparation, publishing a reasoned response to each proposal.',
    ),
    'problem': (
        'ประชาชนมีข้อมูลไม่เพียงพอที่จะเข้าใจและติดตามว่างบประมาณแผ่นดินถูกจัดสรรไปยังโครงการใดในพื้นที่ของตน '
        'เอกสารประกอบร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีเผยแพร่เป็นไฟล์ PDF '
        'จำนวนหลายสิบเล่มซึ่งนำไปวิเคราะห์ต่อได้ยาก '
        'และประชาชนไม่มีช่องทางเสนอความคิดเห็นก่อนที่ร่างจะเข้าสู่การพิจารณาของสภา ข้อมูลพื้นฐาน '
        '(ร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2570): '
        'ชุดข้อมูลงบประมาณรายโครงการในรูปแบบเครื่องอ่านได้ 0 ชุด งบประมาณฉบับประชาชนรายจังหวัด 0 จังหวัด '
        'และข้อเสนอของประชาชนที่ได้รับคำชี้แจงเป็นลายลักษณ์อักษร 0 รายการ',
        'Citizens lack the information to understand and follow which projects in their area '
        'receive public money. The documents accompanying the appropriations bill are published '
        'as dozens of PDF volumes that are hard to analyse, and the public has no channel to '
        'comment before the bill reaches Parliament. Baseline (fiscal year 2027 appropriations '
        "bill): 0 machine-readable project-level budget datasets, citizens' budgets for 0 "
        'provinces, and 0 public proposals answered in writing.',
    ),
    'causes': (
        '(1) ระบบงบประมาณออกแบบเพื่อการบริหารภายใน โครงสร้างรหัสงบประมาณไม่เชื่อมโยงกับพื้นที่และผลการดำเนินงาน '
        '(2) ยังไม่มีข้อกำหนดให้เผยแพร่ข้อมูลงบประมาณในรูปแบบข้อมูลเปิด (3) '
        'การรับฟังความคิดเห็นในกระบวนการงบประมาณจำกัดอยู่ที่หน่วยงานของรัฐและกลไกระดับจังหวัด '
        'ไม่เปิดให้ประชาชนทั่วไป (4) ภาคประชาสังคมและสื่อมวลชนในต่างจังหวัดยังขาดทักษะการวิเคราะห์งบประมาณ',
        '(1) The budget system was designed for internal management; budget codes are not linked '
        'to location or performance. (2) Nothing requires budget data to be published as open '
        'data. (3) Consultation in the budget process is limited to public bodies and provincial '
        'mechanisms and is not open to the general public. (4) Civil society and local media '
        'outside Bangkok lack budget analysis skills.',
    ),
    'solution': (
        '(1) เผยแพร่ชุดข้อมูลงบประมาณรายโครงการของร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2571 '
        'และ พ.ศ. 2572 ในรูปแบบ CSV และ API ผ่าน data.go.th ในวันเดียวกับที่เสนอร่างต่อสภา (2) '
        'จัดทำงบประมาณฉบับประชาชนรายจังหวัดจากชุดข้อมูลดังกล่าว (3) '
        'เปิดรับฟังความคิดเห็นต่อการจัดทำงบประมาณทางออนไลน์ไม่น้อยกว่า 30 วัน '
        'และเผยแพร่คำชี้แจงผลการพิจารณาพร้อมเหตุผล (4) '
        'ร่วมกับสถาบันวิชาการจัดอบรมการวิเคราะห์งบประมาณให้ภาคประชาสังคมและสื่อมวลชนท้องถิ่น',
        '(1) Publish project-level data for the fiscal year 2028 and 2029 appropriations bills in '
        'CSV and through an API on data.go.th on the day each bill is tabled. (2) Generate '
        "provincial citizens' budgets from those data. (3) Hold an online consultation of at "
        'least 30 days on budget preparation and publish a reasoned response to the proposals. '
        '(4) With academic partners, train civil society and local media in budget analysis.',
    ),
    'contribution': (
        'ข้อมูลงบประมาณที่เปิดเผยในระดับโครงการและพื้นที่ ทำให้ประชาชน สมาชิกสภาผู้แทนราษฎร '
        'และสื่อมวลชนวิเคราะห์และติดตามการจัดสรรงบประมาณได้ตั้งแต่ขั้นการพิจารณาของสภา '
        'ช่องทางเสนอความคิดเห็นพร้อมคำชี้แจงเหตุผลทำให้ความต้องการของประชาชน'
        'เข้าสู่การจัดลำดับความสำคัญของงบประมาณอย่างเป็นระบบ และการอบรมช่วยให้ภาคประชาสังคมในพื้นที่ใช้ข้อมูลได้จริง',
        'Project- and area-level budget data let citizens, members of Parliament and the media '
        'analyse and follow allocations from the moment Parliament considers the bill. A channel '
        "for proposals with reasoned responses brings citizens' needs into budget prioritisation "
        'in a systematic way, and training helps local civil society actually use the data.',
    ),
    'values': {
        'access': (
            'เปิดเผยข้อมูลงบประมาณรายโครงการและรายจังหวัดเป็นข้อมูลเปิด และจัดทำงบประมาณฉบับประชาชนที่เข้าใจง่าย',
            'Project- and province-level budget data are published as open data, with '
            "plain-language citizens' budgets.",
        ),
        'participation': (
            'ประชาชนเสนอความคิดเห็นต่อการจัดทำงบประมาณได้โดยตรงทางออนไลน์ และได้รับคำชี้แจงผลการพิจารณา',
            'Citizens can make proposals on budget preparation online and receive a reasoned '
            'response.',
        ),
        'accountability': (
            'สำนักงบประมาณต้องชี้แจงต่อสาธารณะว่าข้อเสนอแต่ละเรื่องได้รับการพิจารณาอย่างไร '
            'และประชาชนใช้ข้อมูลติดตามการจัดสรรงบประมาณได้',
            'The Bureau of the Budget must explain publicly how each proposal was considered, and '
            'citizens can use the data to follow allocations.',
        ),
    },
    'milestones': (
        {
            'responsible': 'bb',
            'start_date': date(2026, 7, 1),
            'end_date': date(2027, 6, 30),
            'output': (
                'ชุดข้อมูลงบประมาณรายโครงการของร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2571 '
                'เผยแพร่ในรูปแบบ CSV และ API บน data.go.th ในวันที่เสนอร่างต่อสภา',
                'Project-level dataset of the fiscal year 2028 appropriations bill published in '
                'CSV and through an API on data.go.th on the day the bill is tabled',
            ),
            'indicator': (
                'ร้อยละของวงเงินงบประมาณรายจ่ายที่เผยแพร่เป็นข้อมูลรายโครงการที่เครื่องอ่านได้',
                'Share of total appropriations published as machine-readable project-level data',
            ),
            'baseline': ('ร้อยละ 0 (ปีงบประมาณ พ.ศ. 2570)', '0% (fiscal year 2027)'),
            'target': (
                'ร้อยละ 80 ของวงเงินงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2571',
                '80% of fiscal year 2028 appropriations',
            ),
        },
        {
            'responsible': 'bb',
            'start_date': date(2026, 10, 1),
            'end_date': date(2027, 9, 30),
            'output': (
                'การรับฟังความคิดเห็นออนไลน์ต่อการจัดทำงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2571 '
                'และรายงานผลการพิจารณาข้อเสนอพร้อมเหตุผล',
                'Online consultation on the fiscal year 2028 budget and a published report '
                'answering each proposal with reasons',
            ),
            'indicator': (
                'ร้อยละของข้อเสนอที่ได้รับคำชี้แจงผลการพิจารณาพร้อมเหตุผลและเผยแพร่ต่อสาธารณะ',
                'Share of proposals given a published, reasoned response',
            ),
            'baseline': (
                'ร้อยละ 0 (ยังไม่มีช่องทางรับฟังความคิดเห็นสำหรับประชาชนทั่วไป)',
                '0% (no consultation channel open to the general public)',
            ),
            'target': (
                'ร้อยละ 100 ของข้อเสนอ ภายใน 60 วันหลังปิดการรับฟังความคิดเห็น',
                '100% of proposals, within 60 days of the consultation closing',
            ),
        },
        {
            'responsible': 'bb',
            'start_date': date(2027, 7, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'งบประมาณฉบับประชาชนรายจังหวัดสำหรับปีงบประมาณ พ.ศ. 2571 และ พ.ศ. 2572',
                "Provincial citizens' budgets for fiscal years 2028 and 2029",
            ),
            'indicator': (
                'จำนวนจังหวัดที่มีงบประมาณฉบับประชาชนเผยแพร่',
                "Number of provinces with a published citizens' budget",
            ),
            'baseline': ('0 จังหวัด', '0 provinces'),
            'target': (
                '77 จังหวัด (รวมกรุงเทพมหานคร) สำหรับปีงบประมาณ พ.ศ. 2572',
                'All 77 provinces (including Bangkok) for fiscal year 2029',
            ),
        },
        {
            'responsible': 'academia',
            'start_date': date(2027, 1, 1),
            'end_date': date(2028, 3, 31),
            'output': (
                'หลักสูตรและการอบรมการวิเคราะห์งบประมาณสำหรับภาคประชาสังคมและสื่อมวลชนท้องถิ่น',
                'Budget analysis course and training for civil society and local media',
            ),
            'indicator': (
                'จำนวนผู้ผ่านการอบรม และจำนวนจังหวัดที่ผู้ผ่านการอบรมสังกัด',
                'Number of people trained, and the number of provinces they come from',
            ),
            'baseline': ('0 คน', 'None trained'),
            'target': (
                '300 คน จากไม่น้อยกว่า 40 จังหวัด',
                '300 people from at least 40 provinces',
            ),
        },
    ),
}
