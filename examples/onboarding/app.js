// The onboarding example: a checklist and progress bar from onboarding(), a nudge banner from
// nudges.next(), and a debug panel with status() and explain(). Every read is synchronous. The checklist and
// nudges come from ../shared/onboarding-config.js, shared with the React example.
import { NUDGE_IDS, onboardingOptions, STEPS } from '../shared/onboarding-config.js';

{
  var demo = window.WAYMARK_DEMO || { host: 'http://127.0.0.1:8787', writeKey: 'wk_demo_public' };
  var params = new URLSearchParams(location.search);

  var waymark = Waymark.createWaymark(onboardingOptions(demo, { flushIntervalMs: Number(params.get('flushMs') || 1000) }));
  window.waymark = waymark; // for the console and the end-to-end test
  // The SDK never throws into the page; it reports here (a refused status read, a rejected event, storage trouble).
  waymark.on('error', function (e) { console.warn('[waymark-example] ' + e.code + ': ' + e.message); });

  // Signing in: the collector reads a user's status by user id only with userHash = hex HMAC-SHA256(secret key,
  // userId), which your backend computes (the secret key never reaches a page). Here the demo server plays that
  // backend at /demo/user-hash; ?userId=alice&userHash=… signs in with a given hash instead.
  function signIn(userId, userHash) {
    if (userHash) return waymark.identify(userId, {}, { userHash: userHash });
    fetch('/demo/user-hash?userId=' + encodeURIComponent(userId))
      .then(function (res) { return res.ok ? res.json() : {}; })
      .catch(function () { return {}; })
      .then(function (signed) { waymark.identify(userId, {}, signed.userHash ? { userHash: signed.userHash } : undefined); });
  }
  if (params.get('userId')) signIn(params.get('userId'), params.get('userHash'));

  var $ = function (id) { return document.getElementById(id); };
  var shownNudge = null;

  function renderChecklist() {
    var o = waymark.onboarding('setup');
    $('fill').style.width = Math.round(o.progress * 100) + '%';
    $('bar').setAttribute('aria-valuenow', String(Math.round(o.progress * 100)));
    $('progress-text').textContent = o.done + ' / ' + o.total;
    var list = $('steps');
    list.textContent = '';
    STEPS.forEach(function (step) {
      var state = o.steps.filter(function (s) { return s.id === step.id; })[0];
      var li = document.createElement('li');
      li.dataset.step = step.id;
      li.className = state && state.done ? 'done' : o.next === step.id ? 'next' : '';
      li.textContent = step.label;
      if (!(state && state.done)) {
        var button = document.createElement('button');
        button.textContent = 'Do it';
        button.dataset.testid = 'do-' + step.id;
        button.onclick = function () { waymark.track(step.event); };
        li.appendChild(button);
      }
      list.appendChild(li);
    });
    $('onboarding').textContent = JSON.stringify({ done: o.done, total: o.total, progress: o.progress, next: o.next });
  }

  function renderNudge() {
    var nudge = waymark.nudges.next('banner');
    var box = $('nudge');
    if (!nudge) {
      box.hidden = true;
      shownNudge = null;
    } else {
      box.hidden = false;
      box.dataset.nudge = nudge.id;
      $('nudge-title').textContent = nudge.content.title;
      $('nudge-body').textContent = nudge.content.body;
      // One impression per page view: this counts toward maxShows and the global rate limit.
      if (shownNudge !== nudge.id) {
        shownNudge = nudge.id;
        waymark.nudges.shown(nudge.id);
      }
    }
    var explained = NUDGE_IDS.map(function (id) { return waymark.explain(id); });
    $('explain').textContent = explained.map(function (e) { return e.id + ': ' + (e.eligible ? 'eligible' : e.reasons.join('; ')); }).join('\n');
  }

  function render() {
    renderChecklist();
    renderNudge();
    var s = waymark.status();
    $('status').textContent = s.status + ' — ' + s.reason;
    $('segments').textContent = JSON.stringify(waymark.segments());
    var user = waymark.user();
    $('who').textContent = user.userId ? 'signed in as ' + user.userId : 'anonymous';
  }

  $('nudge-go').onclick = function () {
    var id = $('nudge').dataset.nudge;
    var nudge = waymark.nudges.next('banner');
    waymark.nudges.convert(id);
    var step = nudge && nudge.content && nudge.content.step;
    STEPS.forEach(function (s) { if (s.id === step) waymark.track(s.event); });
  };
  $('nudge-snooze').onclick = function () { waymark.nudges.snooze($('nudge').dataset.nudge, 60 * 60 * 1000); };
  $('nudge-dismiss').onclick = function () { waymark.nudges.dismiss($('nudge').dataset.nudge); };
  $('login').onsubmit = function (e) {
    e.preventDefault();
    if ($('user-id').value) signIn($('user-id').value);
  };
  $('logout').onclick = function () { waymark.reset(); render(); };

  waymark.subscribe(render);
  render(); // synchronous first paint (empty until the cached state is restored)
  waymark.ready().then(function () {
    document.body.dataset.ready = 'true';
    render();
  });
}
