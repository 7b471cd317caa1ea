"""The municipality's own tables (indications, realisation, tariffs) as client systems and
iWmo deliver them: one reader, declared column aliases, the iWmo codelists and messages."""
