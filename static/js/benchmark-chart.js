// Draws the benchmark charts (the council beside its neighbours, region and England: the latest year,
// and every year held) from the page's JSON. On a phone the bar chart's names wrap onto short lines,
// so "Richmond upon Thames (neighbour)" is read whole beside its bar rather than cut at the edge.
(function () {
  var data = document.getElementById("benchmark-chart-data");
  if (!data || !window.Plotly) return;
  var figures = JSON.parse(JSON.parse(data.textContent));
  var charts = { "benchmark-chart": figures.latest, "benchmark-over-time-chart": figures.over_time };
  var PHONE = 480;
  var LINE = 14;

  function wrapped(name) {
    var bold = /^<b>(.*)<\/b>$/.exec(name);
    var words = (bold ? bold[1] : name).split(" ");
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > LINE) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    return lines.map(function (text) { return bold ? "<b>" + text + "</b>" : text; }).join("<br>");
  }

  function forPhone(figure) {
    var bars = figure.data[0];
    bars.y = bars.y.map(wrapped);
    var tallest = Math.max.apply(null, bars.y.map(function (name) { return name.split("<br>").length; }));
    figure.layout.height = 120 + (14 * tallest + 18) * bars.y.length;
    figure.layout.font = Object.assign({}, figure.layout.font, { size: 12 });
    return figure;
  }

  Object.keys(charts).forEach(function (id) {
    var holder = document.getElementById(id);
    var figure = charts[id];
    if (!holder || !figure) return;
    if (id === "benchmark-chart" && holder.clientWidth < PHONE) figure = forPhone(figure);
    window.Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displayModeBar: false });
  });
})();
