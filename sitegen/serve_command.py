"""Placeholder replaced when the dev server lands."""
from __future__ import annotations

import argparse


def serve_site(arguments: argparse.Namespace) -> int:
    raise NotImplementedError
