"""The municipality's own data as client systems and iWmo deliver them: one reader, declared
column aliases, the iWmo codelists and messages; indication periods, client numbers and the
realisation checked against the indications."""
