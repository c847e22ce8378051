"""Import every command module so that each registers itself on ``app``.

Add one import line per command module (keep them sorted).
"""
