"""ChatPose's pose decoder: the hidden state at <POSE> -> 24 joint rotations (6D)."""
from __future__ import annotations

import torch

from core.skeleton import NUM_JOINTS
from ..body.kinematics import sixd_to_matrix

POSE_TOKEN = "<POSE>"


class PoseHead(torch.nn.Module):
    """Linear(h, h) - ReLU - Linear(h, 24 x 6), as in ChatPose's published code."""

    def __init__(self, hidden_size: int) -> None:
        super().__init__()
        self.mlp = torch.nn.Sequential(
            torch.nn.Linear(hidden_size, hidden_size),
            torch.nn.ReLU(),
            torch.nn.Linear(hidden_size, NUM_JOINTS * 6),
        )
        # Start at the rest pose (identity 6D) so early training moves away from a valid pose.
        with torch.no_grad():
            self.mlp[-1].weight.mul_(0.01)
            self.mlp[-1].bias.copy_(torch.tensor([1.0, 0, 0, 0, 1.0, 0]).repeat(NUM_JOINTS))

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        """(B, h) -> (B, 24, 3, 3) local rotation matrices."""
        return sixd_to_matrix(self.mlp(hidden).reshape(-1, NUM_JOINTS, 6))
