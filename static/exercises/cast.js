// In the exercise editor, every field that names a persona offers the names of the cast
// (the Personas blocks above it), so authors choose instead of retyping.
(function () {
  "use strict";
  var LIST_ID = "leerkring-cast";
  var NAME_FIELD = /^personas-\d+-value-name$/;
  var PERSONA_FIELD = /(-persona|-nominee|-new_nominee)$|^(proposer|candidate|learner_persona)$/;

  function castNames() {
    var names = [];
    document.querySelectorAll("input[name]").forEach(function (input) {
      if (NAME_FIELD.test(input.name) && input.value.trim()) names.push(input.value.trim());
    });
    return names;
  }

  function refresh() {
    var list = document.getElementById(LIST_ID);
    if (!list) {
      list = document.createElement("datalist");
      list.id = LIST_ID;
      document.body.appendChild(list);
    }
    list.replaceChildren();
    castNames().forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
    document.querySelectorAll("input[name]").forEach(function (input) {
      if (PERSONA_FIELD.test(input.name)) input.setAttribute("list", LIST_ID);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    document.addEventListener("input", function (event) {
      if (event.target.name && NAME_FIELD.test(event.target.name)) refresh();
    });
    // New blocks are added without a page load.
    new MutationObserver(function (mutations) {
      var outside = mutations.some(function (m) { return m.target.id !== LIST_ID; });
      if (outside) refresh();
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
