"""The real server under test: start it, drive it over HTTP, check the record it keeps."""
