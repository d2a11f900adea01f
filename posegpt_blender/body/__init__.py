"""The body in torch: forward kinematics, the user's SMPL/SMPL-X file posed by smplx, and whose
joints the worker's answers and the metrics use."""
