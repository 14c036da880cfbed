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

/** One X post in the real outline: cellInnerDiv > article[data-testid=tweet] with User-Name, tweetText, hashtag links.
 * `repostedBy`: the reposter's handle (socialContext inside a link to them, as X draws it);
 * `pinned`: a profile's pinned post (socialContext without a link);
 * `quote`: {handle, name?, text} drawn as X's quoted-post block (div[role=link] with its own User-Name). */
export function xPost({ handle, name = handle, text, hashtags = [], id, promoted = false, repostedBy, pinned = false, quote, lang = "en", links = [] }) {
  const body = escapeHtml(text).replace(/(?<!&)#(\w+)/g, (_, tag) =>
    hashtags.includes(tag) || hashtags.length === 0 ? `<a href="/hashtag/${tag}?src=hashtag_click" role="link">#${tag}</a>` : `#${tag}`,
  ) + links.map((url) => ` <a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank" role="link">${escapeHtml(url.replace(/^https?:\/\//, ""))}</a>`).join("");
  const quoted = quote ? `<div aria-labelledby="id__q${id}"><div><div dir="ltr"><span>Quote</span></div><div tabindex="0" role="link">
      <div data-testid="User-Name"><div><span>${escapeHtml(quote.name ?? quote.handle)}</span></div><div tabindex="-1"><div dir="ltr"><span>@${escapeHtml(quote.handle)}</span></div></div><div><time datetime="2026-11-19T08:00:00.000Z">Nov 19</time></div></div>
      <div data-testid="tweetText" lang="en" dir="auto">${escapeHtml(quote.text)}</div></div></div></div>` : "";
  const article = `<article data-testid="tweet" role="article" tabindex="0">
    ${repostedBy ? `<div><a href="/${repostedBy}" role="link"><span data-testid="socialContext">${escapeHtml(repostedBy)} reposted</span></a></div>` : ""}
    ${pinned ? `<div><span data-testid="socialContext">Pinned</span></div>` : ""}
    <div data-testid="Tweet-User-Avatar"></div>
    <div data-testid="User-Name"><a href="/${handle}" role="link"><span>${escapeHtml(name)}</span></a><a href="/${handle}" role="link" tabindex="-1"><span>@${handle}</span></a><a href="/${handle}/status/${id}" role="link"><time datetime="2026-11-20T09:00:00.000Z">Nov 20</time></a></div>
    <div data-testid="tweetText" lang="${lang}" dir="auto">${body}</div>
    ${quoted}
    <div role="group" aria-label="3 replies, 5 reposts, 20 likes"><button data-testid="reply"><span data-testid="app-text-transition-container">3</span></button><button data-testid="retweet"><span data-testid="app-text-transition-container">5</span></button><button data-testid="like"><span data-testid="app-text-transition-container">20</span></button></div>
  </article>`;
  const inner = promoted ? `<div data-testid="placementTracking">${article}</div>` : article;
  return `<div data-testid="cellInnerDiv"><div>${inner}</div></div>`;
}

/** X's "Who to follow" module in a timeline: a heading cell, UserCell rows, a "Show more" cell. */
export function xWhoToFollow(users, heading = "Who to follow") {
  return [
    `<div data-testid="cellInnerDiv"><div><h2 role="heading" aria-level="2"><span>${escapeHtml(heading)}</span></h2></div></div>`,
    ...users.map(({ handle, name = handle, bio = "" }) => `<div data-testid="cellInnerDiv"><div><button data-testid="UserCell" role="button" type="button">
      <div><a href="/${handle}" role="link"><span>${escapeHtml(name)}</span></a><a href="/${handle}" role="link" tabindex="-1"><span>@${handle}</span></a></div>
      <div dir="auto"><span>${escapeHtml(bio)}</span></div><div><span>Follow</span></div></button></div></div>`),
    `<div data-testid="cellInnerDiv"><div><a href="/i/connect_people" role="link"><span>Show more</span></a></div></div>`,
  ];
}

