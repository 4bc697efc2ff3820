/* The commitment's balance panel for moderators: refetched (the server renders the SVG) whenever
   a comment arrives, changes or goes, on the page's own socket (window.forumLive). Coalesced: at
   most one request in flight, and one more if comments came meanwhile. */
(function () {
  'use strict';
  var forum = window.forumLive;
  var holder = document.getElementById('balance-live');
  if (!forum || !holder) { return; }
  var url = holder.getAttribute('data-panel-url');
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null) {
          var target = holder.querySelector('[data-balance-panel]');
          var box = document.createElement('div');
          box.innerHTML = html;
          var fresh = box.querySelector('[data-balance-panel]');
          if (target && fresh) { target.replaceWith(fresh); }
          holder.setAttribute('data-refreshed', String(Date.now()));
        }
      })
      .catch(function () { /* the next comment tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  ['comment_added', 'comment_updated', 'comment_deleted', 'comment_hidden'].forEach(function (name) {
    forum.socket.on(name, refresh);
  });
})();
