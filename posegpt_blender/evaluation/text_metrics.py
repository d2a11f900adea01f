"""Held-out text-to-pose metrics and the cheap baselines they are judged against.

MPJPE and PA-MPJPE (mm) on the 22 body joints (ChatPose's joints 22-23 are not body), joints
from body.body_joints.BodyJoints: the project skeleton, or the user's SMPL/SMPL-X body when given
(pelvis at the origin, global orientation applied).

Truly held out means no shared caption and no shared template draw: only whole CMU test motions
count (a held-out sampler group is a new draw of a training template, its nearest training
pose a few mm away), and a query that is word for word a training caption is dropped.
Baselines, measured in the same run on the same queries: the mean pose of the train split,
whole-caption retrieval over every training caption, and a clause lookup; the strongest of them
is THE baseline. The old protocol (random test items of both sources, any of their captions,
retrieval over 20,000 captions) is measured beside it, labelled, so the two can be compared.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np
import torch

from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import NUM_BODY_JOINTS

from ..body.body_joints import BodyJoints

# Body parts over joints 0-21.
PARTS: dict[str, tuple[int, ...]] = {
    "torso": (0, 3, 6, 9, 12, 13, 14, 15),
    "arms": (16, 17, 18, 19, 20, 21),
    "legs": (1, 2, 4, 5, 7, 8, 10, 11),
}
KIND_RETRIEVAL_CAPTIONS = 20000  # the old protocol's retrieval searched this fixed subset
BASELINES = ("mean_pose", "retrieval", "clause_lookup")


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



def seen_form(text: str) -> str:
    """A caption as compared for "word for word": case, spacing and end punctuation ignored."""
    return " ".join(text.lower().split()).strip(" .")


class SentenceEmbedder:
    """The base MiniLM's sentence embedding (mean-pooled, unit length), each distinct text read
    once, texts of like length batched together so padding costs little."""

    def __init__(self) -> None:
        from ..models.text_pose import ClauseReader

        self.reader = ClauseReader(max_tokens=128)

    def __call__(self, texts: list[str], batch: int = 128) -> torch.Tensor:
        unique = sorted(set(texts), key=len)
        out = []
        for i in range(0, len(unique), batch):
            states, masks = self.reader.read(unique[i:i + batch])
            pooled = (states * masks[..., None]).sum(1) / masks.sum(1, keepdim=True)
            out.append(torch.nn.functional.normalize(pooled, dim=-1))
        row = {t: i for i, t in enumerate(unique)}
        return torch.cat(out)[[row[t] for t in texts]] if texts else torch.zeros(0, 384)


class CaptionRetrieval:
    """Whole-caption retrieval: the nearest training caption by sentence embedding (cosine);
    answers its pose."""

    def __init__(self, keys: torch.Tensor, rotvecs: np.ndarray, embed: SentenceEmbedder) -> None:
        self.keys, self.rotvecs, self.embed = keys, np.asarray(rotvecs), embed

    def predict(self, texts: list[str]) -> np.ndarray:
        best = (self.embed(texts) @ self.keys.T).argmax(1).numpy()
        return self.rotvecs[best]


class ClauseLookup:
    """Clause lookup: each clause of the query (cut as PoseGPT-mini cuts them) goes to its
    nearest distinct training clause by sentence embedding; the training captions whose clause
    sets overlap those matched clauses best (Jaccard: shared / all of both) are the candidates,
    and the answer is their poses' chordal mean (a tie among many candidates is an ambiguous
    request: their mean is the least-error guess). No training: an inverted index from clause
    to captions. Measured once on both protocols: counting shared clauses alone instead of
    Jaccard, 101.5 instead of 87.0 mm truly held out; one candidate's pose instead of the mean,
    149.3 (with the shared-clause count)."""

    def __init__(self, captions: list[str], rotvecs: np.ndarray, embed: SentenceEmbedder) -> None:
        from ..models.text_pose import split_clauses

        self.split, self.embed = split_clauses, embed
        self.rotvecs = np.asarray(rotvecs)
        rows: dict[str, int] = {}
        holders: list[list[int]] = []
        sizes = []
        for k, caption in enumerate(captions):
            clauses = set(split_clauses(caption))
            sizes.append(len(clauses))
            for clause in clauses:
                if clause not in rows:
                    rows[clause] = len(holders)
                    holders.append([])
                holders[rows[clause]].append(k)
        self.holders = [np.asarray(h) for h in holders]
        self.sizes = np.asarray(sizes)
        self.keys = embed(list(rows))
        self.fallback = mean_pose(self.rotvecs)

    def predict(self, texts: list[str]) -> np.ndarray:
        out = []
        for text in texts:
            clauses = self.split(text)
            if not clauses:
                out.append(self.fallback)
                continue
            nearest = set((self.embed(clauses) @ self.keys.T).argmax(1).tolist())
            shared = np.bincount(np.concatenate([self.holders[n] for n in nearest]),
                                 minlength=len(self.rotvecs))
            overlap = shared / (self.sizes + len(nearest) - shared)
            out.append(mean_pose(self.rotvecs[overlap >= overlap.max() - 1e-9]))
        return np.stack(out)


def ratios(result: dict, baselines: tuple[str, ...] = BASELINES) -> dict[str, dict[str, float]]:
    """Model error / baseline error per metric (below 1: the model is better)."""
    model = result["model"]
    return {base: {k: model[k] / result[base][k] for k in model if result[base][k] > 0}
            for base in baselines if base in result}


def evaluate_text_model(model: TextToPose, data, max_items: int, seed: int = 0,
                        batch: int = 64, body: BodyJoints | None = None,
                        others: dict[str, TextToPose] | None = None) -> dict:
    """The model and the baselines on held-out captions; data is a
    posegpt_blender.data.dataset.TextPoseData; others (name -> model, e.g. the served model's
    bare text model) are measured on the same queries under their names.

    Returns {"heldout": ..., "kind": ...}. "heldout", the reported one: up to max_items poses
    of whole CMU test motions, taken in random order, each asked with one of its captions that
    is not word for word a training caption (poses with none are passed over and counted); the
    model, the mean pose, whole-caption retrieval over every training caption and the clause
    lookup, "baseline" naming the strongest (lowest MPJPE), with ratios. "kind", the old protocol kept for
    comparison: max_items random test poses of both sources (sampler draws too), any caption,
    retrieval over 20,000 training captions (the clause lookup beside it); with how many of its
    queries were training captions and how many items were sampler draws. Each method a dict of
    pose_errors.
    """
    train, test = data.subset("train"), data.subset("test")
    if len(test) == 0 or len(train) == 0:
        raise ValueError("evaluation needs poses in both the train and the test split")

    def run(predictor: TextToPose, queries: list[str]) -> np.ndarray:
        return np.concatenate([predictor.predict(queries[i:i + batch])
                               for i in range(0, len(queries), batch)])

    flat = [(c, i) for i, caps in enumerate(train.captions) for c in caps]
    seen = {seen_form(c) for c, _ in flat}
    embed = SentenceEmbedder()
    keys = embed([c for c, _ in flat])
    owner = train.rotvecs[[i for _, i in flat]].astype(np.float64)
    mean = mean_pose(train.rotvecs.astype(np.float64))
    lookup = ClauseLookup([c for c, _ in flat], owner, embed)

    # The old protocol, its random draws unchanged so its figures reproduce.
    rng = np.random.default_rng(seed)
    items = np.sort(rng.choice(len(test), size=min(max_items, len(test)), replace=False))
    queries = [test.captions[i][rng.integers(len(test.captions[i]))] for i in items]
    gt = test.rotvecs[items].astype(np.float64)
    keep = rng.choice(len(flat), size=min(KIND_RETRIEVAL_CAPTIONS, len(flat)), replace=False)
    subset = CaptionRetrieval(keys[torch.as_tensor(keep)], owner[keep], embed)
    kind = {"items": int(len(items)),
            "sampler_items": int(sum(test.source[i].startswith("sampler:") for i in items)),
            "queries_seen_in_training": int(sum(seen_form(q) in seen for q in queries)),
            "retrieval_captions": int(len(keep)),
            "model": pose_errors(run(model, queries), gt, body),
            **{name: pose_errors(run(other, queries), gt, body)
               for name, other in (others or {}).items()},
            "mean_pose": pose_errors(np.broadcast_to(mean, gt.shape), gt, body),
            "retrieval": pose_errors(run(subset, queries), gt, body),
            "clause_lookup": pose_errors(run(lookup, queries), gt, body)}
    kind["ratios"] = ratios(kind)

    # Truly held out: whole CMU test motions, queries no training caption repeats.
    rng = np.random.default_rng([seed, 1])
    cmu = np.flatnonzero([s.startswith("cmu:") for s in test.source])
    if len(cmu) == 0:
        raise ValueError("the truly held-out evaluation needs CMU test motions")
    items, queries, looked_at = [], [], 0
    for i in rng.permutation(cmu):  # in random order until max_items have a fresh caption
        if len(items) == max_items:
            break
        looked_at += 1
        fresh = [c for c in test.captions[i] if seen_form(c) not in seen]
        if fresh:
            items.append(i)
            queries.append(fresh[rng.integers(len(fresh))])
    if not items:
        raise ValueError("every held-out caption is also a training caption")
    gt = test.rotvecs[items].astype(np.float64)
    heldout = {"cmu_test_poses": int(len(cmu)), "looked_at": looked_at,
               "items": len(items), "dropped_seen_captions": looked_at - len(items),
               "training_captions": len(flat),
               "model": pose_errors(run(model, queries), gt, body),
               **{name: pose_errors(run(other, queries), gt, body)
                  for name, other in (others or {}).items()},
               "mean_pose": pose_errors(np.broadcast_to(mean, gt.shape), gt, body),
               "retrieval": pose_errors(run(CaptionRetrieval(keys, owner, embed), queries),
                                        gt, body),
               "clause_lookup": pose_errors(run(lookup, queries), gt, body)}
    heldout["baseline"] = min(BASELINES, key=lambda b: heldout[b]["mpjpe_mm"])
    heldout["ratios"] = ratios(heldout)
    return {"heldout": heldout, "kind": kind}
