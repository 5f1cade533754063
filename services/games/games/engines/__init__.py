"""The deterministic game engines: pure Python, no I/O, mirrored in `@alif/game-engines`."""
