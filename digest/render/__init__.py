"""Renderers: the same Brief as a Word document, e-mail HTML and text, JSON and PDF.

Rendering never decides content: it draws from the Brief and nothing else.
"""
