/* Leerkring: small progressive enhancements. Everything works without this file. */
(function () {
    "use strict";

    /* A disclosure menu on narrow screens (WCAG 1.4.10): the button appears only with JS. */
    function menu() {
        var button = document.querySelector(".menu-toggle");
        var nav = document.getElementById("site-nav");
        if (!button || !nav) return;
        button.hidden = false;
        button.setAttribute("aria-expanded", "false");
        button.addEventListener("click", function () {
            var open = button.getAttribute("aria-expanded") === "true";
            button.setAttribute("aria-expanded", open ? "false" : "true");
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                button.setAttribute("aria-expanded", "false");
                button.focus();
            }
        });
    }

    /* Wide tables scroll inside a labelled, focusable region instead of widening the page. */
    function scrollTables() {
        document.querySelectorAll("main table").forEach(function (table) {
            if (table.closest(".table-scroll")) return;
            var wrapper = document.createElement("div");
            wrapper.className = "table-scroll";
            wrapper.setAttribute("role", "region");
            wrapper.tabIndex = 0;
            var caption = table.querySelector("caption");
            var section = table.closest("section");
            var heading = section && section.querySelector("h2, h3");
            var label = (caption && caption.textContent.trim()) ||
                (heading && heading.textContent.trim()) || document.title;
            wrapper.setAttribute("aria-label", label);
            table.parentNode.insertBefore(wrapper, table);
            wrapper.appendChild(table);
        });
    }

    /* The error summary takes focus, so a screen reader reads it first (WCAG 3.3.1). */
    function errorSummary() {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) summary.focus();
    }

    function ready() {
        menu();
        scrollTables();
        errorSummary();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", ready);
    } else {
        ready();
    }
    /* After an htmx step of an exercise: announce the feedback and the new step in the live
       region outside the swap, and put focus on the new step's heading (WCAG 2.4.3, 4.1.3). */
    function afterPracticeStep(event) {
        var panel = document.getElementById("practice-panel");
        if (!panel || !panel.contains(event.target) && event.target.id !== "practice-panel") return;
        var heading = panel.querySelector("#step-heading, #summary-heading") ||
            panel.querySelector("h2");
        var announcer = document.getElementById("practice-announcer");
        if (announcer) {
            var feedback = panel.querySelector("#practice-feedback .feedback__verdict, #practice-feedback .message");
            var text = (feedback ? feedback.textContent.trim() + " " : "") +
                (heading ? heading.textContent.trim() : "");
            announcer.textContent = "";
            window.setTimeout(function () { announcer.textContent = text; }, 50);
        }
        if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus();
        }
    }

    document.addEventListener("htmx:afterSettle", function (event) {
        scrollTables();
        afterPracticeStep(event);
    });
})();
