// Served only by the engine tests, as the first script of each page they open (a same-origin file,
// so the strict CSP allows it): records what the page reports about itself, the same way in every
// engine. WebKitGTK's WebDriver has no console capture, so this is the one witness there.
(() => {
  const seen = { errors: [], violations: [] };
  window.__engineProbe = seen;
  const text = (value) =>
    value instanceof Error ? `${value.name}: ${value.message}` : String(value);

  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    seen.errors.push(`console.error: ${args.map(text).join(" ")}`);
    consoleError(...args);
  };
  // Capturing: a script, style or image that fails to load reports here too (it does not bubble).
  window.addEventListener(
    "error",
    (event) => {
      const target = event.target;
      if (target && target !== window && "src" in target) {
        seen.errors.push(`failed to load ${target.src || target.href}`);
      } else if (target && target !== window && "href" in target) {
        seen.errors.push(`failed to load ${target.href}`);
      } else {
        seen.errors.push(`uncaught: ${event.message} (${event.filename}:${event.lineno})`);
      }
    },
    true,
  );
  window.addEventListener("unhandledrejection", (event) => {
    seen.errors.push(`unhandled rejection: ${text(event.reason)}`);
  });
  document.addEventListener("securitypolicyviolation", (event) => {
    seen.violations.push(
      `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ` +
        `${event.sourceFile}:${event.lineNumber} ${event.sample}`,
    );
  });
})();
