/* Live drafting on a commitment: presence (who views, who edits) and news of saved revisions.
   Works on the commitment page and on its edit pages; without JavaScript the pages still work. */
(function () {
  'use strict';
  var live = document.getElementById('live');
  var forum = window.forumLive;
  if (!live || !forum) { return; }
  var commitmentId = forum.commitmentId;
  var socket = forum.socket;
  var lang = document.documentElement.lang === 'en' ? 'en' : 'th';
  var text = JSON.parse(document.getElementById('live-text').textContent);
  var pageVersion = parseInt(live.getAttribute('data-version'), 10);
  var isEditPage = !!document.querySelector('form.commitment-form');
  var editing = false;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }

  /* A named person as "name (organisation)", marked when the organisation is unverified. */
  function describe(person) {
    var organisation = person.organisation && person.organisation[lang];
    if (!organisation) { return person.name; }
    if (!person.verified) { organisation += ', ' + text.unverified; }
    return fill(text.person, { name: person.name, organisation: organisation });
  }

  function showPresence(state) {
    var parts = [];
    if (state.editors.length) {
      parts.push(fill(text.editing, { names: state.editors.join(', ') }));
    }
    var sectors = Object.keys(state.by_sector).map(function (code) {
      return (text.sectors[code] || code) + ' ' + state.by_sector[code];
    });
    parts.push(fill(text.viewing, { count: state.viewers, sectors: sectors.join(', ') }));
    var people = state.people || (state.members || []).map(function (name) { return { name: name }; });
    if (people.length) { parts.push(people.map(describe).join(', ')); }
    document.getElementById('live-editors').textContent = parts.join(' · ');
    live.hidden = false;
  }

  function showRevision(data) {
    if (data.revision <= pageVersion) { return; }
    var box = document.getElementById('live-revision');
    var labels = data.changed_labels[lang] || [];
    var message = fill(isEditPage ? text.savedWhileEditing : text.saved,
      { n: data.revision, name: data.author || '' });
    document.getElementById('live-revision-text').textContent =
      message + (labels.length ? ' ' + labels.join(', ') + '.' : '');
    var link = document.getElementById('live-revision-link');
    link.href = data.history_url.replace(/a=\d+/, 'a=' + pageVersion);
    box.hidden = false;
    live.hidden = false;
    var list = document.getElementById('checklist');
    if (list && !isEditPage) { showChecklist(list, data.checklist); }
  }

  function showChecklist(section, checklist) {
    section.className = 'checklist ' + (checklist.passes ? 'passes' : 'fails');
    var body = section.querySelector('[data-checklist-body]');
    if (!body) { return; }
    body.textContent = '';
    if (checklist.passes) {
      var ok = document.createElement('p');
      ok.className = 'ok';
      ok.textContent = text.passes;
      body.appendChild(ok);
      return;
    }
    var problems = checklist.problems[lang] || [];
    var summary = document.createElement('p');
    summary.textContent = fill(text.failing, { count: problems.length });
    body.appendChild(summary);
    var ul = document.createElement('ul');
    problems.forEach(function (p) {
      var li = document.createElement('li');
      li.textContent = p.message;
      li.setAttribute('data-code', p.code);
      li.setAttribute('data-field', p.field);
      ul.appendChild(li);
    });
    body.appendChild(ul);
  }

  function setEditing(value) {
    if (editing === value) { return; }
    editing = value;
    socket.emit('editing', { commitment_id: commitmentId, editing: value });
  }

  forum.onJoin(function (ack) {
    showPresence(ack.presence);
    if (isEditPage) { editing = false; setEditing(true); }
  });
  socket.on('presence', function (state) {
    if (state.commitment_id === commitmentId) { showPresence(state); }
  });
  socket.on('revision_saved', function (data) {
    if (data.commitment_id === commitmentId) { showRevision(data); }
  });
})();

/* On a conflict page, writing in a merged text chooses "Edit a merged text" (the radio buttons
   work the same without JavaScript; this only saves a click). */
(function () {
  'use strict';
  document.querySelectorAll('[data-clash]').forEach(function (box) {
    box.addEventListener('input', function () {
      var radio = document.getElementById('resolve-' + box.getAttribute('data-clash') + '-merged');
      if (radio) { radio.checked = true; }
    });
  });
})();
