// Reads a share code of the current format into answers, so that a shared link's answers can be
// on screen before the engine has loaded. The layout is quiz/_codes.py's: the format digit, then
// base64url(payload + check) without padding; one 4-bit cell per question code, two a byte, high
// cell first, each 0 (not answered) or the option code + 1; the check is the first three bytes of
// SHA-256("worklife-quiz" + format digit + payload). Only an early reading: the engine's decode
// stays the authority, and anything this module is unsure of (an older format, an unknown code,
// a failed check) gives null, which means "wait for the engine".

const SALT = "worklife-quiz";
const CHECK_BYTES = 3;
// quiz/_codes.py's MAX_CODE_LENGTH.
const MAX_LENGTH = 400;
const BODY = /^[A-Za-z0-9_-]*$/;

// question code -> {id, options: option code -> option id}, from the form's data-code attributes
// (macros/templates/quiz_form.j2).
export function codebookOf(form) {
  const book = new Map();
  for (const fieldset of form.querySelectorAll("fieldset[data-question][data-code]")) {
    const options = new Map();
    for (const input of fieldset.querySelectorAll("input[type=radio][data-code]")) {
      options.set(Number(input.dataset.code), input.value);
    }
    book.set(Number(fieldset.dataset.code), { id: fieldset.dataset.question, options });
  }
  return book;
}

// {question id: option id} from a code of `format`, or null when the engine must be waited for.
export async function readShareCode(code, format, book) {
  if (typeof code !== "string" || !format) return null;
  const text = code.trim();
  if (text.length < 2 || text.length > MAX_LENGTH || text[0] !== format) return null;
  const raw = fromBase64url(text.slice(1));
  if (raw === null || raw.length < CHECK_BYTES) return null;
  const payload = raw.slice(0, raw.length - CHECK_BYTES);
  if (!(await checks(format, payload, raw.slice(raw.length - CHECK_BYTES)))) return null;
  const answers = {};
  for (const [index, byte] of payload.entries()) {
    for (const [questionCode, cell] of [
      [2 * index, byte >> 4],
      [2 * index + 1, byte & 0x0f],
    ]) {
      if (cell === 0) continue;
      const option = book.get(questionCode)?.options.get(cell - 1);
      if (option === undefined) return null; // retired or unknown: the engine knows which
      answers[book.get(questionCode).id] = option;
    }
  }
  return answers;
}

// The bytes of an unpadded base64url text, or null unless it is exactly what Python writes.
function fromBase64url(body) {
  if (!BODY.test(body) || body.length % 4 === 1) return null;
  const padded = body.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat(-body.length & 3);
  let binary;
  try {
    binary = atob(padded);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // Spare low bits set in the last character: the engine refuses such a code, so wait for it.
  if (toBase64url(bytes) !== body) return null;
  return bytes;
}

function toBase64url(bytes) {
  const binary = String.fromCharCode(...bytes);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function checks(format, payload, check) {
  // Web Crypto exists only in secure contexts (https, localhost); elsewhere wait for the engine.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return false;
  const prefix = new TextEncoder().encode(SALT + format);
  const data = new Uint8Array(prefix.length + payload.length);
  data.set(prefix);
  data.set(payload, prefix.length);
  let digest;
  try {
    digest = new Uint8Array(await subtle.digest("SHA-256", data));
  } catch {
    return false;
  }
  return check.every((byte, i) => byte === digest[i]);
}
