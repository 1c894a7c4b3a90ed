"""The command line: the Typer app, which only dispatches, and the stream and exit-code contract.

The top layer: it may import every other package; nothing imports it but the launcher.
"""
