/* Draws the dashboard figures from their JSON data blocks; filters submit on change. */
(function () {
  "use strict";

  function locale() {
    var code = document.documentElement.getAttribute("data-locale") || "de";
    return code.indexOf("de") === 0 ? "de" : "en";
  }

  function draw() {
    var charts = document.querySelectorAll("[data-figure]");
    Array.prototype.forEach.call(charts, function (el) {
      var source = document.getElementById(el.getAttribute("data-figure"));
      if (!source || !window.Plotly) { return; }
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(el, figure.data, figure.layout, {
        locale: locale(),
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d"]
      });
    });
  }

  function autosubmit() {
    var fields = document.querySelectorAll(".js-autosubmit");
    Array.prototype.forEach.call(fields, function (field) {
      field.addEventListener("change", function () {
        if (field.name === "period" && field.value === "custom") { return; }
        field.form.submit();
      });
    });
    var months = document.querySelectorAll(".dashboard-filters input[type=month]");
    Array.prototype.forEach.call(months, function (input) {
      input.addEventListener("change", function () {
        var period = input.form.querySelector("[name=period]");
        if (period) { period.value = "custom"; }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { draw(); autosubmit(); });
  } else {
    draw();
    autosubmit();
  }
}());
