"""kostprijs: reële kostprijs research for Wmo-begeleiding."""

__version__ = "0.1.0"
