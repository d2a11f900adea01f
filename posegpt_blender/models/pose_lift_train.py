"""Training of the 2D-to-3D lifter (pose_lift.py): the MLP learns from the project's own
training poses seen from random cameras, then is tuned with MediaPipe's landmarks on Blender
renders of training poses (torch, CPU).

MediaPipe's world landmarks (its own 3D) are poor in depth on the mannequin (wrists ~0.17 m off
in depth on held-out renders) while its pixels are better. The lifter reads only the pixels and
answers the fit's model points (24 joints and 3 head markers, pose_fit.py) in the camera frame,
pelvis at the origin, on the project's skeleton. The renders teach it where MediaPipe's
landmarks really sit on a body (its hips are not SMPL's hips) and how they fail. Rebuild the
shipped file (from the repository root; render-data's default seed 0 keeps the bench's split,
so only training poses are rendered; the shipped file saw 60 poses x these 8 views):

    python -m posegpt_blender.models.pose_lift_train --out /tmp/synthetic.npz
    python -m posegpt_blender render-data --out /tmp/lift_renders --count 60 \
        --views 0,5 45,5 90,5 135,5 180,5 -90,5 0,50 -135,45
    python -m posegpt_blender.models.pose_lift_train --start /tmp/synthetic.npz \
        --renders /tmp/lift_renders --epochs 6 --rate 3e-4
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from core.pose import forward_kinematics
from core.rotations import axis_angle_to_matrix, matrix_to_axis_angle
from .pose_fit import lift_input, lift_points, mirror_tables
from .pose_lift import DEFAULT_LIFTER_PATH, Lifter, normalise

# Cameras of the synthetic training views: full turn in azimuth, elevation in this range
# (degrees), a little roll, and this distance range (metres) for the perspective.
_ELEVATION = (-15.0, 65.0)
_ROLL = 5.0
_DISTANCE = (2.0, 6.0)
# 2D noise (fraction of the body's 2D size) the lifter is trained to shrug off.
NOISE = 0.05


def synthetic_views(rotvecs: np.ndarray, points, rng: np.random.Generator,
                    noise: float = NOISE) -> tuple[np.ndarray, np.ndarray]:
    """Each (24, 3) pose from a random camera: (B, P, 2) projected 2D points (y up, noisy) and
    (B, M, 3) camera-frame model points (pelvis at the origin). points(joints, world_rot)
    gives the (B, M, 3) model points and the (P, M) weights of the 2D points."""
    n = len(rotvecs)
    az = rng.uniform(0, 2 * np.pi, n)
    el = np.radians(rng.uniform(*_ELEVATION, n))
    roll = np.radians(rng.uniform(-_ROLL, _ROLL, n))
    cam = (axis_angle_to_matrix(roll[:, None] * [0.0, 0.0, 1.0])
           @ axis_angle_to_matrix(el[:, None] * [1.0, 0.0, 0.0])
           @ axis_angle_to_matrix(az[:, None] * [0.0, 1.0, 0.0]))
    rot = np.array(rotvecs, np.float64)
    rot[:, 0] = matrix_to_axis_angle(cam @ axis_angle_to_matrix(rot[:, 0]))
    joints, world = forward_kinematics(rot)
    model, to_2d = points(joints, world)
    seen = to_2d @ model  # (B, P, 3)
    depth = rng.uniform(*_DISTANCE, n)[:, None] - seen[..., 2]
    xy = seen[..., :2] / depth[..., None]
    xy = normalise(xy)
    xy = xy + rng.normal(0, noise, xy.shape)
    return normalise(xy), model


def render_pairs(folders: list[Path]) -> tuple[np.ndarray, np.ndarray]:
    """(R, P, 2) normalised 2D landmarks (y up) that MediaPipe finds on the pictures of
    render-data folders (their image_pose.jsonl), and (R, M, 3) model points of the poses they
    show, with the mirror image of each pair. Pictures where MediaPipe finds nobody, or reads
    the body turned around (nothing in 2D can teach that), are left out."""
    from PIL import Image

    from .base import NoPersonError
    from .pose_detect import PersonDetector

    detector = PersonDetector()
    xy, model = [], []
    for folder in folders:
        for line in (Path(folder) / "image_pose.jsonl").read_text().splitlines():
            item = json.loads(line)
            image = np.asarray(Image.open(Path(folder) / item["image"]).convert("RGB"))
            try:
                found = detector.detect_people(image)[0]
            except NoPersonError:
                continue
            points = lift_points(*forward_kinematics(np.asarray(item["pose"])[None]))[0][0]
            if _lateral(found.world, (11, 12, 23, 24)) @ _lateral(points, _LATERAL_JOINTS) < 0:
                continue
            xy.append(normalise(lift_input(found)[None] * [1.0, -1.0])[0])
            model.append(points)
    xy, model = np.stack(xy), np.stack(model)
    point_mirror, model_mirror = mirror_tables()
    return (np.concatenate([xy, xy[:, point_mirror] * [-1.0, 1.0]]),
            np.concatenate([model, model[:, model_mirror] * [-1.0, 1.0, 1.0]]))


# Left shoulder, right shoulder, left hip, right hip among the model points.
_LATERAL_JOINTS = (16, 17, 1, 2)


def _lateral(points: np.ndarray, idx: tuple[int, int, int, int]) -> np.ndarray:
    """The body's right-to-left direction in the camera's horizontal (x, z) plane."""
    ls, rs, lh, rh = (points[i] for i in idx)
    return (ls - rs + lh - rh)[[0, 2]]


def train(rotvecs: np.ndarray, points, epochs: int = 20, width: int = 512, seed: int = 0,
          noise: float = NOISE, start: Lifter | None = None,
          real: tuple[np.ndarray, np.ndarray] | None = None, real_share: float = 0.3,
          rate: float = 1e-3) -> Lifter:
    """Fit the MLP (torch, CPU) on fresh random views of the poses each epoch, from start's
    weights when given; real (2D, 3D) pairs from renders make up real_share of each epoch."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    xy, model = synthetic_views(rotvecs[:2], points, rng)
    n_in, n_out = xy[0].size, model[0].size
    lin = [torch.nn.Linear(n_in, width), torch.nn.Linear(width, width),
           torch.nn.Linear(width, width), torch.nn.Linear(width, n_out)]
    if start is not None:
        with torch.no_grad():
            for m, (w, b) in zip(lin, start.layers, strict=True):
                m.weight.copy_(torch.as_tensor(w.T))
                m.bias.copy_(torch.as_tensor(b))
    params = [p for m in lin for p in m.parameters()]
    opt = torch.optim.Adam(params, rate)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)

    def net(x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(lin[0](x))
        x = torch.relu(lin[1](x)) + x
        x = torch.relu(lin[2](x)) + x
        return lin[3](x)

    for epoch in range(epochs):
        xy, model = synthetic_views(rotvecs, points, rng, noise)
        if real is not None:
            repeats = max(1, round(real_share * len(xy) / len(real[0])))
            xy = np.concatenate([xy, np.tile(real[0], (repeats, 1, 1))])
            model = np.concatenate([model, np.tile(real[1], (repeats, 1, 1))])
        x = torch.as_tensor(xy.reshape(len(xy), -1), dtype=torch.float32)
        y = torch.as_tensor(model.reshape(len(model), -1), dtype=torch.float32)
        order = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), 512):
            idx = order[i:i + 512]
            loss = torch.square(net(x[idx]) - y[idx]).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        sched.step()
        print(f"epoch {epoch + 1}/{epochs}: rms {np.sqrt(total / len(x) / 3) * 1000:.0f} mm",
              flush=True)
    return Lifter(tuple((m.weight.detach().double().numpy().T.copy(),
                         m.bias.detach().double().numpy().copy()) for m in lin))


