// A minimal WebDriver BiDi client: commands answered by id, events handed to listeners.
import WebSocket from "ws";

export async function connectBidi(url) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let nextId = 0;
  const pending = new Map();
  const listeners = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(data);
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject, method } = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === "error") reject(new Error(`${method}: ${message.error}: ${message.message}`));
      else resolve(message.result);
    } else if (message.type === "event") {
      for (const listener of listeners.get(message.method) ?? []) listener(message.params);
    }
  });
  socket.on("close", () => {
    for (const { reject, method } of pending.values()) reject(new Error(`${method}: the browser closed the connection`));
    pending.clear();
  });
  return {
    send(method, params = {}) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on(method, listener) {
      if (!listeners.has(method)) listeners.set(method, []);
      listeners.get(method).push(listener);
    },
    close: () => socket.close(),
  };
}
