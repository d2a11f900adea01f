"""Held-out text-to-pose metrics and the two baselines they are judged against.

MPJPE and PA-MPJPE (mm) on the 22 body joints (ChatPose's joints 22-23 are not body), joints
from body_model.BodyJoints: the project skeleton, or the user's SMPL/SMPL-X body when given
(pelvis at the origin, global orientation applied). Baselines,
measured in the same run on the same items: the mean pose of the train split (per-joint rotation
mean projected onto SO(3)), and nearest-caption retrieval (the base MiniLM, mean-pooled, cosine
nearest training caption, its pose).
"""
from __future__ import annotations

from typing import Protocol

import numpy as np
import torch

from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import NUM_BODY_JOINTS

from .body_joints import BodyJoints

# Body parts over joints 0-21.
PARTS: dict[str, tuple[int, ...]] = {
    "torso": (0, 3, 6, 9, 12, 13, 14, 15),
    "arms": (16, 17, 18, 19, 20, 21),
    "legs": (1, 2, 4, 5, 7, 8, 10, 11),
}
RETRIEVAL_CAPTIONS = 20000  # training captions the retrieval baseline searches (fixed subset)


class TextToPose(Protocol):
    def predict(self, texts: list[str]) -> np.ndarray:
        """(B, 24, 3) axis-angle per description."""


def body_joints(rotvecs: np.ndarray, body: BodyJoints | None = None) -> np.ndarray:
    """(N, 24, 3) axis-angle -> (N, 22, 3) body joint positions in metres on body (default:
    the project skeleton)."""
    return (body or BodyJoints())(rotvecs)[:, :NUM_BODY_JOINTS]


def procrustes_align(pred: np.ndarray, gt: np.ndarray) -> np.ndarray:
    """pred (N, J, 3) moved onto gt by the best similarity transform, per item."""
    mu_p, mu_g = pred.mean(1, keepdims=True), gt.mean(1, keepdims=True)
    p, g = pred - mu_p, gt - mu_g
    u, s, vt = np.linalg.svd(np.einsum("nji,njk->nik", p, g))
    d = np.sign(np.linalg.det(np.einsum("nij,njk->nik", u, vt)))  # no reflections
    s[:, -1] *= d
    u[:, :, -1] *= d[:, None]
    rot = np.einsum("nij,njk->nik", u, vt)
    scale = s.sum(1) / np.maximum((p ** 2).sum((1, 2)), 1e-12)
    return scale[:, None, None] * np.einsum("nji,nik->njk", p, rot) + mu_g


def pose_errors(pred_rotvecs: np.ndarray, gt_rotvecs: np.ndarray,
                body: BodyJoints | None = None) -> dict[str, float]:
    """MPJPE, PA-MPJPE and per-part MPJPE in mm over the body joints of body."""
    pred, gt = body_joints(pred_rotvecs, body), body_joints(gt_rotvecs, body)
    per_joint = np.linalg.norm(pred - gt, axis=-1) * 1000.0
    aligned = np.linalg.norm(procrustes_align(pred, gt) - gt, axis=-1) * 1000.0
    out = {"mpjpe_mm": float(per_joint.mean()), "pa_mpjpe_mm": float(aligned.mean())}
    out.update({f"mpjpe_{part}_mm": float(per_joint[:, list(joints)].mean())
                for part, joints in PARTS.items()})
    return out


def mean_pose(rotvecs: np.ndarray) -> np.ndarray:
    """(24, 3) per-joint chordal mean rotation of (N, 24, 3) poses."""
    u, _, vt = np.linalg.svd(axis_angle_to_matrix(rotvecs).mean(0))
    d = np.sign(np.linalg.det(u @ vt))
    u[:, :, -1] *= d[:, None]
    return matrix_to_axis_angle(u @ vt)


