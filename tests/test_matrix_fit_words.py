"""Issue 20 (11): the fit row says in words what it cannot rate, never "fits not rated of 100"."""

from __future__ import annotations


from textual.app import App, ComposeResult

from truthmap.analysis import analyze
from truthmap.model import Answers, Profile
from truthmap.storage import load_profile
from truthmap.workbench.panes.matrix import CriteriaMatrix
from workbench_helpers import SAMPLES

SETUP_COLUMN = 5


class Host(App):
    def compose(self) -> ComposeResult:
        yield CriteriaMatrix()


async def fit_row(analysis) -> list[tuple[str, str]]:
    """(cell, explanation) of each model column and the setup column of the fit row."""
    app = Host()
    async with app.run_test(size=(100, 14)) as pilot:
        matrix = app.query_one(CriteriaMatrix)
        matrix.analysis = analysis
        await pilot.pause()
        row = matrix.fit_row
        return [(matrix.cell_text(row, column), matrix.why(row, column).plain) for column in range(2, 6)]


async def test_a_profile_with_nothing_mapped_says_so_instead_of_a_health_of_zero():
    cells = await fit_row(analyze(Profile(name="new", answers=Answers())))
    cell, why = cells[SETUP_COLUMN - 2]
    assert cell.strip() == "not mapped"
    assert "nothing is mapped yet" in why and "of 100" not in why


async def test_a_model_with_no_fit_says_it_is_not_rated_yet():
    analysis = analyze(Profile(name="new", answers=Answers()))
    scores = {model: score for model, score in analysis.scores.items() if model != "hybrid"}
    cells = await fit_row(analysis._replace(scores=scores))
    for cell, why in cells:
        assert "fits not rated" not in why and "not rated of 100" not in why
    cell, why = cells[2]
    assert why.startswith("Hybrid is not rated yet")


async def test_a_mapped_setup_keeps_its_health_and_models_their_fit():
    analysis = analyze(load_profile(SAMPLES / "messy-studio.toml").profile)
    cells = await fit_row(analysis)
    assert cells[1][1].startswith(f"PM-first fits {analysis.scores['pm-first']:g} of 100")
    cell, why = cells[SETUP_COLUMN - 2]
    assert cell.startswith("health") and f"{analysis.health.total:g} of 100" in why
