// What the welcome page's choices mean for the rule pack. Pure, so it is unit-tested under node.

/** Country → the edchat packs that carry its teacher conversation, and the spelling of Staffroom's words. */
export const COUNTRIES = [
  { id: "uk", name: "United Kingdom", packs: ["uk-edchat"], spelling: "en-GB" },
  { id: "us", name: "United States", packs: ["us-edchat"], spelling: "en-US" },
  { id: "ie", name: "Ireland", packs: ["world-edchat", "uk-edchat"], spelling: "en-GB" },
  { id: "au-nz", name: "Australia or New Zealand", packs: ["world-edchat"], spelling: "en-GB" },
  { id: "other", name: "Somewhere else", packs: ["world-edchat", "uk-edchat", "us-edchat"], spelling: "en-GB" },
];
export const EDCHAT_PACKS = new Set(COUNTRIES.flatMap((country) => country.packs));

/** Phases of schooling; `pack` is the topic pack a phase switches on (secondary is its subjects). */
export const PHASES = [
  { id: "early-years", pack: "early-years", name: { "en-GB": "Early years", "en-US": "Early childhood (pre-K, kindergarten)" } },
  { id: "primary", pack: "primary", name: { "en-GB": "Primary", "en-US": "Elementary" } },
  { id: "secondary", pack: null, name: { "en-GB": "Secondary", "en-US": "Middle or high school" } },
  { id: "new-teachers", pack: "new-teachers", name: { "en-GB": "Training or early career", "en-US": "Student teaching or early career" } },
];
const PHASE_PACKS = new Set(PHASES.map((phase) => phase.pack).filter(Boolean));

export const STRICTNESS = [
  { id: "relaxed", name: "Relaxed", hint: "Keep posts that are probably about teaching, even without a tag." },
  { id: "balanced", name: "Balanced", hint: "Keep posts with a teaching tag or clearly about teaching." },
  { id: "tags", name: "Tags only", hint: "Keep only posts with one of your hashtags or phrases." },
];
export const DEFAULT_STRICTNESS = "balanced";

export const TROLL_LEVELS = [
  { id: "off", name: "Off", hint: "Never hide a post for its tone." },
  { id: "low", name: "Low", hint: "Only unmistakable abuse: slurs and threats." },
  { id: "medium", name: "Medium", hint: "Also insults aimed at someone." },
  { id: "high", name: "High", hint: "Also rude or mocking replies; some blunt but fair posts may go." },
];

/** The topic packs offered as subjects and interests: every shipped pack that is not an edchat or a phase. */
export function subjectPacks(lensPacks) {
  return lensPacks.filter((pack) => !EDCHAT_PACKS.has(pack.id) && !PHASE_PACKS.has(pack.id));
}

/** The country a browser's language suggests (en-GB → uk, en-US → us, …). */
export function countryFromLanguage(language = "") {
  const region = language.split("-")[1]?.toUpperCase();
  return { GB: "uk", US: "us", IE: "ie", AU: "au-nz", NZ: "au-nz" }[region] ?? "other";
}

/**
 * The pack's lens packs for these choices, in the engine's order: the country's edchats, the
 * phases' packs and the chosen subjects. Packs the welcome page does not offer are kept.
 */
export function lensPacksFor({ country, phases, subjects }, currentPacks, engineOrder) {
  const offered = new Set([...EDCHAT_PACKS, ...PHASE_PACKS, ...subjects.offered]);
  const chosen = new Set([
    ...(COUNTRIES.find((c) => c.id === country)?.packs ?? []),
    ...PHASES.filter((p) => phases.includes(p.id) && p.pack).map((p) => p.pack),
    ...subjects.chosen,
    ...currentPacks.filter((id) => !offered.has(id)),
  ]);
  return [...engineOrder.filter((id) => chosen.has(id)), ...[...chosen].filter((id) => !engineOrder.includes(id))];
}

/** The choices a pack already holds, to start the page from (a school's suggested pack, or the defaults). */
export function choicesFromPack(pack, language) {
  const packs = new Set(pack.lens?.packs ?? []);
  const edchats = [...packs].filter((id) => EDCHAT_PACKS.has(id)).sort().join(" ");
  const byEdchats = COUNTRIES.find((c) => [...c.packs].sort().join(" ") === edchats);
  return {
    // The shipped default (UK and US edchats) matches no country: the browser's language decides.
    country: byEdchats?.id ?? countryFromLanguage(language),
    phases: PHASES.filter((p) => p.pack && packs.has(p.pack)).map((p) => p.id),
    subjects: [...packs].filter((id) => !EDCHAT_PACKS.has(id) && !PHASE_PACKS.has(id)),
    strictness: pack.lens?.strictness ?? DEFAULT_STRICTNESS,
    troll: pack.troll?.sensitivity ?? "medium",
  };
}
