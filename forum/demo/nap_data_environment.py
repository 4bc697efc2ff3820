"""Demo commitment on climate and environment: PM2.5 open data and the OG&MP model.

See ``nap_data`` for the shape: texts are ``(Thai, English)`` pairs, organisations are keys of
``data.ORGANISATIONS``. Figures are illustrative, not official statistics.
"""

from datetime import date

CLIMATE_ENVIRONMENT = {
    'policy_area': 'climate_environment',
    'lead': 'mnre',
    'supporters': ('moi', 'dga', 'cso_air', 'academia', 'media'),
    'author': 'mnre@example.org',
    'contact_name': 'ผู้ประสานงาน กรมควบคุมมลพิษ กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม',
    'contact_email': 'ogp-cleanair@example.org',
    'start_date': date(2026, 10, 1),
    'end_date': date(2028, 6, 30),
    'budget': '',
    'sdg_targets': '3.9, 11.6, 16.7',
    'title': (
        'เปิดเผยข้อมูลแหล่งกำเนิดฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) เป็นข้อมูลเปิด '
        'และขยายโมเดลภาครัฐระบบเปิดและการมีส่วนร่วมอย่างมีความหมาย (OG&MP) สู่จังหวัดที่ได้รับผลกระทบ',
        'Publish open data on the sources of fine particulate matter (PM2.5) and extend the Open '
        'Government and Meaningful Participation (OG&MP) model to affected provinces',
    ),
    'short_title': ('ข้อมูลเปิดและการมีส่วนร่วมแก้ปัญหาฝุ่น PM2.5', 'PM2.5 open data and participation'),
    'description': (
        'กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม โดยกรมควบคุมมลพิษ '
        'จะร่วมกับหน่วยงานที่เกี่ยวข้องจัดทำมาตรฐานชุดข้อมูลกลาง และเผยแพร่ข้อมูลแหล่งกำเนิดฝุ่น PM2.5 เช่น จุดความร้อน '
        'พื้นที่เผาไหม้ การอนุญาตให้เผาในที่โล่ง และการระบายมลพิษจากแหล่งกำเนิดขนาดใหญ่ เป็นข้อมูลเปิดพร้อม API '
        'และร่วมกับกระทรวงมหาดไทยขยายกลไกความร่วมมือระดับจังหวัดตามโมเดล OG&MP ที่มีผู้แทนภาคประชาสังคม '
        'ภาควิชาการ และสื่อมวลชน พร้อมรายงานผลการดำเนินงานและการใช้จ่ายงบประมาณต่อสาธารณะทุกฤดูฝุ่น',
        'The Ministry of Natural Resources and Environment, through the Pollution Control '
        'Department, will agree a common data standard with the agencies concerned and publish '
        'data on PM2.5 sources, such as hotspots, burned areas, open-burning permits and '
        'emissions from large sources, as open data with an API. With the Ministry of Interior it '
        'will extend provincial partnerships on the OG&MP model, with civil society, academic and '
        'media members, and report results and spending to the public after every haze season.',
    ),
    'problem': (
        'ฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) มีค่าเกินมาตรฐานในหลายพื้นที่ทุกปี โดยเฉพาะภาคเหนือ '
        'และกรุงเทพมหานครและปริมณฑลในช่วงเดือนธันวาคมถึงเมษายน ส่งผลกระทบต่อสุขภาพของประชาชน '
        'ประชาชนเข้าถึงค่าตรวจวัดคุณภาพอากาศรายชั่วโมงได้แล้ว '
        'แต่ข้อมูลแหล่งกำเนิดและมาตรการแก้ไขกระจายอยู่ในหลายหน่วยงานในรูปแบบที่นำไปใช้ต่อไม่ได้ '
        'และกลไกการมีส่วนร่วมในพื้นที่มักจัดขึ้นเฉพาะช่วงวิกฤต ข้อมูลพื้นฐาน (พ.ศ. 2568): '
        'ชุดข้อมูลแหล่งกำเนิดฝุ่นที่เผยแพร่เป็นข้อมูลเปิดที่เครื่องอ่านได้บน data.go.th มี 3 ชุด '
        'และมีจังหวัดที่ใช้กลไกตามโมเดล OG&MP อย่างเป็นทางการ 1 จังหวัด',
        'PM2.5 exceeds the national standard in many areas every year, above all in the North and '
        "in Bangkok and its vicinity from December to April, harming people's health. Hourly air "
        'quality readings are already public, but data on sources and on the measures taken are '
        'spread across agencies in formats that cannot be reused, and local participation usually '
        'happens only during a crisis. Baseline (2025): 3 machine-readable open datasets on PM2.5 '
        'sources on data.go.th, and 1 province formally using the OG&MP model.',
    ),
    'causes': (
        '(1) ข้อมูลแหล่งกำเนิดอยู่ในความรับผิดชอบของหลายกระทรวง เช่น กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม '
        'กระทรวงมหาดไทย กระทรวงเกษตรและสหกรณ์ และกระทรวงอุตสาหกรรม '
        'โดยไม่มีมาตรฐานข้อมูลและข้อตกลงการแลกเปลี่ยนข้อมูลร่วมกัน (2) '
        'ข้อมูลการระบายมลพิษรายแหล่งกำเนิดยังไม่ถูกกำหนดให้เปิดเผยเป็นการทั่วไป (3) '
        'กลไกการมีส่วนร่วมระดับจังหวัดขึ้นอยู่กับผู้บริหารในแต่ละช่วงเวลา '
        'และข้อเสนอของประชาชนไม่ได้รับคำตอบอย่างเป็นระบบ (4) '
        'งบประมาณแก้ไขปัญหาฝุ่นกระจายอยู่หลายหน่วยงานและไม่มีการรายงานในภาพรวม',
        '(1) Source data are held by several ministries, including Natural Resources and '
        'Environment, Interior, Agriculture and Cooperatives, and Industry, with no common data '
        'standard or data-sharing agreement. (2) Emissions data for individual sources are not '
        'generally required to be disclosed. (3) Provincial participation depends on whoever is '
        'in charge at the time, and public proposals are not answered systematically. (4) '
        'Spending on PM2.5 is spread across many agencies and never reported as a whole.',
    ),
    'solution': (
        '(1) จัดทำบัญชีข้อมูล มาตรฐานชุดข้อมูลกลางด้าน PM2.5 และข้อตกลงแลกเปลี่ยนข้อมูลกับหน่วยงานที่เกี่ยวข้อง (2) '
        'เผยแพร่ชุดข้อมูลแหล่งกำเนิดเป็นข้อมูลเปิดพร้อม API บน data.go.th โดยปรับปรุงข้อมูลทุกวันในช่วงฤดูฝุ่น (3) '
        'ขยายคณะทำงานร่วมระดับจังหวัดตามโมเดล OG&MP ที่ประชุมอย่างน้อยทุกไตรมาส '
        'และเผยแพร่คำตอบต่อข้อเสนอของประชาชน (4) '
        'เผยแพร่รายงานผลการดำเนินงานและการใช้จ่ายงบประมาณแก้ไขปัญหาฝุ่นหลังสิ้นสุดฤดูฝุ่นทุกปี',
        '(1) Compile a data inventory, a common PM2.5 data standard and data-sharing agreements '
        'with the agencies concerned. (2) Publish source datasets as open data with an API on '
        'data.go.th, updated daily during the haze season. (3) Extend joint provincial working '
        'groups on the OG&MP model that meet at least quarterly and publish their answers to '
        'public proposals. (4) Publish a report on results and PM2.5 spending after every haze '
        'season.',
    ),
    'contribution': (
        'ข้อมูลแหล่งกำเนิดที่เปิดเผยและเชื่อมโยงกันทำให้หน่วยงาน นักวิจัย และชุมชนระบุพื้นที่และช่วงเวลาเสี่ยงได้แม่นยำขึ้น '
        'และติดตามได้ว่ามาตรการใดได้ผล '
        'คณะทำงานร่วมระดับจังหวัดเปิดให้ผู้ได้รับผลกระทบร่วมกำหนดและติดตามมาตรการอย่างต่อเนื่อง ไม่ใช่เฉพาะช่วงวิกฤต '
        'และรายงานงบประมาณทำให้สาธารณะตรวจสอบความคุ้มค่าของการใช้จ่ายได้',
        'Open, linked source data help agencies, researchers and communities pinpoint high-risk '
        'places and periods and see which measures work. Joint provincial working groups let '
        'affected people shape and follow the measures all year round, not only in a crisis, and '
        'spending reports let the public judge value for money.',
    ),
    'values': {
        'access': (
            'ข้อมูลแหล่งกำเนิดฝุ่นและการใช้จ่ายงบประมาณเผยแพร่เป็นข้อมูลเปิดที่นำไปใช้ต่อได้',
            'Data on PM2.5 sources and spending are published as reusable open data.',
        ),
        'participation': (
            'ภาคประชาสังคม ภาควิชาการ สื่อมวลชน และชุมชนที่ได้รับผลกระทบร่วมเป็นคณะทำงานระดับจังหวัด '
            'และได้รับคำตอบต่อข้อเสนอ',
            'Civil society, academics, the media and affected communities sit on provincial '
            'working groups and receive answers to their proposals.',
        ),
        'accountability': (
            'รายงานผลการดำเนินงานและงบประมาณทุกฤดูฝุ่นทำให้หน่วยงานต้องชี้แจงผลของมาตรการต่อสาธารณะ',
            'Reports after every haze season make agencies answer publicly for the results of '
            'their measures.',
        ),
    },
    'milestones': (
        {
            'responsible': 'mnre',
            'start_date': date(2026, 10, 1),
            'end_date': date(2027, 3, 31),
            'output': (
                'บัญชีข้อมูล มาตรฐานชุดข้อมูลกลางด้าน PM2.5 และข้อตกลงแลกเปลี่ยนข้อมูลกับหน่วยงานที่เกี่ยวข้อง',
                'PM2.5 data inventory, common data standard and data-sharing agreements with the '
                'agencies concerned',
            ),
            'indicator': (
                'จำนวนหน่วยงานที่ลงนามข้อตกลงแลกเปลี่ยนข้อมูลและใช้มาตรฐานชุดข้อมูลกลาง',
                'Number of agencies that have signed the data-sharing agreement and use the '
                'common standard',
            ),
            'baseline': ('0 หน่วยงาน', '0 agencies'),
            'target': ('6 หน่วยงาน ภายในเดือนมีนาคม 2570', '6 agencies by March 2027'),
        },
        {
            'responsible': 'dga',
            'start_date': date(2027, 1, 1),
            'end_date': date(2027, 12, 31),
            'output': (
                'ชุดข้อมูลแหล่งกำเนิดฝุ่น PM2.5 เผยแพร่เป็นข้อมูลเปิดพร้อม API บน data.go.th '
                'และปรับปรุงทุกวันในช่วงฤดูฝุ่น',
                'PM2.5 source datasets published as open data with an API on data.go.th, updated '
                'daily during the haze season',
            ),
            'indicator': (
                'จำนวนชุดข้อมูลแหล่งกำเนิดฝุ่นที่เผยแพร่เป็นข้อมูลเปิดที่เครื่องอ่านได้และปรับปรุงตามรอบที่กำหนด',
                'Number of machine-readable open datasets on PM2.5 sources updated on schedule',
            ),
            'baseline': ('3 ชุดข้อมูล (พ.ศ. 2568)', '3 datasets (2025)'),
            'target': ('12 ชุดข้อมูล ภายในเดือนธันวาคม 2570', '12 datasets by December 2027'),
        },
        {
            'responsible': 'moi',
            'start_date': date(2027, 4, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'คณะทำงานร่วมระดับจังหวัดตามโมเดล OG&MP ที่มีผู้แทนภาครัฐ ภาคประชาสังคม ภาควิชาการ และสื่อมวลชน',
                'Joint provincial working groups on the OG&MP model with government, civil '
                'society, academic and media members',
            ),
            'indicator': (
                'จำนวนจังหวัดที่มีคณะทำงานร่วมซึ่งประชุมอย่างน้อยทุกไตรมาสและเผยแพร่คำตอบต่อข้อเสนอของประชาชน',
                'Number of provinces whose working group meets at least quarterly and publishes '
                'its answers to public proposals',
            ),
            'baseline': ('1 จังหวัด (พ.ศ. 2568)', '1 province (2025)'),
            'target': (
                '9 จังหวัดภาคเหนือตอนบน ภายในเดือนมิถุนายน 2571',
                'The 9 upper northern provinces by June 2028',
            ),
        },
        {
            'responsible': 'mnre',
            'start_date': date(2027, 6, 1),
            'end_date': date(2028, 6, 30),
            'output': (
                'รายงานผลการดำเนินงานและการใช้จ่ายงบประมาณแก้ไขปัญหาฝุ่น PM2.5 ประจำฤดูฝุ่น พ.ศ. 2570–2571 '
                'ที่เผยแพร่ต่อสาธารณะ',
                'Public report on results and PM2.5 spending for the 2027–28 haze season',
            ),
            'indicator': (
                'รายงานที่เผยแพร่ ซึ่งครอบคลุมงบประมาณของทุกหน่วยงานที่ได้รับจัดสรรเพื่อแก้ไขปัญหาฝุ่น',
                'Report published, covering the budgets of every agency funded to tackle PM2.5',
            ),
            'baseline': ('ไม่มีรายงานในภาพรวม', 'No consolidated report'),
            'target': ('1 ฉบับ ภายในเดือนมิถุนายน 2571', 'One report by June 2028'),
        },
    ),
}
