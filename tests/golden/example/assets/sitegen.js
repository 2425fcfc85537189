// News images often sit behind hot-link protection or vanish: hide one that fails rather
// than show a broken icon. Loaded with `defer`, so it also hides those that failed before
// it ran (complete with no width), then catches later failures (lazy images) as they come.
(function () {
  function hide(img) { img.style.display = "none"; }
  addEventListener("error", function (e) {
    var t = e.target;
    if (t && t.tagName === "IMG") hide(t);
  }, true);
  for (var i = 0; i < document.images.length; i++) {
    var img = document.images[i];
    if (img.complete && !img.naturalWidth && img.getAttribute("src")) hide(img);
  }
})();

// On a phone the section bar scrolls sideways: bring the reader's own section into view.
(function () {
  var current = document.querySelector(".sections [aria-current]");
  if (!current) return;
  var item = current.parentNode, bar = item.parentNode;
  bar.scrollLeft = item.offsetLeft - (bar.clientWidth - item.offsetWidth) / 2;
})();
