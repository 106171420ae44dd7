"""The printable report of one agreement (``ledger report``, and the PDF the web pages offer):
the agreement, its scores per round, each KPI's timeline of targets and results, the rule-1
verdict, and the checkpoint that seals it with the commands that verify it; A4, Thai first
with English beside it, Buddhist-Era dates.

``facts`` reads the views, ``render`` turns what it read into HTML and PDF; the CLI and the
web route only choose how the views are opened and who may read the agreement.
"""
