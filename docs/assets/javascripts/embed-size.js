// Inside the embeddable quiz (quiz/embed/): tells the page that frames it how tall the content
// is, whenever that changes, so the host's embed-host.js can size the <iframe> to fit and the
// reader never scrolls inside a scrolling page. Started by boot.js for [data-module=embed-size].
//
// The message is {type: "balance-or-blend:height", height: <CSS pixels>}. It carries no answer
// and nothing else, so it goes to any parent ("*"); the host checks where it came from.

export const MESSAGE_TYPE = "balance-or-blend:height";

export function contentHeight(doc = document) {
  // embed.css lets the body shrink to its content, so this is the content's height, not the
  // frame's: the frame can grow and shrink with the quiz.
  return Math.ceil(doc.body.getBoundingClientRect().height);
}

export function init() {
  if (window.parent === window) return; // not framed: nothing to tell
  let last = 0;
  const report = () => {
    const height = contentHeight();
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: MESSAGE_TYPE, height }, "*");
  };
  new ResizeObserver(report).observe(document.body);
  // A host script that loads after the frame asks again.
  window.addEventListener("message", (event) => {
    if (event.source === window.parent && event.data?.type === `${MESSAGE_TYPE}?`) {
      last = 0;
      report();
    }
  });
  report();
}
