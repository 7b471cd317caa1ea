"""The municipality's own data: client-system exports of indicaties and realisatie."""
