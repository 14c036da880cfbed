// Site adapters as data: how each site marks up its timeline. Stable hooks only (data-testid,
// role, aria-*, data-id, Mastodon's documented class names), never hashed class names.
//
// hosts / detect   where the adapter applies (detect: a selector proving the site on any host)
// columns          the timeline columns: every post outside them is left alone
// post             one post; item: what collapses (closest(item), the post itself when absent)
// placeholder      "inside" the first hidden item (lists that position their cells) or "before" it
// quote            the quoted post's container: the post's own fields are never read inside it
// text, hashtags, links, time, permalink: selectors, read outside the quote
// author, authorName, related: values, each {selector?, attr?, after?, segment?, domain?, quoted?}
//   (no selector: the post itself; no attr: its text; after: the part after a marker;
//   segment: that path segment of a URL; domain: append the host to a bare local account;
//   quoted: read inside the quote instead)
// kinds            first match wins: {ancestor} closest(), {has} a descendant outside the quote,
//                  {matches} the post itself, {page, notCurrent} on a conversation page, every
//                  post but the one the page is about
// linkRedirect     the site's outgoing-link proxy, unwrapped to the real address
// modules          rows that are not posts (X's "who to follow", trends), with the heading cell
//                  that starts them; requireHeading: rows count only under such a heading
globalThis.staffroomContent = globalThis.staffroomContent ?? {};

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
    permalink: 'a[href*="/status/"]:has(> time)',
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
        heading: 'h2[role="heading"]', requireHeading: true,
        author: { selector: 'a[href^="/"]', attr: "href", segment: 0 },
      },
      { kind: "trend", rows: '[data-testid="trend"]', heading: 'h2[role="heading"]' },
    ],
  },
  {
    id: "bluesky",
    hosts: ["bsky.app"],
    columns: '[data-testid$="-flatlist"], [data-testid="postThreadScreen"], [data-testid="profileScreen"]',
    post: '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]',
    placeholder: "before", // each post is a link: ours must not sit inside it
    quote: '[data-testid="contentHider-post"] a[href*="/post/"]:not([data-testid="postText"] a)',
    text: '[data-testid="postText"]',
    hashtags: '[data-testid="postText"] a[href^="/hashtag/"]',
    links: '[data-testid="postText"] a[href^="http"]',
    linkRedirect: { host: "go.bsky.app", param: "u" }, // Bluesky proxies outgoing links
    permalink: 'a[href^="/profile/"][href*="/post/"]',
    author: { attr: "data-testid", after: "-by-" },
    authorName: { selector: 'a[href^="/profile/"]:not([href*="/post/"]):not([aria-label])' },
    related: [
      { selector: 'a[href^="/profile/"][aria-label^="Reposted by"]', attr: "href", segment: 1 },
      { selector: 'a[href*="/post/"]', attr: "href", segment: 1, quoted: true },
    ],
    kinds: [
      { kind: "repost", has: 'a[href^="/profile/"][aria-label^="Reposted by"]' },
      { kind: "quote", has: '[data-testid="contentHider-post"] a[href*="/post/"]:not([data-testid="postText"] a)' },
      // The later posts of a thread slice in a feed are replies to the one above.
      { kind: "reply", matches: '[data-testid^="feedItem-by-"] ~ [data-testid^="feedItem-by-"]' },
      { kind: "reply", page: "/post/", notCurrent: true },
    ],
  },
  {
    id: "mastodon",
    hosts: ["mastodon.social"],
    detect: 'script#initial-state[type="application/json"]',
    columns: '[role="feed"]',
    post: "article[data-id]",
    placeholder: "inside",
    quote: ".status__quote",
    text: ".status__content__text",
    hashtags: 'a.mention.hashtag[href*="/tags/"], .hashtag-bar a[href*="/tags/"]',
    links: '.status__content__text a[href^="http"]:not(.mention)',
    time: "time[datetime]",
    permalink: "a.status__relative-time",
    author: { selector: ".status__info .display-name__account", domain: true },
    authorName: { selector: ".status__info .display-name__html" },
    related: [
      { selector: ".status__prepend a.status__display-name", attr: "href", segment: 0, domain: true },
      { selector: ".display-name__account", domain: true, quoted: true },
    ],
    kinds: [
      { kind: "repost", has: ".status__prepend a.status__display-name" },
      { kind: "quote", has: ".status--has-quote, .status__quote" },
      { kind: "reply", has: ".status-reply, .status__wrapper-reply" },
    ],
  },
];
