import { defineRoute } from "@/lib/api/define-route";
import { GetConnectorProperties } from "@/lib/api/operations/api-description";
import { routeMethods } from "@/lib/api/route-methods";
import { connectorProperties } from "@/lib/connector/connector-documents";

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetConnectorProperties, async () => connectorProperties()),
});
