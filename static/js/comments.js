/* Live discussion: comments arrive and change without reloading; posting goes over the socket
   with a client id (a retry never duplicates); the text being written survives reconnects and
   reloads (localStorage). Without JavaScript the form posts over HTTP. */
(function () {
  'use strict';
  var forum = window.forumLive;
  var section = document.getElementById('discussion');
  if (!forum || !section) { return; }
  var socket = forum.socket;
  var commitmentId = forum.commitmentId;
  var text = JSON.parse(document.getElementById('comment-text').textContent);
  var lang = document.documentElement.lang === 'en' ? 'en' : 'th';
  var list = document.getElementById('comments');
  var form = document.getElementById('comment-form');
  var draftKey = 'forum:comment-draft:' + commitmentId;

  // Switching language keeps the place on the page: the part last read (or the form being
  // written in) goes with the language form's "next" as its fragment. Reaching the switch
  // scrolls to the top, so the place is the one where the reader last stopped scrolling.
  var TOP = 200;
  var lastPlace = '';
  var placeTimer = null;
  function placeNow() {
    var parts = document.querySelectorAll('.commitment [id^="f-"], .commitment [id^="milestone-"],' +
      ' #discussion, #discussion .comment[id]');
    var found = '';
    Array.prototype.forEach.call(parts, function (node) {
      if (node.id.indexOf('f-') === 0 && node.closest('[id^="milestone-"]')) { return; } // its milestone
      if (node.getBoundingClientRect().top <= window.innerHeight / 3) { found = '#' + node.id; }
    });
    return found;
  }
  window.addEventListener('scroll', function () {
    clearTimeout(placeTimer);
    placeTimer = setTimeout(function () {
      if (window.scrollY > TOP) { lastPlace = placeNow(); }
    }, 500);
  }, { passive: true });
  document.addEventListener('focusin', function (event) {
    if (event.target.closest && event.target.closest('#comment-form')) { lastPlace = '#comment-form'; }
  });
  document.addEventListener('submit', function (event) {
    var next = event.target.matches('.lang-switch') && event.target.querySelector('[name="next"]');
    if (!next) { return; }
    var hash = (window.scrollY > TOP ? placeNow() : '') || lastPlace || location.hash;
    if (hash) { next.value = next.value.split('#')[0] + hash; }
  });
  var pendingKey = 'forum:comment-pending:' + commitmentId;

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
    return h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') + '-' + h.slice(6, 8).join('') +
      '-' + h.slice(8, 10).join('') + '-' + h.slice(10).join('');
  }

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  // The delete form as the server renders it (comments/_comment.html): without a socket it posts.
  function deleteForm(id) {
    var f = el('form', 'inline delete-form');
    f.method = 'post';
    f.action = '/comments/' + id + '/delete';
    f.setAttribute('data-delete', id);
    var token = el('input');
    token.type = 'hidden';
    token.name = 'csrf_token';
    token.value = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
    f.appendChild(token);
    var button = el('button', 'link danger', text.delete);
    button.type = 'submit';
    f.appendChild(button);
    return f;
  }

  // keptHtml: the text a moderator's page showed before the comment was hidden (the broadcast
  // carries none); it stays readable to them in a "Read the hidden comment" disclosure.
  function render(c, keptHtml) {
    var article = el('article', 'comment' + (c.parent_id ? ' reply' : '') +
      (c.is_deleted || c.is_hidden ? ' gone' : ''));
    article.id = 'comment-' + c.id;
    article.setAttribute('data-comment-id', c.id);
    article.setAttribute('data-parent-id', c.parent_id || '');
    article.setAttribute('aria-labelledby', 'comment-' + c.id + '-by');
    var header = el('header');
    var name = el('strong', null, c.author.name);
    name.id = 'comment-' + c.id + '-by';
    header.appendChild(name);
    var names = c.author.organisation_names;
    var org = names ? names[lang] || names[lang === 'th' ? 'en' : 'th'] : c.author.organisation;
    if (org) {
      header.appendChild(el('span', 'org', ' ' + org));
      if (!c.author.organisation_verified) {
        header.appendChild(el('span', 'affiliation unverified', ' (' + c.author.organisation_status[lang] + ')'));
      }
    }
    header.appendChild(el('span', 'badge sector-' + c.author.sector.code, c.author.sector[lang]));
    if (c.stance_label) { header.appendChild(el('span', 'stance stance-' + c.stance, c.stance_label[lang])); }
    if (c.anchor && !c.parent_id) {
      // The comment's own label first: it names milestones added since the page loaded, and a
      // milestone since removed (anchor "milestone", no id: a label, not a link).
      var label = (c.anchor_label && c.anchor_label[lang]) || text.anchors[c.anchor] || '';
      if (c.anchor === 'milestone') {
        header.appendChild(el('span', 'anchor-link removed', label));
      } else {
        var a = el('a', 'anchor-link', label);
        a.href = c.anchor.indexOf('milestone:') === 0 ? '#milestone-' + c.anchor.split(':')[1] : '#f-' + c.anchor;
        header.appendChild(a);
      }
    }
    var time = el('time', null, c.created_label[lang]);
    time.setAttribute('datetime', c.created);
    header.appendChild(time);
    if (c.edited) { header.appendChild(el('span', 'edited', text.edited)); }
    article.appendChild(header);
    if (c.is_deleted) {
      article.appendChild(el('p', 'placeholder', text.deleted));
    } else if (c.is_hidden) {
      var why = (c.hidden_label && c.hidden_label[lang]) || c.hidden_reason || '';
      article.appendChild(el('p', 'placeholder', text.hidden.replace('{reason}', why)));
      var mine_ = text.me && c.author.id === text.me;
      var after = el('div', 'comment-actions');
      if (text.moderate && !mine_ && keptHtml) {
        var details = el('details', 'hidden-text');
        details.appendChild(el('summary', null, text.readHidden));
        var keptBody = el('div', 'body');
        keptBody.innerHTML = keptHtml; // what this page already showed (sanitised on the server)
        details.appendChild(keptBody);
        article.appendChild(details);
      }
      if (text.moderate && !mine_) { // moderators read it on the moderation page and restore it
        var restore = el('a', null, text.restore);
        restore.href = '/comments/' + c.id + '/hide';
        restore.setAttribute('data-moderate', c.id);
        after.appendChild(restore);
      } else if (mine_) {
        var appeal = el('a', null, text.appeal);
        appeal.href = '/comments/' + c.id + '/appeal';
        appeal.setAttribute('data-appeal', c.id);
        after.appendChild(appeal);
      }
      if (after.childNodes.length) { article.appendChild(after); }
    } else {
      var body = el('div', 'body');
      body.innerHTML = c.body_html; // sanitised on the server (markdown subset, nh3)
      article.appendChild(body);
      var actions = el('div', 'comment-actions');
      if (text.mayComment && !c.parent_id) {
        var reply = el('a', null, text.reply);
        reply.href = '?reply=' + c.id + '#comment-form';
        reply.setAttribute('data-reply', c.id);
        actions.appendChild(reply);
      }
      if (text.me && c.author.id === text.me) {
        article.setAttribute('data-editable-until', c.editable_until);
        if (Date.now() < Date.parse(c.editable_until)) {
          var edit = el('a', null, text.edit);
          edit.href = '/comments/' + c.id + '/edit';
          edit.setAttribute('data-edit', c.id);
          actions.appendChild(edit);
        }
      }
      var own = text.me && c.author.id === text.me;
      if (text.me && !own) {
        var flag = el('a', null, text.flag);
        flag.href = '/comments/' + c.id + '/flag';
        flag.setAttribute('data-flag', c.id);
        actions.appendChild(flag);
      }
      if (text.moderate && !own) { // moderators never act on their own comments
        var hide = el('a', null, text.hide);
        hide.href = '/comments/' + c.id + '/hide';
        hide.setAttribute('data-moderate', c.id);
        actions.appendChild(hide);
      }
      if (text.me && c.author.id === text.me) { actions.appendChild(deleteForm(c.id)); }
      if (actions.childNodes.length) { article.appendChild(actions); }
    }
    return article;
  }

  // Every comment this page holds, by id, in its newest state (the highest seq seen): an event
  // or ack with an older or equal state is ignored, so a re-sent or late one changes nothing.
  var known = {};
  var pageSeq = parseInt((document.querySelector('[data-comment-seq]') || section)
    .getAttribute('data-comment-seq'), 10) || 0;
  var orphans = {}; // replies whose thread has not arrived (or lies before the window)

  function seqOf(node) {
    var seq = node.getAttribute('data-seq');
    return seq === null ? pageSeq : parseInt(seq, 10); // rendered by the server: the page's seq
  }

  function placeThread(node, c) {
    var wrap = el('div', 'thread');
    wrap.setAttribute('data-thread', c.id);
    wrap.appendChild(node);
    wrap.appendChild(el('div', 'replies'));
    var threads = list.querySelectorAll('[data-thread]');
    for (var i = 0; i < threads.length; i++) { // in id order, as on the page
      if (parseInt(threads[i].getAttribute('data-thread'), 10) > c.id) {
        list.insertBefore(wrap, threads[i]);
        return;
      }
    }
    list.appendChild(wrap);
  }

  function upsert(c) {
    if (!c || c.commitment_id !== commitmentId) { return; }
    forum.saw(c.seq);
    var existing = document.getElementById('comment-' + c.id);
    var had = known[c.id] ? known[c.id].seq : (existing ? seqOf(existing) : -1);
    if (c.seq <= had) { return; }
    known[c.id] = c;
    var shown = c.is_hidden && text.moderate && existing &&
      existing.querySelector(':scope > .body, :scope > details.hidden-text > .body');
    var node = render(c, shown ? shown.innerHTML : null);
    node.setAttribute('data-seq', c.seq);
    if (existing) { existing.replaceWith(node); return; }
    if (c.parent_id) {
      var thread = list.querySelector('[data-thread="' + c.parent_id + '"] .replies');
      if (!thread) { (orphans[c.parent_id] = orphans[c.parent_id] || []).push(c); return; }
      thread.appendChild(node);
    } else {
      // A filtered window (?about=, ?before=) takes no new thread it does not show, except the
      // reader's own (just posted here).
      var mine = text.me && c.author.id === text.me;
      if (!mine && (section.hasAttribute('data-before') || (section.hasAttribute('data-about') &&
          (c.anchor || '') !== section.getAttribute('data-about')))) {
        delete known[c.id];
        return;
      }
      var first = list.querySelector('[data-thread]');
      // A thread older than the oldest shown belongs to "show earlier", not to this window.
      if (first && c.id < parseInt(first.getAttribute('data-thread'), 10) && hasEarlier()) {
        delete known[c.id];
        return;
      }
      placeThread(node, c);
      (orphans[c.id] || []).forEach(function (r) { delete known[r.id]; upsert(r); });
      delete orphans[c.id];
    }
    var empty = document.getElementById('no-comments');
    if (empty) { empty.remove(); }
    scheduleEditExpiry();
  }

  // The edit link goes when the edit window closes (the server refuses a later save).
  var editTimer = null;
  function scheduleEditExpiry() {
    clearTimeout(editTimer);
    var next = Infinity;
    var now = Date.now();
    Array.prototype.forEach.call(list.querySelectorAll('[data-editable-until]'), function (node) {
      var link = node.querySelector(':scope > .comment-actions [data-edit]');
      if (!link) { return; }
      var until = Date.parse(node.getAttribute('data-editable-until'));
      if (until <= now) { link.remove(); } else { next = Math.min(next, until); }
    });
    if (next !== Infinity) { editTimer = setTimeout(scheduleEditExpiry, Math.min(next - now + 50, 2147483647)); }
  }
  scheduleEditExpiry();

  function hasEarlier() {
    return !!document.getElementById('show-earlier') || list.hasAttribute('data-has-earlier');
  }

  // After a reset the "show earlier" link starts before the new window's oldest thread.
  function resetEarlier(ack) {
    var link = document.querySelector('#show-earlier a');
    var heads = (ack.comments || []).filter(function (c) { return !c.parent_id; });
    if (!link) { return; }
    if (!ack.has_earlier || !heads.length) { link.parentNode.remove(); return; }
    var oldest = 'before=' + Math.min.apply(null, heads.map(function (c) { return c.id; }));
    ['href', 'data-earlier'].forEach(function (name) {
      var value = link.getAttribute(name);
      if (value) { link.setAttribute(name, value.replace(/before=\d+/, oldest)); }
    });
  }

  function onJoin(ack) {
    if (ack.reset) {
      // Too much was missed: the list becomes the latest window, plus whatever newer change
      // arrived while the join was answered.
      var newer = Object.keys(known).map(function (id) { return known[id]; })
        .filter(function (c) { return c.seq > ack.seq; });
      list.innerHTML = '';
      known = {};
      orphans = {};
      pageSeq = 0;
      resetEarlier(ack);
      section.dispatchEvent(new CustomEvent('forum:comments-reset', { detail: ack }));
      (ack.comments || []).concat(newer).forEach(upsert);
    } else {
      (ack.comments || []).forEach(upsert);
    }
    if (ack.has_earlier) { list.setAttribute('data-has-earlier', ''); }
    sendPending();
  }

  forum.onJoin(onJoin);
  ['comment_added', 'comment_updated', 'comment_deleted', 'comment_hidden'].forEach(function (name) {
    socket.on(name, function (data) { upsert(data.comment); });
  });

  function deleteNow(formNode) {
    var id = parseInt(formNode.getAttribute('data-delete'), 10);
    if (!forum.connected) { formNode.submit(); return; } // a plain POST, as without JS
    socket.emit('delete_comment', { comment_id: id }, function (ack) {
      if (ack && ack.ok) { upsert(ack.comment); } else { formNode.submit(); }
    });
  }
  // Delete asks first, in place: "Delete this comment?" Yes / No (touch and keyboard alike).
  list.addEventListener('submit', function (event) {
    var target = event.target;
    if (!target.matches('[data-delete]')) { return; }
    event.preventDefault();
    if (target.querySelector('.confirm-delete')) { return; }
    var button = target.querySelector('[type=submit]');
    var ask = el('span', 'confirm-delete');
    ask.setAttribute('role', 'group');
    var question = el('span', 'question', text.confirmDelete);
    question.id = 'confirm-delete-' + target.getAttribute('data-delete');
    ask.setAttribute('aria-labelledby', question.id);
    var yes = el('button', 'link danger', text.yes);
    yes.type = 'button';
    yes.setAttribute('data-confirm', 'yes');
    var no = el('button', 'link', text.no);
    no.type = 'button';
    no.setAttribute('data-confirm', 'no');
    ask.appendChild(question);
    ask.appendChild(yes);
    ask.appendChild(no);
    button.hidden = true;
    target.appendChild(ask);
    no.focus();
  });
  list.addEventListener('click', function (event) {
    var choice = event.target.closest('[data-confirm]');
    if (!choice) { return; }
    var formNode = choice.closest('[data-delete]');
    var button = formNode.querySelector('[type=submit]');
    choice.closest('.confirm-delete').remove();
    button.hidden = false;
    if (choice.getAttribute('data-confirm') === 'yes') { deleteNow(formNode); } else { button.focus(); }
  });

  if (!form) { return; }
  var body = form.querySelector('[name="body"]');
  var anchor = form.querySelector('[name="anchor"]');
  var stance = form.querySelector('[name="stance"]');
  var parent = form.querySelector('[name="parent_id"]');
  var clientId = form.querySelector('[name="client_id"]');
  var error = document.getElementById('comment-error');
  var replying = document.getElementById('replying');

  function saveDraft() {
    localStorage.setItem(draftKey, JSON.stringify({
      body: body.value, anchor: anchor.value, stance: stance.value, parent_id: parent.value,
      client_id: clientId.value
    }));
  }
  function restoreDraft() {
    var draft = JSON.parse(localStorage.getItem(draftKey) || 'null');
    if (!draft) { return; }
    if (draft.body && !body.value) { body.value = draft.body; }
    if (draft.anchor) { anchor.value = draft.anchor; }
    if (draft.stance) { stance.value = draft.stance; }
    if (draft.parent_id) { parent.value = draft.parent_id; showReplying(draft.parent_id); }
    if (draft.client_id) { clientId.value = draft.client_id; }
  }
  function showReplying(id) {
    var by = document.getElementById('comment-' + id + '-by');
    var to = document.getElementById('replying-to');
    if (by && to) { to.textContent = text.replyingTo.replace('{name}', by.textContent); }
    replying.hidden = false;
  }
  function reset() {
    body.value = '';
    stance.value = ''; // each comment takes its own stance: a thank-you is no concern
    parent.value = '';
    replying.hidden = true;
    clientId.value = uuid();
    localStorage.removeItem(draftKey);
  }
  function showError(message) {
    error.textContent = message || '';
    error.hidden = !message;
  }
  function payload() {
    var data = { commitment_id: commitmentId, body: body.value, client_id: clientId.value,
      anchor: anchor.value, stance: stance.value };
    if (parent.value) { data.parent_id = parseInt(parent.value, 10); }
    return data;
  }
  function send(data, done) {
    socket.timeout(10000).emit('post_comment', data, function (err, ack) {
      if (err) { done(null); return; } // no answer: kept as pending, sent again on reconnect
      done(ack);
    });
  }

  // Comments sent but not yet stored, by client id: shown in place ("sending…", or "not sent"
  // with a retry that sends the same client id, so the server stores it once), kept in
  // localStorage across reloads and sent again on every (re)join.
  function pendingList() {
    var stored = JSON.parse(localStorage.getItem(pendingKey) || 'null');
    if (!stored) { return []; }
    return Array.isArray(stored) ? stored : [stored];
  }
  function keepPending(list_) {
    if (list_.length) { localStorage.setItem(pendingKey, JSON.stringify(list_)); }
    else { localStorage.removeItem(pendingKey); }
  }
  function addPending(data) {
    keepPending(pendingList().filter(function (p) { return p.client_id !== data.client_id; })
      .concat([data]));
  }
  function dropPending(id) {
    keepPending(pendingList().filter(function (p) { return p.client_id !== id; }));
    var node = document.getElementById('pending-' + id);
    if (node) { node.remove(); }
  }
  function pendingNode(data) {
    var node = document.getElementById('pending-' + data.client_id);
    if (node) { return node; }
    node = el('article', 'pending-comment' + (data.parent_id ? ' pending-reply' : ''));
    node.id = 'pending-' + data.client_id;
    node.setAttribute('aria-labelledby', node.id + '-by');
    var header = el('header');
    var name = el('strong', null, text.myName || '');
    name.id = node.id + '-by';
    header.appendChild(name);
    node.appendChild(header);
    var bodyNode = el('div', 'body');
    data.body.split(/\n/).forEach(function (line) { bodyNode.appendChild(el('p', null, line)); });
    node.appendChild(bodyNode);
    var state = el('p', 'pending-state');
    state.setAttribute('role', 'status');
    node.appendChild(state);
    var thread = data.parent_id &&
      list.querySelector('[data-thread="' + data.parent_id + '"] .replies');
    (thread || list).appendChild(node);
    var empty = document.getElementById('no-comments');
    if (empty) { empty.remove(); }
    return node;
  }
  function markPending(data, failed) {
    var node = pendingNode(data);
    node.classList.toggle('failed', failed);
    var state = node.querySelector('.pending-state');
    state.textContent = failed ? text.notSent + ' ' : text.sending;
    if (failed) {
      var retry = el('button', 'link', text.retry);
      retry.type = 'button';
      retry.setAttribute('data-retry', data.client_id);
      state.appendChild(retry);
    }
  }
  function deliver(data, fromForm) {
    addPending(data);
    markPending(data, false);
    if (!forum.connected) { markPending(data, true); return; } // sent again on reconnect
    send(data, function (ack) {
      if (!ack) { markPending(data, true); return; }
      dropPending(data.client_id);
      if (ack.ok) {
        upsert(ack.comment);
        setFormStatus(text.sent, false);
      } else {
        showError(ack.error);
        if (fromForm !== false && !body.value) { // the text comes back, to be corrected
          body.value = data.body; anchor.value = data.anchor; stance.value = data.stance;
          if (data.parent_id) { parent.value = data.parent_id; showReplying(data.parent_id); }
          saveDraft();
        }
      }
    });
  }
  function sendPending() {
    pendingList().forEach(function (data) { deliver(data, false); });
  }

  var formStatus = document.getElementById('form-connection');
  function setFormStatus(message, offline) {
    if (!formStatus) { return; }
    formStatus.textContent = message;
    formStatus.classList.toggle('offline', offline);
  }
  socket.on('connect', function () { setFormStatus(text.online, false); });
  socket.on('disconnect', function () { setFormStatus(text.offline, true); });
  window.addEventListener('offline', function () { setFormStatus(text.offline, true); });
  if (forum.connected) { setFormStatus(text.online, false); }

  restoreDraft();
  if (parent.value) { showReplying(parent.value); }
  pendingList().forEach(function (data) { markPending(data, !forum.connected); });
  body.addEventListener('input', saveDraft);
  anchor.addEventListener('change', saveDraft);
  stance.addEventListener('change', saveDraft);

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    showError('');
    var data = payload();
    reset(); // the text now shows in place, as pending
    deliver(data, true);
  });

  list.addEventListener('click', function (event) {
    var retry = event.target.closest('[data-retry]');
    if (!retry) { return; }
    var id = retry.getAttribute('data-retry');
    pendingList().filter(function (p) { return p.client_id === id; })
      .forEach(function (data) { deliver(data, false); });
  });

  document.addEventListener('click', function (event) {
    var target = event.target.closest('[data-anchor], [data-reply], #cancel-reply');
    if (!target) { return; }
    event.preventDefault();
    if (target.id === 'cancel-reply') { parent.value = ''; replying.hidden = true; saveDraft(); return; }
    if (target.hasAttribute('data-reply')) {
      parent.value = target.getAttribute('data-reply');
      showReplying(parent.value);
    } else {
      anchor.value = target.getAttribute('data-anchor');
      parent.value = '';
      replying.hidden = true;
    }
    saveDraft();
    form.scrollIntoView({ block: 'center' });
    body.focus();
  });
})();
