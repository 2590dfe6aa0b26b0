"""The shared text layer: words, matching forms, sentence splitting and similarity.

Everything above (brief, daily) may import from here; nothing here imports from them.
"""
