"""The build: what to read (plan), what was built (state), and the ``.apkg`` files.

Named ``building`` so that it never shadows the public :func:`flashcards.build`."""
