"""The rules engine and its rules (spans, layers, statutory roles, split, core share, pay, data)."""

from orgdesigner.model.rules.base import Finding, Rule, Severity
from orgdesigner.model.rules.engine import ALL_RULES, Checker, check

__all__ = ["ALL_RULES", "Checker", "Finding", "Rule", "Severity", "check"]
