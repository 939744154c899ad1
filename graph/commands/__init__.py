"""The command line's shared parts and its larger command groups; ``cli.py`` assembles them."""
