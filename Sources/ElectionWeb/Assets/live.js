// Optional: keeps an open results page up to date without reloading it. Every minute, while the
// page is visible, it asks for the page again; the browser sends the ETag it holds, so while no
// form has been accepted the server answers 304 with no body. When the page has changed, its main
// part is put in place of the old one and the time of the update is shown. Without JavaScript the
// page is the same, only still.
(function () {
  "use strict";
  var EVERY = 60000;
  var status = document.getElementById("live-status");
  if (!status || !window.fetch || !window.DOMParser) return;
  var tag = null;
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
      var fresh = response.headers.get("ETag");
      if (tag === null) { tag = fresh; stamp(); return; }
      if (fresh === tag) { stamp(); return; }
      tag = fresh;
      return response.text().then(function (html) {
        var main = new DOMParser().parseFromString(html, "text/html").getElementById("content");
        var here = document.getElementById("content");
        if (!main || !here) return;
        here.innerHTML = main.innerHTML;
        status = document.getElementById("live-status");
        if (status) { status.hidden = false; stamp(); }
      });
    }).catch(function () { /* offline: try again next time */ });
  }
  status.hidden = false;
  status.textContent = status.getAttribute("data-waiting");
  poll();
  setInterval(poll, EVERY);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });
})();
