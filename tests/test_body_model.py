"""The user's SMPL body in torch (smplx's skinning over our pickle-free reader), and PoseGPT
training with its joints (synthetic files in SMPL's format: the licensed ones are not here)."""
from __future__ import annotations

import json

import numpy as np
import torch

from core.pose import SmplPose, forward_kinematics
from core.skeleton import parent_offsets
from posegpt_blender.body.body_model import SmplBody
from posegpt_blender.body.kinematics import axis_angle_to_matrix
from smpl_files import expected_vertices, smpl_arrays, write


def test_posed_vertices_and_joints_match_numpy(tmp_path) -> None:
    arrays = smpl_arrays()
    body = SmplBody.load(write(tmp_path / "SMPL_NEUTRAL.npz", arrays))
    rng = np.random.default_rng(0)
    poses = []
    for _ in range(3):
        pose = SmplPose.from_rotations(rng.normal(scale=0.6, size=(24, 3)))
        pose.betas = rng.normal(size=10)
        poses.append(pose)
    rot = axis_angle_to_matrix(torch.tensor(np.stack([p.rotations() for p in poses]),
                                            dtype=torch.float32))
    betas = torch.tensor(np.stack([p.betas for p in poses]), dtype=torch.float32)
    vertices, joints = body.posed(rot, betas)
    for k, pose in enumerate(poses):
        shaped = arrays["v_template"] + arrays["shapedirs"][:, :, :10] @ pose.betas
        rest = arrays["J_regressor"] @ shaped
        rest -= rest[0]
        want = forward_kinematics(pose.rotations(), parent_offsets(rest))[0]
        np.testing.assert_allclose(joints[k].numpy(), want, atol=1e-5)
    # At zero betas every cube follows its joint rigidly (see smpl_files).
    zero = [SmplPose.from_rotations(p.rotations()) for p in poses]
    vertices, joints = body.posed(rot)
    for k, pose in enumerate(zero):
        np.testing.assert_allclose(vertices[k].numpy(), expected_vertices(arrays, pose),
                                   atol=1e-5)
    assert torch.equal(body(rot), joints)  # called like kinematics.Skeleton


def test_posegpt_training_uses_the_model_joints(tmp_path) -> None:
    from posegpt_blender.models.tiny import build_tiny_checkpoint
    from posegpt_blender.training.datasets import load_mixture
    from posegpt_blender.training.train_posegpt import TrainConfig, train

    build_tiny_checkpoint(tmp_path / "untrained")
    write(tmp_path / "SMPL_NEUTRAL.npz", smpl_arrays())
    rng = np.random.default_rng(0)
    with open(tmp_path / "text.jsonl", "w") as f:
        for word in ("alpha", "bravo", "charlie"):
            f.write(json.dumps({"text": f"the {word} pose",
                                "pose": rng.normal(scale=0.4, size=(24, 3)).tolist()}) + "\n")
    (tmp_path / "train.json").write_text(json.dumps({
        "base_model": "untrained/base_model", "output_dir": "trained",
        "datasets": [{"kind": "text_pose", "path": "text.jsonl"}], "steps": 2,
        "batch_size": 2, "bf16": False, "gradient_checkpointing": False,
        "smpl_model": "SMPL_NEUTRAL.npz", "log_every": 1}))
    cfg = TrainConfig.load(tmp_path / "train.json")
    net = train(cfg, load_mixture(cfg.datasets, tmp_path, cfg.seed))
    assert isinstance(net.skeleton, SmplBody)
    log = [json.loads(line) for line in (tmp_path / "trained" / "train_log.jsonl").open()]
    assert log and all(np.isfinite(r["joints"]) for r in log)
