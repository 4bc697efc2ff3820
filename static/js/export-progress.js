/* The page of a slow export: asks the server how far the file is every half second, moves the
   progress bar, and starts the download when the file is ready. Without this script the page
   reloads itself (a <noscript> refresh) and shows the same things. */
(function () {
  'use strict';

  var box = document.querySelector('[data-export-job]');
  if (!box) { return; }
  var bar = box.querySelector('progress');
  var percent = box.querySelector('[data-export-percent]');
  var stage = box.querySelector('[data-export-stage]');
  var ready = box.querySelector('[data-export-ready]');
  var link = box.querySelector('[data-export-download]');
  var failed = box.querySelector('[data-export-failed]');
  var wait = box.querySelector('[data-export-wait]');
  var url = box.getAttribute('data-status-url');
  var title = document.querySelector('[data-export-title]');
  var delay = 500;

  function show(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + '%';
    percent.textContent = job.percent + '%';
    if (stage.textContent !== job.stage) { stage.textContent = job.stage; }
    if (job.state === 'done' || job.state === 'failed') {
      // The heading and the tab's title ("Preparing your file · …") follow the job.
      var heading = title.getAttribute('data-title-' + job.state);
      document.title = document.title.replace(title.textContent, heading);
      title.textContent = heading;
    }
    if (job.state === 'done') {
      link.href = job.download_url;
      ready.hidden = false;
      wait.hidden = true;
      box.setAttribute('data-export-state', 'done');
      window.location.assign(job.download_url);
      return false;
    }
    if (job.state === 'failed') {
      failed.hidden = false;
      wait.hidden = true;
      box.setAttribute('data-export-state', 'failed');
      return false;
    }
    return true;
  }

  function ask() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) {
        if (show(job)) { window.setTimeout(ask, delay); }
      })
      .catch(function () {
        // The server restarted or the network dropped: ask again, less often.
        delay = Math.min(delay * 2, 8000);
        window.setTimeout(ask, delay);
      });
  }

  if (box.querySelector('[data-export-ready]').hidden && failed.hidden) { ask(); }
}());
