"""What readers take away: downloads (PDF, Anki, CSV, questions.json) and the offline site."""
