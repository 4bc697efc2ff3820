/* "Show earlier comments" in place: fetch the threads before the oldest one shown (an HTML
   fragment from /commitments/<id>/comments?before=…) and put them above it, with the next such
   link. Without JavaScript, or when the fetch fails, the link opens the page with that window. */
(function () {
  'use strict';
  var section = document.getElementById('discussion');
  var list = document.getElementById('comments');
  if (!section || !list || !window.fetch) { return; }

  // A comment already on the page (e.g. a live reply whose thread was not shown yet) gives way
  // to the copy in its thread; a wrapper left without comments goes too.
  function dropCopies(fragment) {
    fragment.querySelectorAll('[data-comment-id]').forEach(function (node) {
      var old = document.getElementById(node.id);
      if (!old) { return; }
      var thread = old.closest('.thread');
      old.remove();
      if (thread && !thread.querySelector('[data-comment-id]')) { thread.remove(); }
    });
  }

  function childrenOf(node) {
    var part = document.createDocumentFragment();
    while (node.firstChild) { part.appendChild(node.firstChild); }
    return part;
  }

  function load(link) {
    var holder = link.closest('.show-earlier');
    if (holder.getAttribute('aria-busy') === 'true') { return; }
    holder.setAttribute('aria-busy', 'true');
    fetch(link.getAttribute('data-earlier'), {
      credentials: 'same-origin', headers: { Accept: 'text/html' }
    }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.text();
    }).then(function (html) {
      var template = document.createElement('template');
      template.innerHTML = html;
      var fragment = template.content;
      var threads = fragment.getElementById('earlier-threads');
      var next = fragment.querySelector('.show-earlier');
      dropCopies(fragment);
      var first = threads.querySelector('.comment');
      var empty = document.getElementById('no-comments');
      if (empty && first) { empty.remove(); }
      list.insertBefore(childrenOf(threads), list.firstChild);
      if (next) {
        holder.replaceWith(next);
        next.querySelector('a').focus();
      } else {
        holder.remove();
        if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
      }
    }).catch(function () {
      window.location.href = link.href; // the page with the same window, as without JavaScript
    });
  }

  section.addEventListener('click', function (event) {
    var link = event.target.closest('.show-earlier a[data-earlier]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    load(link);
  });
})();
