/* The date beside each date input, in the reader's calendar (B.E. with Thai month names on a Thai
   page), rewritten as the input changes. The server renders it for the current value with the
   same pattern (forum/core/date_inputs.py); without JavaScript that one stays. A C.E. year input
   (the plan's first year) gets its B.E. year the same way. */
(function () {
  'use strict';
  if (window.forumDates) { return; }  // loaded twice on a page: once is enough
  window.forumDates = true;
  var source = document.getElementById('date-text');
  var text = source ? JSON.parse(source.textContent) : null;
  var ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  /* "2026-07-01" as the server writes it ("1 กรกฎาคม 2569"), "2026-07-01T09:00" with its time
     ("1 กรกฎาคม 2569 เวลา 09:00 น."); '' for no or a partial date. */
  function write(iso) {
    var parts = ISO.exec(iso || '');
    if (!parts) { return ''; }
    var year = parseInt(parts[1], 10);
    var month = parseInt(parts[2], 10);
    var day = parseInt(parts[3], 10);
    if (month < 1 || month > 12 || day < 1 || day > 31) { return ''; }
    var values = {
      d: String(day), dd: pad(day), m: String(month), mm: pad(month),
      month: text.months[month - 1], year: String(year + text.year_offset)
    };
    var date = text.template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
    if (parts[4] === undefined) { return date; }
    // A date-and-time input ("2026-12-15T09:00"): the date, then the time as typed.
    return text.datetime_template.replace('{date}', date).replace('{time}', parts[4] + ':' + parts[5]);
  }

  function follow(shown) {
    var input = document.getElementById(shown.getAttribute('data-date-of'));
    if (!input) { return; }
    function update() {
      var value = write(input.value);
      shown.textContent = value;
      shown.hidden = !value;
    }
    input.addEventListener('input', update);
    input.addEventListener('change', update);
    update();
  }

  /* "2025" as "พ.ศ. 2568" (the element's template and offset); '' for anything but a year. */
  function followYear(shown) {
    var input = document.getElementById(shown.getAttribute('data-year-of'));
    if (!input) { return; }
    var offset = parseInt(shown.getAttribute('data-year-offset'), 10);
    var template = shown.getAttribute('data-template');
    function update() {
      var value = /^\s*\d{4}\s*$/.test(input.value)
        ? template.replace('{year}', String(parseInt(input.value, 10) + offset)) : '';
      shown.textContent = value;
      shown.hidden = !value;
    }
    input.addEventListener('input', update);
    update();
  }

  if (text) { Array.prototype.forEach.call(document.querySelectorAll('[data-date-of]'), follow); }
  Array.prototype.forEach.call(document.querySelectorAll('[data-year-of]'), followYear);
}());
