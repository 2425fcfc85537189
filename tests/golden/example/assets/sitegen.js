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

// The category directory's filter box: narrow 2,000 categories by title, pinyin initials
// or slug as the reader types. The box stays hidden without JavaScript.
(function () {
  var box = document.querySelector(".directory-filter");
  if (!box) return;
  var input = document.getElementById("directory-filter");
  var found = document.getElementById("directory-found");
  var groups = document.querySelectorAll(".directory-group");
  box.hidden = false;
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase(), total = 0;
    groups.forEach(function (group) {
      var shown = 0;
      group.querySelectorAll("li").forEach(function (item) {
        var match = !query || item.firstElementChild.textContent.toLowerCase().indexOf(query) >= 0
          || item.getAttribute("data-k").indexOf(query) >= 0;
        item.hidden = !match;
        if (match) shown++;
      });
      group.hidden = !shown;
      total += shown;
    });
    found.textContent = query ? "找到 " + total + " 个" : "";
  });
})();
