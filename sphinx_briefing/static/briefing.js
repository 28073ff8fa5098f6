/* Previews of citations and glossary terms: keyboard access and Escape to dismiss.
   CSS shows a preview on hover and focus; this script links each preview to its
   link for screen readers and lets Escape hide it (WCAG 1.4.13). */
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
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(".bb-preview-host").forEach(function (host) {
      host.classList.add("bb-dismissed");
    });
  });
})();
