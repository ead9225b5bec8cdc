// Sign-in for the dashboard. Tokens live in sessionStorage only (gone with the tab), never in localStorage or a
// cookie, so the server keeps no session and any replica serves any page.
//  - OIDC authorization code flow with PKCE (S256) against the service's own provider: a public client, `state`
//    checked on return, `nonce` checked in the ID token.
//  - A token in the URL fragment (`/ui/#access_token=…`, what deploy/local/up.sh prints) is taken and removed from
//    the address bar at once.

const TOKEN = 'gr.access_token';
const EXPIRES = 'gr.expires_at';
const ID_TOKEN = 'gr.id_token';
const PENDING = 'gr.pending_sign_in';
const RETURN_TO = 'gr.return_to';

const settings = () => ({
  issuer: document.body.dataset.issuer || '',
  clientId: document.body.dataset.clientId,
  scopes: document.body.dataset.scopes || 'openid',
});

/** Takes an access token from the URL fragment, if there is one, and removes it from the URL and the history. */
export function takeTokenFromFragment() {
  const hash = window.location.hash;
  if (!hash || hash.length < 2) return;
  const params = new URLSearchParams(hash.substring(1));
  const token = params.get('access_token');
  if (!token) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  store(token, params.get('expires_in'), null);
}

function store(token, expiresIn, idToken) {
  sessionStorage.setItem(TOKEN, token);
  const fromJwt = jwtExpiry(token);
  const expiresAt = expiresIn ? Date.now() + Number(expiresIn) * 1000 : fromJwt;
  if (expiresAt) sessionStorage.setItem(EXPIRES, String(expiresAt));
  else sessionStorage.removeItem(EXPIRES);
  if (idToken) sessionStorage.setItem(ID_TOKEN, idToken);
}

/** The access token, or null when there is none or it has expired. */
export function token() {
  const value = sessionStorage.getItem(TOKEN);
  const expiresAt = Number(sessionStorage.getItem(EXPIRES) || 0);
  if (!value) return null;
  if (expiresAt && Date.now() >= expiresAt) {
    forget();
    return null;
  }
  return value;
}

export function forget() {
  for (const key of [TOKEN, EXPIRES, ID_TOKEN, PENDING]) sessionStorage.removeItem(key);
}

export function canSignIn() {
  return settings().issuer !== '';
}

function jwtClaims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const text = atob(part + '='.repeat((4 - (part.length % 4)) % 4));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(text, c => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function jwtExpiry(jwt) {
  const claims = jwtClaims(jwt);
  return claims && typeof claims.exp === 'number' ? claims.exp * 1000 : null;
}

function randomString(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64Url(data);
}

function base64Url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery() {
  const issuer = settings().issuer.replace(/\/+$/, '');
  const response = await fetch(issuer + '/.well-known/openid-configuration', { credentials: 'omit' });
  if (!response.ok) throw new Error('the sign-in provider answered ' + response.status);
  return response.json();
}

function redirectUri() {
  return window.location.origin + '/ui/callback';
}

/** Sends the browser to the provider's sign-in page (authorization code flow with PKCE). */
export async function signIn() {
  const { clientId, scopes } = settings();
  const config = await discovery();
  const verifier = randomString(48);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomString(24);
  const nonce = randomString(24);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, tokenEndpoint: config.token_endpoint }));
  sessionStorage.setItem(RETURN_TO, window.location.pathname + window.location.search);
  const url = new URL(config.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: scopes,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On /ui/callback: checks `state`, redeems the code with the PKCE verifier, checks the ID token's `nonce`. */
export async function completeSignIn() {
  const params = new URLSearchParams(window.location.search);
  history.replaceState(null, '', '/ui/callback');
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error('sign-in refused: ' + params.get('error'));
  if (!pending || !params.get('state') || params.get('state') !== pending.state) {
    throw new Error('sign-in answer does not match a sign-in started here (state)');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') || '',
      redirect_uri: redirectUri(),
      client_id: settings().clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error('the token endpoint answered ' + response.status);
  const tokens = await response.json();
  const idClaims = tokens.id_token ? jwtClaims(tokens.id_token) : null;
  if (!idClaims || idClaims.nonce !== pending.nonce) {
    throw new Error('sign-in answer does not match a sign-in started here (nonce)');
  }
  store(tokens.access_token, tokens.expires_in, tokens.id_token);
  const back = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return back && back.startsWith('/ui') && !back.startsWith('/ui/callback') ? back : '/ui/overview';
}

/** Forgets the tokens; with a provider that has an end-session endpoint, signs out there too. */
export async function signOut() {
  const idToken = sessionStorage.getItem(ID_TOKEN);
  forget();
  if (canSignIn() && idToken) {
    try {
      const config = await discovery();
      if (config.end_session_endpoint) {
        const url = new URL(config.end_session_endpoint);
        url.search = new URLSearchParams({
          id_token_hint: idToken,
          client_id: settings().clientId,
          post_logout_redirect_uri: window.location.origin + '/ui/',
        }).toString();
        window.location.assign(url.toString());
        return;
      }
    } catch {
      // signed out here in any case
    }
  }
  window.location.assign('/ui/');
}
