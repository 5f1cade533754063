/**
 * Every ALIF24 service answers a failure with one envelope:
 * `{"error": {"code", "message", "details"}, "request_id"}`. It becomes an `ApiError` here, and the
 * apps translate `code` (never show `message`, which is English and meant as a fallback).
 */

export type FieldError = { field: string; message: string; type: string };

/** Codes the client itself produces when there is no envelope to read. */
export const CLIENT_ERROR_CODES = {
  /** The request never got an answer: offline, DNS, connection reset. */
  network: "network_error",
  /** An answer without the envelope: a gateway page, a proxy error, a broken body. */
  unexpected: "unexpected_response",
} as const;

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** Seconds to wait before trying again (429 answers carry it). */
  get retryAfter(): number | null {
    const value = this.details.retry_after;
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  }

  /** Per-field problems of a `validation_error`, keyed by the field's dotted path. */
  get fieldErrors(): FieldError[] {
    const fields = this.details.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldError =>
        typeof f === "object" &&
        f !== null &&
        typeof (f as FieldError).field === "string" &&
        typeof (f as FieldError).message === "string",
    );
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, CLIENT_ERROR_CODES.network, "The server could not be reached.");
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An `ApiError` from a failed response's status and its (already parsed) body. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === "string") {
    const { code, message, details } = body.error;
    return new ApiError(
      status,
      code,
      typeof message === "string" ? message : code,
      isRecord(details) ? details : {},
      typeof body.request_id === "string" ? body.request_id : null,
    );
  }
  return new ApiError(
    status,
    CLIENT_ERROR_CODES.unexpected,
    `The server answered ${status} without an error description.`,
  );
}

/** Reads a failed `Response` into an `ApiError` (for code that calls `fetch` directly). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = JSON.parse(await response.text());
  } catch {
    // not JSON: an nginx page or an empty body
  }
  return toApiError(response.status, body);
}
