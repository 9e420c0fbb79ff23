"""Stock summaries."""
import json


def summarize(levels: dict) -> dict:
    """Total units and the item with the most units."""
    top = max(levels, key=levels.get) if levels else None
    return {"total": sum(levels.values()), "top": top}


def to_json(levels: dict) -> str:
    return json.dumps(summarize(levels))
