"""The citizen screens, one module each."""
