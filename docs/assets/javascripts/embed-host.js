// For the page that embeds the quiz: sizes each <iframe data-balance-or-blend> to the height
// its content reports, so the quiz never scrolls inside a scrolling page. Plain script, no
// dependencies, no build step; copy it to your intranet or load it from your copy of the guide:
//
//   <iframe src="https://guide.example.com/quiz/embed/" data-balance-or-blend
//           title="..." width="100%" height="900" loading="lazy"></iframe>
//   <script src="https://guide.example.com/assets/javascripts/embed-host.js" defer></script>
//
// A message is only believed when it comes from that iframe's own window and from the origin
// of its src; anything else is ignored. Without this script the iframe keeps its height
// attribute, so the quiz still works, with a scrollbar of its own.
(function () {
  var TYPE = "balance-or-blend:height";
  var MAX_HEIGHT = 40000; // a runaway report must not make the page endless

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-balance-or-blend]"));
  }

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute("src"), document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== TYPE || typeof data.height !== "number") return;
    var list = frames();
    for (var i = 0; i < list.length; i += 1) {
      var frame = list[i];
      if (frame.contentWindow !== event.source || originOf(frame) !== event.origin) continue;
      var height = Math.min(Math.max(Math.ceil(data.height), 100), MAX_HEIGHT);
      frame.style.height = height + "px";
      frame.setAttribute("scrolling", "no");
      return;
    }
  });

  // Frames that finished loading before this script ran have already reported; ask again.
  function ask() {
    frames().forEach(function (frame) {
      var origin = originOf(frame);
      if (origin && frame.contentWindow) {
        frame.contentWindow.postMessage({ type: TYPE + "?" }, origin);
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ask);
  else ask();
  window.addEventListener("load", ask);
})();
