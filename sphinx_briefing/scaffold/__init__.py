"""``sphinx-briefing new``: a complete, green, visibly draft briefing book from one article
(and ``sphinx-briefing add-source``: another article into a book).

The scaffold reads a plain-text article (headline first, paragraphs separated by
blank lines) and writes a book that builds under the strict build at once:

- :mod:`.article` reads the text and refuses bad input with its file and line;
- :mod:`.dating` dates it from its own evidence only; :mod:`.voices` drafts the
  header corrections the speaker patterns need;
- :mod:`.split` places every paragraph in draft chapters by editable keyword lexicons;
- :mod:`.extract` drafts people, key figures, events and glossary terms, each citing
  its paragraph;
- :mod:`.book` gathers all of it into what each page shows; :mod:`.render` writes the
  files from the text templates in ``templates/``;
- :mod:`.verify` builds the draft strictly and drops any drafted record the
  extension's checks refuse, so what is left is verified;
- :mod:`.folders` takes DEST and the article as the user meant them, or refuses them;
  :mod:`.pin` gives the toolkit reference the new book installs, never a bare index pin;
- :mod:`.addsource` adds an article to an existing book as another source;
- :mod:`.cli` ties these together for the console script.

Everything drafted carries a ``{draft}`` mark (:mod:`sphinx_briefing.drafts`), so a
release build fails until an analyst has resolved it. Heuristics only: no model,
no network.
"""
