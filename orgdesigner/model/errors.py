"""Errors a council officer can meet: each carries a message that says what is wrong and what to do."""


class OrgError(Exception):
    """Base of every error shown to users (a dialog in the window, exit code 2 on the command line)."""


class EditRefused(OrgError):
    """An edit that would break the structure (a cycle, two solid-line managers, an unknown post)."""


class FileProblem(OrgError):
    """A file that cannot be read or written; the message names the file and where it went wrong."""
