// Site adapters as data: how each site marks up its timeline. Stable hooks only (data-testid,
// role, aria-*, data-id, link shapes, the class names a site's own stylesheet is written against),
// never hashed class names and never UI text, which changes with the reader's language. Each
// selector names the file of the site's open-source client it relies on (Bluesky: social-app
// src/, Mastodon: app/javascript/mastodon/).
//
// hosts / detect   where the adapter applies (detect: a selector proving the site on any host)
// columns          the timeline columns: every post outside them is left alone
// post             one post; item: what collapses (closest(item), the post itself when absent)
// placeholder      "inside" the first hidden item (lists that position their cells) or "before" it
// quote            the quoted post's container: the post's own fields are never read inside it
// text, hashtags, links, time: selectors, read outside the quote
// permalink, author, authorName, related: values, each {selector?, attr?, after?, segment?,
//   pathSegments?, domain?, quoted?, precedes?, follows?} (no selector: the post itself; no attr:
//   its text; after: the part after a marker; segment: that path segment of a URL; pathSegments:
//   the URL's path cut to that many segments; domain: append the host to a bare local account;
//   quoted: read inside the quote instead; precedes/follows: only a match before/after the post's
//   first match of that selector, never one holding it or inside it)
// pagePost         on a page whose path holds this, a post showing no permalink is the page's own
// kinds            first match wins: {ancestor} closest(), {has} a descendant outside the quote,
//                  {matches} the post itself, {value} a value read from the post is not empty,
//                  {page, notCurrent} on a conversation page, every post but the one it is about
// linkRedirect     the site's outgoing-link proxy, unwrapped to the real address
// modules          rows that are not posts (X's "who to follow", trends), with the heading cell
//                  that starts them; requireHeading: rows count only under such a heading;
//                  posts: the rows counted as posts (the others, and the heading, collapse uncounted)
// evidence         markup that shows posts are on screen even when `post` matches none of them
//                  (health.js: the popup then says Staffroom cannot read the page)
globalThis.staffroomContent = globalThis.staffroomContent ?? {};

// Bluesky (social-app): src/view/com/util/UserAvatar.tsx draws every avatar as an image or a
// fallback drawing, each with a testID; src/lib/routes/links.ts (makeProfileLink) puts profiles at
// /profile/<handle or did>, with a post, feed or list below it.
const BSKY_AVATAR = '[data-testid="userAvatarImage"], [data-testid="userAvatarFallback"]';
const BSKY_PROFILE = 'a[href^="/profile/"]:not([href*="/post/"], [href*="/feed/"], [href*="/lists/"])';
// src/view/com/posts/PostFeedReason.tsx draws the reposter's profile link above the author's avatar
// (src/view/com/posts/PostFeedItem.tsx), whatever the UI language says around it.
const BSKY_REPOSTER = { selector: BSKY_PROFILE, precedes: BSKY_AVATAR, attr: "href", segment: 1 };
// src/components/Post/Embed/index.tsx (QuoteEmbed): a quoted post is a view/com/util/Link, a
// role="link" box without an href or testID, holding its own PostMeta with a link to the post.
const BSKY_QUOTE = 'div[role="link"]:not([data-testid]):has(a[href*="/post/"])';

