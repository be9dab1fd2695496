import { apiOperations } from "../api/operations";
import { publicUrl } from "../api/public-url";
import { buildApiDefinition } from "./build-api-definition";
import { buildApiProperties } from "./build-api-properties";
import { getConnectorAuth } from "./connector-auth";

/** The connector's two documents for this server: its public URL and identity settings. */
export const connectorDefinition = () => buildApiDefinition(apiOperations, { publicUrl: publicUrl("/"), auth: getConnectorAuth() });
export const connectorProperties = () => buildApiProperties(getConnectorAuth());
