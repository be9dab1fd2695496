/**
 * URLs as the audit log may keep them. A Power Automate "When an HTTP request is received"
 * URL carries its credential in the query (`sig=…`), and storage URLs carry SAS tokens the
 * same way, so every query value and any user:password are masked; the host and path,
 * which say where the data goes, stay.
 */
export const redactUrl = (value: string | null | undefined): string | null => {
  if (value == null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "[unparseable URL]";
  }
  if (url.username || url.password) {
    url.username = "redacted";
    url.password = "";
  }
  const names = [...url.searchParams.keys()];
  const query = names.map((name) => `${encodeURIComponent(name)}=***`).join("&");
  url.search = "";
  url.hash = "";
  return `${url.toString()}${query ? `?${query}` : ""}`;
};
