"""The lexicon of fixed formulations (提法), and the slips of them found in a text.

Data: ``templates/context/lexicon.yaml`` (validated by ``lexicon.schema.json``,
described for editors in ``docs/lexicon.md``): the canonical phrases, wrong
forms a rule cannot infer (a slip at a phrase's first or last character, or in
a short phrase), the word swaps of paraphrasing tools, and legitimate phrases
that only look like slips. A ``templates/context/lexicon.yaml`` in the working
folder is merged over the built-in one (lists by union, mappings by key).

A span of text is a slip of a canonical phrase when it

* is one of the listed wrong forms, or the phrase with one or two of its words
  swapped for a listed synonym (营造→营建), or with its Chinese numerals written
  in Arabic ones (四个意识→4个意识, 新一轮→新1轮); or
* has the phrase's length, at least seven characters, and differs from it in one
  character (two characters, not side by side, for a phrase of eight or more),
  none of them among its first two or its last character — the places where a
  different verb or noun makes a different, correct phrase (坚守理想信念,
  意识形态工作责任人); or
* is set off as a formulation — in quotation marks (增强“四个意思”) or as an
  item of a 、-list next to a sibling phrase written right (四个意识、四个自性)
  — and differs in one character from a short numbered phrase (四个意识,
  一岗双责, 三会一课, 第一议题), the number itself excepted.

A slip inside a legitimate phrase, or over an exact occurrence of another
canonical phrase, is not one. Matching is an index of two-character anchors:
the pieces a slip must leave intact (pigeonhole: k slips leave one of k + 1
pieces exact), so a text is read once whatever the size of the lexicon.

The API::

    lex = load_lexicon()                 # merged, cached per set of files
    for s in lex.slips(text): s.start, s.end, s.wrong, s.right
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from drafter import yamlio
from drafter.knowledge.timeline_files import context_files
from drafter.numbering import cn_to_int
from drafter.resources import bundled_dir

LEXICON_FILE = "lexicon.yaml"
LEXICON_SCHEMA = "lexicon.schema.json"
#: The form of the index text kept in the cache (:func:`index_text`); change it when the form changes.
LAYOUT = "lexicon index columns 6"

#: A phrase this long or longer is matched with one slip anywhere but its edges.
FUZZY_MIN = 7
#: A phrase this long or longer may carry two slips (not side by side).
TWO_SLIPS_MIN = 8
#: The shortest phrase matched with a slip where quotation marks or a list sets it off (see :func:`_anchored`).
SHORT_MIN = 4
#: Characters at the start of a phrase a slip may not fall on (a different verb makes another phrase).
HEAD = 2


#: Function characters: one in place of another builds a different, usually correct, construction.
_FUNCTION = frozenset("与和及并或的之地得在于为以对向把被将由从同跟给")
_NUMERALS = frozenset("一二两三四五六七八九十百")
_NUMERAL_RUN = "[一二两三四五六七八九十百]+"
_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


class Slip(NamedTuple):
    """Words of the text that are a slip of a canonical phrase: text[start:end] is ``wrong``, meant ``right``."""

    start: int
    end: int
    wrong: str
    right: str
    #: what makes the slip, for telling one slip from another: the wrong and right characters or words
    key: str = ""


@dataclass(frozen=True)
class Lexicon:
    """The merged lexicon as data (cacheable); :meth:`slips` reads a text against it."""

    phrases: tuple[str, ...]
    typos: tuple[tuple[str, tuple[str, ...]], ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    legitimate: tuple[str, ...]
    sources: tuple[Path, ...] = ()
    #: every wrong form known by name, one "wrong\tright\tkey" a line: worked out once when the files are
    #: loaded, and kept as one text (a cache entry of one string reads back far faster than of a thousand tuples)
    named: str = ""

    def slips(self, text: str) -> list[Slip]:
        """The slips of canonical phrases in ``text``, longest first where they overlap, in text order."""
        return _index(self).slips(text)

    def wrong_forms(self) -> dict[str, str]:
        """Every wrong form known by name (listed typos, synonym swaps, Arabic numerals) → its right form."""
        return {wrong: right for wrong, right, _ in _lines(self.named)}


# --- the index --------------------------------------------------------------------------------


class LexiconIndex(NamedTuple):
    """The lexicon made ready for matching (kept in the cache as the text of :func:`index_text`).

    ``anchors``: two characters → their entries as text (see :meth:`entries`): (piece, offset of the
    piece in its phrase, phrase) for the phrases matched with slips, (wrong, -1, right) for the wrong
    forms known by name; ``keys``: wrong form → what makes the slip; ``legitimate``: words →
    [legitimate phrase, offset of the words in it].
    """

    anchors: dict[str, str]
    keys: dict[str, str]
    phrases: list[str]
    legitimate: dict[str, list[list[Any]]]
    #: the entries of the anchors met so far, read from ``anchors``
    read: dict[str, list[tuple[str, int, str]]]

    def entries(self, anchor: str) -> list[tuple[str, int, str]] | None:
        """(piece, offset, phrase) of the entries that start with ``anchor``; None when none does."""
        found = self.read.get(anchor)
        if found is None:
            raw = self.anchors.get(anchor)
            if raw is None:
                return None
            found = self.read[anchor] = [(p, int(o), t) for p, o, t in (e.split("\t") for e in raw.split(_US))]
        return found

    def slips(self, text: str) -> list[Slip]:
        """The slips of canonical phrases in ``text``, longest first where they overlap, in text order."""
        found: dict[tuple[int, int], Slip] = {}
        exact_spans: list[tuple[int, int]] = []
        fuzzy: list[tuple[int, str]] = []
        anchors, read = self.anchors, self.read
        for i in range(len(text) - 1):
            anchor = text[i:i + 2]
            entries = read.get(anchor)
            if entries is None:
                if anchor not in anchors:
                    continue
                entries = self.entries(anchor) or []
            for piece, offset, target in entries:
                if not text.startswith(piece, i):
                    continue
                if offset < 0:  # a wrong form known by name
                    found[(i, i + len(piece))] = Slip(i, i + len(piece), piece, target, self.keys.get(piece, piece))
                    continue
                start = i - offset
                if start < 0 or start + len(target) > len(text):
                    continue
                window = text[start:start + len(target)]
                if window == target:
                    exact_spans.append((start, start + len(target)))
                else:
                    fuzzy.append((start, target))
        for start, target in fuzzy:
            end = start + len(target)
            if (start, end) in found:
                continue
            window = text[start:end]
            diffs = [k for k, (a, b) in enumerate(zip(window, target, strict=True)) if a != b]
            if not _acceptable(diffs, window, target):
                continue
            if any(s <= start + k < e for k in diffs for s, e in exact_spans):
                continue  # the odd character belongs to another phrase written right
            key = "、".join(f"{window[k]}→{target[k]}" for k in diffs)
            found[(start, end)] = Slip(start, end, window, target, key)
        canonical = _phrase_set(self)
        if "“" in text or "、" in text or '"' in text or "「" in text or "‘" in text:
            for slip in _anchored(text, canonical, _short_phrases(self)):
                found.setdefault((slip.start, slip.end), slip)
        out: list[Slip] = []
        for slip in sorted(found.values(), key=lambda s: (s.start, -(s.end - s.start))):
            if self._legitimate(text, slip) or slip.wrong in canonical:
                continue  # right words, or a slip of one phrase that is another
            if out and slip.start < out[-1].end and slip.end <= out[-1].end:
                continue  # inside a longer slip already reported
            out.append(slip)
        return out

    def _legitimate(self, text: str, slip: Slip) -> bool:
        for phrase, at in self.legitimate.get(slip.wrong, ()):
            if slip.start - at >= 0 and text.startswith(phrase, slip.start - at):
                return True
        return False


_PHRASE_SETS: dict[int, tuple[LexiconIndex, frozenset[str]]] = {}
_SHORT: dict[int, tuple[LexiconIndex, dict[int, list[str]]]] = {}

#: Quotation marks that set off a formulation: “四个意识” 「两个维护」 "三会一课" (opening → closing).
_QUOTES = {"“": "”", "「": "」", '"': '"', "‘": "’"}


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _quoted(text: str) -> Iterator[tuple[int, str]]:
    """(offset, words) of the short runs of Chinese characters in quotation marks.

    (A scan rather than a regular expression: one over a CJK range takes milliseconds to compile,
    too much for a check run in a fresh process.)
    """
    for opening, closing in _QUOTES.items():
        at = text.find(opening)
        while at >= 0:
            end = text.find(closing, at + 1)
            if end < 0:
                break
            words = text[at + 1:end]
            if SHORT_MIN <= len(words) < FUZZY_MIN and all(_cjk(c) for c in words):
                yield at + 1, words
            at = text.find(opening, end + 1)


def _listed(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset of the 、, the Chinese characters before it, those after it), each side at most FUZZY_MIN long."""
    at = text.find("、")
    while at >= 0:
        a = at
        while a > 0 and at - a < FUZZY_MIN and _cjk(text[a - 1]):
            a -= 1
        b = at + 1
        while b < len(text) and b - at - 1 < FUZZY_MIN and _cjk(text[b]):
            b += 1
        if a < at and b > at + 1:
            yield at, text[a:at], text[at + 1:b]
        at = text.find("、", at + 1)


