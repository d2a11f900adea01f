"""Pose models served by the worker, behind one interface (base.PoseModel)."""