class CaptionRetrieval:
    """Nearest training caption by the base MiniLM's mean-pooled embedding; answers its pose."""

    def __init__(self, captions: list[str], rotvecs: np.ndarray) -> None:
        from .models.text_pose import ClauseReader

        self.reader = ClauseReader(max_tokens=128)
        self.rotvecs = np.asarray(rotvecs)
        self.keys = self.embed(captions)

    def embed(self, texts: list[str], batch: int = 128) -> torch.Tensor:
        """(N, 384) unit sentence embeddings (all-MiniLM-L6-v2's mean pooling)."""
        out = []
        for i in range(0, len(texts), batch):
            states, masks = self.reader.read(texts[i:i + batch])
            pooled = (states * masks[..., None]).sum(1) / masks.sum(1, keepdim=True)
            out.append(torch.nn.functional.normalize(pooled, dim=-1))
        return torch.cat(out)

    def predict(self, texts: list[str]) -> np.ndarray:
        best = (self.embed(texts) @ self.keys.T).argmax(1).numpy()
        return self.rotvecs[best]


def evaluate_text_model(model: TextToPose, data, max_items: int, seed: int = 0,
                        retrieval_captions: int = RETRIEVAL_CAPTIONS, batch: int = 64,
                        body: BodyJoints | None = None) -> dict:
    """The model and both baselines on up to max_items test poses, one random caption each.

    data is a posegpt_blender.data.dataset.TextPoseData; returns {"items", "model",
    "mean_pose", "retrieval"}, each method a dict of pose_errors on body's joints.
    """
    rng = np.random.default_rng(seed)
    train, test = data.subset("train"), data.subset("test")
    if len(test) == 0 or len(train) == 0:
        raise ValueError("evaluation needs poses in both the train and the test split")
    items = np.sort(rng.choice(len(test), size=min(max_items, len(test)), replace=False))
    queries = [test.captions[i][rng.integers(len(test.captions[i]))] for i in items]
    gt = test.rotvecs[items].astype(np.float64)

    def run(predictor: TextToPose) -> np.ndarray:
        return np.concatenate([predictor.predict(queries[i:i + batch])
                               for i in range(0, len(queries), batch)])

    flat = [(c, i) for i, caps in enumerate(train.captions) for c in caps]
    keep = rng.choice(len(flat), size=min(retrieval_captions, len(flat)), replace=False)
    retrieval = CaptionRetrieval([flat[k][0] for k in keep],
                                 train.rotvecs[[flat[k][1] for k in keep]].astype(np.float64))
    mean = np.broadcast_to(mean_pose(train.rotvecs.astype(np.float64)), gt.shape)
    return {"items": int(len(items)), "retrieval_captions": int(len(keep)),
            "model": pose_errors(run(model), gt, body),
            "mean_pose": pose_errors(mean, gt, body),
            "retrieval": pose_errors(run(retrieval), gt, body)}


