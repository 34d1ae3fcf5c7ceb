"""Entry point: `python -m app` and the `mediation-desk` console script."""

import sys


def main() -> int:
    if sys.argv[1:] == ["--version"]:  # answered before the database layer loads (~1 s)
        from app import __version__

        print(f"调解工作台 {__version__}")
        return 0
    from app.cli.main import main as cli_main

    return cli_main()


if __name__ == "__main__":
    # A frozen build (PyInstaller) starts its own executable for the demo's second process
    # (services/demo/producer.py, spawn): this turns that start into the child, not a new app.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
