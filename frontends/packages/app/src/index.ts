export { AppProviders, type MountOptions, mountApp } from "./mount.tsx";
