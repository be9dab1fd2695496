import { AppError } from "../errors/app-error";
import { formatBytes } from "./refresh-error";
import { MAX_UPLOAD_BYTES } from "./schemas";

export type UploadedFile = { fileName: string; content: Uint8Array<ArrayBuffer> };

/** Multipart framing adds a few hundred bytes around the file; this much is allowed on top of it. */
export const MULTIPART_FRAMING_BYTES = 64 * 1024;

const rawCsvTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"];

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The file is larger than ${formatBytes(maxBytes)}, the most a data source upload may be.`, {
    reason: "file_too_large",
    limitBytes: maxBytes,
  });

const cleanFileName = (name: string | null | undefined) => {
  const base = (name ?? "").split(/[\\/]/).pop()?.trim().replace(/[\u0000-\u001f]/g, "") ?? "";
  return base.slice(0, 255) || "upload.csv";
};

const fileNameFromDisposition = (header: string | null) => {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain parameter
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1] ?? null;
};

// Reads at most maxBytes, so an oversized body is refused without buffering all of it.
const readCapped = async (req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> => {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
};

/**
 * The CSV file of an upload request: multipart/form-data with a `file` field, or the raw
 * CSV as the body (text/csv), its name from ?fileName= or Content-Disposition.
 */
export const readUploadRequest = async (req: Request, maxBytes = MAX_UPLOAD_BYTES): Promise<UploadedFile> => {
  const contentType = req.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  let file: UploadedFile;

  if (mediaType === "multipart/form-data") {
    const body = await readCapped(req, maxBytes + MULTIPART_FRAMING_BYTES);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new AppError("bad_request", "The multipart form could not be read. Send the CSV in a form field named \"file\".");
    }
    const field = form.get("file");
    if (!field || typeof field === "string") {
      throw new AppError("validation_failed", "Attach the CSV file in a form field named \"file\".", { field: "file", reason: "file_missing" });
    }
    if (field.size > maxBytes) throw tooLarge(maxBytes);
    file = { fileName: cleanFileName(field.name), content: new Uint8Array(await field.arrayBuffer()) };
  } else if (rawCsvTypes.includes(mediaType)) {
    const url = new URL(req.url);
    const name = url.searchParams.get("fileName") ?? fileNameFromDisposition(req.headers.get("content-disposition"));
    file = { fileName: cleanFileName(name), content: await readCapped(req, maxBytes) };
  } else {
    throw new AppError(
      "unsupported_media_type",
      "Send the CSV file as multipart/form-data (field \"file\") or as the request body with Content-Type text/csv.",
    );
  }

  if (file.content.byteLength === 0) {
    throw new AppError("validation_failed", "The file is empty. Upload a CSV file with a header row.", {
      field: "file",
      reason: "file_empty",
    });
  }
  return file;
};
