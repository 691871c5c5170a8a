// Draws each breakdown's chart of parts over time from the figure its section embeds as JSON.
(function () {
  if (!window.Plotly) return;
  document.querySelectorAll("[data-parts-chart]").forEach(function (holder) {
    var data = document.getElementById(holder.getAttribute("data-parts-chart"));
    if (!data) return;
    var figure = JSON.parse(JSON.parse(data.textContent));
    window.Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displayModeBar: false });
  });
})();