def main(argv: list[str] | None = None) -> None:
    from core.retarget import mirror_rotations
    from ..data.dataset import build_dataset

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--noise", type=float, default=NOISE,
                        help="2D noise, a fraction of the body's 2D size")
    parser.add_argument("--renders", type=Path, nargs="*", default=[],
                        help="render-data folders of TRAINING poses: MediaPipe's 2D on them "
                             "beside the synthetic views (never renders of held-out poses)")
    parser.add_argument("--start", type=Path, default=None, help="lifter to fine-tune")
    parser.add_argument("--rate", type=float, default=1e-3, help="Adam's learning rate")
    parser.add_argument("--real-share", type=float, default=0.3,
                        help="the renders' share of each epoch (repeated to reach it)")
    parser.add_argument("--out", type=Path, default=DEFAULT_LIFTER_PATH)
    args = parser.parse_args(argv)
    poses = build_dataset(size="full").subset("train").rotvecs.astype(np.float64)
    poses = np.concatenate([poses, mirror_rotations(poses)])
    real = render_pairs(args.renders) if args.renders else None
    start = Lifter.load(args.start) if args.start else None
    lifter = train(poses, lift_points, args.epochs, noise=args.noise, start=start, real=real,
                   real_share=args.real_share, rate=args.rate)
    lifter.save(args.out)
    extra = f" and {len(real[0])} render pairs" if real is not None else ""
    print(f"wrote {args.out} ({len(poses)} training poses with their mirror images{extra})")


if __name__ == "__main__":
    main()
