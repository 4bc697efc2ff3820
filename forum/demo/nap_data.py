"""Demo content: Thailand's first National Action Plan, in drafting, and its commitments.

Data only (the loader is ``nap_loader``). The commitments are illustrative drafts written for the
demo: their figures and baselines are not official statistics. Each commitment is a dict:

- ``policy_area``: a policy area code (``naps.defaults``); ``lead`` and ``supporters``: keys of
  ``data.ORGANISATIONS``; ``author``: the e-mail of a ``data.PEOPLE`` account, who drafts it;
- ``contact_name``, ``contact_email``, ``start_date``, ``end_date``, ``budget``, ``sdg_targets``;
- the template texts ``title``, ``short_title``, ``description``, ``problem``, ``causes``,
  ``solution``, ``contribution``, each a ``(Thai, English)`` pair;
- ``values``: the OGP values ticked (``access``, ``participation``, ``accountability``,
  ``technology``), each with its justification as a ``(Thai, English)`` pair;
- ``milestones``: dicts with ``responsible`` (an organisation key), ``start_date``, ``end_date``
  and the ``(Thai, English)`` pairs ``output``, ``indicator``, ``baseline``, ``target`` (a missing
  pair is left empty).

One commitment (the last) is deliberately unfinished: a milestone has no metric and no English
text, so its checklist fails, as a real draft's would.
"""

from .nap_data_accountability import ANTI_CORRUPTION, FISCAL_OPENNESS
from .nap_data_environment import CLIMATE_ENVIRONMENT
from .nap_data_information import DIGITAL_GOVERNANCE, RIGHT_TO_INFORMATION
from .nap_data_participation import INCLUSION_DRAFT, PUBLIC_PARTICIPATION

#: The plan: number 1, two years ending 30 June (1 July 2026 – 30 June 2028), in drafting.
NAP = {
    'number': 1,
    'title': (
        'แผนปฏิบัติการระดับชาติว่าด้วยรัฐบาลเปิด ฉบับที่ 1 (พ.ศ. 2569–2571)',
        "Thailand's First Open Government National Action Plan 2026–2028",
    ),
    'start_year': 2026,
    'length_years': 2,
    'end_month': 6,
    'state': 'drafting',
    #: Who creates the plan and moves it to drafting.
    'actor': 'secretariat@example.org',
}

#: The commitments in the order they are numbered (TH0001…).
COMMITMENTS = (
    ANTI_CORRUPTION,
    FISCAL_OPENNESS,
    RIGHT_TO_INFORMATION,
    PUBLIC_PARTICIPATION,
    CLIMATE_ENVIRONMENT,
    DIGITAL_GOVERNANCE,
    INCLUSION_DRAFT,
)
