// One idea in the library list: its post (as text, never markup), note, plan, review and the
// actions its status allows. `actions` are callbacks supplied by library.js.
import { el, formatDate, titleOf, STATUS_LABELS, SITE_LABELS } from "./library-api.js";

function source(idea) {
  const who = idea.author?.handle ? `@${idea.author.handle}` : idea.author?.name;
  const where = SITE_LABELS[idea.site] ?? idea.site;
  return who ? `${who} on ${where}` : `From ${where}`;
}

function details(title, rows) {
  const present = rows.filter(([, value]) => value);
  if (!present.length) return null;
  return el(
    "div",
    { class: "block" },
    el("h4", { text: title }),
    el("dl", {}, ...present.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { dir: "auto", text: value })])),
  );
}

function planBlock(plan) {
  if (!plan) return null;
  return details("Trial plan", [
    ["What I'll try", plan.what],
    ["Class or group", plan.group],
    ["By", plan.by != null ? formatDate(plan.by, { weekday: "short" }) : ""],
    ["How I'll know it worked", plan.success_criteria],
    ["Share with", plan.share_with],
  ]);
}

function reviewBlock(review) {
  if (!review) return null;
  return details(`Review · ${formatDate(review.reviewed_at)}`, [
    ["How it went", review.how_it_went],
    ["Evidence", review.evidence],
    ["Reflection", review.reflection],
    ["Next step", review.next_step],
  ]);
}

/** The buttons an idea's status allows, as [label, action]. */
function choices(idea) {
  switch (idea.status) {
    case "saved":
      return [["Plan a trial", "plan"], ["Edit", "edit"], ["Drop", "drop"]];
    case "planned":
      return [["Start trying", "start"], ["Review", "review"], ["Edit plan", "plan"], ["Edit", "edit"], ["Drop", "drop"]];
    case "trying":
      return [["Review", "review"], ["Edit plan", "plan"], ["Edit", "edit"], ["Drop", "drop"]];
    case "reviewed":
      return [["Mark embedded", "embed"], ["Edit review", "review"], ["Plan another round", "plan"], ["Edit", "edit"], ["Drop", "drop"]];
    case "embedded":
      return [["Edit review", "review"], ["Plan another round", "plan"], ["Edit", "edit"], ["Drop", "drop"]];
    default:
      return [["Reopen", "reopen"], ["Edit", "edit"]];
  }
}

export function renderIdea(idea, actions) {
  const titleId = `title-${idea.id}`;
  const [primary, ...rest] = choices(idea);
  const buttons = [primary, ...rest].map(([label, action], i) =>
    el("button", { type: "button", class: i === 0 ? "primary" : undefined, "data-action": action, text: label, onclick: () => actions[action](idea) }),
  );
  buttons.push(el("button", { type: "button", class: "danger", "data-action": "delete", text: "Delete", onclick: () => actions.delete(idea) }));

  const tags = idea.hashtags?.length
    ? el("p", { class: "tags" }, ...idea.hashtags.map((tag) =>
        el("button", { type: "button", class: "chip tag", "aria-label": `Show ideas tagged ${tag}`, text: `#${tag}`, onclick: () => actions.filterTag(tag) })))
    : null;

  return el(
    "li",
    {},
    el(
      "article",
      { class: `idea status-${idea.status}`, "aria-labelledby": titleId, "data-idea-id": idea.id, tabindex: "-1" },
      el(
        "header",
        { class: "idea-head" },
        el("span", { class: `status status-${idea.status}`, text: STATUS_LABELS[idea.status] ?? idea.status }),
        el("span", { class: "muted", dir: "auto", text: `${source(idea)} · saved ${formatDate(idea.saved_at)}` }),
      ),
      el("h3", { id: titleId, dir: "auto", text: titleOf(idea) }),
      // A short post already is the title: say it once.
      idea.text && idea.text.trim() !== titleOf(idea) ? el("p", { class: "post-text", dir: "auto", text: idea.text }) : null,
      tags,
      idea.note ? el("p", { class: "note", dir: "auto" }, el("strong", { text: "Why I saved it: " }), idea.note) : null,
      planBlock(idea.plan),
      reviewBlock(idea.review),
      idea.permalink
        ? el("p", { class: "permalink" }, el("a", { href: idea.permalink, target: "_blank", rel: "noopener noreferrer", text: "Open the original post" }))
        : null,
      el("div", { class: "row actions" }, ...buttons),
    ),
  );
}
