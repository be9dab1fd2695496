// MSAL 5's redirect bridge: the hidden iframe of a silent token renewal lands here, and this page
// only hands the response to the app's window. It is a plain page (no React, no MSAL instance), so
// it cannot start a sign-in of its own inside the iframe. The script is external so a strict
// Content-Security-Policy (script-src 'self') allows it.
export const dynamic = "force-static";

const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Signing in…</title></head>
<body><script src="/redirect-bridge.js"></script></body>
</html>
`;

export const GET = () => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
