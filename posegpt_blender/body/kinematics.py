"""Differentiable rotations and forward kinematics in torch, on the project's skeleton.

Same conventions as core.rotations (6D = first two matrix columns) and core.pose.
"""
from __future__ import annotations

import numpy as np
import torch

from core.skeleton import depth_levels, rest_offsets


def sixd_to_matrix(d6: torch.Tensor) -> torch.Tensor:
    """(..., 6) -> (..., 3, 3) by Gram-Schmidt; the two 3-vectors are matrix columns."""
    a1, a2 = d6[..., :3], d6[..., 3:]
    b1 = torch.nn.functional.normalize(a1, dim=-1)
    b2 = torch.nn.functional.normalize(a2 - (b1 * a2).sum(-1, keepdim=True) * b1, dim=-1)
    b3 = torch.cross(b1, b2, dim=-1)
    return torch.stack([b1, b2, b3], dim=-1)


def matrix_to_sixd(m: torch.Tensor) -> torch.Tensor:
    """(..., 3, 3) -> (..., 6) first two columns."""
    return torch.cat([m[..., :, 0], m[..., :, 1]], dim=-1)


def axis_angle_to_matrix(aa: torch.Tensor) -> torch.Tensor:
    """(..., 3) rotation vectors -> (..., 3, 3), smooth at zero."""
    angle = aa.norm(dim=-1, keepdim=True).clamp_min(1e-8)
    axis = aa / angle
    x, y, z = axis.unbind(-1)
    zero = torch.zeros_like(x)
    k = torch.stack([zero, -z, y, z, zero, -x, -y, x, zero], -1).reshape(aa.shape[:-1] + (3, 3))
    s = torch.sin(angle)[..., None]
    c = torch.cos(angle)[..., None]
    eye = torch.eye(3, dtype=aa.dtype, device=aa.device).expand(k.shape)
    return eye + s * k + (1 - c) * (k @ k)


def matrix_to_axis_angle(m: torch.Tensor) -> torch.Tensor:
    """(..., 3, 3) -> (..., 3) rotation vectors (not for gradients near pi)."""
    cos = ((m[..., 0, 0] + m[..., 1, 1] + m[..., 2, 2] - 1) / 2).clamp(-1 + 1e-7, 1 - 1e-7)
    angle = torch.acos(cos)
    axis = torch.stack([m[..., 2, 1] - m[..., 1, 2], m[..., 0, 2] - m[..., 2, 0],
                        m[..., 1, 0] - m[..., 0, 1]], -1)
    sin = torch.sin(angle)[..., None]
    small = sin.abs() < 1e-4
    aa = axis / (2 * sin.where(~small, torch.ones_like(sin))) * angle[..., None]
    # Near zero the rotation vector is half the skew part; near pi the numpy path is exact.
    return torch.where(small, axis / 2, aa)


class Skeleton(torch.nn.Module):
    """Forward kinematics on the project's rest skeleton (or given offsets).

    Joints are chained one tree depth at a time (8 batched steps, not 23 per-joint ones): on
    the small tensors of a fit the number of torch operations is the cost.
    """

    def __init__(self, offsets: torch.Tensor | None = None) -> None:
        super().__init__()
        off = torch.as_tensor(rest_offsets() if offsets is None else offsets, dtype=torch.float32)
        self.register_buffer("offsets", off, persistent=False)
        self._levels = [(torch.tensor(j), torch.tensor(p)) for j, p in depth_levels()]
        order = [0] + [j for joints, _ in depth_levels() for j in joints]
        self._unsort = torch.tensor(np.argsort(order))

    def forward(self, rotmats: torch.Tensor) -> torch.Tensor:
        """(B, 24, 3, 3) local rotations -> (B, 24, 3) joints, pelvis at the origin."""
        return self.world(rotmats)[0]

    def world(self, rotmats: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, 24, 3, 3) local rotations -> (B, 24, 3) joints (pelvis at the origin) and
        (B, 24, 3, 3) world rotations."""
        offsets = self.offsets.to(rotmats.dtype)
        rot = rotmats[:, :1]
        pos = torch.zeros_like(rotmats[:, :1, :, 0])
        all_rot, all_pos = [rot], [pos]
        for joints, parent in self._levels:
            parent_rot = rot[:, parent]
            pos = pos[:, parent] + (parent_rot @ offsets[joints, :, None])[..., 0]
            rot = parent_rot @ rotmats[:, joints]
            all_rot.append(rot)
            all_pos.append(pos)
        return (torch.cat(all_pos, 1)[:, self._unsort], torch.cat(all_rot, 1)[:, self._unsort])