def _short_phrases(index: LexiconIndex) -> dict[int, list[str]]:
    """The numbered phrases too short for the approximate match anywhere (四个意识, 三会一课), by length.

    Only numbered ones: a one-character change of a plain four-character phrase is too often
    another right phrase, even quoted (“政治生日” beside 政治生态).
    """
    held = _SHORT.get(id(index))
    if held is None or held[0] is not index:
        by_len: dict[int, list[str]] = {}
        for p in index.phrases:
            if SHORT_MIN <= len(p) < FUZZY_MIN and all(_cjk(c) for c in p) \
                    and any(c in _NUMERALS for c in p):
                by_len.setdefault(len(p), []).append(p)
        held = _SHORT[id(index)] = (index, by_len)
    return held[1]


def _anchored(text: str, canonical: frozenset[str], short: dict[int, list[str]]) -> Iterator[Slip]:
    """Short numbered formulations with one slip where their setting marks them as formulations.

    A short phrase (四个意识, 一岗双责) is matched with one wrong character only where the text
    sets it off as a formulation: in quotation marks (增强“四个意思”), or as an item of a 、-list
    next to a sibling written right (四个意思、四个自信). Elsewhere a one-character change of a
    four-character phrase is usually another, correct phrase.
    """
    spans = dict(_quoted(text))
    for at, left, right in _listed(text):
        if not (_NUMERALS.intersection(left) or _NUMERALS.intersection(right)):
            continue  # no numbered phrase on either side of this 、
        # the item next to a sibling written right, as long as the sibling (a verb before it kept out)
        fit = _edge(right, canonical, head=True)
        if fit and len(left) >= len(fit):
            spans.setdefault(at - len(fit), left[-len(fit):])
        fit = _edge(left, canonical, head=False)
        if fit and len(right) >= len(fit):
            spans.setdefault(at + 1, right[:len(fit)])
    for at, words in spans.items():
        if words in canonical:
            continue
        for phrase in short.get(len(words), ()):
            diffs = [k for k, (a, b) in enumerate(zip(words, phrase, strict=True)) if a != b]
            if len(diffs) != 1:
                continue
            k = diffs[0]
            a, b = words[k], phrase[k]
            if (a in _FUNCTION and b in _FUNCTION) or (a in _NUMERALS and b in _NUMERALS):
                continue  # 三个务必 / 两个务必: another number is another formulation
            yield Slip(at, at + len(words), words, phrase, f"{a}→{b}")
            break


