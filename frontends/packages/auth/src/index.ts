export { afterLogin, loginUrl, redirectToLogin } from "./login-redirect.ts";
export {
  type AuthContextValue,
  AuthProvider,
  type AuthState,
  type Me,
  useAuth,
  useMe,
} from "./react.tsx";
export {
  APP_SUBDOMAINS,
  type AppName,
  allowedHosts,
  appOrigin,
  isAllowedReturnUrl,
  rootHost,
  safeReturnUrl,
} from "./return-url.ts";
export {
  type Fetch,
  Session,
  type SessionOptions,
  type SessionUser,
  type TokenResponse,
} from "./session.ts";
