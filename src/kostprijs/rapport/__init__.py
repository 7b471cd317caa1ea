"""Reports: Dutch formatting, figures, notebook execution and HTML."""
