"""Where the browser broke lines inside table cells, read from the rendered line boxes.

``bad_breaks(page)`` walks every text node of every table cell, takes a DOM ``Range`` over each
grapheme cluster and reads its client rectangle: a cluster that sits lower than the one before
it starts a new line. Each such break must fall on a word boundary of ``Intl.Segmenter`` (ICU's
dictionary for Thai, the same data Chromium's line breaker uses); a break anywhere else is
reported with the text around it, e.g. ``ฉ|บับแก้ไข``. ``too_wide(page)`` lists the tables (and the
page) that are wider than the viewport.
"""

from __future__ import annotations

#: The cells judged by default: every table's.
TABLE_CELLS = 'table th, table td, table caption'

_BAD_BREAKS = """
(selector) => {
  const words = new Intl.Segmenter('th', {granularity: 'word'});
  const clusters = new Intl.Segmenter('th', {granularity: 'grapheme'});
  const found = [];
  const blockOf = (node) => {
    let el = node.parentElement;
    while (getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  const followsBreak = (node, cell) => {
    for (let at = node; at && at !== cell; at = at.parentNode) {
      for (let prev = at.previousSibling; prev; prev = prev.previousSibling) {
        if (prev.nodeName === 'BR') return true;
        if (prev.textContent.trim()) return false;
      }
    }
    return false;
  };
  for (const cell of document.querySelectorAll(selector)) {
    // The text the reader sees in this cell, node by node (hidden and screen-reader-only text
    // has no line boxes of its own to judge).
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const pieces = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent.closest('.visually-hidden, .breakable, script, style, [hidden]')) continue;
      if (!parent.getClientRects().length) continue;  // inside a closed <details>, display: none
      pieces.push(node);
    }
    let text = '';
    const breaks = [];
    const blockStarts = new Set();  // a text node that opens a new block or follows a <br>
    let lastBottom = null;
    let lastBlock = null;
    for (const node of pieces) {
      const start = text.length;
      const block = blockOf(node);
      if (lastBlock !== null && (block !== lastBlock || followsBreak(node, cell))) {
        blockStarts.add(start);
      }
      lastBlock = block;
      text += node.data;
      for (const {segment, index} of clusters.segment(node.data)) {
        if (!segment.trim()) continue;  // spaces collapse and hang: they have no line of their own
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + segment.length);
        const rects = range.getClientRects();
        if (!rects.length) continue;
        const rect = rects[rects.length - 1];
        if (lastBottom !== null && rect.top >= lastBottom - 1) breaks.push(start + index);
        lastBottom = rect.bottom;
      }
    }
    if (!breaks.length) continue;
    const boundaries = new Set([0, text.length, ...blockStarts]);
    for (const {index, segment} of words.segment(text)) {
      boundaries.add(index);
      boundaries.add(index + segment.length);
    }
    for (const at of breaks) {
      // A break just after spaces is a boundary as well (the spaces hang at the line's end).
      let before = at;
      while (before > 0 && /\\s/.test(text[before - 1])) before -= 1;
      if (boundaries.has(at) || boundaries.has(before)) continue;
      found.push(text.slice(Math.max(0, at - 12), at) + '|' + text.slice(at, at + 12));
    }
  }
  return found;
}
"""

_TOO_WIDE = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width) {
    wide.push('page: ' + document.documentElement.scrollWidth + ' px');
  }
  document.querySelectorAll('table').forEach((table, n) => {
    const right = table.getBoundingClientRect().right;
    const scroller = table.closest('.table-scroll');
    if (right > width + 0.5 || (scroller && scroller.scrollWidth > scroller.clientWidth)) {
      const name = table.caption ? table.caption.textContent.trim() : (table.className || '#' + n);
      wide.push(name + ': ' + Math.round(table.getBoundingClientRect().width) + ' px');
    }
  });
  return wide;
}
"""


def bad_breaks(page, selector: str = TABLE_CELLS) -> list[str]:
    """Return each line break inside the ``selector`` boxes that splits a word (``ฉ|บับ``)."""
    return page.evaluate(_BAD_BREAKS, selector)


def too_wide(page) -> list[str]:
    """Return the tables, and the page, that are wider than the viewport."""
    return page.evaluate(_TOO_WIDE)
