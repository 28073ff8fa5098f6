"""Reading sources as text: header, paragraphs, sentences, quotation marks, speakers, addresses.

Pure Python with no Sphinx: the one layer that reads a source file, and the one the
scaffold shares with the extension. Nothing here imports another layer.
"""
