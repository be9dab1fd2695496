import path from "node:path";
import { connectorDefinition, connectorProperties } from "./connector-documents";
import { renderIconPng } from "./icon-png";

/**
 * paconn's settings.json: where the files are (relative to it, as paconn resolves them) and the
 * API it talks to. connectorId and environment stay empty until `paconn create` has made the
 * connector; paconn asks for the environment when none is set.
 */
export const paconnSettings = () => ({
  connectorId: null,
  environment: null,
  apiProperties: "apiProperties.json",
  apiDefinition: "apiDefinition.swagger.json",
  icon: "icon.png",
  script: null,
  powerAppsApiVersion: "2016-11-01",
  powerAppsUrl: "https://api.powerapps.com",
});

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the connector's files into `dir` through `write`, and returns their names. */
export const writeConnectorPackage = (dir: string, write: (file: string, content: string | Buffer) => void): string[] => {
  const files: Record<string, string | Buffer> = {
    "apiDefinition.swagger.json": json(connectorDefinition()),
    "apiProperties.json": json(connectorProperties()),
    "icon.png": renderIconPng(),
    "settings.json": json(paconnSettings()),
  };
  for (const [name, content] of Object.entries(files)) write(path.join(dir, name), content);
  return Object.keys(files);
};
