import catalog from "../catalog.json";

/**
 * The platform's services, built or planned, by port (written from tools/catalog.py by `make
 * client`): `port` is where it listens locally, `subdomain` its app's host ("" is main's),
 * `api` whether it exists, `web` whether it has an app in frontends/apps.
 */
export const CATALOG = catalog;
export type ServiceName = keyof typeof catalog;
