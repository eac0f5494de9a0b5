// The refused field, named by this script tag's data-field, marked for the eye and for screen
// readers and given the focus. A file rather than a script in each page, so that the pages'
// Content-Security-Policy allows it whichever field it names.
(function () {
  "use strict";
  var script = document.currentScript, name = script && script.getAttribute("data-field");
  var field = name && document.getElementById(name);
  if (field) { field.setAttribute("aria-invalid", "true"); field.focus(); }
})();
