/* The site's menu on a phone: the header's links and account tools fold behind one "Menu"
   button, so that the page starts on the first screen (the secretariat's header was 293 px of a
   740 px screen). Loaded in the <head>, so that the header is folded before it is first drawn;
   without JavaScript every link shows, as on a wide screen. */
(function () {
  'use strict';
  document.documentElement.classList.add('has-menu');
  document.addEventListener('DOMContentLoaded', function () {
    var header = document.querySelector('.site-header');
    var button = header && header.querySelector('.menu-toggle');
    if (!button) { return; }
    button.hidden = false;
    function show(open) {
      header.classList.toggle('menu-open', open);
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    button.addEventListener('click', function () {
      show(button.getAttribute('aria-expanded') !== 'true');
    });
    // Escape folds the open menu and gives the button its focus back.
    header.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && header.classList.contains('menu-open')) {
        show(false);
        button.focus();
      }
    });
    // A tap on the page below folds it too (the secretariat's open menu fills the screen).
    document.addEventListener('click', function (event) {
      if (header.classList.contains('menu-open') && !header.contains(event.target)) {
        show(false);
      }
    });
  });
}());
