// Saves text as a file on the reader's device, made in the browser (a Blob URL): nothing is
// uploaded. The name and type say what the file is; the caller's template gives the words.

export function downloadFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL can go after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