def _edge(item: str, canonical: frozenset[str], *, head: bool) -> str:
    """The short phrase written right at the edge of a list item next to the 、 (its start or its end)."""
    for n in range(min(len(item), FUZZY_MIN - 1), SHORT_MIN - 1, -1):
        words = item[:n] if head else item[-n:]
        if words in canonical:
            return words
    return ""


def _phrase_set(index: LexiconIndex) -> frozenset[str]:
    held = _PHRASE_SETS.get(id(index))
    if held is None or held[0] is not index:
        held = _PHRASE_SETS[id(index)] = (index, frozenset(index.phrases))
    return held[1]


def _acceptable(diffs: list[int], window: str, target: str) -> bool:
    """One slip (two, not side by side, in a long phrase), away from the edges, of Chinese characters."""
    n = len(target)
    allowed = 2 if n >= TWO_SLIPS_MIN else 1
    if not diffs or len(diffs) > allowed:
        return False
    if len(diffs) == 2 and diffs[1] - diffs[0] < 2:
        return False
    for k in diffs:
        if k < HEAD or k >= n - 1:
            return False
        if not ("\u4e00" <= window[k] <= "\u9fff" and "\u4e00" <= target[k] <= "\u9fff"):
            return False
        if window[k] in _FUNCTION and target[k] in _FUNCTION:
            return False  # 正面宣传与主题报道: another function word makes another construction
    return True


