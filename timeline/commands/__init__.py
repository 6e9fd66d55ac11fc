"""One module per CLI command: ``add_parser(subparsers)`` and ``run(args) -> int``.

Modules here import only the standard library and light parts of ``timeline`` at the
top; heavy work is imported inside ``run`` so ``timeline --help`` stays instant.
"""
