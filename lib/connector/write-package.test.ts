import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { ICON_SIZE, renderIconPng } from "./icon-png";
import { connectorPackageZip } from "./package-zip";
import { writeConnectorPackage } from "./write-package";

describe("the connector package (npm run connector:package)", () => {
  it("writes the definition, the properties, the icon and paconn's settings, which name the other three", () => {
    const written: Record<string, string | Buffer> = {};
    const names = writeConnectorPackage("/pkg", (file, content) => {
      written[file] = content;
    });
    expect(names.sort()).toEqual(["apiDefinition.swagger.json", "apiProperties.json", "icon.png", "settings.json"]);
    expect(JSON.parse(written["/pkg/apiDefinition.swagger.json"] as string).swagger).toBe("2.0");
    expect(JSON.parse(written["/pkg/apiProperties.json"] as string).properties.connectionParameters.token.type).toBe("oauthSetting");
    const settings = JSON.parse(written["/pkg/settings.json"] as string);
    expect(settings).toMatchObject({ apiDefinition: "apiDefinition.swagger.json", apiProperties: "apiProperties.json", icon: "icon.png" });
    expect(Object.keys(settings).sort()).toEqual(
      ["apiDefinition", "apiProperties", "connectorId", "environment", "icon", "powerAppsApiVersion", "powerAppsUrl", "script"].sort(),
    );
  });

  it("draws a square opaque PNG of 230 px, a few KB", () => {
    const png = renderIconPng();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([ICON_SIZE, ICON_SIZE]);
    expect(png[25], "colour type 2: RGB, no alpha").toBe(2);
    expect(png.length).toBeLessThan(64 * 1024);
  });

  it("zips the same four files for the tile's download, the same bytes every time", () => {
    const zip = connectorPackageZip();
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(["apiDefinition.swagger.json", "apiProperties.json", "icon.png", "settings.json"]);
    expect(Buffer.from(connectorPackageZip()).equals(Buffer.from(zip))).toBe(true);
  });
});
