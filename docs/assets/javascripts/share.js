// Share links: the answer code travels in the URL fragment (#answers=CODE), which browsers never
// send to a server. Making and reading the code is Python's job (quiz.encode/decode_answers);
// share-code.js only reads current-format codes early, while the engine loads.

const PARAM = "answers";

// The code in a fragment such as "#answers=CODE", or null when the fragment holds none.
export function codeFromHash(hash = location.hash) {
  const fragment = hash.replace(/^#/, "");
  if (!fragment.startsWith(`${PARAM}=`)) return null;
  try {
    return decodeURIComponent(fragment.slice(PARAM.length + 1));
  } catch {
    return fragment.slice(PARAM.length + 1); // malformed escapes: let Python name the problem
  }
}

export function linkFor(code, href = location.href) {
  const url = new URL(href);
  url.hash = `${PARAM}=${encodeURIComponent(code)}`;
  return url.href;
}

// Drops the code from the address bar once it has been read, so a reload shows the answers as
// saved since (which may have changed) instead of the link's answers again.
export function forgetCode() {
  const url = new URL(location.href);
  url.hash = "";
  history.replaceState(history.state, "", url.href.replace(/#$/, ""));
}

// Copies text; resolves true when it reached the clipboard, false when the page must show it.
export async function copyText(text) {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
