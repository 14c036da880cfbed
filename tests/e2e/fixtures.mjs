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

// Bluesky's UI words in two of its languages: the fixtures label links as the app does, so a test
// can show that nothing is read from the words.
export const BSKY_UI = {
  en: { lang: "en", repostedBy: (n) => `Reposted by ${n}`, avatar: (n) => `${n}'s avatar`, viewProfile: "View profile",
    hashtag: (t) => `Hashtag ${t}`, reposts: ["Reposts of this post", "reposts"], quotes: ["Quotes of this post", "quotes"],
    likes: ["Likes on this post", "likes"], viewFullThread: "View full thread" },
  de: { lang: "de", repostedBy: (n) => `Repostet von ${n}`, avatar: (n) => `Avatar von ${n}`, viewProfile: "Profil anzeigen",
    hashtag: (t) => `Hashtag ${t}`, reposts: ["Reposts dieses Beitrags", "Reposts"], quotes: ["Zitate dieses Beitrags", "Zitate"],
    likes: ["Likes für diesen Beitrag", "Likes"], viewFullThread: "Vollständigen Thread ansehen" },
};

// src/view/com/util/UserAvatar.tsx inside PreviewableUserAvatar's profile link.
const bskyAvatar = (handle, name, ui) => `<div><a href="/profile/${handle}" aria-label="${escapeHtml(ui.avatar(name))}" role="link"><div class="avatar"><div data-testid="userAvatarImage"><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div></div></a></div>`;

