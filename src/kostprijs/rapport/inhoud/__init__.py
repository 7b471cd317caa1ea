"""What each report shows, section by section: one module per report notebook, one function
per section, each returning what `weergave.toon` displays. The notebooks are the outline."""
