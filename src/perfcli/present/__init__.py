"""How results are shown: marks and tones, rich tables for people, JSON and CSV for programs."""
