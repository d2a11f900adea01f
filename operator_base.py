"""The one way a PoseGPT operator fails: its step raises, the base reports (as MPFB2 does).

An operator implements run(context) (and any further step: a modal's finish, an invoke) and
raises one of its `expected` exceptions for a problem the user can fix; guard() turns that into
the one failure path, fail(): a report (WARNING when the user cancelled, else ERROR) and
{"CANCELLED"}. Blender pushes no undo step for a cancelled operator, so the rule for those that
change the scene (bl_options REGISTER + UNDO) is: check every input and get every answer before
the first change, so that a failure leaves the scene as it was.
"""
from __future__ import annotations

from typing import Any, Callable


class UserError(Exception):
    """A problem the user can fix; the message says how. Nothing was changed."""


class Cancelled(UserError):
    """The user stopped the operator (Esc, Cancel); nothing was changed."""


class PoseGPTOperator:
    """Mixin for bpy.types.Operator classes: execute() runs run() through guard()."""

    expected: tuple[type[BaseException], ...] = (UserError,)
    failure_prefix = ""  # put before every failure's message, e.g. "Cannot import: "

    def run(self, context: Any) -> set[str]:
        raise NotImplementedError

    def execute(self, context: Any) -> set[str]:
        return self.guard(self.run, context)

    def guard(self, step: Callable[..., set[str]], *args: Any) -> set[str]:
        """step(*args)'s answer, or its expected failure reported through fail()."""
        try:
            return step(*args)
        except self.expected as exc:
            return self.fail(exc)

    def fail(self, exc: BaseException) -> set[str]:
        """Report exc and cancel; subclasses may record it first, then call this."""
        self.report({"WARNING"} if self.cancelled(exc) else {"ERROR"}, self.message(exc))
        return {"CANCELLED"}

    def message(self, exc: BaseException) -> str:
        return self.failure_prefix + (str(exc) or exc.__class__.__name__)

    def cancelled(self, exc: BaseException) -> bool:
        return isinstance(exc, Cancelled)
