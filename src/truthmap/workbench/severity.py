"""How a finding's severity is marked wherever it shows: a glyph, a word, a style.

Only the glyph carries the severity colour: words stay in the text colour so
they remain readable on the highlight of every theme (yellow in high contrast).
"""

SEVERITY_MARK = {"high": ("▲", "HIGH", "bold $error"), "medium": ("◆", "MED ", "bold $warning"),
                 "low": ("○", "LOW ", "bold $primary")}
