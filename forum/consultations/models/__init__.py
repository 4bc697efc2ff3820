"""The consultation area's models: rounds, inputs, themes, responses, participants."""

from .inputs import ConsultationInput, InputStatus
from .participants import ConsultationParticipant
from .responses import ConsultationResponse, ConsultationTheme, Disposition, response_revisions
from .rounds import (
    OFFLINE_CHANNELS,
    RECOMMENDED_DAYS,
    ROUND_TRANSITIONS,
    Channel,
    ConsultationRound,
    RoundState,
    ShortRound,
    round_commitments,
)

__all__ = [
    'OFFLINE_CHANNELS',
    'RECOMMENDED_DAYS',
    'ROUND_TRANSITIONS',
    'Channel',
    'ConsultationInput',
    'ConsultationParticipant',
    'ConsultationResponse',
    'ConsultationRound',
    'ConsultationTheme',
    'Disposition',
    'InputStatus',
    'RoundState',
    'ShortRound',
    'response_revisions',
    'round_commitments',
]
