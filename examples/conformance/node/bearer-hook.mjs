// Loaded with `node --import` before the conformance suite: gives every request the suite sends
// to the gateway (GATEHOUSE_URL) the agent token GATEHOUSE_TOKEN as a bearer header. The suite has
// no option for headers, and Gatehouse has no switch that turns authentication off.
import { Agent, setGlobalDispatcher } from "undici";

const token = process.env.GATEHOUSE_TOKEN;
const origin = new URL(process.env.GATEHOUSE_URL).origin;
if (!token) {
  throw new Error("bearer-hook: GATEHOUSE_TOKEN is not set");
}
const bearer = `Bearer ${token}`;

function withBearer(headers) {
  if (headers == null) {
    return { authorization: bearer };
  }
  if (Array.isArray(headers)) {
    const named = headers.some((v, i) => i % 2 === 0 && String(v).toLowerCase() === "authorization");
    return named ? headers : [...headers, "authorization", bearer];
  }
  if (typeof headers[Symbol.iterator] === "function" && !(typeof headers === "string")) {
    const copy = new Headers(headers);
    if (!copy.has("authorization")) copy.set("authorization", bearer);
    return Object.fromEntries(copy.entries());
  }
  const named = Object.keys(headers).some((k) => k.toLowerCase() === "authorization");
  return named ? headers : { ...headers, authorization: bearer };
}

// Raw requests (undici.request) and fetch both go through the global dispatcher.
setGlobalDispatcher(
  new Agent().compose((dispatch) => (options, handler) => {
    const target = String(options.origin ?? "");
    return dispatch(
      target === origin ? { ...options, headers: withBearer(options.headers) } : options,
      handler,
    );
  }),
);

// Node's own fetch may use its bundled undici; cover it directly too.
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init = {}) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (new URL(url).origin !== origin) {
    return realFetch(input, init);
  }
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  if (!headers.has("authorization")) headers.set("authorization", bearer);
  return realFetch(input, { ...init, headers });
};
