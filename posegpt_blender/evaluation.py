"""Held-out text-to-pose metrics and the two baselines they are judged against.

MPJPE and PA-MPJPE (mm) on the 22 body joints (ChatPose's joints 22-23 are not body), joints
from core.pose.forward_kinematics (pelvis at the origin, global orientation applied). Baselines,
measured in the same run on the same items: the mean pose of the train split (per-joint rotation
mean projected onto SO(3)), and nearest-caption retrieval (the base MiniLM, mean-pooled, cosine
nearest training caption, its pose).
"""
from __future__ import annotations

from typing import Protocol

import numpy as np
import torch

from core.pose import forward_kinematics
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from core.skeleton import NUM_BODY_JOINTS

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


def body_joints(rotvecs: np.ndarray) -> np.ndarray:
    """(N, 24, 3) axis-angle -> (N, 22, 3) body joint positions in metres."""
    return forward_kinematics(rotvecs)[0][:, :NUM_BODY_JOINTS]


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


def pose_errors(pred_rotvecs: np.ndarray, gt_rotvecs: np.ndarray) -> dict[str, float]:
    """MPJPE, PA-MPJPE and per-part MPJPE in mm over the body joints."""
    pred, gt = body_joints(pred_rotvecs), body_joints(gt_rotvecs)
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

    def __init__(self, captions: list[str], rotvecs: np.ndarray, batch: int = 128) -> None:
        from .models.text_pose import BertEncoder, load_tokenizer

        self.encoder = BertEncoder.pretrained(extra_tokens=0).eval()
        self.tokenizer = load_tokenizer(128)
        self.batch = batch
        self.rotvecs = np.asarray(rotvecs)
        self.keys = self.embed(captions)

    @torch.inference_mode()
    def embed(self, texts: list[str]) -> torch.Tensor:
        """(N, 384) unit sentence embeddings (all-MiniLM-L6-v2's mean pooling)."""
        out = []
        for i in range(0, len(texts), self.batch):
            encs = self.tokenizer.encode_batch(texts[i:i + self.batch])
            ids = torch.tensor([e.ids for e in encs])
            mask = torch.tensor([e.attention_mask for e in encs])
            hidden = self.encoder(ids, torch.zeros_like(ids), mask)
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            out.append(torch.nn.functional.normalize(pooled, dim=-1))
        return torch.cat(out)

    def predict(self, texts: list[str]) -> np.ndarray:
        best = (self.embed(texts) @ self.keys.T).argmax(1).numpy()
        return self.rotvecs[best]


def evaluate_text_model(model: TextToPose, data, max_items: int, seed: int = 0,
                        retrieval_captions: int = RETRIEVAL_CAPTIONS, batch: int = 64) -> dict:
    """The model and both baselines on up to max_items test poses, one random caption each.

    data is a posegpt_blender.data.dataset.TextPoseData; returns {"items", "model",
    "mean_pose", "retrieval"}, each method a dict of pose_errors.
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
            "model": pose_errors(run(model), gt),
            "mean_pose": pose_errors(mean, gt),
            "retrieval": pose_errors(run(retrieval), gt)}
