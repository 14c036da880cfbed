// The demo's X home timeline, built with the e2e fixtures' builders (the real markup outline
// from SITES.md): posts, an advert, a repost, a "Who to follow" module and trends.
import { xPost, xTimeline, xTrends, xWhoToFollow } from "../../tests/e2e/fixtures.mjs";
import { DEMO_POSTS, TRENDS, WHO_TO_FOLLOW } from "./posts.mjs";

export const postId = (index) => String(1860000000000000000n + BigInt(index) * 7919n);

export function demoTimelineHtml() {
  const cells = DEMO_POSTS.map((post, index) => xPost({ ...post, id: postId(index) }));
  cells.splice(18, 0, ...xTrends(TRENDS));
  cells.splice(9, 0, ...xWhoToFollow(WHO_TO_FOLLOW));
  return xTimeline(cells);
}
