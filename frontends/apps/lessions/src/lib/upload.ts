import { ApiError, toApiError } from "@alif/api";
import type { Session } from "@alif/auth";

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // an nginx page or an empty body
  }
}

function send(
  method: "POST" | "PUT",
  url: string,
  form: FormData,
  token: string | null,
  onProgress: (share: number) => void,
  signal?: AbortSignal,
): Promise<{ status: number; body: unknown }> {
  return new Promise((done, fail) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => done({ status: xhr.status, body: parse(xhr.responseText) });
    xhr.onerror = () => fail(ApiError.network(new Error("upload failed")));
    xhr.onabort = () => fail(new DOMException("The upload was stopped.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * A multipart upload to one of our APIs with its progress (0 to 1), which `fetch` cannot report:
 * XMLHttpRequest with the session's token; a 401 renews the token once and sends again, as the
 * API clients do. Answers the JSON body, or throws the API's error.
 */
export async function uploadWithProgress<T>(
  session: Session,
  path: string,
  form: FormData,
  onProgress: (share: number) => void,
  signal?: AbortSignal,
  method: "POST" | "PUT" = "POST",
): Promise<T> {
  const url = `${session.origin}${path}`;
  let answer = await send(method, url, form, await session.accessToken(), onProgress, signal);
  if (answer.status === 401) {
    const token = await session.refresh();
    if (token !== null) answer = await send(method, url, form, token, onProgress, signal);
  }
  if (answer.status >= 200 && answer.status < 300) {
    onProgress(1);
    return answer.body as T;
  }
  throw toApiError(answer.status, answer.body);
}
