import json
from pathlib import Path

from digest.render.brief_json import render_json


def test_json_follows_schema_1_and_traces_every_point(seed_build):
    data = json.loads(Path(seed_build.files["brief.json"]).read_text(encoding="utf-8"))
    assert data["schema"] == 1 and data["date"] == "2025-05-20"
    ids = [a["id"] for a in data["articles"]]
    assert [a["number"] for a in data["articles"]] == list(range(1, len(ids) + 1))
    points = data["lead"] + [p for s in data["sections"] for p in s["points"]]
    assert len(points) == len(seed_build.brief.points)
    for point in points:
        assert point["sources"] and all(s["article"] in ids for s in point["sources"])
        assert len(point["outlets"]) == len(point["citations"]) or point["outlets"]


def test_json_is_deterministic(seed_build):
    assert render_json(seed_build.brief) == render_json(seed_build.brief)
