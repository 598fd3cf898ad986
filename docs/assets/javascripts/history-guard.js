// A classic script placed before Material's bundle, so that its popstate listener runs first.
//
// Material's instant navigation takes the first popstate after a page load for a page change even
// when only the fragment changed: it fetches and renders the page anew, then sets the fragment
// again. A share link typed over the quiz page's own address is such a change. The quiz module
// opens it in place (quiz-form.js), and a render halfway through would race the form being
// filled, so that one event stops here. Every other popstate passes through untouched.
addEventListener("popstate", (event) => {
  // data-path is written by quiz-form.js once it has taken over the quiz on screen.
  const quiz = document.querySelector("[data-quiz][data-path]");
  // "answers=" is the share-link parameter of share.js.
  if (quiz?.dataset.path === location.pathname && location.hash.startsWith("#answers=")) {
    event.stopImmediatePropagation();
  }
});
