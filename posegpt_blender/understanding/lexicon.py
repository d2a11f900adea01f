"""The activity lexicon: hundreds of named activities (the sampler's templates and the
activity tables), found for a request by meaning with the frozen sentence encoder.

Each template's phrases are embedded once (all-MiniLM-L6-v2's mean pooling, as it was trained
for sentence similarity); a request, and each of its clauses that named no explicit fact, is
embedded and the closest phrase wins when it is close enough. A phrase found word for word in
the request wins outright.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np
import torch

from ..data.activities import ACTIVITIES
from ..data.figure import Template, mirror_text
from ..data.sampler import TEMPLATES
from ..models.text_pose import ClauseReader, backbone_dir
from . import phrase_cache

# Cosine similarity a request must reach to be read as an activity (chosen on the dev set).
MATCH_THRESHOLD = 0.62
# A phrase found word for word gets this much more similarity, times the share of the
# request's leftover words it covers: "skier" inside "downhill skier in a tuck" covers a
# third of them, so "a downhill skier tucked", nearer in meaning, still wins.
CONTAINED_BONUS = 0.3
# Templates that are postures or plain stances, not activities: postures come from the facts.
_NOT_ACTIVITIES = {"stand", "stand_weight_shift", "sit_chair", "sit_cross_legged",
                   "sit_floor_legs_out", "sit_hug_knees", "kneel_one", "kneel_both",
                   "kneel_sit_heels", "lying_back", "lying_front", "lying_side", "squat",
                   "lunge", "reach_up", "reach_forward", "hands_on_hips", "hand_on_hip",
                   "hands_on_head", "hands_behind_head", "arms_crossed", "lying_knees_up",
                   "crouch", "all_fours", "t_pose", "a_pose"}
_FILLER = re.compile(r"^(?:a|an|the|someone|somebody|person|a person|man|woman|guy|girl|boy|"
                     r"he|she|they|is|are|be|doing|do|does|pose|like|as if|as though)\s+")


@dataclass(frozen=True)
class Match:
    template: Template
    score: float
    phrase: str


def _clean(text: str) -> str:
    text = re.sub(r"[^\w\s'-]", " ", text.lower())
    text = re.sub(r"\s+", " ", text).strip()
    while True:
        stripped = _FILLER.sub("", text)
        if stripped == text:
            return text
        text = stripped


class ActivityLexicon:
    """Templates by phrase; their embeddings read from the phrase cache, else made on first
    use (about three seconds on two cores) and cached."""

    def __init__(self, reader: ClauseReader) -> None:
        self.reader = reader
        templates = [t for t in TEMPLATES if t.name not in _NOT_ACTIVITIES] + list(ACTIVITIES)
        self.phrases: list[str] = []
        self.owner: list[Template] = []
        for t in templates:
            words = {t.name.replace("_", " ")} | {
                _clean(p.format(lead="right", other="left")) for p in t.phrases}
            for w in sorted(words):
                self.phrases.append(w)
                self.owner.append(t)
        self._index = {p: i for i, p in reversed(list(enumerate(self.phrases)))}
        for phrase, i in list(self._index.items()):  # a sided phrase counts either way round
            self._index.setdefault(mirror_text(phrase), i)
        self._keys: torch.Tensor | None = None
        self._lock = threading.Lock()

    @property
    def templates(self) -> list[Template]:
        return list(dict.fromkeys(self.owner))

    def embed(self, texts: list[str]) -> torch.Tensor:
        states, masks = self.reader.read(texts)
        pooled = (states * masks[..., None]).sum(1) / masks.sum(1, keepdim=True)
        return torch.nn.functional.normalize(pooled, dim=-1)

    def keys(self) -> torch.Tensor:
        with self._lock:
            if self._keys is None:
                path = phrase_cache.cache_path(self.phrases, backbone_dir() / "model.safetensors")
                cached = phrase_cache.load(path, len(self.phrases))
                if cached is not None:
                    self._keys = torch.from_numpy(cached).to(self.reader.device)
                else:
                    self._keys = torch.cat([self.embed(self.phrases[i:i + 256])
                                            for i in range(0, len(self.phrases), 256)])
                    phrase_cache.save(path, self._keys.cpu().numpy())
            return self._keys

    def match(self, text: str, *wholes: str) -> Match | None:
        """The activity text (a request's words that named no fact) names, if any: the
        phrase nearest by meaning, where a phrase found word for word in text or in the
        whole request (wholes: its wordings, e.g. as typed and normalised) counts extra by
        the share of text's words it covers; None when nothing reaches MATCH_THRESHOLD."""
        cleaned = _clean(text)
        words = cleaned.split()
        if not words:
            return None
        base = (self.embed([cleaned]) @ self.keys().T)[0]
        scores = base.clone()
        for source in {cleaned, *map(_clean, wholes)}:
            ws = source.split()
            for i in range(len(ws)):
                for j in range(i + 1, min(len(ws), i + 8) + 1):
                    k = self._index.get(" ".join(ws[i:j]))
                    if k is not None and len(self.phrases[k]) > 3:
                        covered = sum(w in ws[i:j] for w in words) / len(words)
                        scores[k] = max(float(scores[k]), base[k] + CONTAINED_BONUS * covered)
        best = int(scores.argmax())
        score = float(scores[best])
        if score < MATCH_THRESHOLD:
            return None
        return Match(self.owner[best], min(score, 1.0), self.phrases[best])
