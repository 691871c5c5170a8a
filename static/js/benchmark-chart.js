// Draws the benchmark charts (the council beside its neighbours, region and England: the latest year,
// and every year held) from the page's JSON.
(function () {
  var data = document.getElementById("benchmark-chart-data");
  if (!data || !window.Plotly) return;
  var figures = JSON.parse(JSON.parse(data.textContent));
  var charts = { "benchmark-chart": figures.latest, "benchmark-over-time-chart": figures.over_time };
  Object.keys(charts).forEach(function (id) {
    var holder = document.getElementById(id);
    var figure = charts[id];
    if (!holder || !figure) return;
    window.Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displayModeBar: false });
  });
})();
