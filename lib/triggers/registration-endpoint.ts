/**
 * What sending needs of a registration: its destination's endpoint and secret when it has one,
 * else its own (a Power Automate subscription's). Select with this; read with sendingEndpointOf.
 */
export const sendingColumns = {
  callbackUrl: true,
  secretCiphertext: true,
  destinationType: true,
  destination: { select: { endpoint: true, secretCiphertext: true, type: true } },
} as const;

type SendingRow = {
  callbackUrl: string | null;
  secretCiphertext: string | null;
  destinationType: string;
  destination: { endpoint: string; secretCiphertext: string; type: string } | null;
};

/**
 * The endpoint and secret ciphertext events go to, and the destination type that decides the body
 * (lib/delivery/destination-body.ts). A row with neither endpoint is damaged: a bug, not the caller's fault.
 */
export const sendingEndpointOf = (row: SendingRow): { url: string; secretCiphertext: string; destinationType: string } => {
  if (row.destination) return { url: row.destination.endpoint, secretCiphertext: row.destination.secretCiphertext, destinationType: row.destination.type };
  if (row.callbackUrl !== null && row.secretCiphertext !== null)
    return { url: row.callbackUrl, secretCiphertext: row.secretCiphertext, destinationType: row.destinationType };
  throw new Error("The registration has neither a destination nor an endpoint of its own.");
};
