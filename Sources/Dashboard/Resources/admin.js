// clerkbridge operator dashboard: a little plain JavaScript on top of server-rendered pages. Without it every page
// and every action still works (forms post and the server redirects back); with it actions answer in place and the
// overview refreshes itself, pausing while the tab is hidden.
(function () {
  'use strict';

  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var toasts = document.querySelector('[data-toasts]');

  function toast(text, bad) {
    if (!toasts) return;
    var item = document.createElement('div');
    item.className = 'toast' + (bad ? ' bad' : '');
    item.setAttribute('role', bad ? 'alert' : 'status');
    item.textContent = text;
    toasts.appendChild(item);
    setTimeout(function () { item.remove(); }, bad ? 9000 : 5000);
  }

  // What an action's answer says, in words.
  function describe(kind, answer) {
    if (answer.results) {
      var parts = [];
      Object.keys(answer.outcomes || {}).sort().forEach(function (name) {
        parts.push(answer.outcomes[name] + ' ' + name.replace('_', ' '));
      });
      var text = 'Handled ' + answer.acted + ' of ' + answer.matched + ': ' + (parts.join(', ') || 'nothing to do') + '.';
      return answer.remaining > 0 ? text + ' ' + answer.remaining + ' more match; run it again.' : text;
    }
    var what = (kind === 'job' ? 'Job ' : 'Dead letter ') + answer.id;
    switch (answer.outcome) {
      case 'resolved': return what + ' replayed: Clerk took it.';
      case 'still_failing': return what + ' still fails: ' + (answer.detail || 'see its attempts');
      case 'queued': return what + ': its job is back in the queue' + (answer.job_id ? ' as #' + answer.job_id : '') + '.';
      case 'event_requeued': return what + ': the event is back in the event log.';
      case 'discarded': return what + ' discarded.';
      case 'due_now': return what + ' runs now.';
      case 'cancelled': return what + ' cancelled; retry it to bring it back.';
      default: return what + ': ' + answer.outcome + '.';
    }
  }

  function send(form) {
    var buttons = form.querySelectorAll('button');
    buttons.forEach(function (button) { button.disabled = true; });
    var body = new URLSearchParams(new FormData(form));
    body.delete('return_to');
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { ok: response.ok, status: response.status, json: json };
      });
    }).then(function (result) {
      buttons.forEach(function (button) { button.disabled = false; });
      if (!result.ok) {
        toast(result.json.error ? result.json.error.message : 'The request failed (HTTP ' + result.status + ').', true);
        return;
      }
      handled(form, result.json);
    }).catch(function () {
      buttons.forEach(function (button) { button.disabled = false; });
      toast('The dashboard could not be reached; nothing was changed.', true);
    });
  }

  function handled(form, answer) {
    var message = describe(form.getAttribute('data-action'), answer);
    var failed = answer.outcome === 'still_failing';
    var then = form.getAttribute('data-then');
    if (then === 'reload') {
      toast(message, failed);
      refreshNow();
      return;
    }
    if (then && !failed) {
      location.assign(then + (then.indexOf('?') < 0 ? '?' : '&') + 'done=' + encodeURIComponent(answer.outcome) + '&letter=' + encodeURIComponent(answer.id));
      return;
    }
    toast(message, failed);
    var row = form.closest('tr');
    if (row && form.getAttribute('data-action') === 'letter' && !failed) {
      row.classList.add('leaving');
      setTimeout(function () {
        row.remove();
        var total = document.querySelector('[data-letter-total]');
        if (total) total.textContent = String(Math.max(0, parseInt(total.textContent.replace(/,/g, ''), 10) - 1));
      }, 250);
      return;
    }
    refreshNow();
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-action')) return;
    event.preventDefault();
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) return;
    send(form);
  });

  // Refreshing: the page asks for its content again and swaps it in.
  var main = document.getElementById('content');
  var select = document.querySelector('[data-refresh-interval]');
  var state = document.querySelector('[data-refresh-state]');
  var stamp = document.querySelector('[data-generated]');
  var timer = null;

  function show(text, kind) {
    if (!state) return;
    state.textContent = text;
    state.className = 'refresh-state' + (kind ? ' ' + kind : '');
  }

  function schedule() {
    clearTimeout(timer);
    if (!main || !main.hasAttribute('data-refresh')) return;
    var seconds = select ? Number(select.value) : 15;
    if (!seconds) { show('Off', 'paused'); return; }
    if (document.hidden) { show('Paused', 'paused'); return; }
    show('Live', '');
    timer = setTimeout(refreshNow, seconds * 1000);
  }

  function refreshNow() {
    clearTimeout(timer);
    if (!main) return;
    main.classList.add('refreshing');
    fetch(location.href, { credentials: 'same-origin', headers: { 'X-Dashboard-Fragment': '1' } }).then(function (response) {
      if (response.redirected || response.status === 401) { location.reload(); return null; }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      if (stamp && response.headers.get('X-Dashboard-Generated')) stamp.textContent = response.headers.get('X-Dashboard-Generated');
      return response.text();
    }).then(function (html) {
      main.classList.remove('refreshing');
      if (html !== null) main.innerHTML = html;
      schedule();
    }).catch(function () {
      main.classList.remove('refreshing');
      show('Retrying', 'failed');
      timer = setTimeout(refreshNow, 15000);
    });
  }

  if (select) {
    var stored = null;
    try { stored = window.localStorage.getItem('clerkbridge.refresh'); } catch (ignored) { stored = null; }
    if (stored !== null && select.querySelector('option[value="' + stored + '"]')) select.value = stored;
    select.addEventListener('change', function () {
      try { window.localStorage.setItem('clerkbridge.refresh', select.value); } catch (ignored) { /* private mode */ }
      schedule();
    });
  }
  document.addEventListener('visibilitychange', function () {
    if (!main || !main.hasAttribute('data-refresh')) return;
    if (document.hidden) { clearTimeout(timer); show('Paused', 'paused'); } else { refreshNow(); }
  });
  schedule();
})();
