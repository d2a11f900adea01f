"""From a request to poses that keep what it named.

1. Sides are made canonical: a request whose first side word is "left" is read mirrored and
   its answer mirrored back, so a request and its left/right twin get mirrored poses exactly.
2. Its facts are read (reading.py); a posture or an activity it names picks a template of the
   pose sampler, drawn with a seed made from the request (count answers: successive seeds);
   otherwise PoseGPT-mini's pose is the start (it learnt the sampler's first templates and
   CMU's poses from their words).
3. The named facts are repaired onto the pose (repair.py) and checked again; any the pose
   still breaks is reported, never dropped silently.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from core.body_points import BodyView
from core.retarget import mirror_rotations
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import JOINT_INDEX as J
from ..data.postures import POSTURES, posture_template
from ..data.figure import Template, mirror_text, sample_template
from ..data.sampler import TEMPLATE_NAMES
from core.protocol import check_count
from ..models.base import PoseResult
from .facts import Fact
from .lexicon import ActivityLexicon, Match
from .handedness import choose_side
from .reading import CLAUSE_BREAK, Reading, first_side, normalise, read_request
from .repair import repair
from .spelling import mend_typos

@dataclass
class Composed:
    """One answer: (24, 3) rotations, the facts it could not keep, where it started from,
    and the request's clauses that name a side but were not understood."""

    rotvecs: np.ndarray
    unmet: list[Fact]
    source: str
    unread: list[str]


_MODEL_KNOWS = frozenset(TEMPLATE_NAMES)
# Joints whose rotations carry what the arms and head do, relative to the chest.
_UPPER_LIMBS = [J[n] for n in ("neck", "head", "left_collar", "right_collar", "left_shoulder",
                               "right_shoulder", "left_elbow", "right_elbow", "left_wrist",
                               "right_wrist", "left_hand", "right_hand")]
_DRAWS = 6  # draws of an activity's template tried for one that keeps the named facts
# Tries for one draw within the joint limits: the least accepting templates keep about a
# quarter of their draws, so a request never fails for want of one (0.75^100 ~ 3e-13).
DRAW_TRIES = 100
_BODY_PART = re.compile(r"\b(?:hands?|arms?|elbows?|wrists?|shoulders?|feet|foot|legs?|knees?|"
                        r"hips?|heels?|toes?|ankles?|thighs?|side|head|ear|cheek|jaw)\b")


def _draw(template: Template, rng: np.random.Generator, mirror: bool) -> np.ndarray:
    rotvecs = sample_template(template, rng, DRAW_TRIES).rotvecs.astype(np.float64)
    return mirror_rotations(rotvecs) if mirror else rotvecs


def keep_promises(text: str, rotvecs: np.ndarray, seed: int = 0
                  ) -> tuple[np.ndarray, list[Fact]]:
    """Any model's (24, 3) answer to text, repaired to keep the facts text names, and the facts
    it still breaks. Sides are canonical here too, so left and right answers mirror exactly."""
    flip = first_side(text) == "left"
    reading = read_request(text, mirrored=flip)
    start = mirror_rotations(rotvecs) if flip else np.asarray(rotvecs, dtype=np.float64)
    fixed = repair(start, [f for f in reading.facts if f.kind != "posture"],
                   np.random.default_rng(seed))
    body = BodyView(fixed)
    unmet = [f for f in reading.facts if not f.holds(body)]
    if flip:
        fixed, unmet = mirror_rotations(fixed), [f.mirrored() for f in unmet]
    return fixed, unmet


def keep_named_facts(result: PoseResult, text: str, count: int = 1) -> PoseResult:
    """A language model's answer with each pose repaired to keep what text names; facts it
    still breaks go into the notes. Greedy decoding gives one answer, whatever count asks."""
    kept = [keep_promises(text, p.rotations()) for p in result.poses]
    result.poses = [replace(p, global_orient=r[0].copy(), body_pose=r[1:].reshape(-1).copy())
                    for p, (r, _) in zip(result.poses, kept)]
    result.notes += sorted({f"could not keep {f.phrase()}" for _, unmet in kept for f in unmet})
    if count > 1:
        result.notes.append("this model decodes greedily: one pose per request")
    return result


