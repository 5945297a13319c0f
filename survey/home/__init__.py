"""The start page: what this instance is and where its forms are."""
