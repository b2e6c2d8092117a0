// The renderer's Content-Security-Policy, in one place: the build writes it into index.html's
// meta tag and the web preview sends it as a header. No eval, no inline script, no remote origin;
// Trusted Types with no policy at all, so no string can reach an HTML or script sink (React 19
// renders without one: e2e/trusted-types.web.spec.ts).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');