/** Trends drawn inside the timeline column: a heading cell and [data-testid=trend] rows. */
export function xTrends(trends, heading = "Trends for you") {
  return [
    `<div data-testid="cellInnerDiv"><div><h2 role="heading" aria-level="2"><span>${escapeHtml(heading)}</span></h2></div></div>`,
    ...trends.map((trend) => `<div data-testid="cellInnerDiv"><div><div data-testid="trend" role="link" tabindex="0"><div><span>Trending in United Kingdom</span></div><div><span>${escapeHtml(trend)}</span></div></div></div></div>`),
  ];
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

const PAGE_STYLE = `body{font-family:system-ui;margin:0;background:#fff;color:#0f1419}@media (prefers-color-scheme:dark){body{background:#15202b;color:#e7e9ea}}
a{color:#1d72b8}`;

/** One Bluesky feed item in social-app's outline: feedItem-by-<handle> (a link to the post), the
 * "Reposted by" link, avatar and name links, the permalink, contentHider-post > postText with
 * hashtag links, a quoted post as a link card, and the count testids. */
export function bskyPost({ handle, name = handle, text, rkey, repostedBy, quote, links = [], testid = "feedItem" }) {
  const body = escapeHtml(text).replace(/(^|\s)#(\w+)/g, (_, space, tag) => `${space}<a href="/hashtag/${tag}" aria-label="Hashtag ${tag}" role="link">#${tag}</a>`)
    + links.map((url) => ` <a href="https://go.bsky.app/redirect?u=${encodeURIComponent(url)}" target="_blank" rel="noopener" role="link">${escapeHtml(url.replace(/^https?:\/\//, ""))}</a>`).join("");
  const quoted = quote ? `<div><a href="/profile/${quote.handle}/post/${quote.rkey ?? "q" + rkey}" aria-label="Post by ${escapeHtml(quote.handle)}" role="link">
      <div><span>${escapeHtml(quote.name ?? quote.handle)}</span> <span>\u202a@${escapeHtml(quote.handle)}\u202c</span></div><div dir="auto">${escapeHtml(quote.text)}</div></a></div>` : "";
  return `<div data-testid="${testid}-by-${handle}" role="link" tabindex="0" class="post">
    ${repostedBy ? `<div><a href="/profile/${repostedBy}" aria-label="Reposted by ${escapeHtml(repostedBy)}" role="link"><span>Reposted by ${escapeHtml(repostedBy)}</span></a></div>` : ""}
    <div class="row"><div><a href="/profile/${handle}" aria-label="${escapeHtml(name)}'s avatar" role="link"><div class="avatar"></div></a></div>
    <div class="body"><div class="meta"><a href="/profile/${handle}" role="link"><span>${escapeHtml(name)}</span></a> <a href="/profile/${handle}" role="link"><span>\u202a@${escapeHtml(handle)}\u202c</span></a> · <a href="/profile/${handle}/post/${rkey}" aria-label="November 20, 2026 at 9:00 AM" role="link">2h</a></div>
    <div data-testid="contentHider-post"><div data-testid="postText" dir="auto">${body}</div>${quoted}</div>
    <div class="controls"><button data-testid="replyBtn" type="button"><span data-testid="replyCount">2</span></button><button data-testid="repostBtn" type="button"><span data-testid="repostCount">4</span></button><button data-testid="likeBtn" type="button"><span data-testid="likeCount">17</span></button><button data-testid="postDropdownBtn" type="button" aria-label="Open post options menu">…</button></div>
    </div></div></div>`;
}

/** A feed row (one slice: a post, or a short thread whose later posts are replies). */
export const bskyRow = (...posts) => `<div class="slice">${posts.join("")}</div>`;

/** A Bluesky page: the home feed list, or the thread screen for `thread: true`. */
export function bskyPage(rows, { thread = false } = {}) {
  const list = thread
    ? `<div data-testid="postThreadScreen"><div id="timeline">${rows.join("\n")}</div></div>`
    : `<div data-testid="customFeedPage-feed-flatlist"><div id="timeline">${rows.join("\n")}</div></div>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home — Bluesky</title>
<style>${PAGE_STYLE}
#root{max-width:600px;margin:0 auto;border-inline:1px solid #8884}.post{display:block;padding:10px 16px;border-top:1px solid #8884;cursor:pointer}
.row{display:flex;gap:10px}.avatar{width:42px;height:42px;border-radius:50%;background:#8886}.meta a{text-decoration:none;color:inherit}
[data-testid=postText]{margin:4px 0;white-space:pre-wrap}.controls{display:flex;gap:24px}.controls button{background:none;border:0;color:inherit}
.slice .post~.post{border-top:0}</style></head>
<body><div id="root"><main>${list}</main></div></body></html>`;
}

/** One Mastodon status in the web UI's outline: article[data-id] > .status__wrapper > .status with
 * .status__info (display name, @account, relative time), .status__content__text, the hashtag
 * bar, a boost's .status__prepend, a reply's classes and a quoted post. `acct` is "user" for a
 * local account or "user@domain". */
export function mastodonPost({ id, acct, name = acct.split("@")[0], text, tags = [], boostedBy, reply = false, quote, lang = "en" }) {
  const body = escapeHtml(text).replace(/(^|\s)#(\w+)/g, (_, space, tag) => `${space}<a href="https://mastodon.social/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`);
  const bar = tags.length ? `<div class="hashtag-bar">${tags.map((t) => `<a href="/tags/${t}">#${t}</a>`).join("")}</div>` : "";
  const info = (a, n, statusId) => `<div class="status__info"><a href="/@${a}/${statusId}" class="status__relative-time"><time datetime="2026-11-20T09:00:00.000Z" title="Nov 20, 2026, 09:00">2h</time></a>
      <a href="/@${a}" class="status__display-name"><div class="status__avatar"><div class="account__avatar"></div></div><span class="display-name"><bdi><strong class="display-name__html">${escapeHtml(n)}</strong></bdi> <span class="display-name__account">@${escapeHtml(a)}</span></span></a></div>`;
  const quoted = quote ? `<div class="status__quote"><div class="status" data-id="${id}q">${info(quote.acct, quote.name ?? quote.acct, `${id}q`)}
      <div class="status__content"><div class="status__content__text status__content__text--visible translate" lang="en"><p>${escapeHtml(quote.text)}</p></div></div></div></div>` : "";
  return `<article data-id="${id}" aria-posinset="1" aria-setsize="20">${mastodonStatus({ id, acct, name, body, bar, boostedBy, reply, quoted, info, lang })}</article>`;
}

function mastodonStatus({ id, acct, name, body, bar, boostedBy, reply, quoted, info, lang }) {
  return `<div class="status__wrapper status__wrapper-public focusable${reply ? " status__wrapper-reply" : ""}" tabindex="0" aria-label="${escapeHtml(name)}, post, Nov 20, @${escapeHtml(acct)}">
    ${boostedBy ? `<div class="status__prepend"><div class="status__prepend-icon-wrapper"></div><span><a data-id="9" href="/@${boostedBy}" class="status__display-name muted"><bdi><strong>${escapeHtml(boostedBy)}</strong></bdi></a> boosted</span></div>` : ""}
    <div class="status status-public${reply ? " status-reply" : ""}${quoted ? " status--has-quote" : ""}" data-id="${id}">
      ${info(acct, name, id)}
      <div class="status__content status__content--with-action" tabindex="0"><div class="status__content__text status__content__text--visible translate" lang="${lang}"><p>${body}</p></div></div>
      ${bar}${quoted}
      <div class="status__action-bar"><button type="button" class="status__action-bar__button icon-button" aria-label="Reply"><span class="icon-button__counter"><span class="animated-number">2</span></span></button><button type="button" class="icon-button" aria-label="Boost"><span class="icon-button__counter"><span class="animated-number">5</span></span></button><button type="button" class="icon-button" aria-label="Favourite"><span class="icon-button__counter"><span class="animated-number">12</span></span></button></div>
    </div></div>`;
}

/** A Mastodon web page: initial-state (how any instance is recognised) and the home feed. */
export function mastodonPage(articles, { domain = "mastodon.social" } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home - Mastodon</title>
<script id="initial-state" type="application/json">${JSON.stringify({ meta: { domain, locale: "en" } })}</script>
<style nonce="fixture">${PAGE_STYLE}
.columns-area{max-width:600px;margin:0 auto;border-inline:1px solid #8884}article{display:block;border-bottom:1px solid #8884}
.status{padding:12px 16px}.status__info{display:flex;flex-direction:row-reverse;justify-content:space-between}
.status__display-name{color:inherit;text-decoration:none}.display-name__account{opacity:.7}.status__prepend{padding:8px 16px 0;opacity:.7}
.status__quote{border:1px solid #8886;border-radius:8px;margin-top:8px}.hashtag-bar a{margin-right:8px}
.status__action-bar{display:flex;gap:24px}.status__action-bar button{background:none;border:0;color:inherit}</style></head>
<body><div id="mastodon" class="app-holder"><div class="columns-area"><div class="scrollable"><div class="item-list" role="feed" id="timeline">
${articles.join("\n")}</div></div></div></div></body></html>`;
}
