"""The budget model: indications and tariffs in, amounts per client and municipality out."""
