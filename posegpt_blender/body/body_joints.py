"""Which body's joints the worker answers and the evaluation measures: the project skeleton
(numpy only, so a worker without a model file binds its socket before importing torch) or the
user's SMPL/SMPL-X file (body_model.SmplBody)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from core.pose import forward_kinematics


class BodyJoints:
    """Joint positions of poses on the user's SMPL/SMPL-X body (smplx, betas applied) when a
    model file is given, else on the project's skeleton (which has no shape)."""

    def __init__(self, smpl_model: str | Path | None = None) -> None:
        self.body = None
        if smpl_model:
            from .body_model import SmplBody

            self.body = SmplBody.load(smpl_model)
        self.name = Path(smpl_model).name if smpl_model else "skeleton"

    def __call__(self, rotvecs: np.ndarray, betas: np.ndarray | None = None) -> np.ndarray:
        """(N, 24, 3) axis-angle and (N, 10) betas -> (N, 24, 3) joints in metres, global
        orientation applied, pelvis at the origin (the pose schema's "joints")."""
        rotvecs = np.asarray(rotvecs, dtype=np.float64)
        if self.body is None:
            return forward_kinematics(rotvecs)[0]
        import torch

        from .kinematics import axis_angle_to_matrix

        with torch.no_grad():
            rot = axis_angle_to_matrix(torch.as_tensor(rotvecs, dtype=torch.float32))
            shape = None if betas is None else torch.as_tensor(np.asarray(betas),
                                                               dtype=torch.float32)
            return self.body.posed(rot, shape)[1].double().numpy()
