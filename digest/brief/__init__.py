"""The brief pipeline: files or articles in, one Brief out, rendered files written.

read -> clean -> summarize -> merge -> render -> write (see build.py). No database here.
"""
