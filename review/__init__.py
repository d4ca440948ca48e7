"""The clinical team's review report: aggregates from the conversation store,
rendered as one self-contained Dutch HTML file and a CSV (python -m review.report)."""
