/* The date beside each date input, in the reader's calendar (B.E. with Thai month names on a Thai
   page), rewritten as the input changes. The server renders it for the current value with the
   same pattern (forum/core/date_inputs.py); without JavaScript that one stays. */
(function () {
  'use strict';
  var source = document.getElementById('date-text');
  if (!source) { return; }
  var text = JSON.parse(source.textContent);
  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  /* "2026-07-01" as the server writes it ("1 กรกฎาคม 2569"); '' for no or a partial date. */
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
    return text.template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
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

  Array.prototype.forEach.call(document.querySelectorAll('[data-date-of]'), follow);
}());
