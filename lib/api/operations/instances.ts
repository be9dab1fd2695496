import { z } from "zod";
import { ZInstance } from "../../instances/schemas";
import { defineOperation } from "../operation";

export const ListInstances = defineOperation({
  operationId: "ListInstances",
  method: "GET",
  path: "/api/v1/instances",
  tags: ["Instances"],
  summary: "List instances",
  description: "The caller's tenant's instances, by name.",
  role: "Viewer",
  responses: { 200: z.object({ instances: z.array(ZInstance) }) },
  connector: { visibility: "advanced", parameters: {} },
});
