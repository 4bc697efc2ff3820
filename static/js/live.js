/* One Socket.IO connection per commitment page: joins the commitment's room, rejoins after a
   drop with the last comment id seen (so missed comments arrive), shows the connection state.
   drafting.js and comments.js plug into window.forumLive. */
(function () {
  'use strict';
  var holder = document.querySelector('[data-commitment-id]');
  if (!holder || !window.io) { return; }
  var commitmentId = parseInt(holder.getAttribute('data-commitment-id'), 10);
  if (!commitmentId) { return; }
  var meta = document.querySelector('meta[name="csrf-token"]');
  var socket = window.io({ auth: { csrf_token: meta ? meta.content : '' } });
  var joinHandlers = [];
  var status = document.getElementById('connection');
  var texts = {};
  var textNode = document.getElementById('comment-text');
  if (textNode) { texts = JSON.parse(textNode.textContent); }
  var everConnected = false;
  var hideTimer = null;

  var lastId = 0;
  document.querySelectorAll('[data-comment-id]').forEach(function (el) {
    lastId = Math.max(lastId, parseInt(el.getAttribute('data-comment-id'), 10) || 0);
  });

  var api = {
    socket: socket,
    commitmentId: commitmentId,
    lastCommentId: lastId,
    connected: false,
    onJoin: function (fn) { joinHandlers.push(fn); },
    saw: function (id) { if (id > api.lastCommentId) { api.lastCommentId = id; } }
  };

  function showStatus(message, sticky) {
    if (!status) { return; }
    clearTimeout(hideTimer);
    status.textContent = message;
    status.hidden = false;
    status.className = 'connection ' + (sticky ? 'offline' : 'online');
    if (!sticky) { hideTimer = setTimeout(function () { status.hidden = true; }, 3000); }
  }

  socket.on('connect', function () {
    api.connected = true;
    if (everConnected) { showStatus(texts.reconnected || 'Connected again.', false); }
    everConnected = true;
    socket.emit('join', { commitment_id: commitmentId, since_id: api.lastCommentId }, function (ack) {
      if (!ack || !ack.ok) { return; }
      joinHandlers.forEach(function (fn) { fn(ack); });
    });
  });
  socket.on('disconnect', function () {
    api.connected = false;
    showStatus(texts.disconnected || 'Disconnected — reconnecting…', true);
  });
  socket.on('session_ended', function () { socket.disconnect(); });
  window.addEventListener('offline', function () {
    showStatus(texts.disconnected || 'Disconnected — reconnecting…', true);
  });
  window.forumLive = api;
})();
