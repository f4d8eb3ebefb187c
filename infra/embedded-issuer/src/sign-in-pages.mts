/**
 * The issuer's own sign-in step (oidc-provider leaves interactions to the host; its dev interactions accept
 * any name without a password). A username/password form for the demo accounts; consent is implied for our
 * own apps, as in the realm (no consent screen), so a consent prompt is answered with a grant at once.
 */
import type { IncomingMessage } from 'node:http';
import type { InteractionResults, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { DEMO_ACCOUNTS, signIn } from './demo-accounts.mts';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, clientId: string, error?: string): string {
  const users = DEMO_ACCOUNTS.map((a) => `<code>${escapeHtml(a.username)}</code>`).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harvest sign-in (embedded issuer)</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto}label,input,button{display:block;box-sizing:border-box;width:100%;margin:.4rem 0}.error{color:#b00020}</style>
</head><body>
<h1>Harvest sign-in</h1>
<p>Signing in to <strong>${escapeHtml(clientId)}</strong> on the embedded development issuer.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<p><small>Demo accounts: ${users}; password <code>dev-only-&lt;username&gt;</code>.</small></p>
</body></html>`;
}

/** At most 4 KiB of urlencoded form (two short fields). */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/** Grants what the prompt found missing: the scopes and claims asked for, and the resource's scopes. */
async function grantAll(provider: Provider, ctx: KoaContextWithOIDC, accountId: string): Promise<string> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (!grant) throw new Error('the interaction names a grant that no longer exists');
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(resource, scopes.join(' '));
  return grant.save();
}

/** Hands the result back to the provider and sends the browser on to resume the authorization request. */
async function finish(
  provider: Provider,
  ctx: KoaContextWithOIDC,
  result: InteractionResults,
  mergeWithLastSubmission: boolean,
): Promise<void> {
  const resumeAt = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission });
  ctx.status = 303;
  ctx.redirect(resumeAt);
}

export function signInPages(provider: Provider): Middleware {
  return async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const clientId = String(details.params.client_id);

    if (details.prompt.name === 'consent') {
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent without a signed-in account');
      const grantId = await grantAll(provider, ctx, accountId);
      return finish(provider, ctx, { consent: { grantId } }, true);
    }
    if (ctx.method === 'GET' && !match[2]) {
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, clientId);
      return;
    }
    if (ctx.method === 'POST' && match[2]) {
      const form = await readForm(ctx.req);
      const account = signIn(form.get('username') ?? '', form.get('password') ?? '');
      if (!account) {
        ctx.status = 401;
        ctx.type = 'html';
        ctx.body = loginPage(details.uid, clientId, 'Unknown username or wrong password.');
        return;
      }
      return finish(provider, ctx, { login: { accountId: account.subject } }, false);
    }
    ctx.status = 405;
  };
}
