// The event stream: Server-Sent Events read with fetch() (EventSource cannot send the
// Authorization header a token needs). Reconnects by itself, asking only for what it has
// not seen (`after`) from the same server process (`epoch`).

const RETRY_MS = [500, 1000, 2000, 5000];

export async function follow(headers, { onItems, onReady, onReset, onStatus }) {
  let after = 0;
  let epoch = "";
  for (let attempt = 0; ; attempt += 1) {
    try {
      const url = new URL("/api/stream", window.location.origin);
      if (epoch) {
        url.searchParams.set("after", String(after));
        url.searchParams.set("epoch", epoch);
      }
      const response = await fetch(url, { headers, cache: "no-store" });
      if (response.status === 401) {
        onStatus("token");
        return;
      }
      if (!response.ok) throw new Error(`stream answered ${response.status}`);
      onStatus("live");
      attempt = 0;
      for await (const message of messages(response.body)) {
        if (message.event === "items") {
          const items = JSON.parse(message.data);
          if (items.length) after = items[items.length - 1].seq;
          onItems(items);
        } else if (message.event === "ready") {
          const ready = JSON.parse(message.data);
          epoch = ready.epoch;
          onReady(ready);
        } else if (message.event === "reset") {
          epoch = JSON.parse(message.data).epoch;
          after = 0;
          onReset();
        }
      }
    } catch (error) {
      console.warn("event stream interrupted:", error.message);
    }
    onStatus("reconnecting");
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
  }
}

// Yields {event, data} for each message of an SSE body; comment lines are dropped.
async function* messages(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = { event: "message", data: "" };
      for (const line of block.split("\n")) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") message.event = value;
        else if (field === "data") message.data += value;
      }
      if (message.data) yield message;
    }
  }
}
