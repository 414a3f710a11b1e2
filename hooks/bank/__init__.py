"""The question bank: the model read from the topic pages, and the build's checks."""
