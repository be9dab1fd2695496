/**
 * What sending needs of a registration: its destination's endpoint and secret when it has one,
 * else its own (a Power Automate subscription's). Select with this; read with sendingEndpointOf.
 */
export const sendingColumns = {
  callbackUrl: true,
  secretCiphertext: true,
  destination: { select: { endpoint: true, secretCiphertext: true } },
} as const;

type SendingRow = {
  callbackUrl: string | null;
  secretCiphertext: string | null;
  destination: { endpoint: string; secretCiphertext: string } | null;
};

/** The endpoint and secret ciphertext events go to. A row with neither is damaged: a bug, not the caller's fault. */
export const sendingEndpointOf = (row: SendingRow): { url: string; secretCiphertext: string } => {
  if (row.destination) return { url: row.destination.endpoint, secretCiphertext: row.destination.secretCiphertext };
  if (row.callbackUrl !== null && row.secretCiphertext !== null) return { url: row.callbackUrl, secretCiphertext: row.secretCiphertext };
  throw new Error("The registration has neither a destination nor an endpoint of its own.");
};
