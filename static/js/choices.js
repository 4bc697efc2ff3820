/* A checkbox list (the field macro's CheckboxList fieldsets) gets a filter box: typing narrows
   the boxes shown, ticked ones always stay in view, and a count says how many are chosen. The
   boxes post as they would without this script; the filter itself is never sent. */
(function () {
  'use strict';

  function fold(s) { return (s || '').toLocaleLowerCase().replace(/\s+/g, ' ').trim(); }

  function enhance(list) {
    var filter = list.querySelector('.choice-filter');
    var input = filter && filter.querySelector('input[type=search]');
    if (!input) { return; }
    var count = filter.querySelector('[aria-live]');
    var boxes = Array.prototype.slice.call(list.querySelectorAll('.choice input[type=checkbox]'));
    var groups = Array.prototype.slice.call(list.querySelectorAll('.choice-group'));

    function chosen() { return boxes.filter(function (b) { return b.checked; }).length; }

    function apply() {
      var wanted = fold(input.value);
      var shown = 0;
      boxes.forEach(function (box) {
        var label = list.querySelector('label[for="' + box.id + '"]');
        var match = !wanted || box.checked || fold(label && label.textContent).indexOf(wanted) !== -1;
        box.parentNode.hidden = !match;
        if (match) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector('.choice:not([hidden])');
      });
      var text = count.getAttribute('data-text-chosen').replace('{n}', String(chosen()));
      if (!shown) { text = count.getAttribute('data-text-none') + ' ' + text; }
      count.textContent = text;
    }

    input.addEventListener('input', apply);
    input.addEventListener('keydown', function (event) {
      // Enter in the filter would send the whole form: it only filters.
      if (event.key === 'Enter') { event.preventDefault(); }
    });
    boxes.forEach(function (box) { box.addEventListener('change', apply); });
    filter.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-choice-list]'), enhance);
}());
