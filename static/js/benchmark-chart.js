// Draws the benchmark chart (the council beside its neighbours, region and England) from the page's JSON.
(function () {
  var holder = document.getElementById("benchmark-chart");
  var data = document.getElementById("benchmark-chart-data");
  if (!holder || !data || !window.Plotly) return;
  var figure = JSON.parse(JSON.parse(data.textContent));
  window.Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displayModeBar: false });
})();