// src/components/RichText.tsx: one Text with dataSet {wordWrap: 1}; tags (RichTextTag) and links
// (InlineLinkText, proxied through go.bsky.app) inside it. testID postText only where given.
function bskyRichText(text, { links = [], ui, testid = "", disableLinks = false }) {
  const linked = (tag) => disableLinks ? `#${tag}` : `<a href="/hashtag/${tag}" aria-label="${escapeHtml(ui.hashtag(tag))}" role="link">#${tag}</a>`;
  const body = escapeHtml(text).replace(/(^|\s)#(\w+)/g, (_, space, tag) => `${space}${linked(tag)}`)
    + links.map((url) => ` <a href="https://go.bsky.app/redirect?u=${encodeURIComponent(url)}" target="_blank" rel="noopener" role="link" data-word-wrap="1">${escapeHtml(url.replace(/^https?:\/\//, ""))}</a>`).join("");
  return `<div${testid ? ` data-testid="${testid}"` : ""} dir="auto" data-word-wrap="1">${body}</div>`;
}

// src/view/com/util/PostMeta.tsx: name and handle links labelled "View profile", then the time
// linked to the post and labelled with its date.
const bskyMeta = (handle, name, rkey, ui, avatar = "") => `<div class="meta">${avatar}<div><a href="/profile/${handle}" aria-label="${escapeHtml(ui.viewProfile)}" role="link" dir="auto">\u202a${escapeHtml(name)}\u202c</a><a href="/profile/${handle}" aria-label="${escapeHtml(ui.viewProfile)}" role="link">\u00a0\u202a@${escapeHtml(handle)}\u202c</a></div><a href="/profile/${handle}/post/${rkey}" aria-label="20 Nov 2026, 09:00" title="20 Nov 2026, 09:00" role="link"><div>· </div>2h</a></div>`;

// src/components/Post/Embed/index.tsx (QuoteEmbed): a view/com/util/Link, role="link" without an
// href, around PostMeta with an avatar and the quoted text (links disabled).
function bskyQuote({ handle, name = handle, text, rkey }, ui) {
  const avatar = `<a href="/profile/${handle}" aria-label="${escapeHtml(ui.avatar(name))}" role="link"><div data-testid="userAvatarImage"></div></a>`;
  return `<div class="quote"><div><div role="link" tabindex="0" aria-label="Post by ${escapeHtml(handle)}">${bskyMeta(handle, name, rkey, ui, avatar)}${bskyRichText(text, { ui, disableLinks: true })}</div></div></div>`;
}

// src/components/PostControls: buttons with testIDs and their counts.
const BSKY_CONTROLS = `<div class="controls"><button data-testid="replyBtn" type="button"><span data-testid="replyCount">2</span></button><button data-testid="repostBtn" type="button"><span data-testid="repostCount">4</span></button><button data-testid="likeBtn" type="button"><span data-testid="likeCount">17</span></button><button data-testid="postDropdownBtn" type="button" aria-label="Open post options menu">…</button></div>`;

/** One Bluesky feed item after social-app's src/view/com/posts/PostFeedItem.tsx: a div from
 * WebAuxClickWrapper around feedItem-by-<handle> (a role="link" box), the reason row (the
 * reposter's link above the avatar), the avatar, PostMeta, contentHider-post > postText, a quoted
 * post and the controls. `ui` picks the UI language of the labels. */
export function bskyPost({ handle, name = handle, text, rkey, repostedBy, quote, links = [], ui = BSKY_UI.en }) {
  const reason = repostedBy ? `<a href="/profile/${repostedBy}" aria-label="${escapeHtml(ui.repostedBy(repostedBy))}" role="link"><svg width="13" height="13" aria-hidden="true"></svg><div><div>${escapeHtml(ui.repostedBy(repostedBy))}</div></div></a>` : "";
  return `<div><div data-testid="feedItem-by-${handle}" role="link" tabindex="0" class="post"><div>
    <div class="reason"><div style="width:42px"></div><div>${reason}</div></div>
    <div class="row">${bskyAvatar(handle, name, ui)}
    <div class="body">${bskyMeta(handle, name, rkey, ui)}
    <div data-testid="contentHider-post"><div>${bskyRichText(text, { links, ui, testid: "postText" })}</div>${quote ? bskyQuote({ rkey: `q${rkey}`, ...quote }, ui) : ""}</div>
    ${BSKY_CONTROLS}</div></div></div></div></div>`;
}

/** A reply or parent on the thread screen, after src/screens/PostThread/components/ThreadItemPost.tsx:
 * PostHider's role="link" box postThreadItem-by-<handle>, avatar, PostMeta, RichText without a testID. */
export function bskyThreadPost({ handle, name = handle, text, rkey, quote, ui = BSKY_UI.en }) {
  return `<div><div><div data-testid="postThreadItem-by-${handle}" role="link" class="post"><div class="line"></div>
    <div class="row">${bskyAvatar(handle, name, ui)}<div class="body">${bskyMeta(handle, name, rkey, ui)}
    <div>${bskyRichText(text, { ui })}</div>${quote ? `<div>${bskyQuote({ rkey: `q${rkey}`, ...quote }, ui)}</div>` : ""}${BSKY_CONTROLS}</div></div></div></div></div>`;
}

/** The post a thread page is about, after ThreadItemAnchor.tsx: postThreadItem-by-<handle>, the
 * avatar, one link holding name and handle (labelled with the name), the text in a ContentHider
 * without a testID, the date as plain text, and stats links to …/reposted-by, /quotes, /liked-by. */
export function bskyThreadAnchor({ handle, name = handle, text, rkey, quote, stats = { reposts: 3, quotes: 1, likes: 12 }, ui = BSKY_UI.en }) {
  const stat = (count, [label, word], path, testid) => count ? `<a href="/profile/${handle}/post/${rkey}/${path}" aria-label="${escapeHtml(label)}" role="link"><div data-testid="${testid}"><div>${count}</div> ${escapeHtml(word)}</div></a>` : "";
  return `<div class="line"></div><div data-testid="postThreadItem-by-${handle}" class="anchor">
    <div class="row">${bskyAvatar(handle, name, ui)}<a href="/profile/${handle}" aria-label="${escapeHtml(name)}" role="link"><div><div><div dir="auto">${escapeHtml(name)}</div></div><div>@${escapeHtml(handle)}</div></div></a></div>
    <div><div><div>${bskyRichText(text, { ui })}</div>${quote ? `<div>${bskyQuote({ rkey: `q${rkey}`, ...quote }, ui)}</div>` : ""}</div>
    <div><div><div>20 Nov 2026 at 09:00</div></div></div>
    <div class="stats">${stat(stats.reposts, ui.reposts, "reposted-by", "repostCount-expanded")}${stat(stats.quotes, ui.quotes, "quotes", "quoteCount-expanded")}${stat(stats.likes, ui.likes, "liked-by", "likeCount-expanded")}</div>
    ${BSKY_CONTROLS}</div></div>`;
}

/** A feed list row holding one slice (src/view/com/posts/FeedSlice.tsx): a post, or a short thread
 * whose later posts are replies; `viewFullThread` puts the app's link between the first two. */
export const bskyRow = (...posts) => `<div class="slice">${posts.join("")}</div>`;
export const bskyViewFullThread = (handle, rkey, ui = BSKY_UI.en) => `<div><a href="/profile/${handle}/post/${rkey}" role="link"><div><svg width="4" height="40"></svg></div><div>${escapeHtml(ui.viewFullThread)}</div></a></div>`;

/** A Bluesky page: a feed list (`feed`: the list's testID before -flatlist; `screen`: a screen's
 * testID around it, e.g. profileScreen), or the thread screen for `thread: true`. */
export function bskyPage(rows, { thread = false, feed = "customFeedPage-feed", screen = "", ui = BSKY_UI.en } = {}) {
  const feedList = `<div data-testid="${feed}-flatlist"><div id="timeline">${rows.join("\n")}</div></div>`;
  const list = thread
    ? `<div data-testid="postThreadScreen"><div id="timeline">${rows.join("\n")}</div></div>`
    : screen ? `<div data-testid="${screen}"><div class="header"></div>${feedList}</div>` : feedList;
  return `<!doctype html><html lang="${ui.lang}"><head><meta charset="utf-8"><title>Home — Bluesky</title>
<style>${PAGE_STYLE}
#root{max-width:600px;margin:0 auto;border-inline:1px solid #8884}.post,.anchor{display:block;padding:10px 16px;border-top:1px solid #8884;cursor:pointer}
.row{display:flex;gap:10px}.avatar,[data-testid=userAvatarImage]{width:42px;height:42px;border-radius:50%;background:#8886}.avatar img{display:none}
.meta{display:flex;gap:4px}.meta a{text-decoration:none;color:inherit}.quote [data-testid=userAvatarImage]{width:16px;height:16px}
.quote>div>div{border:1px solid #8886;border-radius:8px;padding:8px;margin:6px 0}.stats{display:flex;gap:16px;padding:8px 0}
[data-word-wrap]{margin:4px 0;white-space:pre-wrap}.controls{display:flex;gap:24px}.controls button{background:none;border:0;color:inherit}
.slice>div+div>.post{border-top:0}</style></head>
<body><div id="root"><main>${list}</main></div></body></html>`;
}

// components/display_name/index.tsx (LinkedDisplayName): the author's /@acct link with a hover card.
const mastodonNameLink = (acct, name, className, inner = "") => `<a href="/@${escapeHtml(acct)}" title="@${escapeHtml(acct)}" data-id="a-${escapeHtml(acct)}" data-hover-card-account="a-${escapeHtml(acct)}" class="${className}">${inner}<span class="display-name"><bdi><strong class="display-name__html">${escapeHtml(name)}</strong></bdi> <span class="display-name__account">@${escapeHtml(acct)}</span></span></a>`;

// components/status/legacy/header.tsx: .status__info with the name link and the relative time.
const mastodonInfo = (acct, name, statusId) => `<div class="status__info"><a href="/@${escapeHtml(acct)}/${statusId}" class="status__relative-time"><span class="status__visibility-icon"></span><time datetime="2026-11-20T09:00:00.000Z" title="Nov 20, 2026, 09:00">2h</time></a>
      ${mastodonNameLink(acct, name, "status__display-name", '<div class="status__avatar"><div class="account__avatar"></div></div>')}</div>`;

function mastodonBody(text, lang) {
  const body = escapeHtml(text).replace(/(^|\s)#(\w+)/g, (_, space, tag) => `${space}<a href="https://mastodon.social/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`);
  return `<div class="status__content status__content--with-action" tabindex="0"><div class="status__content__text status__content__text--visible translate" lang="${lang}"><p>${body}</p></div></div>`;
}

const mastodonHashtagBar = (tags) => tags.length ? `<div class="hashtag-bar">${tags.map((t) => `<a href="/tags/${t}">#${t}</a>`).join("")}</div>` : "";

// components/status/legacy/quoted.tsx: .status__quote around a whole legacy status marked as a quote.
const mastodonQuoted = (quote, id) => `<div class="status__quote"><div tabindex="-1"><div class="status__wrapper status__wrapper-public" aria-label="Quote, ${escapeHtml(quote.name ?? quote.acct)}"><div class="status status-public status--is-quote" data-id="${id}q">${mastodonInfo(quote.acct, quote.name ?? quote.acct, `${id}q`)}
      ${mastodonBody(quote.text, "en")}</div></div></div></div>`;

/** One Mastodon status in the web UI's outline (components/status/legacy/status.jsx):
 * article[data-id] > .status__wrapper > .status with .status__info (display name, @account, relative
 * time), .status__content__text, the hashtag bar, a boost's .status__prepend, a reply's classes and
 * a quoted post. `acct` is "user" for a local account or "user@domain". `inThread`: drawn bare on a
 * conversation page (features/status/legacy.jsx), inside the Hotkeys div instead of an article. */
export function mastodonPost({ id, acct, name = acct.split("@")[0], text, tags = [], boostedBy, reply = false, quote, lang = "en", inThread = false }) {
  const status = mastodonStatus({ id, acct, name, text, tags, boostedBy, reply, quote, lang, inThread });
  return inThread ? `<div tabindex="-1">${status}</div>` : `<article data-id="${id}" aria-posinset="1" aria-setsize="20">${status}</article>`;
}

function mastodonStatus({ id, acct, name, text, tags, boostedBy, reply, quote, lang, inThread }) {
  const thread = inThread ? " status--in-thread" : "";
  return `<div class="status__wrapper status__wrapper-public focusable${reply ? " status__wrapper-reply" : ""}${inThread ? " status__wrapper--in-thread" : ""}" tabindex="0" aria-label="${escapeHtml(name)}, post, Nov 20, @${escapeHtml(acct)}">
    ${boostedBy ? `<div class="status__prepend"><div class="status__prepend__icon"></div><span>${mastodonNameLink(boostedBy, boostedBy, "status__display-name muted").replace(/<span class="display-name__account">[^<]*<\/span>/, "")} boosted</span></div>` : ""}
    <div class="status status-public${reply ? " status-reply" : ""}${thread}${quote ? " status--has-quote" : ""}" data-id="${id}">
      ${mastodonInfo(acct, name, id)}
      ${mastodonBody(text, lang)}
      ${mastodonHashtagBar(tags)}${quote ? mastodonQuoted(quote, id) : ""}
      <div class="status__action-bar"><button type="button" class="status__action-bar__button icon-button" aria-label="Reply"><span class="icon-button__counter"><span class="animated-number">2</span></span></button><button type="button" class="icon-button" aria-label="Boost"><span class="icon-button__counter"><span class="animated-number">5</span></span></button><button type="button" class="icon-button" aria-label="Favourite"><span class="icon-button__counter"><span class="animated-number">12</span></span></button></div>
    </div></div>`;
}

/** The post a Mastodon conversation page is about (features/status/components/detailed_status.tsx
 * inside legacy.jsx's .detailed-status__wrapper): .detailed-status with the name link, the text,
 * a quote, the hashtag bar, the date linked to the post, and links to its boosts, quotes and
 * favourites; the action bar beside it. */
export function mastodonDetailedPost({ id, acct, name = acct.split("@")[0], text, tags = [], quote, lang = "en", domain = "mastodon.social" }) {
  const shown = acct.includes("@") ? acct : `${acct}@${domain}`;
  const link = (path, count, cls, word) => `<a href="/@${escapeHtml(acct)}/${id}/${path}" class="detailed-status__link"><span class="${cls}"><span class="animated-number">${count}</span></span> ${word}</a>`;
  return `<div tabindex="-1"><div class="focusable detailed-status__wrapper detailed-status__wrapper-public" tabindex="0" aria-label="${escapeHtml(name)}, ${escapeHtml(text)}, Nov 20, ${escapeHtml(acct)}"><div><div class="detailed-status">
    ${mastodonNameLink(acct, name, "detailed-status__display-name", '<div class="detailed-status__display-avatar"><div class="account__avatar"></div></div>').replace(/(display-name__account">)@[^<]*/, `$1@${escapeHtml(shown)}`)}
    ${mastodonBody(text, lang)}${quote ? mastodonQuoted(quote, id) : ""}${mastodonHashtagBar(tags)}
    <div class="detailed-status__meta"><div class="detailed-status__meta__line"><a class="detailed-status__datetime" href="/@${escapeHtml(acct)}/${id}" target="_blank" rel="noopener noreferrer">Nov 20, 2026, 09:00</a>·<span class="visibility-icon"></span></div>
    <div class="detailed-status__meta__line">${link("reblogs", 4, "detailed-status__reblogs", "boosts")}·${link("quotes", 1, "detailed-status__quotes", "quotes")}·${link("favourites", 9, "detailed-status__favorites", "favorites")}</div></div>
    </div></div><div class="detailed-status__action-bar"><button type="button" class="icon-button" aria-label="Reply"></button><button type="button" class="icon-button" aria-label="Boost"></button></div></div></div>`;
}

/** A status as Mastodon's redesign draws it behind isRedesignEnabled() (components/status/status.tsx
 * with redesign/header.tsx, prepend.tsx and hashtag_bar.tsx): an article[data-id] whose classes
 * are CSS-module hashes, a <header> with the author's links and the time link, the text without
 * .status__content__text, a footer with the hashtag bar's /tags/ links. In a timeline it sits in
 * the list's own article[data-id]. */
export function mastodonRedesignedPost({ id, acct, name = acct.split("@")[0], text, tags = [], boostedBy }) {
  const card = `data-id="a-${escapeHtml(acct)}" data-hover-card-account="a-${escapeHtml(acct)}" data-hover-card-reference="status"`;
  const body = escapeHtml(text).replace(/(^|\s)#(\w+)/g, (_, space, tag) => `${space}<a href="https://mastodon.social/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`);
  return `<article data-id="${id}" aria-posinset="1" aria-setsize="20"><article data-id="${id}" tabindex="-1" aria-label="${escapeHtml(name)}, ${escapeHtml(text)}" class="_root_1x2y3 _variantFeed_9k8j7">
    ${boostedBy ? `<div class="status__prepend"><div class="status__prepend__icon"></div><span><a href="/@${boostedBy}" title="@${boostedBy}" data-id="a-${boostedBy}" data-hover-card-account="a-${boostedBy}" class="status__display-name muted"><span class="display-name"><bdi><strong class="display-name__html">${escapeHtml(boostedBy)}</strong></bdi></span></a> boosted</span></div>` : ""}
    <header class="_header_4f5g6 _header_7h8i9"><a href="/@${escapeHtml(acct)}" title="@${escapeHtml(acct)}" ${card}><div class="account__avatar"></div></a>
      <div class="_headerNameWrapper_0a1b2"><p class="_headerName_3c4d5"><a href="/@${escapeHtml(acct)}" title="@${escapeHtml(acct)}" ${card} class="_headerNameLink_6e7f8"><span class="display-name"><bdi><strong class="display-name__html">${escapeHtml(name)}</strong></bdi></span></a>&bull;<a href="/@${escapeHtml(acct)}/${id}"><time datetime="2026-11-20T09:00:00.000Z" title="Nov 20, 2026, 09:00">2h</time></a></p>
      <p class="_headerHandle_9g0h1"><a href="/@${escapeHtml(acct)}" title="@${escapeHtml(acct)}" ${card}>@${escapeHtml(acct)}</a></p></div></header>
    <div class="_root_2i3j4"><div class="_text_5k6l7" lang="en"><p>${body}</p></div></div>
    <footer class="_footer_8m9n0">${tags.length ? `<div class="_hashtagsWrapper_1o2p3"><div class="_hashtags_4q5r6">${tags.map((t) => `<a href="/tags/${t}" class="_button_7s8t9">#${t}</a>`).join("")}</div></div>` : ""}<div class="_actionBar_0u1v2"><button type="button" aria-label="Reply"></button></div></footer>
  </article></article>`;
}

/** A Mastodon web page: initial-state (how any instance is recognised) and the home feed, or a
 * conversation page (`thread: true`: a div.item-list without a role, features/status/legacy.jsx). */
export function mastodonPage(articles, { domain = "mastodon.social", thread = false } = {}) {
  const list = thread
    ? `<div class="item-list scrollable scrollable--flex" id="timeline">`
    : `<div class="item-list" role="feed" id="timeline">`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home - Mastodon</title>
<script id="initial-state" type="application/json">${JSON.stringify({ meta: { domain, locale: "en" } })}</script>
<style nonce="fixture">${PAGE_STYLE}
.columns-area{max-width:600px;margin:0 auto;border-inline:1px solid #8884}article{display:block;border-bottom:1px solid #8884}
.status,.detailed-status{padding:12px 16px}.status__info{display:flex;flex-direction:row-reverse;justify-content:space-between}
.status__display-name,.detailed-status__display-name{color:inherit;text-decoration:none}.display-name__account{opacity:.7}.status__prepend{padding:8px 16px 0;opacity:.7}
.status__quote{border:1px solid #8886;border-radius:8px;margin-top:8px}.hashtag-bar a{margin-right:8px}.detailed-status__meta{opacity:.7}
.status__action-bar{display:flex;gap:24px}.status__action-bar button{background:none;border:0;color:inherit}</style></head>
<body><div id="mastodon" class="app-holder"><div class="columns-area"><div class="scrollable">${list}
${articles.join("\n")}</div></div></div></div></body></html>`;
}
