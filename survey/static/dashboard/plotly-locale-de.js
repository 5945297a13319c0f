/* German number and date formats and toolbar texts for plotly.js (registered once). */
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  window.Plotly.register({
    moduleType: "locale",
    name: "de",
    dictionary: {
      "Autoscale": "Automatische Skalierung",
      "Download plot as a png": "Als PNG herunterladen",
      "Pan": "Verschieben",
      "Reset axes": "Achsen zurücksetzen",
      "Zoom": "Zoom",
      "Zoom in": "Vergrößern",
      "Zoom out": "Verkleinern",
      "Toggle Spike Lines": "Hilfslinien ein-/ausschalten",
      "Show closest data on hover": "Nächsten Wert zeigen",
      "Compare data on hover": "Werte vergleichen",
      "Double-click to zoom back out": "Doppelklick zum Herauszoomen",
      "Box Select": "Rechteckauswahl",
      "Lasso Select": "Lassoauswahl"
    },
    format: {
      days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
      shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
      months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
        "September", "Oktober", "November", "Dezember"],
      shortMonths: ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt",
        "Nov", "Dez"],
      date: "%d.%m.%Y",
      decimal: ",",
      thousands: "."
    }
  });
}());
