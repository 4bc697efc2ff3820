// Reference server for `make bench` (tests/bench/bench_fanout.py): a minimal Node socket.io server
// that only broadcasts. Usage: node tests/bench/node_server.js PORT
//
// `join` {"commitment_id"} joins room commitment:<id> and acks {"ok": true}.
// `post_comment` {"commitment_id", "body", "client_id"} sends `comment_added` {"comment": payload}
// to that room and acks {"ok": true, "comment": payload}.
// Listens on 127.0.0.1 only; prints "listening <port>" once ready; exits on SIGTERM/SIGINT.
'use strict';

const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || 0);
const httpServer = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer, { serveClient: false });

function roomOf(payload) {
  if (!payload || typeof payload !== 'object' || !Number.isInteger(payload.commitment_id)) {
    return null;
  }
  return `commitment:${payload.commitment_id}`;
}

io.on('connection', (socket) => {
  socket.on('join', (payload, ack) => {
    const room = roomOf(payload);
    if (room === null) {
      if (typeof ack === 'function') ack({ ok: false, error: 'commitment_id must be an integer' });
      return;
    }
    socket.join(room);
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('post_comment', (payload, ack) => {
    const room = roomOf(payload);
    if (room === null) {
      if (typeof ack === 'function') ack({ ok: false, error: 'commitment_id must be an integer' });
      return;
    }
    io.to(room).emit('comment_added', { comment: payload });
    if (typeof ack === 'function') ack({ ok: true, comment: payload });
  });
});

function stop() {
  io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`listening ${httpServer.address().port}`);
});
