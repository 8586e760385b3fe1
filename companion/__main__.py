"""Allow ``python -m companion``."""

from companion.cli import run

if __name__ == "__main__":
    run()
