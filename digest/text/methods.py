"""The names of the summarizer methods, known here so that the configuration can check
`summary.method` without importing the summarizers (brief/summarize.py maps each name to
its class, in this order)."""

METHOD_NAMES = (
    "lex-rank", "text-rank", "lsa", "luhn", "sum-basic", "edmundson", "kl", "reduction",
)  # fmt: skip
