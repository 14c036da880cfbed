// Fixture timelines written after the sites' real markup (see ../shared/SITES.md). Text passed
// in is escaped: fixtures must not smuggle markup the test did not mean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED } from "./harness.mjs";

export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The three anonymised real X posts from ../shared/fixtures/x, each as a timeline cell
 * (two of them were saved with their cellInnerDiv, one without). */
export function realXCells() {
  return ["x-tweet-sample.html", "x-tweet-quote.html", "x-tweet-quote-video.html"].map((name) => {
    const html = readFileSync(join(SHARED, "fixtures", "x", name), "utf8");
    return html.includes('data-testid="cellInnerDiv"') ? html : `<div data-testid="cellInnerDiv">${html}</div>`;
  });
}

/** One X post in the real outline: cellInnerDiv > article[data-testid=tweet] with User-Name, tweetText, hashtag links. */
export function xPost({ handle, name = handle, text, hashtags = [], id, promoted = false, repostedBy, lang = "en" }) {
  const body = escapeHtml(text).replace(/#(\w+)/g, (_, tag) =>
    hashtags.includes(tag) || hashtags.length === 0 ? `<a href="/hashtag/${tag}?src=hashtag_click" role="link">#${tag}</a>` : `#${tag}`,
  );
  const article = `<article data-testid="tweet" role="article" tabindex="0">
    ${repostedBy ? `<div><span data-testid="socialContext">${escapeHtml(repostedBy)} reposted</span></div>` : ""}
    <div data-testid="Tweet-User-Avatar"></div>
    <div data-testid="User-Name"><a href="/${handle}" role="link"><span>${escapeHtml(name)}</span></a><a href="/${handle}" role="link" tabindex="-1"><span>@${handle}</span></a><a href="/${handle}/status/${id}" role="link"><time datetime="2026-11-20T09:00:00.000Z">Nov 20</time></a></div>
    <div data-testid="tweetText" lang="${lang}" dir="auto">${body}</div>
    <div role="group" aria-label="3 replies, 5 reposts, 20 likes"><button data-testid="reply"><span data-testid="app-text-transition-container">3</span></button><button data-testid="retweet"></button><button data-testid="like"></button></div>
  </article>`;
  const inner = promoted ? `<div data-testid="placementTracking">${article}</div>` : article;
  return `<div data-testid="cellInnerDiv"><div>${inner}</div></div>`;
}

/** A whole X home timeline page around the given cells. */
export function xTimeline(cells, { script = "" } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home / X</title>
<style>body{font-family:system-ui;margin:0;background:#fff;color:#0f1419}@media (prefers-color-scheme:dark){body{background:#000;color:#e7e9ea}}
[data-testid=primaryColumn]{max-width:600px;margin:0 auto;border-inline:1px solid #8884}
[data-testid=cellInnerDiv]>div{padding:12px 16px;border-bottom:1px solid #8884}
article a{color:#1d9bf0;text-decoration:none}[data-testid=User-Name]{display:flex;gap:6px;font-weight:600}
[data-testid=tweetText]{margin:4px 0 8px;white-space:pre-wrap}</style></head>
<body><main role="main"><div data-testid="primaryColumn"><section role="region"><h1>Your Home Timeline</h1>
<div aria-label="Timeline: Your Home Timeline"><div id="timeline">${cells.join("\n")}</div></div></section></div></main>${script}</body></html>`;
}
