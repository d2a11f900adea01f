"""Activity templates of the pose lexicon: sports, fitness and dance (sport.py); everyday
actions, work, music, gestures and emotions (daily.py). Written like the sampler's templates,
right side leading."""
from __future__ import annotations

from ..figure import Template
from . import daily, sport

ACTIVITIES: tuple[Template, ...] = sport.ACTIVITIES + daily.ACTIVITIES