class Composer:
    """Requests to poses: predict(texts) -> (B, 24, 3) is the text model (PoseGPT-mini)."""

    def __init__(self, predict: Callable[[list[str]], np.ndarray],
                 lexicon: ActivityLexicon) -> None:
        self.predict, self.lexicon = predict, lexicon

    def compose(self, text: str, count: int = 1) -> list[Composed]:
        check_count(count)
        flip = first_side(text) == "left"
        mended = mend_typos(text)  # the model reads "right", not "rihgt", in canon
        canon = mirror_text(mended) if flip else mended
        reading = read_request(text, mirrored=flip)
        said = mirror_text(normalise(text)) if flip else normalise(text)
        # a phrase found word for word counts in the words as typed ("a fencer lunging") as
        # well as normalised
        activity = self.lexicon.match(reading.residual, said, canon) if reading.residual \
            else None
        seed = zlib.crc32(canon.lower().encode())
        model_pose = self._model_pose(canon)
        unread = [] if activity is not None else _unread(reading, flip)
        answers: list[Composed] = []
        for i in range(count):
            rng = np.random.default_rng(seed + i)
            base, source = self._base(reading, activity, model_pose, rng, said)
            if base is None:
                base, source = _vary(model_pose, rng, i), "model"
            rotvecs = repair(base, [f for f in reading.facts if f.kind != "posture"], rng)
            body = BodyView(rotvecs)
            unmet = [f for f in reading.facts if not f.holds(body)]
            if flip:
                rotvecs, unmet = mirror_rotations(rotvecs), [f.mirrored() for f in unmet]
            answers.append(Composed(rotvecs, unmet, source, unread))
        return answers

    def _model_pose(self, canon: str) -> np.ndarray:
        """The model's answer, made mirror-symmetric: the midpoint of its answer to canon and
        the mirror of its answer to canon's twin. A function of canon alone, so a request and
        its twin still mirror exactly; the model is not mirror-symmetric itself, and its answer
        to a mirrored caption is the worse one (held-out captions: 74 mm mirrored, 65 mm as
        written, 66 mm for this midpoint)."""
        ours, twin = self.predict([canon, mirror_text(canon)]).astype(np.float64)
        return _midpoint(ours, mirror_rotations(twin))

    def _base(self, reading: Reading, activity: Match | None, model_pose: np.ndarray,
              rng: np.random.Generator, said: str) -> tuple[np.ndarray | None, str]:
        """A template draw to start from, or None for the model's pose. The model learnt the
        sampler's own templates and CMU's poses from their words, so it answers those; the
        lexicon's activities and the postures it gets wrong come from their templates, drawn
        the way round the request's side words (said, read canonically) agree with."""
        posture = next((f for f in reading.facts if f.kind == "posture"), None)
        model_ok = posture is None or posture.holds(BodyView(model_pose))
        if activity is not None and (activity.template.name not in _MODEL_KNOWS or not model_ok):
            draw = _activity_draw(activity.template, posture, reading.facts, rng, said)
            if draw is not None:
                return draw, f"activity:{activity.template.name}"
        elif model_ok:
            return None, "model"
        if posture is not None:
            names, lead = POSTURES[posture.what]
            named = _closest_templates(names, said)
            for _ in range(6):  # a draw that shows the posture; templates vary widely
                name = named[int(rng.integers(len(named)))]
                draw = _draw(posture_template(name), rng, bool(lead) and posture.side != lead)
                if posture.holds(BodyView(draw)):
                    break
            if activity is None:
                return draw, f"posture:{name}"
            # "sitting in the lifeguard's chair, shading his eyes": the posture's body with
            # the activity's arms and head
            donor = _activity_draw(activity.template, None, reading.facts, rng, said)
            grafted = draw.copy()
            grafted[_UPPER_LIMBS] = donor[_UPPER_LIMBS]
            if posture.holds(BodyView(grafted)):  # arms that break the posture stay out
                return grafted, f"posture:{name}+activity:{activity.template.name}"
            return draw, f"posture:{name}"
        return None, "model"


