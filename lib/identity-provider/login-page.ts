import { escapeHtml, renderPage } from "./page-layout";

export type DemoAccount = { email: string; role: string; tenantName: string };

export const invalidCredentialsMessage = "The email or password is incorrect.";

export const renderLoginPage = ({
  uid,
  email = "",
  error,
  demoAccounts = [],
  demoPassword,
}: {
  uid: string;
  email?: string;
  error?: string;
  demoAccounts?: DemoAccount[];
  demoPassword?: string;
}) => {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const hint =
    demoAccounts.length && demoPassword
      ? `<div class="hint" id="demo-accounts"><strong>Demo accounts</strong> (password <code>${escapeHtml(demoPassword)}</code>)<ul>${demoAccounts
          .map((a) => `<li><code>${escapeHtml(a.email)}</code> — ${escapeHtml(a.role)}, ${escapeHtml(a.tenantName)}</li>`)
          .join("")}</ul></div>`
      : "";
  return renderPage({
    title: "Sign in",
    body: `<h1>Sign in</h1>
<p>Use your Audience Insights account.</p>
${error ? `<div class="error" role="alert" id="sign-in-error">${escapeHtml(error)}</div>` : ""}
<form method="post" action="${action}/login" autocomplete="on">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required${email ? "" : " autofocus"} value="${escapeHtml(email)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${email ? " autofocus" : ""}>
<div class="actions"><button type="submit" class="primary">Sign in</button><button type="submit" form="abort">Cancel</button></div>
</form>
<form id="abort" method="post" action="${action}/abort"></form>
${hint}`,
  });
};

export const renderMessagePage = (title: string, message: string) =>
  renderPage({ title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` });
