"""Pose models served by the worker, behind one interface (base.PoseModel), and the store they
are installed in and downloaded to (model_store.py)."""
