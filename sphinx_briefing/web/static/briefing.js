/* Previews of citations and glossary terms: keyboard access and Escape to dismiss.
   CSS shows a preview on hover and focus; this script links each preview to its
   link for screen readers and lets Escape hide it (WCAG 1.4.13). A table or text block too wide
   for the screen scrolls inside itself; it is made reachable by keyboard and named,
   so that keyboard users can scroll it too (WCAG 2.1.1). */
(function () {
  "use strict";
  document.querySelectorAll(".bb-preview-host").forEach(function (host) {
    var link = host.querySelector("a");
    var tip = host.querySelector(".bb-preview");
    if (!link || !tip) { return; }
    link.setAttribute("aria-describedby", tip.id);
    host.addEventListener("mouseleave", function () { host.classList.remove("bb-dismissed"); });
    link.addEventListener("blur", function () { host.classList.remove("bb-dismissed"); });
  });
  var scrolling = 0;
  document.querySelectorAll(".table-wrapper, table.docutils, pre").forEach(function (box) {
    if (box.scrollWidth <= box.clientWidth || box.closest("[tabindex]")) { return; }
    scrolling += 1;
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", (box.tagName === "PRE" ? "Text block " : "Table ") + scrolling + " (scrolls sideways)");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(".bb-preview-host").forEach(function (host) {
      host.classList.add("bb-dismissed");
    });
  });
})();
