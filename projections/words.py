"""Words the read side shares between pages: what a user typed, quoted on one line, and a
cycle's decision and place in its ramp as a sponsor reads them."""

# A stored "adopt" (before scale-up existed, and now "adopt and implement") reads "adopted".
DECIDED = {
    "adopt": "adopted",
    "scale_up": "adopted and scaling up",
    "adapt": "adapted",
    "abandon": "abandoned",
}


def quote(text: str, limit: int = 160) -> str:
    """What a user typed, on one line, cut at `limit` characters, in quotation marks."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def decided(decision: str) -> str:
    """ "adopted", "adopted and scaling up": a decision as a sponsor reads it."""
    return DECIDED.get(decision, f"decided to {decision}")


def decision_words(decision: str, ramp_goes_on: bool, what: str = "") -> str:
    """ "adopted — ramp finished", "adapted the change", "adopted the change and scaled it
    up": the decision (on `what`, if given), and whether it ended the ramp."""
    if what and decision == "scale_up":  # "adopted and scaling up the change" is no sentence
        words = f"adopted {what} and scaled it up"
    else:
        words = " ".join(filter(None, (decided(decision), what)))
    return words if ramp_goes_on else f"{words} — ramp finished"


def in_ramp(number: int, ramp: str) -> str:
    """ "cycle 2 of the ramp “Sticker design”": a ramp is named by its first objective."""
    return f"cycle {number} of the ramp {quote(ramp, 80)}"
