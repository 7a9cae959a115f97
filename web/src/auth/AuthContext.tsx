import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { authApi } from '../api';
import { setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Account } from '../api/types';
import { orgStore } from '../orgs/orgStore';

interface AuthState {
  /** undefined while the session is being checked, null when logged out. */
  user: Account | null | undefined;
  /** Why the user was sent to the login page (session expired), if any. */
  notice: string | null;
  login: (login: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  expire: (notice: string) => void;
}

const Ctx = createContext<AuthState | null>(null);

export function AuthProvider({ children, expiredNotice }: { children: ReactNode; expiredNotice: string }) {
  const [user, setUser] = useState<Account | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    authApi.me().then(
      (s) => {
        if (!live) return;
        setCsrfToken(s.csrf_token);
        setUser(s.user);
      },
      () => live && setUser(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const expire = useCallback((text: string) => {
    setCsrfToken('');
    setNotice(text);
    setUser(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => expire(expiredNotice));
    return () => setUnauthorizedHandler(null);
  }, [expire, expiredNotice]);

  const login = useCallback(async (name: string, password: string) => {
    const s = await authApi.login(name, password);
    setCsrfToken(s.csrf_token);
    setNotice(null);
    setUser(s.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken('');
      setUser(null);
    }
  }, []);

  // What one account has seen is not kept for the next one.
  const userId = user?.id;
  useEffect(() => {
    orgStore.clear();
  }, [userId]);

  const value = useMemo(() => ({ user, notice, login, logout, expire }), [user, notice, login, logout, expire]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The logged-in account; only for pages under RequireAuth. */
export function useUser(): Account {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
