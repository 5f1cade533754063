import { describe, expect, it } from "vitest";
import { ApiError, call, createApi, errorFromResponse, toApiError } from "../src/index.ts";

const envelope = (code: string, details: Record<string, unknown> = {}) => ({
  error: { code, message: "English fallback", details },
  request_id: "req-1",
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

describe("toApiError", () => {
  it("reads the code, message, details and request id of the envelope", () => {
    const error = toApiError(409, envelope("username_taken"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: "username_taken",
      message: "English fallback",
      requestId: "req-1",
    });
  });

  it("exposes retry_after of a 429 and the field errors of a validation error", () => {
    expect(toApiError(429, envelope("too_many_requests", { retry_after: 42 })).retryAfter).toBe(42);
    const invalid = toApiError(
      422,
      envelope("validation_error", {
        fields: [{ field: "pin", message: "String should match pattern", type: "string_pattern" }],
      }),
    );
    expect(invalid.fieldErrors).toEqual([
      { field: "pin", message: "String should match pattern", type: "string_pattern" },
    ]);
    expect(toApiError(400, envelope("bad_request")).retryAfter).toBeNull();
  });

  it("gives an answer without the envelope its own code", () => {
    expect(toApiError(502, "<html>Bad gateway</html>").code).toBe("unexpected_response");
    expect(toApiError(500, { detail: "FastAPI default" }).code).toBe("unexpected_response");
    expect(toApiError(500, null).status).toBe(500);
  });

  it("reads a raw Response too, JSON or not", async () => {
    expect((await errorFromResponse(json(404, envelope("child_not_found")))).code).toBe(
      "child_not_found",
    );
    expect((await errorFromResponse(new Response("oops", { status: 503 }))).code).toBe(
      "unexpected_response",
    );
  });
});

describe("call", () => {
  it("returns the data of a successful call through the generated client", async () => {
    const seen: Request[] = [];
    const api = createApi({
      baseUrl: "http://alif24.test",
      fetch: async (request) => {
        seen.push(request);
        return json(200, [{ id: "s1" }]);
      },
    });
    const sessions = await call(api.main.GET("/api/main/auth/sessions"));
    expect(sessions).toEqual([{ id: "s1" }]);
    expect(seen[0]?.url).toBe("http://alif24.test/api/main/auth/sessions");
  });

  it("throws the envelope of a failed call as ApiError", async () => {
    const api = createApi({
      baseUrl: "http://alif24.test",
      fetch: async () => json(401, envelope("invalid_credentials")),
    });
    const pending = call(
      api.main.POST("/api/main/auth/login", {
        body: { identifier: "+998900000001", password: "x" },
      }),
    );
    await expect(pending).rejects.toMatchObject({ status: 401, code: "invalid_credentials" });
  });

  it("turns a failed connection into network_error", async () => {
    const api = createApi({
      baseUrl: "http://alif24.test",
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(call(api.main.GET("/api/main/me"))).rejects.toMatchObject({
      status: 0,
      code: "network_error",
    });
  });

  it("returns nothing for a 204", async () => {
    const api = createApi({
      baseUrl: "http://alif24.test",
      fetch: async () => new Response(null, { status: 204 }),
    });
    await expect(
      call(api.main.POST("/api/main/auth/logout", { body: { everywhere: true } })),
    ).resolves.toBeUndefined();
  });
});
