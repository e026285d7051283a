"""Short labels for framework items, so a supplier section can name them on one line.

The frameworks catalogue carries one-sentence summaries; a report repeats the items for every flagged
supplier, so each section names them by a short label and the appendix gives each summary once.
Labels are the project's own few-word paraphrases of the principle topics (UN Guiding Principles on
Business and Human Rights, 2011) and of resolution 76/7's commitments; an item without a label here
falls back to its catalogue summary.
"""

from __future__ import annotations

UNGP_LABELS: dict[int, str] = {
    1: "protect against abuse by third parties",
    2: "set expectations for business",
    3: "laws and policy",
    4: "state-owned or state-supported enterprises",
    5: "contracting out services",
    6: "the state's commercial transactions",
    7: "conflict-affected areas",
    8: "policy coherence",
    11: "respect human rights",
    12: "internationally recognised rights",
    13: "avoid, prevent and mitigate impacts",
    14: "scale with size and severity",
    15: "policy, due diligence and remediation",
    16: "policy commitment",
    17: "human rights due diligence",
    18: "identify and assess",
    19: "integrate and act",
    20: "track effectiveness",
    21: "communicate",
    22: "remediate",
    23: "treat gross abuses as legal compliance",
    24: "prioritise the most severe impacts",
    29: "operational-level grievance mechanisms",
    31: "effectiveness of grievance mechanisms",
}

P28_LABELS: dict[str, str] = {
    "P28-RECRUIT": "fair recruitment",
    "P28-ETHICAL": "ethical, transparent procurement",
    "P28-DISCLOSE": "regular disclosure",
    "P28-ACCOUNT": "accountability of all actors, intermediaries included",
    "P28-UNGP": "due diligence under the UN Guiding Principles",
    "P28-FIREWALL": "labour inspection workers can trust",
    "P28-LABOUR": "labour standards and decent-work procurement",
    "P28-AWARE": "awareness against forced labour in goods",
    "P28-PUBLIC": "public procurement free of trafficking",
    "P12": "para. 12: victim-centred help and remedy",
    "P13": "para. 13: non-punishment of victims",
    "P14": "para. 14: privacy of victims",
    "P24a": "para. 24(a): migrants at higher risk",
}


def ungp_label(number: int, summary: str) -> str:
    """Return a principle's short label, or its summary when it has none."""
    return UNGP_LABELS.get(number, summary)


def p28_label(commitment: str, summary: str) -> str:
    """Return a commitment's short label, or its summary when it has none."""
    return P28_LABELS.get(commitment, summary)
