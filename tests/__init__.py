"""The advisor's tests (a package, so helpers such as tests.keys import by name)."""
