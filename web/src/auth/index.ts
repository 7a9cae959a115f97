// The session (light: part of the first screen). The account menu is imported by the layout directly.
export { AuthProvider, useAuth, useUser } from './AuthContext';
