"""Printing figures beside their budget and floor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    budget: float | None = None  # the figure must be at most this
    floor: str = ""  # what the budget is derived from
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return ""
        return "met" if self.value <= self.budget else "NOT MET"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "s":
        return f"{value:.1f} s"
    return f"{value:.1f} {unit}"


class Table:
    def __init__(self) -> None:
        self.figures: list[Figure] = []

    def section(self, title: str) -> None:
        print(f"\n== {title}")

    def info(self, text: str) -> None:
        print(f"   {text}")

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        budget = f"budget <= {_fmt(figure.budget, figure.unit)}" if figure.budget is not None else ""
        line = f"   {figure.name:<46} {_fmt(figure.value, figure.unit):>10}  {budget:<22} {figure.verdict}"
        print(line.rstrip())
        if figure.floor:
            print(f"   {'':<46} floor: {figure.floor}")
        if figure.note:
            print(f"   {'':<46} {figure.note}")
        return figure

    def summary(self) -> None:
        judged = [f for f in self.figures if f.budget is not None]
        if not judged:
            return
        print(f"\n== summary: {sum(f.verdict == 'met' for f in judged)} of {len(judged)} budgets met")
        for figure in judged:
            print(f"   {figure.verdict:<8} {figure.name}: {_fmt(figure.value, figure.unit)} "
                  f"(budget {_fmt(figure.budget, figure.unit)})")
