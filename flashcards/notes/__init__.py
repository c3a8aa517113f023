"""Notes: finding, reading and understanding note files (no Anki in sight).

files -> front matter -> dialects -> CommonMark tree -> the model in :mod:`.model`."""