# Requests as animators type them. Explicit ones name body facts: the pose must show each listed
# fact (the describer's phrases, core.describe). Speculative ones name a situation: the nearest pose of the
# data set (body joints, MPJPE) must come from one of the listed sampler templates. None of
# these strings is a training caption.
EXPLICIT_PROMPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kneeling on the right knee, left hand on the hip",
     ("kneeling on the right knee", "left hand on the hip")),
    ("Kneel on your left knee with the right hand on your hip",
     ("kneeling on the left knee", "right hand on the hip")),
    ("standing on the left leg, right knee raised to hip height",
     ("standing on the left leg", "right knee raised to hip height")),
    ("arms stretched out to the sides", ("both arms stretched out to the side at shoulder height",)),
    ("both hands above his head", ("both hands above the head",)),
    ("right arm raised, left hand on the hip", ("right arm raised", "left hand on the hip")),
    ("squatting with both hands in front of the body",
     ("squatting", "both hands in front of the body")),
    ("sitting cross-legged on the ground", ("sitting cross-legged on the ground",)),
    ("lying on her back", ("lying on the back",)),
    ("lying face down", ("lying face down",)),
    ("hands on the hips", ("both hands on the hips",)),
    ("bent forward with both hands on the knees", ("both hands on the knees",)),
    ("left arm pointing straight up", ("left arm pointing straight up",)),
    ("the head turned to the right", ("head turned to the right",)),
    ("torso leaning to the left", ("torso leaning to the left",)),
    ("standing on the right leg, left foot raised behind",
     ("standing on the right leg", "left foot raised behind")),
    ("both hands behind the head", ("both hands behind the head",)),
    ("on all fours", ("on all fours",)),
    ("right hand on the head, left arm stretched forward at shoulder height",
     ("right hand on the head", "left arm stretched forward at shoulder height")),
    ("kneeling on both knees, hands together in front of the body",
     ("kneeling on both knees", "hands touching")),
)
SPECULATIVE_PROMPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("a goalkeeper diving", ("goalkeeper_dive",)),
    ("an exhausted runner", ("exhausted",)),
    ("how does a runner stand after a marathon?", ("exhausted",)),
    ("someone proposing marriage", ("kneel_one",)),
    ("a soldier saluting", ("salute",)),
    ("a boxer waiting for the punch", ("boxing_guard",)),
    ("a ballerina doing an arabesque", ("arabesque",)),
    ("a sprinter at the start of a race", ("sprinter_start",)),
    ("someone praying", ("prayer", "kneel_both")),
    ("a bodybuilder showing his biceps", ("biceps_flex",)),
    ("a baseball player waiting for the pitch", ("batter",)),
    ("a person meditating", ("sit_cross_legged",)),
    ("a man doing push-ups", ("push_up",)),
    ("a fan cheering after a goal", ("celebrate", "jump_up", "fist_pump")),
    ("a robber told to put his hands up", ("surrender",)),
    ("a yoga tree pose", ("yoga_tree",)),
)


def evaluate_prompts(model: TextToPose, data=None) -> dict:
    """Explicit prompts: share of requested facts the pose shows, and prompts fully right.
    Speculative prompts (when data, a TextPoseData, is given): share whose nearest data-set
    pose comes from an expected template."""
    from core.describe import fact_phrases

    texts = [p for p, _ in EXPLICIT_PROMPTS]
    rows, facts_ok, facts_all, prompts_ok = [], 0, 0, 0
    for (prompt, wanted), rotvecs in zip(EXPLICIT_PROMPTS, model.predict(texts)):
        shown = fact_phrases(rotvecs)
        missing = [w for w in wanted if w not in shown]
        facts_ok += len(wanted) - len(missing)
        facts_all += len(wanted)
        prompts_ok += not missing
        rows.append({"prompt": prompt, "kind": "explicit", "missing": missing})
    summary = {"explicit_prompts": len(EXPLICIT_PROMPTS),
               "explicit_fact_recall": round(facts_ok / facts_all, 3),
               "explicit_all_facts_right": round(prompts_ok / len(EXPLICIT_PROMPTS), 3)}
    if data is not None:
        sampler = np.array([s.startswith("sampler:") for s in data.source])
        names = np.array([s.split(":")[1] for s in data.source])[sampler]
        pool = body_joints(data.rotvecs[sampler].astype(np.float64))
        preds = model.predict([p for p, _ in SPECULATIVE_PROMPTS])
        hits = 0
        for (prompt, wanted), joints in zip(SPECULATIVE_PROMPTS, body_joints(preds)):
            nearest = str(names[np.linalg.norm(pool - joints, axis=-1).mean(1).argmin()])
            hits += nearest in wanted
            rows.append({"prompt": prompt, "kind": "speculative", "nearest": nearest,
                         "ok": nearest in wanted})
        summary.update({"speculative_prompts": len(SPECULATIVE_PROMPTS),
                        "speculative_nearest_template_right":
                            round(hits / len(SPECULATIVE_PROMPTS), 3)})
    return {"summary": summary, "prompts": rows}
