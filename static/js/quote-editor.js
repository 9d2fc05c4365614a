/* The quote editor, enhanced: "Add a line" copies an empty line in the page instead of
   posting the form, "Remove this line" hides the line, and the totals follow every key.
   Without JavaScript the same buttons post the form and the server does all of it.

   The sums are those of bookings/vat.py, in whole numbers so no cent is lost to floating
   point: line amounts in 1/10 000 euro, VAT per rate on the rate's unrounded subtotal,
   rounded half up to cents once. */
(function () {
  "use strict";

  function parseAmount(text) {
    // Dutch input ("2.450,50") or plain ("2450.50"): returns hundredths, or null.
    var value = (text || "").trim().replace(/\s|€/g, "");
    if (value === "") { return null; }
    if (value.indexOf(",") !== -1) { value = value.replace(/\./g, "").replace(",", "."); }
    if (!/^\d+(\.\d{0,2})?$/.test(value)) { return null; }
    var parts = value.split(".");
    return parseInt(parts[0], 10) * 100 + parseInt(((parts[1] || "") + "00").slice(0, 2), 10);
  }

  function halfUp(numerator, denominator) {
    return Math.floor((numerator + denominator / 2) / denominator);
  }

  var euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

  function init() {
    var form = document.getElementById("quote-form");
    var ratesNode = document.getElementById("quote-vat-rates");
    if (!form || !ratesNode) { return; }
    var rates = JSON.parse(ratesNode.textContent);
    var container = document.getElementById("quote-lines");
    var template = document.getElementById("quote-line-template");
    var totalForms = form.querySelector("[name=lines-TOTAL_FORMS]");
    var totals = document.getElementById("quote-totals");
    var announcement = document.getElementById("total-announcement");
    var announceTimer = null;

    function lines() {
      return Array.prototype.slice.call(container.querySelectorAll("[data-quote-line]"));
    }

    function field(line, name) {
      return line.querySelector("[name$='-" + name + "']");
    }

    function recalculate() {
      var sums = {};  // VAT category -> amount in 1/10 000 euro
      lines().forEach(function (line) {
        var remove = field(line, "DELETE");
        if (remove && remove.checked) { return; }
        var quantity = parseAmount(field(line, "quantity").value);
        var price = parseAmount(field(line, "unit_price").value);
        if (quantity === null || price === null) { return; }
        var category = field(line, "vat_category").value;
        sums[category] = (sums[category] || 0) + quantity * price;
      });
      var subtotal = 0;
      var vatTotal = 0;
      var body = totals.querySelector("tbody");
      body.querySelectorAll("[data-vat-row]").forEach(function (row) { row.remove(); });
      var totalRow = body.querySelector(".total");
      rates.forEach(function (rate) {
        var category = rate.category;
        if (!(category in sums)) { return; }
        var percent = Math.round(parseFloat(rate.rate) * 100);
        var sub = halfUp(sums[category], 100);
        var vat = halfUp(sums[category] * percent, 10000);  // 1/1 000 000 euro to cents
        subtotal += sub;
        vatTotal += vat;
        var row = document.createElement("tr");
        row.setAttribute("data-vat-row", category);
        var head = document.createElement("th");
        head.scope = "row";
        head.textContent = rate.label;
        var cell = document.createElement("td");
        cell.className = "number";
        cell.textContent = euro.format(vat / 100);
        row.append(head, cell);
        body.insertBefore(row, totalRow);
      });
      totals.querySelector("[data-total=subtotal]").textContent = euro.format(subtotal / 100);
      var total = euro.format((subtotal + vatTotal) / 100);
      totals.querySelector("[data-total=total]").textContent = total;
      // Announce the new total once typing pauses, not on every key.
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        announcement.textContent = totals.querySelector(".total th").textContent + ": " + total;
      }, 800);
    }

    function markRemoved(line) {
      var remove = field(line, "DELETE");
      line.classList.toggle("quote-line--removed", Boolean(remove && remove.checked));
    }

    form.querySelector("#add-line").addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(totalForms.value, 10);
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(lines().length + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var line = holder.firstElementChild;
      container.insertBefore(line, form.querySelector("#add-line").parentNode);
      totalForms.value = String(index + 1);
      field(line, "description").focus();
      recalculate();
    });

    form.addEventListener("input", recalculate);
    form.addEventListener("change", function (event) {
      var line = event.target.closest("[data-quote-line]");
      if (line && event.target.name && /-DELETE$/.test(event.target.name)) { markRemoved(line); }
      recalculate();
    });
    lines().forEach(markRemoved);
    recalculate();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
