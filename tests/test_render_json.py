import json
from pathlib import Path

from digest.render.brief_json import render_json


def test_json_follows_schema_2_and_traces_every_point(seed_build):
    data = json.loads(Path(seed_build.files["brief.json"]).read_text(encoding="utf-8"))
    assert data["schema"] == 2 and data["date"] == "2025-05-20"
    ids = [a["id"] for a in data["articles"]]
    assert [a["number"] for a in data["articles"]] == list(range(1, len(ids) + 1))
    (story,) = data["stories"]
    assert sorted(story["articles"]) == sorted(ids) and story["title"]
    assert data["also_today"] == [] and data["untold"] == 0
    points = story["lead"] + [p for s in story["sections"] for p in s["points"]]
    assert len(points) == len(seed_build.brief.points)
    for point in points:
        assert point["sources"] and all(s["article"] in ids for s in point["sources"])
        assert len(point["outlets"]) == len(point["citations"]) or point["outlets"]


def test_json_is_deterministic(seed_build):
    assert render_json(seed_build.brief) == render_json(seed_build.brief)
