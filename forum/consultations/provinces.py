"""Thailand's 77 provinces (76 and Bangkok) with their ISO 3166-2:TH codes and names.

Data only; a consultation participant or an offline input may name a province, and the results
count respondents per province. Names are the official Thai names and the romanised English
names of ISO 3166-2:TH.
"""

from __future__ import annotations

from dataclasses import dataclass

from pythainlp.util import collate

from ..core.bilingual import current_language


@dataclass(frozen=True)
class Province:
    """A province: its ISO 3166-2 code and its names."""

    code: str
    name_th: str
    name_en: str

    @property
    def name(self) -> str:
        """The name in the reader's language."""
        return self.name_th if current_language() == 'th' else self.name_en


#: (ISO 3166-2:TH code, Thai name, English name), in the order of the codes.
_PROVINCES = (
    ('TH-10', 'กรุงเทพมหานคร', 'Bangkok'),
    ('TH-11', 'สมุทรปราการ', 'Samut Prakan'),
    ('TH-12', 'นนทบุรี', 'Nonthaburi'),
    ('TH-13', 'ปทุมธานี', 'Pathum Thani'),
    ('TH-14', 'พระนครศรีอยุธยา', 'Phra Nakhon Si Ayutthaya'),
    ('TH-15', 'อ่างทอง', 'Ang Thong'),
    ('TH-16', 'ลพบุรี', 'Lop Buri'),
    ('TH-17', 'สิงห์บุรี', 'Sing Buri'),
    ('TH-18', 'ชัยนาท', 'Chai Nat'),
    ('TH-19', 'สระบุรี', 'Saraburi'),
    ('TH-20', 'ชลบุรี', 'Chon Buri'),
    ('TH-21', 'ระยอง', 'Rayong'),
    ('TH-22', 'จันทบุรี', 'Chanthaburi'),
    ('TH-23', 'ตราด', 'Trat'),
    ('TH-24', 'ฉะเชิงเทรา', 'Chachoengsao'),
    ('TH-25', 'ปราจีนบุรี', 'Prachin Buri'),
    ('TH-26', 'นครนายก', 'Nakhon Nayok'),
    ('TH-27', 'สระแก้ว', 'Sa Kaeo'),
    ('TH-30', 'นครราชสีมา', 'Nakhon Ratchasima'),
    ('TH-31', 'บุรีรัมย์', 'Buri Ram'),
    ('TH-32', 'สุรินทร์', 'Surin'),
    ('TH-33', 'ศรีสะเกษ', 'Si Sa Ket'),
    ('TH-34', 'อุบลราชธานี', 'Ubon Ratchathani'),
    ('TH-35', 'ยโสธร', 'Yasothon'),
    ('TH-36', 'ชัยภูมิ', 'Chaiyaphum'),
    ('TH-37', 'อำนาจเจริญ', 'Amnat Charoen'),
    ('TH-38', 'บึงกาฬ', 'Bueng Kan'),
    ('TH-39', 'หนองบัวลำภู', 'Nong Bua Lam Phu'),
    ('TH-40', 'ขอนแก่น', 'Khon Kaen'),
    ('TH-41', 'อุดรธานี', 'Udon Thani'),
    ('TH-42', 'เลย', 'Loei'),
    ('TH-43', 'หนองคาย', 'Nong Khai'),
    ('TH-44', 'มหาสารคาม', 'Maha Sarakham'),
    ('TH-45', 'ร้อยเอ็ด', 'Roi Et'),
    ('TH-46', 'กาฬสินธุ์', 'Kalasin'),
    ('TH-47', 'สกลนคร', 'Sakon Nakhon'),
    ('TH-48', 'นครพนม', 'Nakhon Phanom'),
    ('TH-49', 'มุกดาหาร', 'Mukdahan'),
    ('TH-50', 'เชียงใหม่', 'Chiang Mai'),
    ('TH-51', 'ลำพูน', 'Lamphun'),
    ('TH-52', 'ลำปาง', 'Lampang'),
    ('TH-53', 'อุตรดิตถ์', 'Uttaradit'),
    ('TH-54', 'แพร่', 'Phrae'),
    ('TH-55', 'น่าน', 'Nan'),
    ('TH-56', 'พะเยา', 'Phayao'),
    ('TH-57', 'เชียงราย', 'Chiang Rai'),
    ('TH-58', 'แม่ฮ่องสอน', 'Mae Hong Son'),
    ('TH-60', 'นครสวรรค์', 'Nakhon Sawan'),
    ('TH-61', 'อุทัยธานี', 'Uthai Thani'),
    ('TH-62', 'กำแพงเพชร', 'Kamphaeng Phet'),
    ('TH-63', 'ตาก', 'Tak'),
    ('TH-64', 'สุโขทัย', 'Sukhothai'),
    ('TH-65', 'พิษณุโลก', 'Phitsanulok'),
    ('TH-66', 'พิจิตร', 'Phichit'),
    ('TH-67', 'เพชรบูรณ์', 'Phetchabun'),
    ('TH-70', 'ราชบุรี', 'Ratchaburi'),
    ('TH-71', 'กาญจนบุรี', 'Kanchanaburi'),
    ('TH-72', 'สุพรรณบุรี', 'Suphan Buri'),
    ('TH-73', 'นครปฐม', 'Nakhon Pathom'),
    ('TH-74', 'สมุทรสาคร', 'Samut Sakhon'),
    ('TH-75', 'สมุทรสงคราม', 'Samut Songkhram'),
    ('TH-76', 'เพชรบุรี', 'Phetchaburi'),
    ('TH-77', 'ประจวบคีรีขันธ์', 'Prachuap Khiri Khan'),
    ('TH-80', 'นครศรีธรรมราช', 'Nakhon Si Thammarat'),
    ('TH-81', 'กระบี่', 'Krabi'),
    ('TH-82', 'พังงา', 'Phangnga'),
    ('TH-83', 'ภูเก็ต', 'Phuket'),
    ('TH-84', 'สุราษฎร์ธานี', 'Surat Thani'),
    ('TH-85', 'ระนอง', 'Ranong'),
    ('TH-86', 'ชุมพร', 'Chumphon'),
    ('TH-90', 'สงขลา', 'Songkhla'),
    ('TH-91', 'สตูล', 'Satun'),
    ('TH-92', 'ตรัง', 'Trang'),
    ('TH-93', 'พัทลุง', 'Phatthalung'),
    ('TH-94', 'ปัตตานี', 'Pattani'),
    ('TH-95', 'ยะลา', 'Yala'),
    ('TH-96', 'นราธิวาส', 'Narathiwat'),
)

