"""The user's SMPL/SMPL-X body in torch: smplx's linear blend skinning over the arrays that
core.smpl_model read (smplx's own loader unpickles files; ours never does)."""
from __future__ import annotations

from pathlib import Path

import torch

from core.skeleton import NUM_JOINTS, PARENTS
from core.smpl_model import NUM_SHAPE_KEYS, SmplModel


class SmplBody(torch.nn.Module):
    """The user's model posed as it poses itself, the pelvis at the origin. Called like
    kinematics.Skeleton (rotations -> joints), so losses can use either."""

    def __init__(self, model: SmplModel) -> None:
        super().__init__()
        count = len(model.vertices)
        posedirs = torch.zeros(count, 3, (NUM_JOINTS - 1) * 9, dtype=torch.float64) \
            if model.posedirs is None else torch.as_tensor(model.posedirs)
        buffers = {"v_template": torch.as_tensor(model.vertices),
                   "shapedirs": torch.as_tensor(model.shapedirs),
                   # smplx's layout: (207, V * 3)
                   "posedirs": posedirs.reshape(count * 3, -1).T.contiguous(),
                   "regressor": torch.as_tensor(model.regressor),
                   "weights": torch.as_tensor(model.weights),
                   "parents": torch.tensor(PARENTS, dtype=torch.long)}
        for name, value in buffers.items():
            self.register_buffer(name, value.float() if value.is_floating_point() else value,
                                 persistent=False)

    @classmethod
    def load(cls, path: str | Path) -> "SmplBody":
        return cls(SmplModel.load(path))

    def forward(self, rotmats: torch.Tensor) -> torch.Tensor:
        """(B, 24, 3, 3) local rotations -> (B, 24, 3) joints at zero betas."""
        return self.posed(rotmats)[1]

    def posed(self, rotmats: torch.Tensor, betas: torch.Tensor | None = None
              ) -> tuple[torch.Tensor, torch.Tensor]:
        """Rotations (B, 24, 3, 3) and betas (B, 10) -> vertices (B, V, 3), joints (B, 24, 3)."""
        from smplx.lbs import lbs

        batch = rotmats.shape[0]
        if betas is None:
            betas = rotmats.new_zeros(batch, NUM_SHAPE_KEYS)
        vertices, joints = lbs(betas, rotmats, self.v_template, self.shapedirs, self.posedirs,
                               self.regressor, self.parents, self.weights, pose2rot=False)
        root = joints[:, :1]
        return vertices - root, joints - root

