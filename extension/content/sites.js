// Site adapters as data: how each site marks up its timeline. Stable hooks only (data-testid,
// role, aria-*, data-id), never the sites' hashed class names or English UI text.
// Fields: hosts | detect (a selector proving the site on any host), column (scope of every
// query), post, item (what collapses; the post itself when absent), text, author (element whose
// href names the author), hashtags (links the site made), permalink, kinds (selector → kind;
// `ancestor:` looks up with closest()).
globalThis.STAFFROOM_SITES = [
  {
    id: "x",
    hosts: ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
    column: '[data-testid="primaryColumn"]',
    post: 'article[data-testid="tweet"]',
    item: '[data-testid="cellInnerDiv"]',
    text: '[data-testid="tweetText"]',
    author: '[data-testid="User-Name"] a[href^="/"]',
    hashtags: 'a[href^="/hashtag/"]',
    permalink: 'a[href*="/status/"]:has(> time)',
    kinds: [
      { kind: "promoted", ancestor: '[data-testid="placementTracking"]' },
      { kind: "repost", selector: '[data-testid="socialContext"]' },
    ],
  },
];
