"""Local store and its synchronisation with the central platform (Qt-free)."""