#: Every province by code, in the order of the codes.
PROVINCES: dict[str, Province] = {code: Province(code, th, en) for code, th, en in _PROVINCES}


def _key(text: str) -> str:
    return ''.join(text.split()).casefold()


#: Code, Thai name and English name (any case, spaces ignored; "จังหวัด" before a name too).
_BY_NAME: dict[str, str] = {}
for _p in PROVINCES.values():
    for _name in (_p.code, _p.name_th, _p.name_en, 'จังหวัด' + _p.name_th):
        _BY_NAME[_key(_name)] = _p.code
_BY_NAME[_key('กทม.')] = _BY_NAME[_key('กทม')] = _BY_NAME[_key('Krung Thep Maha Nakhon')] = 'TH-10'


def find_province(text: str | None) -> Province | None:
    """The province ``text`` names (code, Thai or English name), or None."""
    if not text:
        return None
    code = _BY_NAME.get(_key(text))
    return PROVINCES[code] if code else None


def province_name(code: str | None) -> str:
    """The name of the province with ``code`` in the reader's language ('' for none)."""
    province = PROVINCES.get(code or '')
    return province.name if province else ''


def province_choices() -> list[tuple[str, str]]:
    """(code, name) of every province, sorted by name in the reader's language."""
    if current_language() == 'th':
        return [(_BY_NAME[_key(name)], name) for name in _THAI_ORDER]
    return [(p.code, p.name_en) for p in sorted(PROVINCES.values(), key=lambda p: p.name_en)]


#: Thai names in dictionary order (leading vowels are not sorted on: เชียงใหม่ after ขอนแก่น).
_THAI_ORDER = tuple(collate([p.name_th for p in PROVINCES.values()]))
