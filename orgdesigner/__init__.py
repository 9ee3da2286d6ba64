"""orgdesigner: design a council's management structure, split into a commissioning core and providers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("orgdesigner")
except PackageNotFoundError:  # running from a bundle or a source tree without installing
    __version__ = "0.1.0"
