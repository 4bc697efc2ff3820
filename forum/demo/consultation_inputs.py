"""Demo content: the 44 inputs of the demo consultation round (see ``consultation_data``).

Their words are drawn from the seed document (the Cabinet correspondence on joining OGP, table 2
of the policy areas); the people at meetings and the letters are illustrative.
"""

#: The inputs, in the order they came in.
# fmt: off
INPUTS = (
    # 0
    {'channel': 'online', 'by': 'cochair@example.org', 'on': 1, 'part': 'solution', 'named': True,
     'theme': 'procurement', 'day': 1,
     'text': 'ขอให้พันธสัญญานี้มุ่งเน้นการจัดปัญหาการทุจริตคอร์รัปชันเชิงระบบ (Grand '
             'Corruption) และคณาธิปไตย (Kleptocracy) ผ่านการเปิดเผยข้อมูลของผู้มีส่วนได้ส่วน'
             'เสียการจัดซื้อจัดจ้างที่โปร่งใส'},
    {'channel': 'online', 'by': 'nacc@example.org', 'on': 1, 'named': True,
     'theme': 'procurement', 'day': 2,
     'text': 'ส่งเสริมการป้องกันและแก้ไขปัญหาทุจริตคอร์รัปชันที่ทำลายความไว้วางใจของประชาชนที่'
             'มีต่อรัฐบาล โดยเปิดเผยข้อมูลผู้รับประโยชน์ที่แท้จริงของผู้ยื่นข้อเสนอทุกราย'},
    {'channel': 'online', 'by': 'business@example.org', 'on': 1, 'part': 'problem', 'named': True,
     'theme': 'procurement', 'day': 3,
     'text': 'ภาคเอกชนสนับสนุนการจัดซื้อจัดจ้างที่โปร่งใส เพื่อสร้างความโปร่งใส และความ'
             'ซื่อสัตย์สุจริต ในการแข่งขันอย่างเป็นธรรม'},
    {'channel': 'meeting', 'name': 'สมพงษ์ ใจซื่อ', 'organisation': 'ชมรมผู้รับเหมาท้องถิ่น',
     'sector': 'private_sector', 'province': 'TH-50', 'named': True, 'on': 1,
     'theme': 'procurement', 'day': 7,
     'text': 'ควรเปิดเผยข้อมูลของผู้มีส่วนได้ส่วนเสียการจัดซื้อจัดจ้างที่โปร่งใสในระดับ'
             'ท้องถิ่นด้วย'},
    {'channel': 'online', 'by': 'media@example.org', 'on': 1, 'named': False, 'theme': 'assets',
     'day': 4,
     'text': 'รวมถึงการเปิดเผยบัญชีทรัพย์สินของเจ้าหน้าที่รัฐ เพื่อสร้างความโปร่งใส และความ'
             'ซื่อสัตย์สุจริต'},
    # 5
    {'channel': 'written', 'sector': 'civil_society', 'province': 'TH-10', 'on': 1,
     'theme': 'assets', 'day': 9,
     'text': 'ขอให้เพิ่มการเปิดเผยบัญชีทรัพย์สินของเจ้าหน้าที่รัฐเป็นข้อมูลเปิดที่ตรวจสอบได้'},
    {'channel': 'meeting', 'name': 'นิตยา ตรวจสอบ',
     'organisation': 'เครือข่ายต่อต้านคอร์รัปชันภาคใต้', 'sector': 'civil_society',
     'province': 'TH-90', 'named': False, 'on': None, 'theme': 'assets', 'day': 15,
     'text': 'การเปิดเผยบัญชีทรัพย์สินของเจ้าหน้าที่รัฐควรเป็นพันธสัญญาของแผน NAP'},
    {'channel': 'online', 'by': 'air@example.org', 'on': 5, 'named': True, 'theme': 'pm25',
     'day': 2,
     'text': 'ส่งเสริมให้เปิดเผยข้อมูลที่แท้จริงของมลพิษเพื่อสร้างความโปร่งใสด้านต้นทุน'
             'สิ่งแวดล้อม โดยเฉพาะฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) ในภาคเหนือ'},
    {'channel': 'online', 'by': 'mnre@example.org', 'on': 5, 'part': 'solution', 'named': True,
     'theme': 'pm25', 'day': 5,
     'text': 'เปิดพื้นที่เพื่อหารือทางเลือกในการพัฒนา และเพิ่มการกำกับดูแลการใช้จ่ายด้าน'
             'สิ่งแวดล้อม'},
    {'channel': 'meeting', 'name': 'บุญมี ดอยคำ', 'organisation': 'เครือข่ายป่าชุมชนแม่แจ่ม',
     'sector': 'civil_society', 'province': 'TH-50', 'named': True, 'on': 5, 'theme': 'pm25',
     'day': 7,
     'text': 'การแก้ไขปัญหาฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) ต้องเปิดพื้นที่ให้ทุกภาค'
             'ส่วนเข้ามามีส่วนร่วม รวมถึงการจัดตั้งป่าชุมชน'},
    # 10
    {'channel': 'meeting', 'name': 'อรทัย ฟ้าใส', 'sector': 'academia', 'province': 'TH-50',
     'named': False, 'on': 5, 'theme': 'pm25', 'day': 7,
     'text': 'ขอให้ขยายโมเดลภาครัฐระบบเปิดและการมีส่วนร่วมอย่างมีความหมาย (OG&MP) เพื่อ'
             'แก้ปัญหาฝุ่นละอองขนาดเล็ก (PM 2.5) ไปยังจังหวัดอื่น'},
    {'channel': 'online', 'by': 'participant@example.org', 'on': 5, 'named': False,
     'theme': 'pm25', 'day': 8, 'duplicate_of': 7,
     'text': 'ส่งเสริมให้เปิดเผยข้อมูลที่แท้จริงของมลพิษเพื่อสร้างความโปร่งใสด้านต้นทุน'
             'สิ่งแวดล้อม โดยเฉพาะฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) ในภาคเหนือ'},
    {'channel': 'online', 'by': 'academic@example.org', 'on': 5, 'part': 'causes', 'named': True,
     'response': 'pm25', 'day': 10,
     'text': 'โดยมุ่งเน้นด้านการเงินและการเปลี่ยนผ่านด้านพลังงานสู่ความยั่งยืน ควรระบุในสาเหตุ'
             'ของปัญหาด้วย'},
    {'channel': 'online', 'by': 'mof@example.org', 'on': 2, 'named': True, 'theme': 'budget',
     'day': 3,
     'text': 'ส่งเสริมการเปิดเผยข้อมูลในการจัดทำงบประมาณของภาครัฐ โดยการเปิดให้ประชาชนเข้ามา'
             'มีส่วนร่วมในการกำหนดและติดตามการใช้จ่ายงบประมาณของภาครัฐ'},
    {'channel': 'meeting', 'name': 'ประยูร ทองดี', 'organisation': 'สภาองค์กรชุมชนตำบลบ้านเป็ด',
     'sector': 'civil_society', 'province': 'TH-40', 'named': True, 'on': 2, 'theme': 'budget',
     'day': 12,
     'text': 'ประชาชนมั่นใจได้ว่าแผนงานและการใช้จ่ายงบประมาณของรัฐบาลสอดคล้องกับความต้องการของ'
             'สังคม และเสริมสร้างการตรวจสอบจากสาธารณะ'},
    # 15
    {'channel': 'meeting', 'sector': 'other', 'province': 'TH-40', 'on': 2, 'theme': 'budget',
     'day': 12,
     'text': 'ขอให้มีงบประมาณฉบับประชาชนรายจังหวัดที่อ่านเข้าใจง่าย'},
    {'channel': 'written', 'sector': 'civil_society', 'province': 'TH-10', 'on': None,
     'theme': 'civic_space', 'day': 6,
     'text': 'ส่งเสริมการเปิดพื้นที่สาธารณะที่เปิดกว้างและเข้มแข็ง ซึ่งเป็นเงื่อนไขสำคัญของ'
             'ประชาธิปไตย ผลักดันการปกป้องสิทธิขั้นพื้นฐาน ได้แก่ เสรีภาพในการชุมนุม เสรีภาพใน'
             'การร่วมตัว เสรีภาพในการแสดงออก และเสรีภาพของสื่อ'},
    {'channel': 'online', 'by': 'media@example.org', 'on': None, 'named': True,
     'theme': 'civic_space', 'day': 11,
     'text': 'เพื่อให้ภาคประชาชนสามารถตรวจสอบและมีส่วนร่วมในกระบวนการกำหนดนโยบายสาธารณะได้'
             'อย่างเสรีและปลอดภัย ควรมีพันธสัญญาด้านเสรีภาพของสื่อ'},
    {'channel': 'meeting', 'name': 'ฮาซัน ยูโซะ', 'sector': 'civil_society', 'province': 'TH-94',
     'named': False, 'on': None, 'theme': 'civic_space', 'day': 15,
     'text': 'การปกป้องสิทธิขั้นพื้นฐาน ได้แก่ เสรีภาพในการชุมนุมและเสรีภาพในการแสดงออก สำคัญ'
             'ต่อพื้นที่ชายแดนใต้'},
    {'channel': 'online', 'by': 'dga@example.org', 'on': 6, 'named': True,
     'theme': 'disinformation', 'day': 4,
     'text': 'ดำเนินการป้องกันอันตรายที่เกิดจากข้อมูลเท็จ และข้อมูลที่บิดเบือนทางออนไลน์ ควร'
             'เป็นส่วนหนึ่งของทะเบียนระบบปัญญาประดิษฐ์'},
    # 20
    {'channel': 'online', 'by': 'youth@example.org', 'on': 6, 'named': False,
     'theme': 'disinformation', 'day': 9,
     'text': 'รวมถึงการใช้เทคโนโลยี เช่น แอปพลิเคชัน และ AI ในทางที่ไม่เหมาะสม ต้องมีมาตร'
             'การกำกับ'},
    {'channel': 'meeting', 'name': 'กิตติ พัฒนา', 'organisation': 'ชมรมนักพัฒนาซอฟต์แวร์ขอนแก่น',
     'sector': 'private_sector', 'province': 'TH-40', 'named': True, 'on': 6, 'part': 'solution',
     'response': 'process', 'day': 12,
     'text': 'ส่งเสริมการใช้เทคโนโลยีสมัยใหม่ มุ่งเน้นสร้างนโยบายที่ใช้ประโยชน์จากเทคโนโลยี '
             'เพื่อส่งเสริมความโปร่งใสและการมีส่วนร่วม โดยเปิดทะเบียนเป็นข้อมูลเปิด'},
    {'channel': 'online', 'by': 'youth@example.org', 'on': 7, 'named': True, 'theme': 'inclusion',
     'day': 2,
     'text': 'ส่งเสริมการมีส่วนร่วมของประชาชนทุกกลุ่ม ในมิติที่มีความหลากหลาย เช่น การ'
             'มีส่วนร่วมของเยาวชน'},
    {'channel': 'meeting', 'name': 'สุนันทา เสียงเดียว',
     'organisation': 'สมาคมคนพิการจังหวัดขอนแก่น', 'sector': 'civil_society', 'province': 'TH-40',
     'named': True, 'on': 7, 'theme': 'inclusion', 'day': 12,
     'text': 'การรับฟังเสียงของชนกลุ่มน้อยหรือกลุ่มเปราะบาง ต้องรวมคนพิการทางการเห็นและการ'
             'ได้ยิน'},
    {'channel': 'written', 'sector': 'other', 'province': 'TH-58', 'on': 7, 'theme': 'inclusion',
     'day': 14,
     'text': 'การปฏิรูปที่ตอบสนองต่อความเสมอภาคทางเพศ และการรับฟังเสียงของชนกลุ่มน้อย ควรมี'
             'ล่ามภาษาชาติพันธุ์'},
    # 25
    {'channel': 'online', 'by': 'cochair@example.org', 'on': 4, 'named': True,
     'theme': 'law_portal', 'day': 5,
     'text': 'การส่งเสริมให้ประชาชนมีส่วนร่วมในกระบวนการนิติบัญญัติผ่านระบบกลางทางกฎหมาย ควร'
             'แจ้งผลการพิจารณาให้ผู้แสดงความคิดเห็นทราบ'},
    {'channel': 'online', 'by': 'moj@example.org', 'on': 4, 'part': 'solution', 'named': True,
     'theme': 'law_portal', 'day': 6,
     'text': 'รวมทั้งเปิดโอกาสให้ประชาชนแสดงความคิดเห็นเกี่ยวกับการดำเนินการของรัฐบาล ผ่านการ'
             'อภิปรายอย่างเป็นระบบ'},
    {'channel': 'meeting', 'name': 'วิไล รักษ์ธรรม', 'sector': 'academia', 'province': 'TH-90',
     'named': True, 'organisation': 'คณะนิติศาสตร์ มหาวิทยาลัยในภาคใต้ (ตัวอย่าง)', 'on': 4,
     'theme': 'law_portal', 'day': 15,
     'text': 'เพื่อสร้างกลไกการมีส่วนร่วมของประชาชน ควรเผยแพร่สรุปความคิดเห็นทุกฉบับ'},
    {'channel': 'online', 'by': 'chair@example.org', 'on': 3, 'named': True, 'theme': None,
     'response': 'rti', 'day': 3,
     'text': 'ส่งเสริมให้ภาครัฐเผยแพร่ข้อมูลให้แก่ประชาชนได้รับทราบ ซึ่งเป็นกลไกสำคัญที่ทำให้'
             'ประชาชนสามารถตรวจสอบการทำงานและการตัดสินใจของรัฐบาลได้'},
    {'channel': 'written', 'sector': 'government', 'province': 'TH-12', 'on': 3,
     'organisation': 'สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ (ตัวอย่าง)', 'name': 'กองนโยบาย',
     'named': True, 'response': 'rti', 'day': 10,
     'text': 'การเปิดเผยข้อมูลภาครัฐสู่สาธารณะของหน่วยงานภาครัฐทุกหน่วยงานซึ่งมีมากกว่า 1,500 '
             'หน่วยงาน ควรมีตัวชี้วัดรายหน่วยงาน'},
    # 30
    {'channel': 'online', 'by': 'participant@example.org', 'on': 3, 'named': False,
     'response': 'process', 'day': 13,
     'text': 'ขอให้เปิดเผยข้อมูลผ่านแพลตฟอร์มสำคัญ เช่น ศูนย์รวมข้อมูลเพื่อการติดต่อราชการ '
             '(info.go.th) ในรูปแบบที่ค้นหาได้'},
    {'channel': 'online', 'by': 'academic@example.org', 'on': None, 'named': True,
     'response': 'general_thanks', 'day': 4,
     'text': 'ขอให้แผน NAP มีพันธกิจที่เป็นรูปธรรม วัดผลได้ มีผู้รับผิดชอบชัดเจน และมีกรอบเวลา'
             'ดำเนินการ'},
    {'channel': 'online', 'by': 'secretariat@example.org', 'on': None, 'named': True,
     'response': 'process', 'day': 5,
     'text': 'สรุปจากการประชุมหารือ: ให้ระบุหน่วยงานรับผิดชอบหลักของทุกพันธสัญญา ตามตัวอย่าง'
             'หน่วยงานภาครัฐที่เกี่ยวข้องในตารางที่ 2'},
    {'channel': 'meeting', 'name': 'ชัยวัฒน์ มั่นคง', 'sector': 'government', 'province': 'TH-50',
     'organisation': 'สำนักงานจังหวัดเชียงใหม่ (ตัวอย่าง)', 'named': True, 'on': None,
     'response': 'general_thanks', 'day': 7,
     'text': 'ภาครัฐของประเทศไทยได้ให้ความสำคัญกับการส่งเสริมความโปร่งใส ความรับผิดชอบต่อ'
             'สาธารณะ และการมีส่วนร่วมของประชาชนที่เปิดกว้างให้ทุกภาคส่วน'},
    {'channel': 'meeting', 'sector': 'civil_society', 'province': 'TH-90', 'on': None,
     'response': 'general_thanks', 'day': 15,
     'text': 'โดยเฉพาะภาคประชาสังคม ได้เข้ามามีส่วนร่วมในการกำกับดูแลภาครัฐและพัฒนานโยบาย/'
             'โครงการที่เป็นประโยชน์ต่อสาธารณะ'},
    # 35
    {'channel': 'written', 'sector': 'private_sector', 'province': 'TH-20', 'on': 2,
     'response': 'budget', 'day': 16,
     'text': 'การสร้างความร่วมมือกับภาคเอกชนและประชาสังคมในโครงการต่าง ๆ ควรรวมการติดตาม'
             'งบประมาณด้วย'},
    {'channel': 'online', 'by': 'business@example.org', 'on': 6, 'named': False,
     'response': 'process', 'day': 18,
     'text': 'การนำเทคโนโลยี และนวัตกรรมมาใช้ เพื่อเสริมสร้างภาครัฐระบบเปิดและการมีส่วนร่วม'},
    {'channel': 'online', 'by': 'air@example.org', 'on': 5, 'part': 'who_and_when', 'named': True,
     'response': 'pm25', 'day': 20,
     'text': 'การขับเคลื่อนโครงการสระบุรี Sandbox เมืองคาร์บอนต่ำ ควรเป็นต้นแบบของพันธสัญญานี้'},
    {'channel': 'online', 'by': 'youth@example.org', 'on': 7, 'named': False, 'day': 21,
     'withdrawn': True,
     'text': 'ขอถอนความเห็นนี้ เพราะส่งซ้ำกับความเห็นก่อนหน้า'},
    {'channel': 'written', 'sector': 'civil_society', 'province': 'TH-57', 'on': 4,
     'hidden': 'มีเลขประจำตัวประชาชนและหมายเลขโทรศัพท์ของบุคคลอื่น', 'contact': '053-000-000',
     'day': 22,
     'text': 'ขอร้องเรียนเจ้าหน้าที่ผู้หนึ่ง (ข้อความนี้มีข้อมูลส่วนบุคคลของผู้อื่น)'},
    # 40
    {'channel': 'online', 'by': 'nacc@example.org', 'on': 1, 'part': 'who_and_when',
     'named': True, 'response': 'assets', 'day': 24,
     'text': 'การเปิดเผยบัญชีทรัพย์สินของเจ้าหน้าที่รัฐควรดำเนินการคู่กับการจัดซื้อจัดจ้างที่'
             'โปร่งใส'},
    {'channel': 'meeting', 'name': 'มาลัย ศรีสะอาด', 'sector': 'other', 'province': 'TH-33',
     'named': True, 'on': 7, 'theme': 'inclusion', 'day': 25,
     'text': 'การมีส่วนร่วมของเยาวชน และการรับฟังเสียงของผู้สูงอายุในชนบท ต้องมีช่องทางที่ไม่'
             'ใช้อินเทอร์เน็ต'},
    {'channel': 'online', 'by': 'dga@example.org', 'on': 3, 'part': 'solution', 'named': True,
     'response': 'rti', 'day': 27,
     'text': 'การเปิดเผยข้อมูลภาครัฐ โดยส่งเสริมการเปิดเผยข้อมูลผ่านแพลตฟอร์มสำคัญ ควรเชื่อม'
             'กับระบบรับคำขอข้อมูลข่าวสารออนไลน์'},
    {'channel': 'online', 'by': 'cochair@example.org', 'on': None, 'named': True,
     'theme': 'civic_space', 'day': 28,
     'text': 'การยอมให้ภาคประชาสังคมเข้ามามีส่วนร่วม (CSO Entry and Exit) ควรได้รับการติดตาม'
             'ตลอดแผน'},
)
# fmt: on
