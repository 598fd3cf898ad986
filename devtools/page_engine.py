"""JavaScript that tests and benchmarks evaluate in a quiz page to reach the page's own engine.

The engine lives in engine-client.js, a module the page imported through boot.js; importing it
again from the same address gives the same module instance, so these snippets talk to the very
worker the page started (no second Pyodide). Pass them to Playwright's page.evaluate, or to
puppeteer's, as function source.
"""

from __future__ import annotations

# The page's engine object (engineFor on the quiz element), from boot.js's own address.
_PAGE_ENGINE = """(async () => {
    const boot = document.querySelector('script[src*="boot.js"]').src;
    const { engineFor } = await import(new URL("engine-client.js", boot).href);
    return engineFor(document.querySelector("[data-quiz]"));
  })()"""

# Called with [op, args]: the JSON text the engine replies to that request.
ENGINE_REPLY = f"""async ([op, args]) => {{
  const engine = await {_PAGE_ENGINE};
  return engine.requestText(op, args);
}}"""

# Called with [[op, args], ...]: the reply texts in order, in one round trip (WebDriver's are slow).
ENGINE_REPLIES = f"""async (requests) => {{
  const engine = await {_PAGE_ENGINE};
  const replies = [];
  for (const [op, args] of requests) replies.push(await engine.requestText(op, args));
  return replies;
}}"""

# The worker's own start-up timings ({boot, total} in ms), once the engine is ready.
ENGINE_TIMINGS = f"""async () => {{
  const engine = await {_PAGE_ENGINE};
  return engine.timings;
}}"""