def _unread(reading: Reading, flip: bool) -> list[str]:
    """Clauses naming a side and a body part that no fact pattern read and no activity
    took, in the request's own words: their side cannot be checked, so the answer says so
    rather than guess silently."""
    said = {}
    for clause in (c.strip() for c in CLAUSE_BREAK.split(reading.text)):
        normal = normalise(clause)
        said[mirror_text(normal) if flip else normal] = clause
    return [said.get(c, mirror_text(c) if flip else c) for c in reading.leftover
            if re.search(r"\b(?:left|right)\b", c) and _BODY_PART.search(c)]


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


def _closest_templates(names: tuple[str, ...], said: str) -> tuple[str, ...]:
    """Of a posture's templates, those whose phrases share the most words with the request
    ("sitting hugging the knees" is the knees-up sitting one); all of them when none does."""
    words = _stems(said)
    overlap = {n: max(len(words & _stems(p)) for p in posture_template(n).phrases)
               for n in names}
    best = max(overlap.values())
    return tuple(n for n in names if overlap[n] == best) if best else names


def _activity_draw(template: Template, posture: Fact | None, facts: list[Fact],
                   rng: np.random.Generator, said: str) -> np.ndarray | None:
    """A draw of an activity that keeps what the request named where the template's variety
    allows ("bench press with the arms extended": the pressed-up variant): of a few draws,
    the first breaking no named fact, else the one breaking fewest. Each is taken the way
    round that keeps a named posture ("an arabesque on the left leg"; None when no draw
    shows it), else the way the side words say."""
    named = [f for f in facts if f.kind != "posture"]
    best, fewest = None, len(named) + 1
    named_way = _phrase_way(template, said) if template.mirror else None
    for attempt in range(_DRAWS):
        if best is None and attempt == 2 and posture is not None:
            break  # a template that shows the posture at all shows it in most draws
        draw = _draw(template, rng, False)
        if posture is None and named_way is not None:
            ways = [draw if named_way else mirror_rotations(draw)]
        elif posture is None:
            ways = [choose_side(draw, said, facts) if template.mirror else draw]
        else:
            ways = [w for w in ([draw, mirror_rotations(draw)] if template.mirror else [draw])
                    if posture.holds(BodyView(w))]
        for way in ways:
            body = BodyView(way)
            broken = sum(not f.holds(body) for f in named)
            if broken < fewest:
                best, fewest = way, broken
        if fewest == 0:
            break
    return best


def _phrase_way(template: Template, said: str) -> bool | None:
    """Whether a phrase of the template that names sides ("the bow in the {other} hand") is in
    the (canonical) request as the template is drawn (True) or mirrored (False); None when
    none is: the phrase says which hand does what better than any guess from the pose."""
    text = f" {re.sub(r'[^a-z ]+', ' ', said.lower())} "
    text = re.sub(r"\s+", " ", text)
    for phrase in template.phrases:
        if "{lead}" not in phrase and "{other}" not in phrase:
            continue
        for lead, other_side, drawn in (("right", "left", True), ("left", "right", False)):
            words = re.sub(r"[^a-z ]+", " ", phrase.format(lead=lead, other=other_side).lower())
            words = re.sub(r"^(?:an?|the) ", "", re.sub(r"\s+", " ", words).strip())
            if len(words.split()) >= 3 and f" {words} " in text:
                return drawn
    return None


def _midpoint(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per joint, the rotation halfway between two (J, 3) axis-angle poses."""
    ra, rb = axis_angle_to_matrix(a), axis_angle_to_matrix(b)
    half = axis_angle_to_matrix(0.5 * matrix_to_axis_angle(np.swapaxes(ra, -1, -2) @ rb))
    return matrix_to_axis_angle(ra @ half)


def _vary(rotvecs: np.ndarray, rng: np.random.Generator, i: int) -> np.ndarray:
    """The model's pose for the first answer; later answers turn each body joint a little
    (up to about 12 degrees) so that the variations differ where the request is silent."""
    if i == 0:
        return rotvecs.copy()
    out = rotvecs.copy()
    noise = rng.normal(0.0, np.radians(7.0), size=(23, 3))
    out[1:] = matrix_to_axis_angle(axis_angle_to_matrix(noise) @ axis_angle_to_matrix(out[1:]))
    return out
