"""Replaying the log through the handlers: every recorded event must be one the handlers would
have recorded from the state before it (``RuleReplay``)."""

from commands.replay.checker import RuleReplay

__all__ = ["RuleReplay"]
