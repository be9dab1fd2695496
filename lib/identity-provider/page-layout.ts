import { createHash } from "node:crypto";

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

// Fluent 2 web light theme values (brand #0f6cbd), system fonts only: the provider runs
// offline and must not load anything from elsewhere.
const styles = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:#f5f5f5;color:#242424;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;font-size:14px;line-height:20px}
header{height:48px;background:#0f6cbd;color:#fff;display:flex;align-items:center;padding:0 20px;font-size:16px;font-weight:600}
main{display:flex;justify-content:center;padding:48px 16px}
.card{width:100%;max-width:400px;background:#fff;border-radius:8px;box-shadow:0 0 2px rgba(0,0,0,.12),0 2px 4px rgba(0,0,0,.14);padding:32px}
h1{font-size:24px;line-height:32px;font-weight:600;margin:0 0 8px}
p{margin:0 0 16px;color:#424242}
label{display:block;font-weight:600;margin:16px 0 4px}
input[type=email],input[type=password],input[type=text]{width:100%;height:32px;padding:0 10px;border:1px solid #d1d1d1;border-bottom-color:#616161;border-radius:4px;font:inherit;color:inherit;background:#fff}
input:focus{outline:none;border-bottom:2px solid #0f6cbd}
.actions{display:flex;gap:8px;margin-top:24px}
button{height:32px;min-width:96px;padding:0 12px;border-radius:4px;font:inherit;font-weight:600;cursor:pointer;border:1px solid #d1d1d1;background:#fff;color:#242424}
button.primary{background:#0f6cbd;border-color:transparent;color:#fff}
button.primary:hover{background:#115ea3}
button:focus-visible{outline:2px solid #000;outline-offset:2px}
.error{background:#fdf3f4;border:1px solid #eeacb2;color:#b10e1c;border-radius:4px;padding:8px 12px;margin:16px 0 0}
.hint{margin-top:24px;padding:12px;background:#ebf3fc;border:1px solid #b4d6fa;border-radius:4px;color:#242424}
.hint ul{margin:4px 0 0;padding-left:20px}
.hint code{font-family:Consolas,"Courier New",monospace;font-size:13px}
`;

/** Headers for every page the provider renders: no caching, no framing, nothing external. */
export const pageHeaders = (script?: string): Record<string, string> => {
  const scriptSrc = script ? `'sha256-${createHash("sha256").update(script).digest("base64")}'` : "'none'";
  return {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    // No form-action: after sign-in the browser follows redirects back to the app's origin.
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src ${scriptSrc}; frame-ancestors 'none'; base-uri 'none'`,
  };
};

export const renderPage = ({ title, body, script }: { title: string; body: string; script?: string }) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Audience Insights</title>
<style>${styles}</style>
</head>
<body>
<header>Audience Insights</header>
<main><div class="card">${body}</div></main>
${script ? `<script>${script}</script>` : ""}
</body>
</html>`;
