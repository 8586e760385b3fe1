"""Third-person observation: text shown back as if it happened to a colleague.

The prompts already ask for "she…", "he…", "the agent…"; when a first-person slip gets
in ("I was shaking"), the entry is shown back in the chosen voice ("she was shaking").
Only pronouns and the verbs that agree with them change; everything else stays the
writer's own words. English and Chinese have their own small rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    subject: str
    object: str
    possessive: str
    pronoun: str  # "hers"
    reflexive: str
    plural: bool = False


ENGLISH = {
    "she": Person("she", "her", "her", "hers", "herself"),
    "he": Person("he", "him", "his", "his", "himself"),
    "they": Person("they", "them", "their", "theirs", "themselves", plural=True),
    "agent": Person("the agent", "the agent", "the agent's", "the agent's", "themself"),
}
CHINESE = {"she": "她", "he": "他", "they": "ta", "agent": "这位客服"}

# Verbs people use about a hard contact; only these are conjugated after "I", so an
# adverb or a noun is never given an "s" by mistake.
_VERBS = {
    "feel", "think", "want", "need", "know", "get", "try", "say", "go", "see", "hate",
    "like", "wish", "hope", "worry", "believe", "keep", "make", "take", "tell", "hear",
    "cry", "shake", "panic", "freeze", "snap", "apologise", "apologize", "explain", "answer",
    "reply", "type", "sigh", "breathe", "stay", "let", "give", "look", "seem", "mean",
    "blame", "doubt", "fear", "miss", "wonder", "guess", "start", "stop", "love", "care",
    "lose", "forget", "remember", "deserve", "do",
}  # fmt: skip
_OTHERS = {"you", "he", "she", "we", "they"}
_ADVERBS = {"really", "just", "always", "never", "still", "also", "only", "even", "actually"}
_BE = {"am": ("is", "are"), "was": ("was", "were"), "have": ("has", "have"), "do": ("does", "do")}
_CONTRACTIONS = {
    "m": ("'s", "'re"),
    "ve": ("'s", "'ve"),
    "d": ("'d", "'d"),
    "ll": ("'ll", "'ll"),
}
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def _third_singular(verb: str) -> str:
    if verb == "do":
        return "does"
    if verb == "go":
        return "goes"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _match_case(word: str, model: str, sentence_start: bool) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper() and (sentence_start or model != "I"):
        return word[:1].upper() + word[1:]
    return word


def _english(text: str, person: Person) -> str:
    tokens = list(_WORD.finditer(text))
    out: list[str] = []
    pos = 0
    skip_next_conjugation = -1
    for i, match in enumerate(tokens):
        word = match.group(0)
        out.append(text[pos : match.start()])
        pos = match.end()
        lower = word.lower().replace("’", "'")
        before = text[: match.start()].rstrip()
        start = not before or before[-1] in '.!?\n"“'
        replacement = None
        if lower == "i":
            replacement = person.subject
            # "Ivan and I think": a shared subject keeps the plural verb.
            shared = (
                i > 1
                and tokens[i - 1].group(0).lower() in ("and", "or")
                and (tokens[i - 2].group(0)[0].isupper() or tokens[i - 2].group(0) in _OTHERS)
            )
            skip_next_conjugation = -1 if shared else i + 1
        elif lower.startswith("i'") and lower[2:] in _CONTRACTIONS:
            singular, plural = _CONTRACTIONS[lower[2:]]
            replacement = person.subject + (plural if person.plural else singular)
        elif lower == "me":
            replacement = person.object
        elif lower == "my":
            replacement = person.possessive
        elif lower == "mine":
            replacement = person.pronoun
        elif lower == "myself":
            replacement = person.reflexive
        elif i == skip_next_conjugation:
            replacement = _verb_after_subject(lower, person)
            if replacement is None and lower in _ADVERBS:
                skip_next_conjugation = i + 1
        elif lower in ("don't", "don’t") and i - 1 >= 0 and tokens[i - 1].group(0) == "I":
            replacement = "don't" if person.plural else "doesn't"
        if replacement is None:
            out.append(word)
        else:
            out.append(_match_case(replacement, word, start))
    out.append(text[pos:])
    return "".join(out)


def _verb_after_subject(verb: str, person: Person) -> str | None:
    if verb in _BE:
        singular, plural = _BE[verb]
        return plural if person.plural else singular
    if verb in ("don't", "don’t"):
        return "don't" if person.plural else "doesn't"
    if verb in _VERBS and not person.plural:
        return _third_singular(verb)
    return None


def _chinese(text: str, subject: str) -> str:
    # 我们 (we) stays: the observation is about one person, not the team.
    return re.sub(r"我(?!们)", subject, text)


def third_person(text: str, subject: str) -> str:
    """``text`` in the voice of ``subject`` ("she", "he", "they", "agent").

    Both languages' rules run: people mix them, and each touches only its own script.
    """
    english = _english(text, ENGLISH.get(subject, ENGLISH["she"]))
    return _chinese(english, CHINESE.get(subject, CHINESE["she"]))
