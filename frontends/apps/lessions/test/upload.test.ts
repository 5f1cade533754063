import { Session, type TokenResponse } from "@alif/auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { uploadWithProgress } from "../src/lib/upload.ts";

const ORIGIN = "http://lessions.alif24.localhost:8080";

/** A fake XMLHttpRequest: each send reports progress, then answers with the next response. */
function fakeXhr(answers: { status: number; body: unknown }[]) {
  const sent: { url: string; auth: string | null; body: unknown }[] = [];
  class FakeXhr {
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = "";
    #url = "";
    #headers = new Map<string, string>();
    open(_method: string, url: string) {
      this.#url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.#headers.set(name.toLowerCase(), value);
    }
    abort() {
      this.onabort?.();
    }
    send(body: unknown) {
      sent.push({ url: this.#url, auth: this.#headers.get("authorization") ?? null, body });
      const answer = answers.shift() ?? { status: 500, body: null };
      queueMicrotask(() => {
        this.upload.onprogress?.({
          lengthComputable: true,
          loaded: 50,
          total: 100,
        } as ProgressEvent);
        this.status = answer.status;
        this.responseText = JSON.stringify(answer.body);
        this.onload?.();
      });
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  return sent;
}

const tokens = (access: string): TokenResponse => ({
  access_token: access,
  token_type: "bearer",
  expires_in: 900,
  user: { id: "t1", role: "teacher", status: "active", first_name: "Jasur", last_name: "" },
});

afterEach(() => vi.unstubAllGlobals());

describe("an upload with its progress", () => {
  it("sends the form with the session's token and reports the share sent", async () => {
    const sent = fakeXhr([{ status: 201, body: { id: "u1", name: "olma.png" } }]);
    const session = new Session({ origin: ORIGIN, fetch: async () => new Response(null) });
    session.accept(tokens("t0"));
    const form = new FormData();
    form.set("kind", "image");
    const shares: number[] = [];
    const answer = await uploadWithProgress(
      session,
      "/api/lessions/uploads/lessons/l1",
      form,
      (s) => shares.push(s),
    );
    expect(answer).toEqual({ id: "u1", name: "olma.png" });
    expect(sent).toEqual([
      { url: `${ORIGIN}/api/lessions/uploads/lessons/l1`, auth: "Bearer t0", body: form },
    ]);
    expect(shares).toEqual([0.5, 1]);
  });

  it("renews a refused token once and sends again", async () => {
    const sent = fakeXhr([
      { status: 401, body: { error: { code: "invalid_token", message: "x", details: {} } } },
      { status: 201, body: { id: "u1" } },
    ]);
    const session = new Session({
      origin: ORIGIN,
      fetch: async () => new Response(JSON.stringify(tokens("t1")), { status: 200 }),
    });
    session.accept(tokens("t0"));
    await uploadWithProgress(
      session,
      "/api/lessions/uploads/lessons/l1",
      new FormData(),
      () => undefined,
    );
    expect(sent.map((s) => s.auth)).toEqual(["Bearer t0", "Bearer t1"]);
  });

  it("throws the API's error (a file too large)", async () => {
    fakeXhr([
      { status: 413, body: { error: { code: "file_too_large", message: "x", details: {} } } },
    ]);
    const session = new Session({ origin: ORIGIN, fetch: async () => new Response(null) });
    session.accept(tokens("t0"));
    await expect(
      uploadWithProgress(
        session,
        "/api/lessions/uploads/lessons/l1",
        new FormData(),
        () => undefined,
      ),
    ).rejects.toMatchObject({ status: 413, code: "file_too_large" });
  });
});
