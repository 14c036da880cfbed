// Options: the professional lens — on/off, how strict it is, the engine's topic packs, the
// user's own hashtags and keywords, the sites it applies to, and what it learned from the teacher.
import { checkbox, chipList, el, radioGroup, send } from "./options-dom.js";

const SITES = [["x", "X"], ["bluesky", "Bluesky"], ["mastodon", "Mastodon"]];
const STRICTNESS = [
  ["relaxed", "Relaxed", "Also shows posts that only lean towards teaching. The fewest teaching posts missed."],
  ["balanced", "Balanced (recommended)", "Shows posts whose words read as a teacher's professional post, tagged or not."],
  ["tags", "Tags only", "Only posts with your packs' hashtags and phrases, or your own."],
];

// The examples the lens learned from ("show posts like this", "not for me", saved ideas).
// They are not part of the rule pack: reset acts at once, not on "Save".
function learned() {
  const count = el("span", {}, "…");
  const status = el("p", { className: "hint", role: "status" });
  const reset = el("button", { type: "button", dataset: { action: "reset-lens-examples" } }, "Forget what it learned");
  const show = (n) => {
    count.textContent = n === 1 ? "1 example" : `${n} examples`;
    reset.disabled = n === 0;
  };
  send("lens/examples").then(({ count: n }) => show(n)).catch((error) => { status.textContent = error.message; });
  reset.addEventListener("click", async () => {
    try {
      show(await send("lens/reset"));
      status.textContent = "The lens forgot your examples; it reads posts with what Staffroom ships.";
    } catch (error) {
      status.textContent = `Could not reset: ${error.message}`;
    }
  });
  return el("div", { className: "field", dataset: { field: "lens-examples" } },
    el("h3", {}, "What it learned from you"),
    el("p", { className: "hint" }, "Posts you marked “show posts like this” or “not for me”, and ideas you saved, tune the lens on this device. They are kept with your ideas' backup."),
    el("p", {}, "Learned from ", count, " ", reset), status);
}

function topicPacks(editor, lens) {
  const grid = el("div", { className: "pack-grid", role: "group", "aria-labelledby": "packs-heading", dataset: { field: "lens.packs" } });
  const box = el("div", { className: "field" }, el("h3", { id: "packs-heading" }, "Topic packs"),
    el("p", { className: "hint" }, "Curated hashtags and phrases teachers use. Posts that match any chosen pack stay in your timeline."),
    grid);
  send("settings/lensPacks").then((packs) => {
    const chosen = new Set(lens.packs ?? []);
    // Packs the stored rules name but the engine no longer lists still show, so they can be removed.
    for (const id of chosen) if (!packs.some((p) => p.id === id)) packs.push({ id, name: id, description: "No longer shipped with Staffroom." });
    grid.replaceChildren(...packs.map((pack) => {
      const option = checkbox({
        label: pack.name,
        hint: pack.description,
        checked: chosen.has(pack.id),
        field: `lens.packs.${pack.id}`,
        onChange: (on) => editor.change((draft) => {
          const ids = new Set(draft.lens.packs ?? []);
          if (on) ids.add(pack.id);
          else ids.delete(pack.id);
          draft.lens.packs = packs.map((p) => p.id).filter((id) => ids.has(id));
        }),
      });
      if (pack.hashtag_count !== undefined) {
        option.querySelector(".check-text").append(el("span", { className: "hint counts" }, `${pack.hashtag_count} hashtags · ${pack.keyword_count} phrases`));
      }
      option.classList.add("pack");
      option.dataset.pack = pack.id;
      return option;
    }));
  }).catch((error) => grid.replaceChildren(el("p", { className: "error" }, `Topic packs could not be listed: ${error.message}`)));
  return box;
}

export function renderLens(editor) {
  const lens = (editor.draft.lens ??= {});
  const sites = el("fieldset", { className: "field inline-group", dataset: { field: "lens.sites" } },
    el("legend", {}, "Use the lens on"),
    ...SITES.map(([id, name]) => checkbox({
      label: name,
      checked: lens.sites?.[id] !== false,
      field: `lens.sites.${id}`,
      onChange: (on) => editor.change((draft) => { draft.lens.sites = { ...draft.lens.sites, [id]: on }; }),
    })));
  return [
    el("h2", { id: "lens-heading" }, "Professional lens"),
    checkbox({
      label: "Show only posts about teaching",
      hint: "Everything else folds into one quiet line you can open.",
      checked: lens.enabled !== false,
      field: "lens.enabled",
      switchStyle: true,
      onChange: (on) => editor.change((draft) => { draft.lens.enabled = on; }),
    }),
    el("div", { className: "field" }, el("h3", { id: "strictness-heading" }, "How strict"),
      radioGroup({
        name: "lens-strictness", labelledBy: "strictness-heading", field: "lens.strictness", options: STRICTNESS,
        current: lens.strictness ?? "balanced",
        onChange: (id) => editor.change((draft) => { draft.lens.strictness = id; }),
      })),
    topicPacks(editor, lens),
    el("div", { className: "two-columns" },
      chipList({
        label: "Your hashtags", hint: "Without the #; variants such as #mathschat and #mathchat count as one.",
        field: "lens.hashtags", values: lens.hashtags ?? [], placeholder: "e.g. mathschat",
        normalize: (s) => s.trim().replace(/^#+/, ""), display: (s) => `#${s}`,
        onChange: (values) => editor.change((draft) => { draft.lens.hashtags = values; }),
      }),
      chipList({
        label: "Your keywords", hint: "Words or phrases, e.g. retrieval practice.",
        field: "lens.keywords", values: lens.keywords ?? [], placeholder: "e.g. retrieval practice",
        onChange: (values) => editor.change((draft) => { draft.lens.keywords = values; }),
      })),
    sites,
    learned(),
  ];
}
