// The dashboard's entry: signs the person in, sets up the pickers, then runs the page's own module.
import { takeTokenFromFragment, token, canSignIn, signIn, signOut, completeSignIn } from './auth.js';
import { getJson, postJson, download, ApiError } from './api.js';
import { readView, bindForm, viewQuery, reportRequest } from './view.js';
import { el } from './format.js';

const page = document.body.dataset.page;
const main = document.getElementById('main');
const status = document.getElementById('status');
const content = document.getElementById('content');

function setStatus(text, kind = 'info') {
  status.textContent = text;
  status.dataset.kind = kind;
  status.hidden = !text;
}

function showSignIn(message) {
  setStatus(message, 'info');
  const button = document.getElementById('sign-in');
  if (canSignIn()) {
    button.hidden = false;
    button.addEventListener('click', () => signIn().catch(e => setStatus('Sign-in failed: ' + e.message, 'error')));
  } else {
    content.replaceChildren(el('p', {
      text: 'This server has no sign-in provider configured (quarkus.oidc.auth-server-url). Open the dashboard ' +
        'with a token: /ui/#access_token=<token> (deploy/local/up.sh prints such a link).',
    }));
  }
}

function withView(view) {
  for (const link of document.querySelectorAll('a[data-nav]')) {
    link.href = '/ui/' + link.dataset.nav + viewQuery(view);
  }
}

/** What a page module gets: the view, the caller and helpers that record what they asked the API. */
function context(me, view) {
  return {
    me,
    view,
    content,
    setStatus,
    /** The report for this view with these sections; the request is kept in main[data-request] for tests. */
    async report(sections) {
      const body = reportRequest(view, sections);
      main.dataset.api = 'POST /v1/reports/generate';
      main.dataset.request = JSON.stringify(body);
      return postJson('/v1/reports/generate', body);
    },
    /** A GET of the API, recorded in main[data-api]. */
    async get(path) {
      main.dataset.api = 'GET ' + path;
      return getJson(path);
    },
    /** A GET of the API for details (not what main[data-api] names). */
    async getQuiet(path) {
      return getJson(path);
    },
    downloads(sections) {
      const bar = el('div', { class: 'downloads', role: 'group', 'aria-label': 'Downloads' });
      for (const format of ['csv', 'xlsx']) {
        const button = el('button', { type: 'button', 'data-download': format, text: 'Download ' + format.toUpperCase() });
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            const name = await download('/v1/reports/generate', reportRequest(view, sections, format));
            setStatus('Downloaded ' + name);
          } catch (e) {
            setStatus('Download failed: ' + e.message, 'error');
          } finally {
            button.disabled = false;
          }
        });
        bar.append(button);
      }
      return bar;
    },
  };
}

async function start() {
  document.getElementById('sign-out').addEventListener('click', () => signOut());
  if (page === 'callback') {
    try {
      window.location.replace(await completeSignIn());
    } catch (e) {
      showSignIn('Sign-in failed: ' + e.message);
    }
    return;
  }
  takeTokenFromFragment();
  if (!token()) {
    showSignIn('Sign in to see your organization\'s reports.');
    return;
  }
  let me;
  try {
    me = await getJson('/v1/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) showSignIn('Your sign-in has expired: sign in again.');
    else setStatus('Cannot read who you are: ' + e.message, 'error');
    return;
  }
  document.getElementById('who').textContent = (me.email || me.subject) + ' · ' + me.org_id;
  document.getElementById('sign-out').hidden = false;
  const view = readView(me);
  if (!view.team) {
    setStatus('Your token names no team: ask an admin to add you to one.', 'error');
    return;
  }
  history.replaceState(null, '', window.location.pathname + viewQuery(view));
  withView(view);
  bindForm(document.getElementById('view'), me, view);
  setStatus('Loading…');
  main.setAttribute('aria-busy', 'true');
  try {
    const module = await import('./pages/' + page + '.js');
    await module.render(context(me, view));
    setStatus('');
    main.dataset.ready = 'true';
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) showSignIn('Your sign-in has expired: sign in again.');
    else setStatus('Could not load this page: ' + e.message, 'error');
    main.dataset.ready = 'error';
  } finally {
    main.removeAttribute('aria-busy');
  }
}

start();
