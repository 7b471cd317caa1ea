"""What the inkooptafel gets to see: one disclosure pass over every table of an inkooptafel
report (`celtabellen`, `budgetcijfers`), and the versions of what was published (`versies`).

The rules (ESSnet Handbook on SDC, ch. 4) are those of `onderzoek.onthulling`: at least
MINIMUM_AANBIEDERS providers and the p% rule on every published magnitude, and secondary
suppression so that no hidden figure follows from the published ones. docs/onthulling.md lists
every published surface, its rule and the attack it is tested against.
"""