globalThis.STAFFROOM_SITES = [
  {
    id: "x",
    hosts: ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
    columns: '[data-testid="primaryColumn"]',
    post: 'article[data-testid="tweet"]',
    item: '[data-testid="cellInnerDiv"]',
    placeholder: "inside", // X's virtual list positions each cell: nothing may be added beside them
    quote: 'div[role="link"]',
    text: '[data-testid="tweetText"]',
    hashtags: 'a[href^="/hashtag/"]',
    links: '[data-testid="tweetText"] a[href^="http"]',
    time: "time[datetime]",
    permalink: { selector: 'a[href*="/status/"]:has(> time)', attr: "href" },
    author: { selector: '[data-testid="User-Name"] a[href^="/"]', attr: "href", segment: 0 },
    authorName: { selector: '[data-testid="User-Name"] a[href^="/"]' },
    related: [
      { selector: 'a[href^="/"]:has([data-testid="socialContext"])', attr: "href", segment: 0 },
      { selector: '[data-testid="User-Name"] [tabindex="-1"]', quoted: true },
    ],
    kinds: [
      { kind: "promoted", ancestor: '[data-testid="placementTracking"]' },
      { kind: "repost", has: 'a[href^="/"] [data-testid="socialContext"]' },
      { kind: "quote", has: 'div[role="link"]:has([data-testid="User-Name"])' },
      { kind: "reply", page: "/status/", notCurrent: true },
    ],
    modules: [
      {
        // Rows, and the module's closing "Show more" link to the full list.
        kind: "who_to_follow", rows: '[data-testid="UserCell"], [data-testid="cellInnerDiv"] a[href^="/i/connect_people"]',
        posts: '[data-testid="UserCell"]', heading: 'h2[role="heading"]', requireHeading: true,
        author: { selector: 'a[href^="/"]', attr: "href", segment: 0 },
      },
      { kind: "trend", rows: '[data-testid="trend"]', heading: 'h2[role="heading"]' },
    ],
    evidence: 'a[href*="/status/"]:has(> time)',
  },
  {
    id: "bluesky",
    hosts: ["bsky.app"],
    // src/view/com/posts/PostFeed.tsx and friends: every feed list's testID ends in -flatlist;
    // src/view/screens/PostThread.tsx and Profile.tsx name their screens.
    columns: '[data-testid$="-flatlist"], [data-testid="postThreadScreen"], [data-testid="profileScreen"]',
    // PostFeedItem.tsx: feedItem-by-<handle>; src/screens/PostThread/components: ThreadItemAnchor
    // (the post the page is about), ThreadItemPost and ThreadItemTreePost: postThreadItem-by-<handle>.
    post: '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]',
    placeholder: "before", // each post is a link: ours must not sit inside it
    quote: BSKY_QUOTE,
    // src/components/RichText.tsx gives every post text dataSet {wordWrap: 1} (data-word-wrap, which
    // the web app's own stylesheet targets); only feed items add testID postText.
    text: '[data-testid="postText"], div[data-word-wrap]',
    hashtags: 'a[href^="/hashtag/"]', // src/components/RichTextTag.tsx
    links: 'div[data-word-wrap] a[href^="http"]', // RichText.tsx: InlineLinkText
    linkRedirect: { host: "go.bsky.app", param: "u" }, // RichText.tsx shouldProxyLinks: go.bsky.app/redirect?u=
    // src/view/com/util/PostMeta.tsx links the time to /profile/<author>/post/<rkey>. ThreadItemAnchor
    // draws no such link, only stats links below it (…/post/<rkey>/reposted-by, /quotes, /liked-by),
    // so the path is cut after the rkey; with no stats either, the anchor is the page's own post.
    permalink: { selector: 'a[href^="/profile/"][href*="/post/"]', attr: "href", pathSegments: 4 },
    pagePost: "/post/",
    author: { attr: "data-testid", after: "-by-" },
    // The name and handle links are labelled "View profile" in the reader's language (PostMeta.tsx),
    // so the name is the first profile link after the avatar (ThreadItemAnchor: name and handle in one).
    authorName: { selector: BSKY_PROFILE, follows: BSKY_AVATAR },
    related: [
      BSKY_REPOSTER,
      { selector: 'a[href*="/post/"]', attr: "href", segment: 1, quoted: true }, // QuoteEmbed's PostMeta
    ],
    kinds: [
      { kind: "repost", value: BSKY_REPOSTER },
      { kind: "quote", has: BSKY_QUOTE },
      // src/view/com/posts/FeedSlice.tsx renders a thread slice's posts into one list row, each
      // wrapped in a div by src/view/com/util/WebAuxClickWrapper.tsx: a post after another in its
      // row replies to the one above.
      { kind: "reply", matches: 'div:has(> [data-testid^="feedItem-by-"]) ~ div > [data-testid^="feedItem-by-"]' },
      { kind: "reply", page: "/post/", notCurrent: true },
    ],
    evidence: 'a[href^="/profile/"][href*="/post/"]', // PostMeta.tsx's time links, and the anchor's stats
  },
  {
    id: "mastodon",
    hosts: ["mastodon.social"],
    detect: 'script#initial-state[type="application/json"]',
    // components/scrollable_list.jsx: timelines are div.item-list[role="feed"]; the conversation
    // page (features/status/legacy.jsx) is a div.item-list without a role.
    columns: ".item-list",
    // Timelines wrap each post in article[data-id] (components/scrollable_list.jsx). The
    // conversation page renders ancestors and replies bare, div.status[data-id] inside
    // div.status__wrapper (components/status/legacy/status.jsx), and the post it is about as
    // div.detailed-status (features/status/components/detailed_status.tsx). A quoted post is a
    // .status[data-id] inside .status__quote (components/status/legacy/quoted.tsx). The redesign
    // behind isRedesignEnabled() (components/status/status.tsx) renders article[data-id] with CSS-
    // module classes: the outermost article[data-id] stays the post there too.
    post: "article[data-id]:not(article *), .status[data-id]:not(article *, .status__quote *), .detailed-status",
    // On the conversation page a post collapses with its wrapper: the focal post's action bar and a
    // reply's thread label sit beside it, not inside.
    item: ".status__wrapper, .detailed-status__wrapper",
    placeholder: "inside",
    quote: ".status__quote",
    // Class names below come from the legacy status and its stylesheet; the redesign (CSS modules)
    // drops .status__content__text, .status__relative-time, .status-reply and .status__quote.
    text: ".status__content__text", // components/status/legacy/content.jsx
    // Tags as the server wrote them into the post's HTML (a.mention.hashtag), and the hashtag bar's
    // local /tags/<tag> links (components/status/legacy/hashtag_bar.tsx, and hashtag_bar.tsx of
    // the redesign, whose bar has no .hashtag-bar class): both survive the redesign.
    hashtags: 'a.mention.hashtag[href*="/tags/"], a[href^="/tags/"]',
    links: '.status__content__text a[href^="http"]:not(.mention)',
    time: "time[datetime]", // components/relative_timestamp.tsx
    // legacy/header.tsx: a.status__relative-time; detailed_status.tsx: a.detailed-status__datetime
    // (not its …/reblogs, /favourites or /quotes links); redesign/header.tsx: the link holding <time>.
    permalink: { selector: "a.status__relative-time, a.detailed-status__datetime, header a:has(> time)", attr: "href" },
    // components/display_name/index.tsx (LinkedDisplayName): the author's link is /@<acct> with a
    // hover card, in every variant; the boost line above it links the booster the same way.
    author: { selector: 'a[data-hover-card-account][href^="/@"]:not(.status__prepend *)', attr: "href", segment: 0, domain: true },
    authorName: { selector: ".display-name__html:not(.status__prepend *)" }, // display_name/no-domain.tsx
    related: [
      { selector: ".status__prepend a.status__display-name", attr: "href", segment: 0, domain: true },
      { selector: ".display-name__account", domain: true, quoted: true },
    ],
    kinds: [
      // components/status/prepend.tsx: a boost's line links the booster (whatever the words say).
      { kind: "repost", has: ".status__prepend a.status__display-name" },
      // has: a timeline article's .status; matches: a conversation page's bare .status.
      { kind: "quote", has: ".status--has-quote, .status__quote" },
      { kind: "quote", matches: ".status--has-quote" },
      { kind: "reply", has: ".status-reply, .status__wrapper-reply" },
      { kind: "reply", matches: ".status-reply" },
    ],
    // A post's time inside a link to its author's path: every status header draws one.
    evidence: 'a[href^="/@"] time',
  },
];
