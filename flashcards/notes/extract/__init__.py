"""Extraction: the CommonMark tree of one note made into the model's cards.

:mod:`.walk` walks the blocks once and hands each shape to the module of its card kind:
:mod:`.vocab` (``**Term:** definition`` items and bare terms) and :mod:`.checklists`
(lists under a prompt). :mod:`.found` collects what they find; :mod:`.tree` has the
small tree helpers they share.
"""
