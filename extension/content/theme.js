// Content: is the page drawn light or dark? Each site switches its own theme without a reload,
// whatever the system says (X colours the body, Bluesky puts theme--dark on <html>, Mastodon
// sets <html data-mode> and follows the system's scheme), so the answer is read from the page's
// own background and followed. Our UI is told by one attribute on each of its elements,
// data-staffroom-theme = light | dark, which its stylesheets turn into colours: a switch
// restyles everything without redrawing anything, and a new element costs no style read.
(() => {
  const content = (globalThis.staffroomContent = globalThis.staffroomContent ?? {});
  if (content.themed) return; // injected twice (by the manifest and by an instance registration)
  const ATTRIBUTE = "data-staffroom-theme";
  const SETTLE_MS = 100; // changes this close are read once: a switch can take several (a class off, another on)
  const systemDark = matchMedia("(prefers-color-scheme: dark)");
  let current = null; // "light" | "dark", read when first needed
  let timer = 0;

  // How light a computed background is, 0 (black) to 1 (white); null when mostly see-through.
  function lightness(color) {
    const space = color.slice(0, color.indexOf("("));
    const values = color.slice(space.length + 1, -1).split(/[\s,/]+/).map(Number).filter((n) => !Number.isNaN(n));
    const [a, b, c, alpha = 1] = values;
    if (values.length < 3 || alpha < 0.5) return null;
    if (space === "rgb" || space === "rgba") return (0.2126 * a + 0.7152 * b + 0.0722 * c) / 255;
    if (space === "color") return 0.2126 * a + 0.7152 * b + 0.0722 * c; // color(srgb r g b), 0–1
    if (space === "oklab" || space === "oklch") return a;
    if (space === "lab" || space === "lch") return a / 100;
    return null;
  }

  // The first opaque background from the body up; the browser's canvas when there is none.
  function readTheme() {
    for (const node of [document.body, document.documentElement]) {
      const light = node && lightness(getComputedStyle(node).backgroundColor);
      if (light !== null) return light < 0.5 ? "dark" : "light";
    }
    const scheme = document.documentElement ? getComputedStyle(document.documentElement).colorScheme : "normal";
    const dark = scheme.includes("dark") && (!scheme.includes("light") || systemDark.matches);
    return dark ? "dark" : "light";
  }

  function theme() {
    current ??= readTheme();
    return current;
  }

  /** Marks one of our elements to follow the page's theme; returns it. */
  content.themed = (element) => {
    element.setAttribute(ATTRIBUTE, theme());
    return element;
  };

  function recheck() {
    timer = 0;
    const next = readTheme();
    if (next === current) return;
    current = next;
    for (const element of document.querySelectorAll(`[${ATTRIBUTE}]`)) element.setAttribute(ATTRIBUTE, current);
  }

  function soon() {
    timer ||= setTimeout(recheck, SETTLE_MS);
  }

  // Only <html> and <body> themselves are watched: where the sites say which theme they draw.
  const watcher = new MutationObserver(soon);
  const watchOptions = { attributes: true };
  if (document.documentElement) watcher.observe(document.documentElement, watchOptions);
  systemDark.addEventListener("change", soon);
  const watchBody = () => {
    if (document.body) watcher.observe(document.body, watchOptions);
    soon(); // the site's stylesheets may have arrived since the first read
  };
  if (document.body) watchBody();
  else document.addEventListener("DOMContentLoaded", watchBody, { once: true });
  addEventListener("load", soon, { once: true });
})();
