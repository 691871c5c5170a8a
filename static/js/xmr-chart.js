// Draws the statistical process control (XmR) chart from the figure the page embeds as JSON.
(function () {
  var holder = document.getElementById("xmr-chart");
  var data = document.getElementById("xmr-chart-data");
  if (!holder || !data || !window.Plotly) return;
  var figure = JSON.parse(JSON.parse(data.textContent));
  window.Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displayModeBar: false });
})();
