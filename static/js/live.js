/* One Socket.IO connection per commitment page: joins the commitment's room, rejoins after a
   drop with its watermark (since_seq: every comment change up to it has been seen, so exactly
   the missed ones arrive), shows the connection state. drafting.js and comments.js plug into
   window.forumLive. docs/realtime.md, "The cursor and the window". */
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

  // The watermark: the highest comment seq N such that every change numbered up to N has been
  // seen. Events may come out of order (two processes), so seqs above it wait in `above` until
  // the ones before them arrive. The page says which seq it was rendered at.
  var seqHolder = document.querySelector('[data-comment-seq]');
  var watermark = seqHolder ? parseInt(seqHolder.getAttribute('data-comment-seq'), 10) : NaN;
  var hasCursor = !isNaN(watermark);
  if (!hasCursor) { watermark = 0; }
  var above = {};
  var gapTimer = null;
  var GAP_WAIT = 5000; // a change missing this long (its process died?) is asked for again

  function advance() {
    while (above[watermark + 1]) { delete above[watermark + 1]; watermark += 1; }
    var waiting = Object.keys(above).length > 0;
    if (waiting && !gapTimer) {
      gapTimer = setTimeout(function () {
        gapTimer = null;
        if (Object.keys(above).length && api.connected) { join(); }
      }, GAP_WAIT);
    } else if (!waiting && gapTimer) { clearTimeout(gapTimer); gapTimer = null; }
  }

  var api = {
    socket: socket,
    commitmentId: commitmentId,
    connected: false,
    onJoin: function (fn) { joinHandlers.push(fn); },
    /* A comment change numbered `seq` has been seen (an event, an ack, the page). */
    saw: function (seq) {
      if (typeof seq !== 'number' || seq <= watermark) { return; }
      above[seq] = true;
      advance();
    },
    watermark: function () { return watermark; }
  };

  function join() {
    var payload = { commitment_id: commitmentId };
    if (hasCursor) { payload.since_seq = watermark; }
    socket.emit('join', payload, function (ack) {
      if (!ack || !ack.ok) { return; }
      joinHandlers.forEach(function (fn) { fn(ack); });
      // The ack holds every change up to ack.seq (a reset: the window as of ack.seq).
      if (ack.reset || ack.seq > watermark) {
        Object.keys(above).forEach(function (k) { if (+k <= ack.seq) { delete above[k]; } });
        watermark = ack.seq;
      }
      hasCursor = true;
      (ack.comments || []).forEach(function (c) { api.saw(c.seq); });
      advance();
    });
  }

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
    join();
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
