"""What changed between two texts, word by word when that is affordable, coarser when not.

Thai has no spaces between words: text is cut into words with PyThaiNLP's dictionary tokenizer.
The work of one comparison is bounded, whatever the texts (every field of a commitment and its
milestones at the forms' limit, the same Thai word repeated thousands of times):

- the common beginning and end of the two texts are set aside first (an edit in one place of a
  long text costs little more than the edit);
- at most :data:`WORD_CHARS` characters of the rest are cut into words, in pieces of at most
  :data:`CHUNK` characters (PyThaiNLP is slower than linear on some long runs);
- words are aligned by a longest common subsequence computed thirty at a time in Python's
  big integers: its work is the number of cells (words before × words after), at most
  :data:`FIELD_CELLS` for one field and :data:`TOTAL_CELLS` for the whole comparison, plus one
  step per word, at most :data:`TOTAL_UNITS`.
  (difflib's SequenceMatcher, used before, is worse than quadratic on repeated words: 1,200
  repeated Thai words took longer than gunicorn's timeout.)

Past a limit a field is compared coarser, and says so (:attr:`TextDiff.detail`): by the pieces
between spaces, then by lines, and last the changed part is shown whole.

Everything here is plain values in and out: it runs in a thread off the gevent hub.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Imported when the application starts, on the main thread, never for the first time inside a
# request or a worker thread (a crash report showed a segfault in re.compile during this lazy
# import). The newmm module is imported by word_tokenize at each call: import it now as well.
import pythainlp.tokenize.newmm  # noqa: F401
from pythainlp.tokenize import word_tokenize

#: Characters (old and new, all fields of one comparison) cut into words; past it, coarser.
WORD_CHARS = 50_000
#: Cells (units before × units after) one field's alignment may use; one bit of memory each.
FIELD_CELLS = 100_000_000
#: Cells the whole comparison may use.
TOTAL_CELLS = 300_000_000
#: Units (words, pieces, lines) the whole comparison may align: the walk back is one Python
#: step per unit.
TOTAL_UNITS = 100_000
#: Unchanged characters kept on each side of a change, so that its words are cut as whole words.
CONTEXT = 32
#: Longest piece of text handed to the tokenizer at once.
CHUNK = 1_000
#: How far a cut moves to keep a Thai character cluster whole (a run of marks longer than this
#: is no writing: it is cut where it is).
CLUSTER = 16

#: How a field was compared, finest first.
WORDS, SPACES, LINES, WHOLE = 'words', 'spaces', 'lines', 'whole'

_SPACE_UNITS = re.compile(r'[^ \t\r\n]+[ \t\r\n]*|[ \t\r\n]+')
_LINE_UNITS = re.compile(r'[^\n]*\n|[^\n]+')
#: How far back (and forward) a coarse comparison looks for a space or a line break to cut at.
_WIDEN = {SPACES: 200, LINES: 2_000}


@dataclass
class Budget:
    """What one comparison may still spend, and what it spent."""

    word_chars: int = WORD_CHARS
    field_cells: int = FIELD_CELLS
    cells: int = TOTAL_CELLS
    units: int = TOTAL_UNITS
    #: Characters cut into words so far.
    chars_tokenized: int = 0
    #: Alignment cells used so far.
    cells_used: int = 0
    #: Units aligned so far.
    units_used: int = 0
    #: The largest alignment of one field.
    largest_alignment: int = 0


@dataclass(frozen=True)
class TextDiff:
    """``segments``: ``(op, text)`` with op ``equal``, ``delete`` or ``insert``; ``detail``: how."""

    detail: str
    segments: tuple[tuple[str, str], ...] = field(default=())

    @property
    def size(self) -> int:
        """Characters held (for the cache's bound)."""
        return sum(len(text) for _op, text in self.segments)


def _joins_previous(ch: str) -> bool:
    # Thai vowel and tone marks above and below, SARA AM, zero-width joiners, variation selectors.
    return unicodedata.category(ch) in ('Mn', 'Mc', 'Me', 'Cf') or ch in '\u0e33\u0e45'


def _joins_next(ch: str) -> bool:
    # Thai vowels written before their consonant (เ แ โ ใ ไ), and the zero-width joiner.
    return '\u0e40' <= ch <= '\u0e44' or ch == '\u200d'


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search over slices: C speed, never a Python loop per character
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _trim(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common beginning and end, never cutting a Thai character cluster."""
    p = _common_prefix(a, b)

    def unsafe_start(p):
        return p > 0 and (
            _joins_next(a[p - 1])
            or (p < len(a) and _joins_previous(a[p]))
            or (p < len(b) and _joins_previous(b[p]))
        )

    for _ in range(CLUSTER):
        if not unsafe_start(p):
            break
        p -= 1
    s = _common_suffix(a, b, min(len(a), len(b)) - p)

    def unsafe_end(s):
        qa, qb = len(a) - s, len(b) - s
        return s > 0 and (
            _joins_previous(a[qa])
            or (qa > 0 and _joins_next(a[qa - 1]))
            or (qb > 0 and _joins_next(b[qb - 1]))
        )

    for _ in range(CLUSTER):
        if not unsafe_end(s):
            break
        s -= 1
    return p, s


def _widen(a: str, b: str, p: int, s: int, level: str) -> tuple[int, int]:
    """Move the cuts outwards: to a space or line break near them, else by :data:`CONTEXT`."""
    if level == WHOLE:
        return p, s
    if level == WORDS:
        window, stops = CONTEXT, (' ', '\n', '\t')
    else:
        window, stops = _WIDEN[level], ('\n',) if level == LINES else (' ', '\n', '\t')
    head = a[max(0, p - window) : p]
    cut = max(head.rfind(c) for c in stops)
    if cut >= 0:
        p = p - len(head) + cut + 1
    elif level == WORDS:
        p = max(0, p - CONTEXT)
    tail = a[len(a) - s : len(a) - s + window]
    found = [i for i in (tail.find(c) for c in stops) if i >= 0]
    if found:
        s = s - min(found)
    elif level == WORDS:
        s = max(0, s - CONTEXT)
    return _trim_safe(a, b, p, s)


def _trim_safe(a: str, b: str, p: int, s: int) -> tuple[int, int]:
    for _ in range(CLUSTER):
        if not (
            p > 0 and (_joins_next(a[p - 1]) or _joins_previous(a[p]) or _joins_previous(b[p]))
        ):
            break
        p -= 1
    for _ in range(CLUSTER):
        qa, qb = len(a) - s, len(b) - s
        if not (
            s > 0 and (_joins_previous(a[qa]) or _joins_next(a[qa - 1]) or _joins_next(b[qb - 1]))
        ):
            break
        s -= 1
    return p, s


def _chunks(text: str):
    """Pieces of at most :data:`CHUNK` characters, cut after a space when there is one."""
    start = 0
    while len(text) - start > CHUNK:
        end = start + CHUNK
        space = text.rfind(' ', start + CHUNK // 2, end)
        if space >= 0:
            end = space + 1
        for _ in range(CLUSTER):
            if not (_joins_previous(text[end]) or _joins_next(text[end - 1])):
                break
            end -= 1
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def words(text: str) -> list[str]:
    """Cut ``text`` into words (Thai by dictionary), keeping spaces as their own tokens."""
    tokens: list[str] = []
    for piece in _chunks(text):
        # join_broken_num=False: its number pattern is quadratic on long runs of digits.
        cut = word_tokenize(piece, engine='newmm', keep_whitespace=True, join_broken_num=False)
        tokens.extend(cut if ''.join(cut) == piece else [piece])
    return tokens


def _most_units(text: str, level: str) -> int:
    """At most how many units ``text`` has at a coarse level, counted without cutting it."""
    if level == LINES:
        return text.count('\n') + 1
    return sum(text.count(c) for c in ' \t\r\n') + 1


def _units(text: str, level: str) -> list[str]:
    if level == WORDS:
        return words(text)
    return (_SPACE_UNITS if level == SPACES else _LINE_UNITS).findall(text)


def _lcs_ops(a: list[str], b: list[str]) -> list[str]:
    """``=``, ``-`` or ``+`` for each unit: a longest common subsequence (Hyyrö's bit vectors).

    Row ``j`` holds one bit per unit of ``a``: 0 where the LCS of ``a[:i+1]`` and ``b[:j]``
    grows by one at ``i``. Each row is a few big-integer operations (30 cells per digit);
    the rows are kept for the walk back.
    """
    n = len(a)
    positions: dict[str, list[int]] = {}
    for i, unit in enumerate(a):
        positions.setdefault(unit, []).append(i)
    masks = {}
    for unit, where in positions.items():
        if len(where) <= 16:
            masks[unit] = sum(1 << i for i in where)
        else:
            bits = bytearray((n >> 3) + 1)
            for i in where:
                bits[i >> 3] |= 1 << (i & 7)
            masks[unit] = int.from_bytes(bits, 'little')
    full = (1 << n) - 1
    row = full
    rows = [row]
    for unit in b:
        match = row & masks.get(unit, 0)
        row = ((row + match) | (row - match)) & full
        rows.append(row)
    i, j = n, len(b)
    ops = []
    while i and j:
        if a[i - 1] == b[j - 1]:
            ops.append('=')
            i, j = i - 1, j - 1
        elif (rows[j] >> (i - 1)) & 1:  # the LCS does not grow at a[i-1]: drop it
            ops.append('-')
            i -= 1
        else:
            ops.append('+')
            j -= 1
    ops.extend('-' * i)
    ops.extend('+' * j)
    ops.reverse()
    return ops


def _segments(a: list[str], b: list[str], ops: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    ia = ib = 0
    equal: list[str] = []
    gone: list[str] = []
    came: list[str] = []

    def flush_changes():
        if gone:
            out.append(('delete', ''.join(gone)))
            gone.clear()
        if came:
            out.append(('insert', ''.join(came)))
            came.clear()

    for op in ops:
        if op == '=':
            flush_changes()
            equal.append(a[ia])
            ia, ib = ia + 1, ib + 1
            continue
        if equal:
            out.append(('equal', ''.join(equal)))
            equal.clear()
        if op == '-':
            gone.append(a[ia])
            ia += 1
        else:
            came.append(b[ib])
            ib += 1
    flush_changes()
    if equal:
        out.append(('equal', ''.join(equal)))
    return out


def _merge(parts: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for op, text in parts:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return tuple(out)


def _affordable(n: int, m: int, budget: Budget) -> bool:
    return (
        n * m <= min(budget.field_cells, budget.cells - budget.cells_used)
        and n + m <= budget.units - budget.units_used
    )


def _align(a_mid: str, b_mid: str, level: str, budget: Budget):
    """Segments of two middles at ``level``, or None when the budget does not allow it."""
    if level == WORDS:
        size = len(a_mid) + len(b_mid)
        if size > budget.word_chars - budget.chars_tokenized:
            return None
        budget.chars_tokenized += size
    else:
        most_a, most_b = _most_units(a_mid, level), _most_units(b_mid, level)
        if most_a == most_b == 1 or not _affordable(most_a, most_b, budget):
            return None  # one piece each is no finer than the changed part shown whole
    a, b = _units(a_mid, level), _units(b_mid, level)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_core, b_core = a[head : len(a) - tail], b[head : len(b) - tail]
    if not _affordable(len(a_core), len(b_core), budget):
        return None
    cells = len(a_core) * len(b_core)
    budget.cells_used += cells
    budget.units_used += len(a_core) + len(b_core)
    budget.largest_alignment = max(budget.largest_alignment, cells)
    middle = _segments(a_core, b_core, _lcs_ops(a_core, b_core)) if cells else [
        ('delete', ''.join(a_core)),
        ('insert', ''.join(b_core)),
    ]  # fmt: skip
    return [('equal', ''.join(a[:head])), *middle, ('equal', ''.join(a[len(a) - tail :]))]


def diff_text(old: str, new: str, budget: Budget) -> TextDiff:
    """Compare two texts as finely as ``budget`` allows; spend from it."""
    if old == new:
        return TextDiff(WORDS, _merge([('equal', old)]))
    p, s = _trim(old, new)
    if p == len(old) - s or p == len(new) - s:  # a pure insertion or deletion
        middle = [('delete', old[p : len(old) - s]), ('insert', new[p : len(new) - s])]
        return TextDiff(
            WORDS, _merge([('equal', old[:p]), *middle, ('equal', old[len(old) - s :])])
        )
    for level in (WORDS, SPACES, LINES):
        wp, ws = _widen(old, new, p, s, level)
        aligned = _align(old[wp : len(old) - ws], new[wp : len(new) - ws], level, budget)
        if aligned is not None:
            parts = [('equal', old[:wp]), *aligned, ('equal', old[len(old) - ws :])]
            return TextDiff(level, _merge(parts))
    parts = [
        ('equal', old[:p]),
        ('delete', old[p : len(old) - s]),
        ('insert', new[p : len(new) - s]),
        ('equal', old[len(old) - s :]),
    ]
    return TextDiff(WHOLE, _merge(parts))


def diff_texts(pairs: list[tuple[str, str]], budget: Budget | None = None):
    """Compare each ``(old, new)`` within one budget; return the diffs and the budget spent."""
    budget = budget or Budget()
    return [diff_text(old, new, budget) for old, new in pairs], budget
