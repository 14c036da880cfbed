// Fixture pages served at the sites' real URLs, the same way in both browsers: a route answers
// every URL under its origin with its page and a strict CSP; anything else is refused.
import { STRICT_CSP } from "../harness.mjs";

/** The response for `url` from the most recently added matching route, or null. */
export function servedResponse(routes, url) {
  const { origin } = new URL(url);
  const route = routes.find((r) => r.origin === origin);
  if (!route) return null;
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": route.csp ?? STRICT_CSP },
    body: route.html,
  };
}