_INDEXES: dict[int, tuple[Lexicon, LexiconIndex]] = {}


def _index(lex: Lexicon) -> LexiconIndex:
    held = _INDEXES.get(id(lex))
    if held is None or held[0] is not lex:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        held = _INDEXES[id(lex)] = (lex, build_index(lex))
    return held[1]


def build_index(lex: Lexicon) -> LexiconIndex:
    """The lexicon ready for matching (see :class:`LexiconIndex`)."""
    return parse_index(index_text(lex))


def index_text(lex: Lexicon) -> str:
    """The index as compact text for the cache: columns of one item a line, columns split by a blank line.

    Columns: the anchors; for each, its entries (``piece TAB offset TAB phrase``, joined by US, offset -1
    for a wrong form known by name, whose phrase is then its right form); the wrong forms known by
    name and their keys; the canonical phrases; the legitimate ones.
    """
    groups: dict[str, list[str]] = {}
    wrongs, keys = [], []
    for wrong, right, key in _lines(lex.named):
        groups.setdefault(wrong[:2], []).append(f"{wrong}\t-1\t{right}")
        wrongs.append(wrong)
        keys.append(key)
    for phrase in lex.phrases:
        if len(phrase) >= FUZZY_MIN:
            for piece, offset in _pieces(phrase, (2 if len(phrase) >= TWO_SLIPS_MIN else 1) + 1):
                groups.setdefault(piece[:2], []).append(f"{piece}\t{offset}\t{phrase}")
    columns = [list(groups), [_US.join(g) for g in groups.values()], wrongs, keys, list(lex.phrases),
               list(lex.legitimate)]
    return "\n\n".join("\n".join(c) for c in columns)


#: Separates the entries of one anchor in the index text.
_US = "\x1f"


def parse_index(text: str) -> LexiconIndex:
    """The index from :func:`index_text`'s form; an anchor's entries are read when the text first meets it."""
    anchors, groups, wrongs, keys, phrases, legitimate = (c.split("\n") if c else [] for c in text.split("\n\n"))
    legit: dict[str, list[list[Any]]] = {}
    for phrase in legitimate:  # a slip equal to (or inside) a legitimate phrase
        for n in range(2, len(phrase) + 1):
            for at in range(len(phrase) - n + 1):
                legit.setdefault(phrase[at:at + n], []).append([phrase, at])
    return LexiconIndex(dict(zip(anchors, groups, strict=True)), dict(zip(wrongs, keys, strict=True)), phrases,
                        legit, {})


def _lines(named: str) -> Iterator[tuple[str, str, str]]:
    for line in named.splitlines():
        wrong, right, key = line.split("\t")
        yield wrong, right, key


