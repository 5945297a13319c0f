"""Raw-data exports on the web: the CLI's ``responses export`` as a background job."""
