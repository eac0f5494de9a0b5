// Optional: keeps an open results page up to date without reloading it. Every minute, while the
// page is visible, it asks for the page again; the browser sends the ETag it holds, so while no
// form has been accepted the server answers 304 with no body. When the page's main part differs
// from the one shown, it is put in its place and the time of the update is shown. Without
// JavaScript the page is the same, only still.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  if (!status || !window.fetch || !window.DOMParser) return;
  // A page may ask to be polled more often (the quick count, while reports arrive).
  var EVERY = +(status.getAttribute("data-every") || 60000);
  var here = document.getElementById("content");
  var shown = here ? here.innerHTML : "";
  function stamp() {
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var time = two(now.getHours()) + ":" + two(now.getMinutes());
    if (document.documentElement.lang === "km") {
      time = time.replace(/[0-9]/g, function (d) { return "០១២៣៤៥៦៧៨៩".charAt(+d); });
    }
    status.textContent = status.getAttribute("data-updated").replace("{time}", time);
  }
  function poll() {
    if (document.hidden) return;
    fetch(location.pathname + location.search, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
      if (!response.ok) return;
      return response.text().then(function (html) {
        var main = new DOMParser().parseFromString(html, "text/html").getElementById("content");
        if (main && here && main.innerHTML !== shown) {
          shown = main.innerHTML;
          here.innerHTML = shown;
          status = document.getElementById("live-status");
          if (!status) return;
        }
        status.hidden = false;
        stamp();
      });
    }).catch(function () { /* offline: try again next time */ });
  }
  status.hidden = false;
  status.textContent = status.getAttribute("data-waiting");
  setInterval(poll, EVERY);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });
})();
