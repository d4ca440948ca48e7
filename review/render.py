"""The report as one self-contained HTML file (Dutch, charts as base64 PNG,
no external resources) and the same aggregates as CSV."""

from __future__ import annotations

import base64
import csv
import io
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any, Dict, Iterable, List, Sequence

from review.aggregates import (
    ANSWERED,
    CLARIFIED,
    MIN_GROUP_FOR_EXAMPLES,
    NOT_UNDERSTOOD,
    OTHER,
    OUT_OF_SCOPE,
    OUTCOMES,
    URGENT,
    Report,
)

OUTCOME_LABELS = {
    ANSWERED: "Beantwoord",
    CLARIFIED: "Verduidelijking gevraagd",
    OUT_OF_SCOPE: "Buiten het onderwerp",
    NOT_UNDERSTOOD: "Niet begrepen",
    URGENT: "Dringend antwoord",
    OTHER: "Overig",
}
REASON_LABELS = {
    "fallback": "onzeker (fallback)",
    OUT_OF_SCOPE: "buiten het onderwerp",
    NOT_UNDERSTOOD: "niet begrepen",
}
URGENT_LABELS = {"alarm": "Alarmsignaal (bel arts / 112)", "distress": "Psychische nood (113)"}
COLOURS = {
    ANSWERED: "#2e7d32",
    CLARIFIED: "#f9a825",
    OUT_OF_SCOPE: "#6a1b9a",
    NOT_UNDERSTOOD: "#c62828",
    URGENT: "#1565c0",
    OTHER: "#9e9e9e",
}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;max-width:60rem;margin:0 auto;
padding:1rem 1.5rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #ddd}
table{border-collapse:collapse;margin:.6rem 0;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f1f1f1}td.n{text-align:right;font-variant-numeric:tabular-nums}
.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{background:#f4f7fb;border:1px solid #d5deea;border-radius:6px;
padding:.6rem 1rem}.kpi b{display:block;font-size:1.6rem}.note{color:#555;font-size:.92rem}
img{max-width:100%;height:auto}ul.examples{margin:.2rem 0 0 1rem;padding:0}
"""


def _days(report: Report) -> List[date]:
    return [report.since + timedelta(days=n) for n in range((report.until - report.since).days + 1)]


def _image(figure: Any, alt: str) -> str:
    """The matplotlib figure as an inline PNG (no external resources)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" alt="{escape(alt)}">'


def _daily_chart(report: Report) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    days = _days(report)
    figure, axes = plt.subplots(figsize=(8, 2.8))
    xs = range(len(days))
    axes.bar(
        [x - 0.2 for x in xs], [report.conversations_per_day.get(d, 0) for d in days], 0.4, label="Gesprekken"
    )
    axes.bar([x + 0.2 for x in xs], [report.messages_per_day.get(d, 0) for d in days], 0.4, label="Berichten")
    step = max(1, len(days) // 10)
    axes.set_xticks(list(xs)[::step])
    axes.set_xticklabels([d.strftime("%d-%m") for d in days][::step])
    axes.set_ylabel("Aantal")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend()
    return _image(figure, "Staafdiagram: gesprekken en berichten per dag")


def _topics_chart(report: Report) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    topics = list(report.topics)[:20][::-1]
    figure, axes = plt.subplots(figsize=(8, max(1.6, 0.38 * len(topics) + 0.8)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    left = [0] * len(topics)
    for outcome in OUTCOMES:
        values = [report.topics[topic][outcome] for topic in topics]
        if not any(values):
            continue
        axes.barh(
            [report.titles.get(t, t) for t in topics],
            values,
            left=left,
            color=COLOURS[outcome],
            label=OUTCOME_LABELS[outcome],
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel("Aantal vragen")
    axes.legend(loc="lower right", fontsize="small")
    return _image(figure, "Staafdiagram: vragen per onderwerp, naar uitkomst")


def _feedback_chart(report: Report) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    rows = report.feedback[:15][::-1]
    figure, axes = plt.subplots(figsize=(8, max(1.6, 0.38 * len(rows) + 0.8)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    names = [row.title or row.answer_id for row in rows]
    axes.barh(names, [row.useful for row in rows], color=COLOURS[ANSWERED], label="Ja, nuttig")
    axes.barh(
        names,
        [row.not_useful for row in rows],
        left=[row.useful for row in rows],
        color="#c62828",
        label="Nee",
    )
    axes.set_xlabel("Aantal beoordelingen")
    axes.legend(loc="lower right", fontsize="small")
    return _image(figure, "Staafdiagram: beoordelingen per antwoord")


def _topic_label(report: Report, topic: str) -> str:
    title = report.titles.get(topic)
    return f"{title} ({topic})" if title else topic


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    """A table; the columns at the `numeric` positions are right-aligned."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            css = ' class="n"' if index in numeric else ""
            cells.append(f"<td{css}>{cell if isinstance(cell, Markup) else escape(str(cell))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class Markup(str):
    """Already escaped HTML for a table cell."""


def render_html(report: Report) -> str:
    days = _days(report)
    parts: List[str] = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Overzicht patiëntinformatie-assistent {report.since:%d-%m-%Y} t/m {report.until:%d-%m-%Y}</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Overzicht van de patiëntinformatie-assistent</h1>",
        f'<p class="note">Periode: {report.since:%d-%m-%Y} tot en met {report.until:%d-%m-%Y}. '
        "Dit overzicht bevat geen namen of gebruikers-id's. Teksten van patiënten staan alleen bij de "
        f"onbeantwoorde vragen, zonder persoonsgegevens, en alleen bij groepen van minstens "
        f"{MIN_GROUP_FOR_EXAMPLES} berichten.</p>",
        '<div class="kpi">',
        f"<div><b>{report.conversations}</b>gesprekken</div>",
        f"<div><b>{report.messages}</b>berichten van patiënten</div>",
        f"<div><b>{_percent(report.outcomes.get(ANSWERED, 0), report.messages)}</b>beantwoord</div>",
        f"<div><b>{report.urgent_total}</b>dringende antwoorden</div>",
        "</div>",
        "<h2>Gesprekken en berichten per dag</h2>",
    ]
    if report.messages:
        parts.append(_daily_chart(report))
    parts.append(
        _table(
            ["Datum", "Gesprekken", "Berichten"],
            [
                (
                    d.strftime("%d-%m-%Y"),
                    report.conversations_per_day.get(d, 0),
                    report.messages_per_day.get(d, 0),
                )
                for d in days
                if report.messages_per_day.get(d) or report.conversations_per_day.get(d)
            ],
            numeric=(1, 2),
        )
    )
    parts.append("<h2>Kanalen</h2>")
    parts.append(
        _table(
            ["Kanaal", "Berichten", "Aandeel"],
            [(name, count, _percent(count, report.messages)) for name, count in report.channels.items()],
            numeric=(1, 2),
        )
    )
    parts.append("<h2>Vragen per onderwerp</h2>")
    parts.append(
        '<p class="note">Per onderwerp uit de kennisbank: hoe vaak ernaar gevraagd is en wat de assistent deed. '
        "Bij een onzekere vraag telt het onderwerp dat de assistent als eerste voorstelde.</p>"
    )
    if report.topics:
        parts.append(_topics_chart(report))
    parts.append(
        _table(
            [
                "Onderwerp",
                "Vragen",
                "Beantwoord",
                "Verduidelijking gevraagd",
                "Buiten het onderwerp",
                "Niet begrepen",
            ],
            [
                (
                    _topic_label(report, topic),
                    sum(counts.values()),
                    _percent(counts[ANSWERED], sum(counts.values())),
                    _percent(counts[CLARIFIED], sum(counts.values())),
                    _percent(counts[OUT_OF_SCOPE], sum(counts.values())),
                    _percent(counts[NOT_UNDERSTOOD], sum(counts.values())),
                )
                for topic, counts in report.topics.items()
            ],
            numeric=(1, 2, 3, 4, 5),
        )
    )
    parts.append("<h2>Onbeantwoorde vragen</h2>")
    parts.append(
        '<p class="note">Berichten die de assistent niet begreep, die buiten het onderwerp vielen of waarover '
        "hij onzeker was, gegroepeerd naar gelijkenis: kandidaten voor nieuwe onderwerpen. Voorbeelden zijn "
        f"zonder persoonsgegevens en worden alleen getoond bij groepen van minstens {MIN_GROUP_FOR_EXAMPLES} "
        "berichten.</p>"
    )
    if report.unanswered:
        rows = []
        for number, group in enumerate(report.unanswered, start=1):
            reasons = ", ".join(f"{REASON_LABELS.get(r, r)}: {n}" for r, n in sorted(group.reasons.items()))
            if group.examples:
                examples = Markup(
                    '<ul class="examples">'
                    + "".join(f"<li>{escape(e)}</li>" for e in group.examples)
                    + "</ul>"
                )
            else:
                examples = Markup(
                    f'<span class="note">geen voorbeelden (minder dan {MIN_GROUP_FOR_EXAMPLES})</span>'
                )
            rows.append((f"Groep {number}", group.count, reasons, examples))
        parts.append(_table(["Groep", "Berichten", "Reden", "Voorbeelden"], rows, numeric=(1,)))
    else:
        parts.append("<p>Geen onbeantwoorde vragen in deze periode.</p>")
    parts.append("<h2>Beoordeling van de antwoorden (“Was dit nuttig?”)</h2>")
    parts.append('<p class="note">Slechtst beoordeelde antwoorden eerst.</p>')
    if report.feedback:
        parts.append(_feedback_chart(report))
        parts.append(
            _table(
                ["Antwoord", "Titel", "Ja", "Nee", "Aandeel nuttig", "Laatst nagekeken"],
                [
                    (
                        row.answer_id,
                        row.title,
                        row.useful,
                        row.not_useful,
                        _percent(row.useful, row.total),
                        row.reviewed or "onbekend",
                    )
                    for row in report.feedback
                ],
                numeric=(2, 3, 4),
            )
        )
    else:
        parts.append("<p>Geen beoordelingen in deze periode.</p>")
    parts.append("<h2>Veiligheid: dringende antwoorden per dag</h2>")
    parts.append('<p class="note">Alleen aantallen, geen teksten.</p>')
    if report.urgent_per_day:
        parts.append(
            _table(
                ["Datum", URGENT_LABELS["alarm"], URGENT_LABELS["distress"]],
                [
                    (d.strftime("%d-%m-%Y"), c["alarm"], c["distress"])
                    for d, c in report.urgent_per_day.items()
                ],
                numeric=(1, 2),
            )
        )
    else:
        parts.append("<p>Geen dringende antwoorden in deze periode.</p>")
    parts.append("<h2>Modelversie per periode</h2>")
    parts.append(
        '<p class="note">Welk getraind model de berichten beantwoordde, zodat een verandering na een nieuwe '
        "versie zichtbaar is.</p>"
    )
    if report.models:
        parts.append(
            _table(
                [
                    "Model",
                    "Assistent",
                    "Kennisbank: nieuwste nakijkdatum",
                    "Van",
                    "Tot en met",
                    "Gebeurtenissen",
                ],
                [
                    (
                        m.model_id,
                        m.assistant_id or "–",
                        m.knowledge_reviewed or "–",
                        f"{m.first_day:%d-%m-%Y}",
                        f"{m.last_day:%d-%m-%Y}",
                        m.events,
                    )
                    for m in report.models
                ],
                numeric=(5,),
            )
        )
    else:
        parts.append("<p>Geen modelgegevens in deze periode.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def csv_rows(report: Report) -> List[Dict[str, object]]:
    """The aggregates as long rows: section, key, measure, value."""
    rows: List[Dict[str, object]] = []

    def add(section: str, key: object, measure: str, value: object) -> None:
        rows.append({"section": section, "key": str(key), "measure": measure, "value": value})

    for day, count in report.conversations_per_day.items():
        add("per_day", day.isoformat(), "conversations", count)
    for day, count in report.messages_per_day.items():
        add("per_day", day.isoformat(), "messages", count)
    for channel, count in report.channels.items():
        add("channels", channel, "messages", count)
    for topic, counts in report.topics.items():
        add("topics", topic, "questions", sum(counts.values()))
        for outcome in OUTCOMES:
            add("topics", topic, outcome, counts[outcome])
    for number, group in enumerate(report.unanswered, start=1):
        add("unanswered", f"group_{number}", "messages", group.count)
        for reason, count in sorted(group.reasons.items()):
            add("unanswered", f"group_{number}", reason, count)
        for index, example in enumerate(group.examples, start=1):
            add("unanswered", f"group_{number}", f"example_{index}", example)
    for row in report.feedback:
        add("feedback", row.answer_id, "useful", row.useful)
        add("feedback", row.answer_id, "not_useful", row.not_useful)
        add("feedback", row.answer_id, "share_useful", round(row.share_useful, 3))
        add("feedback", row.answer_id, "reviewed", row.reviewed)
    for day, counts in report.urgent_per_day.items():
        for kind, count in counts.items():
            add("urgent", day.isoformat(), kind, count)
    for model in report.models:
        key = f"{model.model_id}|{model.assistant_id}"
        add("models", key, "first_day", model.first_day.isoformat())
        add("models", key, "last_day", model.last_day.isoformat())
        add("models", key, "events", model.events)
        add("models", key, "knowledge_reviewed", model.knowledge_reviewed)
    return rows


def write_csv(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["section", "key", "measure", "value"])
        writer.writeheader()
        writer.writerows(csv_rows(report))
