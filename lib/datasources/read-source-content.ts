import type { Db } from "../db/client";
import { getSettings } from "../settings/settings";
import { fetchUrlContent } from "./fetch-url-content";
import { readFileContent } from "./read-file-content";
import { RefreshError } from "./refresh-error";
import { MAX_UPLOAD_BYTES } from "./schemas";

type Source = { id: string; tenantId: string; instanceId: string; kind: string; location: string | null };

/** The bytes a refresh ingests: the latest upload, the file under the data-sources directory, or the URL's body. */
export const readSourceContent = async (db: Db, source: Source, maxBytes = MAX_UPLOAD_BYTES): Promise<Uint8Array> => {
  switch (source.kind) {
    case "upload": {
      const upload = await db.dataSourceUpload.findFirst({
        where: { dataSourceId: source.id, dataSource: { tenantId: source.tenantId, instanceId: source.instanceId } },
        orderBy: [{ uploadedAt: "desc" }, { id: "desc" }],
        omit: { content: false },
      });
      if (!upload) {
        throw new RefreshError("no_upload", "No file has been uploaded to this data source yet. Upload a CSV file, then refresh.");
      }
      return upload.content;
    }
    case "file":
      if (!source.location) throw new RefreshError("file_missing", "The data source has no file path. Recreate it with the path of a CSV file.", {
          reason: "no_path",
        });
      return readFileContent(source.location, getSettings().dataSourcesDir, maxBytes);
    case "url":
      if (!source.location) throw new RefreshError("url_refused", "The data source has no URL. Recreate it with an https:// URL.", { reason: "no_url" });
      return fetchUrlContent(source.location, maxBytes);
    default:
      throw new RefreshError("internal_error", `The data source kind "${source.kind}" is not supported.`, {
        reason: "unsupported_kind",
        kind: source.kind,
      });
  }
};
