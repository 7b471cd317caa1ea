"""The MIME type under which a report table travels from notebook to Excel export."""

TABEL = "application/vnd.kostprijs.tabel+json"
