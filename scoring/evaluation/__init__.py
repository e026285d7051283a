"""Evaluation of the matcher on the shared held-out sets (protocol: ``<shared>/eval/README.md``).

Modules: ``metrics`` (counts, F-beta, bootstrap, ranks), ``pairs`` (pairwise verification sets),
``ranking`` (OFAC leave-one-out and the small ranking sets), ``open_set`` (false alarms on innocent
names), ``legal`` (legal-form reference cases) and ``report`` (the Markdown report, docs/accuracy.md).
"""
