import type { AddressInfo } from "node:net";
import { createServer } from "node:net";

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it), for a server the benchmark starts. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
