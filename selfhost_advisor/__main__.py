"""`python -m selfhost_advisor` behaves exactly like the `advisor` command."""

from selfhost_advisor.launcher import main

if __name__ == "__main__":
    main()
