/**
 * What a page request without a valid token gets: a short page saying how to get back in,
 * instead of a bare 401. A tab left open from an earlier run still sends that run's cookie:
 * it is told so. No script, no style (the CSP allows neither inline), nothing from elsewhere.
 */
export function signInPage(staleCookie: boolean): string {
  const why = staleCookie
    ? 'This tab was opened by an earlier run of Zava MCP Desktop. Each run of the dashboard has its own token, so this one no longer opens it.'
    : 'The dashboard opens only with the token of the run that serves it.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Zava MCP Desktop: open the dashboard again</title>
</head>
<body>
<main data-testid="sign-in-page">
<h1>Open the dashboard from its new URL</h1>
<p>${why}</p>
<p>To get back in: run <code>npx zava-mcp web</code> (or <code>npm run web</code> in a checkout) and open the URL it prints, which ends in <code>?token=…</code>. If it is already running, its terminal shows that URL on the line starting with <code>ready:</code>.</p>
<p>The same port is used from run to run when it is free, so bookmarks of the address keep working once you have signed in from the printed URL.</p>
</main>
</body>
</html>
`;
}
