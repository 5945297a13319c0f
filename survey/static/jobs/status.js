// The status page of a report or export job reloads itself every 3 s while the job
// waits or runs. The button stops that (WCAG 2.2.1: a time limit the user can turn off);
// without JavaScript the page shows a link to reload it by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-refresh]");
  if (!box) return;
  var button = box.querySelector("button");
  var timer = window.setTimeout(function () { window.location.reload(); }, 3000);
  button.hidden = false;
  button.addEventListener("click", function () {
    window.clearTimeout(timer);
    button.disabled = true;
    button.textContent = button.getAttribute("data-stopped");
  });
})();
