// Draws the trend chart from the figure the page embeds as JSON.
(function () {
  var holder = document.getElementById("trend-chart");
  var data = document.getElementById("trend-chart-data");
  if (!holder || !data || !window.Plotly) return;
  var figure = JSON.parse(JSON.parse(data.textContent));
  window.Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displayModeBar: false });
})();
