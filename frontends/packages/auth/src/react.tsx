import { type Api, ApiError, call, type MainSchema } from "@alif/api";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { Session, SessionUser, TokenResponse } from "./session.ts";

export type Me = MainSchema<"MeResponse">;

export type AuthState =
  | { status: "loading"; user: null; me: null }
  /** `loggedOut`: the user chose to leave (pages go home, not to the login). */
  | { status: "signedOut"; user: null; me: null; loggedOut?: boolean }
  | { status: "signedIn"; user: SessionUser; me: Me };

export interface AuthContextValue {
  state: AuthState;
  /** Set when the session could not be restored or loaded for a reason other than "no session". */
  error: ApiError | null;
  session: Session;
  api: Api;
  /** After a login: keep the tokens and load `/me`. */
  signIn(tokens: TokenResponse): Promise<Me>;
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  /** Load `/me` again (after a profile change). */
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const LOADING: AuthState = { status: "loading", user: null, me: null };
const SIGNED_OUT: AuthState = { status: "signedOut", user: null, me: null };
const LOGGED_OUT: AuthState = { status: "signedOut", user: null, me: null, loggedOut: true };

/**
 * Restores the session from the refresh cookie when the app starts (this is the single sign-on:
 * a login on any ALIF24 app signs in all of them), then keeps `/me` at hand.
 */
export function AuthProvider(props: { session: Session; api: Api; children: ReactNode }) {
  const { session, api } = props;
  const [state, setState] = useState<AuthState>(LOADING);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const leaving = useRef(false);

  const loadMe = useCallback(async (): Promise<Me> => {
    const mine = ++generation.current;
    const me = await call(api.main.GET("/api/main/me"));
    const user = session.user;
    if (mine === generation.current && user) setState({ status: "signedIn", user, me });
    return me;
  }, [api, session]);

  const restore = useCallback(async () => {
    setError(null);
    try {
      const token = session.isSignedIn ? "present" : await session.refresh();
      if (token === null) {
        setState(SIGNED_OUT);
        return;
      }
      await loadMe();
    } catch (cause) {
      const failure = cause instanceof ApiError ? cause : ApiError.network(cause);
      if (failure.status === 401) {
        session.clear();
      } else {
        setError(failure);
      }
      setState(SIGNED_OUT);
    }
  }, [session, loadMe]);

  useEffect(() => {
    void restore();
    return session.subscribe((user) => {
      if (user === null) {
        generation.current++;
        setState(leaving.current ? LOGGED_OUT : SIGNED_OUT);
      }
    });
  }, [session, restore]);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      error,
      session,
      api,
      async signIn(tokens) {
        session.accept(tokens);
        setError(null);
        return loadMe();
      },
      async signOut(options) {
        leaving.current = true;
        try {
          await session.logout(options);
        } finally {
          leaving.current = false;
        }
        setState(LOGGED_OUT);
      },
      async reload() {
        await loadMe();
      },
    }),
    [state, error, session, api, loadMe],
  );

  return <AuthContext.Provider value={value}>{props.children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth() needs an <AuthProvider> above it");
  return value;
}

/** The signed-in user's `/me`; only inside pages that require a login. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== "signedIn") throw new Error("useMe() is only for signed-in pages");
  return state.me;
}
