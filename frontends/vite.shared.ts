/**
 * What every app's Vite config shares: React, Tailwind, and in development a proxy that sends
 * `/api/<service>/` to the local service (as the gateway does in production), so `npm run dev`
 * works next to `make run`, same-origin, cookies included.
 */
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { ProxyOptions, UserConfig } from "vite";

/** The local ports of the services (their pyproject's [tool.alif] port). */
export const SERVICE_PORTS = {
  main: 8000,
  harf: 8001,
  testai: 8002,
  crm: 8003,
  games: 8004,
  olimp: 8005,
  lessions: 8006,
} as const;

export function apiProxy(
  host = process.env.ALIF_API_HOST ?? "127.0.0.1",
): Record<string, ProxyOptions> {
  return Object.fromEntries(
    Object.entries(SERVICE_PORTS).map(([service, port]) => [
      `/api/${service}/`,
      { target: `http://${host}:${port}`, changeOrigin: false, xfwd: true },
    ]),
  );
}

export function appConfig(options: { port: number }): UserConfig {
  return {
    plugins: [react(), tailwindcss()],
    server: { host: "127.0.0.1", port: options.port, strictPort: true, proxy: apiProxy() },
    preview: { host: "127.0.0.1", port: options.port + 100, strictPort: true, proxy: apiProxy() },
    // No source maps in the built apps: dist/ is what the gateway publishes (it refuses *.map
    // too). For debugging a build locally: `npx vite build --sourcemap` in the app's folder.
    build: { target: "es2022", sourcemap: false, reportCompressedSize: false },
  };
}
