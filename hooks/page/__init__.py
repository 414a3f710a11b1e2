"""What each page shows: badges, practice mode, notebook pages, typography, versions."""
