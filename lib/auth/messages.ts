/** Sign-in error codes shared by the server (next-auth authorize) and the login form. */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "Wrong email or password",
  RateLimited: "Too many attempts, try again later",
} as const;

export function signInMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return code in SIGN_IN_ERRORS ? SIGN_IN_ERRORS[code as keyof typeof SIGN_IN_ERRORS] : "Sign-in failed, try again";
}
