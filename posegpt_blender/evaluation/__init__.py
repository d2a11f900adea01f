"""Evaluation: the judge's joint checks of requests, and the held-out text metrics with the
baselines they are judged against."""
