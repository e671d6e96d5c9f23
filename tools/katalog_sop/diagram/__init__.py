"""Diagram stage: the SOP AP flowchart sheet.

Three steps, each its own module: :mod:`.text` measures and wraps text,
:mod:`.geometry` lays the sheet out as pure numbers, :mod:`.dot` writes those
numbers as DOT text, and :mod:`.render` is the one place that runs Graphviz.
"""
