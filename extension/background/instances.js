// Background area module: "instances". Exports `routes` (message type → async handler) and,
// where needed, `onAlarm(alarm)` / `onInstalled()`; main.js wires them.
export const routes = {};