def _named(phrases: list[str], typos: dict[str, list[str]], synonyms: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """The wrong forms known by name: listed typos, synonym swaps, Arabic numerals; (wrong, right, key)."""
    exact: dict[str, tuple[str, str]] = {}
    for right, wrongs in typos.items():
        for wrong in wrongs:
            exact.setdefault(wrong, (right, wrong))
    swaps = [(r, w) for r, ws in synonyms.items() for w in ws]
    for phrase in phrases:
        for wrong, key in _swapped(phrase, swaps):
            exact.setdefault(wrong, (phrase, key))
        for wrong in _arabic(phrase):
            exact.setdefault(wrong, (phrase, wrong))
    canonical = set(phrases)  # a form that is itself canonical is not wrong
    return [(wrong, right, key) for wrong, (right, key) in exact.items() if wrong not in canonical and len(wrong) >= 2]


def _pieces(phrase: str, count: int) -> list[tuple[str, int]]:
    """``phrase`` cut into ``count`` pieces of at least two characters (offsets kept)."""
    size = len(phrase) // count
    out, at = [], 0
    for i in range(count):
        end = len(phrase) if i == count - 1 else at + size
        out.append((phrase[at:end], at))
        at = end
    return [(p, o) for p, o in out if len(p) >= 2]


def _swapped(phrase: str, swaps: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """``phrase`` with one or two of its words swapped for a paraphrase's synonym, and the swap ("营建→营造")."""
    hits = [(phrase.find(right), right, wrong) for right, wrong in swaps if right in phrase]
    for (at, right, wrong) in hits:
        yield phrase[:at] + wrong + phrase[at + len(right):], f"{wrong}→{right}"
    if len(phrase) >= TWO_SLIPS_MIN:
        return  # two swaps in a long phrase are two slips: the approximate match finds them
    for (a, r1, w1), (b, r2, w2) in itertools.combinations(sorted(hits), 2):
        if a + len(r1) <= b:
            yield (phrase[:a] + w1 + phrase[a + len(r1):b] + w2 + phrase[b + len(r2):],
                   f"{w1}→{r1}、{w2}→{r2}")


def _arabic(phrase: str) -> Iterator[str]:
    """``phrase`` with its Chinese numerals (each run, then all) in Arabic figures: 4个意识, 新1轮, 3会1课."""
    runs = [m for m in re.finditer(_NUMERAL_RUN, phrase) if _value(m.group(0)) is not None]
    if not runs:
        return
    for k in range(1, len(runs) + 1):
        for chosen in itertools.combinations(runs, k):
            out, last = [], 0
            for m in chosen:
                out += [phrase[last:m.start()], str(_value(m.group(0)))]
                last = m.end()
            yield "".join(out) + phrase[last:]


def _value(run: str) -> int | None:
    if len(run) == 1:
        d = _DIGITS.get(run)
        return int(d) if d else (10 if run == "十" else None)
    return cn_to_int(run.replace("两", "二"))


# --- loading -----------------------------------------------------------------------------------


def lexicon_files(cwd: Path | None = None) -> list[Path]:
    """The lexicon files in force, built-in first, then the working folder's."""
    return context_files(LEXICON_FILE, cwd)


def load_lexicon(cwd: Path | None = None) -> Lexicon:
    """The built-in lexicon with the working folder's additions merged over it."""
    files = lexicon_files(cwd)
    return _load(tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@cache
def _load(stamps: tuple[tuple[Path, int, int], ...]) -> Lexicon:
    phrases: dict[str, None] = {}
    typos: dict[str, list[str]] = {}
    synonyms: dict[str, list[str]] = {}
    legitimate: dict[str, None] = {}
    for path, _, _ in stamps:
        data = _read(path)
        phrases.update(dict.fromkeys(data.get("phrases", [])))
        for right, wrongs in (data.get("typos") or {}).items():
            typos[right] = list(dict.fromkeys([*typos.get(right, []), *wrongs]))
        for right, wrongs in (data.get("synonyms") or {}).items():
            synonyms[right] = list(dict.fromkeys([*synonyms.get(right, []), *wrongs]))
        legitimate.update(dict.fromkeys(data.get("legitimate", [])))
    return Lexicon(tuple(phrases), tuple((k, tuple(v)) for k, v in typos.items()),
                   tuple((k, tuple(v)) for k, v in synonyms.items()), tuple(legitimate),
                   tuple(p for p, _, _ in stamps),
                   "\n".join("\t".join(entry) for entry in _named(list(phrases), typos, synonyms)))


def _read(path: Path) -> dict[str, Any]:
    doc = yamlio.load_mapping(path, "提法词表", "phrases: …、typos: …", bundled_dir("templates") / "context" / LEXICON_SCHEMA)
    data: dict[str, Any] = doc.data
    return data


__all__ = ["LAYOUT", "Lexicon", "LexiconIndex", "Slip", "build_index", "index_text", "lexicon_files", "load_lexicon", "parse_index"]
