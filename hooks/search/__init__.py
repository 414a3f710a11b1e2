"""The site search index: clean documents and the vocabulary the engine reads."""
