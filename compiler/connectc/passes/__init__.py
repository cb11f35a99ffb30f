"""Compiler passes: each reads the project IR and reports diagnostics.

`connectc.pipeline.PASSES` declares their order.
"""
