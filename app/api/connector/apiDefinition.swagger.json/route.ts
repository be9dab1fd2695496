import { defineRoute } from "@/lib/api/define-route";
import { GetConnectorDefinition } from "@/lib/api/operations/api-description";
import { routeMethods } from "@/lib/api/route-methods";
import { connectorDefinition } from "@/lib/connector/connector-documents";

// Built once per server: the operations and the settings it reads do not change while it runs.
let definition: ReturnType<typeof connectorDefinition> | undefined;

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetConnectorDefinition, async () => (definition ??= connectorDefinition()) as { swagger: "2.0"; paths: Record<string, unknown> }),
});
