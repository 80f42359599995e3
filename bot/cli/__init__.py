"""Subcommands of the `diplobot` CLI: each module adds its parser with `register(subparsers)`."""
