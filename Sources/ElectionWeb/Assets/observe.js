// Optional: keeps checklists, incident reports and visits that could not be sent (no network) on
// the phone and sends them again when the network is back. The page works without it. A report
// is only ever removed from the queue once the server has answered it (each carries the id its
// form was given, so a report that did arrive before is not stored twice); when the server answers
// with an error, the page it sends (with the error on the field) is shown so the observer can fix it.
(function () {
  "use strict";
  var KEY = "sala-observe-queue";
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; } }
  function save(q) { localStorage.setItem(KEY, JSON.stringify(q)); show(q); }
  function show(q) {
    var note = document.getElementById("observe-queue");
    if (!note) return;
    note.hidden = q.length === 0;
    var count = String(q.length);
    if (document.documentElement.lang === "km") count = count.replace(/[0-9]/g, function (d) { return "០១២៣៤៥៦៧៨៩"[d]; });
    note.textContent = (note.getAttribute("data-text") || "{count}").replace("{count}", count);
  }
  function send(item) {
    return fetch(item.action, { method: "POST", body: item.body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }
  var sending = false;
  function flush() {
    var q = load();
    // Not gated on navigator.onLine: phones report it wrongly, and a send with no network only fails.
    if (q.length === 0 || sending) return;
    var item = q[0];
    sending = true;
    send(item).then(function (response) {
      return response.text().then(function (html) {
        sending = false;
        save(load().filter(function (other) { return other.id !== item.id; }));
        if (!response.ok) { document.open(); document.write(html); document.close(); return; }
        // The list of what was sent is the server's: show it again once everything has arrived.
        if (load().length === 0 && document.getElementById("observe-sent")) { location.reload(); return; }
        flush();
      });
    }).catch(function () { sending = false; /* still offline: keep it */ });
  }
  var form = document.querySelector("form[data-observe-queue]");
  // Skip logic: a follow-up question is shown only when the answer it depends on is given;
  // otherwise it is hidden and its fields disabled, so nothing is sent for it.
  function applySkipLogic() {
    var asked = form.querySelectorAll("fieldset[data-ask-if]");
    for (var i = 0; i < asked.length; i++) {
      var set = asked[i], name = set.getAttribute("data-ask-if"), equals = set.getAttribute("data-equals");
      var chosen = form.querySelectorAll("[name='" + name + "']"), on = false;
      for (var j = 0; j < chosen.length; j++) {
        var input = chosen[j];
        if (input.disabled) continue;
        if ((input.type === "radio" || input.type === "checkbox") ? (input.checked && input.value === equals) : input.value === equals) on = true;
      }
      set.hidden = !on;
      var inputs = set.querySelectorAll("input, textarea, select");
      for (var k = 0; k < inputs.length; k++) inputs[k].disabled = !on;
    }
  }
  if (form) {
    form.addEventListener("change", applySkipLogic);
    applySkipLogic();

    form.addEventListener("submit", function (event) {
      var body = new URLSearchParams(new FormData(form)).toString();
      var id = form.querySelector("input[name=id]").value;
      event.preventDefault();
      send({ action: form.action, body: body }).then(function (response) {
        return response.text().then(function (html) { document.open(); document.write(html); document.close(); });
      }).catch(function () {
        var q = load().filter(function (other) { return other.id !== id; });
        q.push({ id: id, action: form.action, body: body });
        save(q);
      });
    });
  }
  show(load());
  window.addEventListener("online", flush);
  // A phone that misses the "online" event still sends what waits, within half a minute.
  setInterval(function () { if (load().length > 0) flush(); }, 30000);
  flush();
})();
