"""Pose data for the default model: CMU retargeting, the pose sampler, the text-pose set."""
